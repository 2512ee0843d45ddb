package org.oaiconformance.auth.bearer;

import io.restassured.http.Method;
import org.oaiconformance.contract.catalogue.Verifies;
import org.oaiconformance.contract.check.ConformanceChecks;
import org.oaiconformance.contract.check.Expect;
import org.oaiconformance.contract.http.ChatRequests;
import org.oaiconformance.contract.http.Credentials;
import org.oaiconformance.contract.http.Exchange;
import org.oaiconformance.contract.outcome.Observations;
import org.oaiconformance.contract.wire.OpenAiWire;
import org.testng.SkipException;
import org.testng.annotations.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What a refusal looks like around its status: headers, order of checks, preflight, attribution headers. */
public class RefusalResponseChecks extends ConformanceChecks {
    static final Map<String, String> ATTRIBUTION = OpenAiWire.ATTRIBUTION_HEADERS;

    private Exchange refusedUnknownKey() {
        Exchange exchange = chat(RefusalCase.unknownKey().credentials());
        if (exchange.status() != 401) {
            throw new SkipException("the target did not refuse an unknown key with 401 (HTTP " + exchange.status() + "): see AUTH-004");
        }
        return exchange;
    }

    /** Verifies: AUTH-014 (RFC 9110 §11.6.1). If this fails, add 'WWW-Authenticate: Bearer realm="..."' to 401 answers. */
    @Test
    @Verifies("AUTH-014")
    public void recommended_auth014_refusalCarriesWwwAuthenticateBearer() {
        Exchange exchange = refusedUnknownKey();
        String challenge = exchange.response().header("WWW-Authenticate");
        if (challenge == null || !challenge.strip().toLowerCase(Locale.ROOT).startsWith("bearer")) {
            Expect.fail(exchange, "expected a 'WWW-Authenticate: Bearer ...' header, found " + (challenge == null ? "none" : "'" + challenge + "'"));
        }
    }

    /** Verifies: AUTH-015 (docs/evidence.md#r11). If this fails, send x-request-id (or request-id) on every answer. */
    @Test
    @Verifies("AUTH-015")
    public void recommended_auth015_responsesCarryARequestId() {
        for (Exchange exchange : new Exchange[] {chat(RefusalCase.unknownKey().credentials()), probe(target().validKey())}) {
            if (exchange.requestId().isEmpty()) {
                Expect.fail(exchange, "expected a request id header (x-request-id, request-id, x-generation-id)");
            }
        }
    }

    /** Verifies: AUTH-016 (docs/evidence.md#r19). If this fails, authenticate before parsing the body. */
    @Test
    @Verifies("AUTH-016")
    public void recommended_auth016_credentialsAreCheckedBeforeTheBody() {
        Exchange wellFormed = chat(Credentials.none());
        if (wellFormed.status() != 401) {
            throw new SkipException("cannot judge: a well-formed request without credentials is not refused either (HTTP "
                    + wellFormed.status() + "): see AUTH-002");
        }
        Exchange exchange = target().post(CHAT, new Credentials(List.of(), "no Authorization header and a malformed body"),
                "{\"model\": \"x\", \"messages\": [");
        if (exchange.status() != 401) {
            Expect.refused(exchange, Set.of(401));
        }
    }

    /** Verifies: AUTH-017 (Fetch §4.8). If this fails, answer OPTIONS before the auth middleware. */
    @Test
    @Verifies("AUTH-017")
    public void recommended_auth017_corsPreflightNeedsNoCredentials() {
        Exchange exchange = target().send(Method.OPTIONS, CHAT, Credentials.none(), null, Map.of("Origin", "https://example.org",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization, content-type"));
        Observations.record("preflight answered HTTP " + exchange.status());
        if (exchange.status() == 401 || exchange.status() == 403) {
            Expect.fail(exchange, "expected the preflight to be answered without credentials (not 401 or 403)");
        }
    }

    /**
     * With HTTP-Referer, X-Title and X-OpenRouter-Title set, an unknown key is still refused and the valid key gets the
     * same answer as without them. Judged on chat completions, the route the headers are for (a target may have no
     * models route: that is CHAT-007's business), with a body that runs no model for the valid key.
     * Verifies: AUTH-018 (docs/evidence.md#openrouter-guide). If this fails, the attribution headers reach the auth decision.
     */
    @Test
    @Verifies("AUTH-018")
    public void required_auth018_attributionHeadersDoNotChangeTheAuthOutcome() {
        Exchange unknown = target().send(Method.POST, CHAT, RefusalCase.unknownKey().credentials(),
                ChatRequests.minimal(model()), ATTRIBUTION);
        if (unknown.status() != 401) {
            Expect.refused(unknown, Set.of(401));
        }
        Exchange plain = chatAuthOutcome(target().validKey(), Map.of());
        Exchange attributed = chatAuthOutcome(target().validKey(), ATTRIBUTION);
        if (attributed.status() != plain.status()) {
            Expect.fail(attributed, "expected the valid key to get the same answer with the attribution headers as without"
                    + " them (HTTP " + plain.status() + ")");
        }
    }
}
