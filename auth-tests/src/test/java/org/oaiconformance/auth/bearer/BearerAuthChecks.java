package org.oaiconformance.auth.bearer;

import org.oaiconformance.contract.catalogue.Verifies;
import org.oaiconformance.contract.check.ConformanceChecks;
import org.oaiconformance.contract.check.Expect;
import org.oaiconformance.contract.http.ChatRequests;
import org.oaiconformance.contract.http.Credentials;
import org.oaiconformance.contract.http.Exchange;
import org.testng.annotations.Test;

/**
 * Bearer handling on {@code POST chat/completions}: the valid key is served, and every shape of missing or wrong
 * credentials is refused with 401. Only the first check reaches a model; refusals cost no inference.
 */
public class BearerAuthChecks extends ConformanceChecks {
    static final String CHAT = "/chat/completions";

    /**
     * A valid key sent as {@code Authorization: Bearer <key>} is accepted.
     * Verifies: AUTH-001 (both seeds; RFC 6750 §2.1). One billable call.
     * If this fails, check that the configured key and model are valid for this target, then the 'Bearer' parsing.
     */
    @Test
    @Verifies("AUTH-001")
    public void required_auth001_validBearerKeyGetsACompletion() {
        Exchange exchange = target().post(CHAT, target().validKey(), ChatRequests.minimal(model()));
        Expect.status("AUTH-001", exchange, 200);
    }

    /**
     * A request without an Authorization header is refused with 401.
     * Verifies: AUTH-002 (RFC 6750 §3.1). If this fails, check that routes are not served anonymously.
     */
    @Test
    @Verifies("AUTH-002")
    public void required_auth002_missingAuthorizationIsRefusedWith401() {
        refused("AUTH-002", RefusalCases.missingHeader());
    }

    /**
     * {@code Authorization: Bearer } with nothing after it is refused with 401.
     * Verifies: AUTH-003 (RFC 6750 §2.1; openai-python#961, the SDK's own empty-key bug).
     * If this fails with a 5xx, check the token parsing for an empty-string or index error.
     */
    @Test
    @Verifies("AUTH-003")
    public void required_auth003_emptyBearerTokenIsRefusedWith401() {
        refused("AUTH-003", RefusalCases.emptyBearer());
    }

    /**
     * A well-formed key that the target never issued is refused with 401.
     * Verifies: AUTH-004 (RFC 6750 §3.1). If this fails with 403, the target confuses authentication and authorization.
     */
    @Test
    @Verifies("AUTH-004")
    public void required_auth004_unknownKeyIsRefusedWith401() {
        refused("AUTH-004", RefusalCases.unknownKey());
    }

    /**
     * An unknown key under the Basic scheme is refused with 401.
     * Verifies: AUTH-005 (RFC 9110 §11.6.2, §15.5.2). If this fails with 400, the target treats an unknown scheme as a
     * malformed request; SDKs only raise their authentication error on 401.
     */
    @Test
    @Verifies("AUTH-005")
    public void required_auth005_otherSchemeWithUnknownKeyIsRefusedWith401() {
        refused("AUTH-005", RefusalCases.unknownKeyUnderBasic());
    }

    private void refused(String requirement, Credentials credentials) {
        Expect.refusedWith401(requirement, target().post(CHAT, credentials, ChatRequests.minimal(model())));
    }
}
