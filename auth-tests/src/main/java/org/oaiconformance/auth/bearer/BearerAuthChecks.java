package org.oaiconformance.auth.bearer;

import org.oaiconformance.contract.catalogue.Verifies;
import org.oaiconformance.contract.check.ConformanceChecks;
import org.oaiconformance.contract.check.Expect;
import org.oaiconformance.contract.http.Exchange;
import org.oaiconformance.contract.outcome.Observations;
import org.testng.annotations.Test;

import java.util.List;

/**
 * Bearer handling on non-stream {@code POST chat/completions}: the valid key is served, and every shape of missing
 * or wrong credentials is refused with 401, never a 2xx or 5xx. Only the first check reaches a model.
 */
public class BearerAuthChecks extends ConformanceChecks {

    /**
     * A valid key sent as {@code Authorization: Bearer <key>} is accepted.
     * Verifies: AUTH-001 (both gateway guides, docs/evidence.md#guides; RFC 6750 §2.1). One billable call.
     * If this fails, check that the configured key and model are valid for this target, then the 'Bearer' parsing.
     */
    @Test
    @Verifies("AUTH-001")
    public void required_auth001_validBearerKeyGetsACompletion() {
        Expect.status(chat(target().validKey()), 200);
    }

    /** Verifies: AUTH-002 (RFC 6750 §3.1). If this fails, check that routes are not served anonymously. */
    @Test
    @Verifies("AUTH-002")
    public void required_auth002_missingAuthorizationIsRefusedWith401() {
        refusedOnChat("AUTH-002");
    }

    /** Verifies: AUTH-003 (openai-python#961). If this fails with a 5xx, check the token parsing for an empty-string error. */
    @Test
    @Verifies("AUTH-003")
    public void required_auth003_emptyBearerTokenIsRefusedWith401() {
        refusedOnChat("AUTH-003");
    }

    /** Verifies: AUTH-004 (RFC 6750 §3.1). If this fails with 403, the target confuses authentication and authorization. */
    @Test
    @Verifies("AUTH-004")
    public void required_auth004_unknownKeyIsRefusedWith401() {
        refusedOnChat("AUTH-004");
    }

    /** Verifies: AUTH-005 (RFC 9110 §11.6.2). If this fails with 400, the target treats an unknown scheme as a bad request. */
    @Test
    @Verifies("AUTH-005")
    public void required_auth005_otherSchemeWithUnknownKeyIsRefusedWith401() {
        refusedOnChat("AUTH-005");
    }

    /** Verifies: AUTH-006. If this fails, check that the token is not trimmed or de-spaced before the key lookup. */
    @Test
    @Verifies("AUTH-006")
    public void required_auth006_whitespaceTokensAreRefusedWith401() {
        refusedOnChat("AUTH-006");
    }

    /** Verifies: AUTH-007. If this fails, check the key comparison: it must be exact, not a prefix match. */
    @Test
    @Verifies("AUTH-007")
    public void required_auth007_nearMissKeysAreRefusedWith401() {
        refusedOnChat("AUTH-007");
    }

    /** Verifies: AUTH-008. If this fails with a 5xx, check header size limits and token length handling. */
    @Test
    @Verifies("AUTH-008")
    public void required_auth008_veryLongTokenIsRefusedWith401() {
        refusedOnChat("AUTH-008");
    }

    /** Verifies: AUTH-009. If this fails with a 5xx, check how the token's bytes are decoded. */
    @Test
    @Verifies("AUTH-009")
    public void required_auth009_nonAsciiTokenIsRefusedWith401() {
        refusedOnChat("AUTH-009");
    }

    /**
     * Both orders are sent, so a server that serves the request shows which header it used (Node's http, Python's
     * http.server and uvicorn keep the first): recorded either way.
     * Verifies: AUTH-010. If this fails, the target picks one of several Authorization headers instead of refusing.
     */
    @Test
    @Verifies("AUTH-010")
    public void optional_auth010_twoAuthorizationHeadersAreRefused() {
        List<RefusalCase> cases = casesOf("AUTH-010");
        Exchange validFirst = chat(cases.get(0).credentials());
        Exchange unknownFirst = chat(cases.get(1).credentials());
        boolean first = validFirst.status() / 100 == 2;
        boolean last = unknownFirst.status() / 100 == 2;
        Observations.record(first && last ? "served both orders" : first ? "served, using the first header's key"
                : last ? "served, using the last header's key"
                : "refused both orders (HTTP " + validFirst.status() + ", " + unknownFirst.status() + ")");
        for (int i = 0; i < cases.size(); i++) {
            Exchange exchange = i == 0 ? validFirst : unknownFirst;
            if (!cases.get(i).refusedBy(exchange.status())) {
                Expect.refused(exchange, cases.get(i).refusalStatuses());
            }
        }
    }

    /** Sends every case of the requirement to non-stream chat/completions; each must be refused. */
    private void refusedOnChat(String requirement) {
        for (RefusalCase refusal : casesOf(requirement)) {
            Exchange exchange = chat(refusal.credentials());
            if (!refusal.refusedBy(exchange.status()) && !refusal.refusedByTheHttpLayer(exchange)) {
                Expect.refused(exchange, refusal.refusalStatuses());
            }
        }
    }

    private List<RefusalCase> casesOf(String requirement) {
        return RefusalCase.all(target().validKeyValue(), session().variantsKeyDescription()).stream()
                .filter(c -> c.requirement().equals(requirement)).toList();
    }
}
