package org.oaiconformance.auth.errors;

import org.oaiconformance.auth.bearer.RefusalCase;
import org.oaiconformance.contract.catalogue.Verifies;
import org.oaiconformance.contract.check.ConformanceChecks;
import org.oaiconformance.contract.check.Expect;
import org.oaiconformance.contract.http.Exchange;
import org.testng.SkipException;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/** The OpenAI error envelope on every refusal: what the official SDKs parse to show the user a message. */
public class ErrorEnvelopeChecks extends ConformanceChecks {

    @DataProvider
    public Object[][] refusals() {
        return RefusalCase.rows(session());
    }

    /**
     * A refusal's body is {@code {"error": {"message": "<string>", ...}}}.
     * Verifies: ERR-001 (OpenAI API reference, Error object; docs/evidence.md#r9).
     * Skipped for a case the target did not refuse at all: that case's AUTH requirement fails instead.
     * If this fails, check the error serializer: SDKs read body.error.message and show "(no body)" otherwise.
     */
    @Test(dataProvider = "refusals")
    @Verifies("ERR-001")
    public void required_err001_refusalCarriesErrorEnvelope(RefusalCase refusal) {
        Expect.errorEnvelope(apiRefusal(refusal));
    }

    /**
     * The refusal the API itself shaped. A case the target did not refuse is its AUTH requirement's to fail; a 400 or 431
     * without a JSON error to an 8 KiB header line came from the HTTP layer before any API code ran: no error body to
     * judge, and one transport answer must not cost two MUSTs.
     */
    private Exchange apiRefusal(RefusalCase refusal) {
        Exchange exchange = chat(refusal.credentials());
        if (exchange.status() < 400) {
            throw new SkipException("the target did not refuse " + refusal.credentials() + " (HTTP " + exchange.status()
                    + "), so there is no error body to judge: see " + refusal.requirement());
        }
        if (refusal.refusedByTheHttpLayer(exchange)) {
            throw new SkipException("refused by the HTTP layer before the API saw it (HTTP " + exchange.status() + ", no JSON error),"
                    + " as " + refusal.requirement() + " allows: no error the API shaped to judge");
        }
        return exchange;
    }

    /**
     * A refusal's error.code is a string or null, as for every other error: SDKs type it as a string.
     * Verifies: ERR-003 (docs/evidence.md#r9). If this fails, send the refusal's code as a string ("invalid_api_key") or null.
     */
    @Test(dataProvider = "refusals")
    @Verifies("ERR-003")
    public void recommended_err003_refusalCodeIsAStringOrNull(RefusalCase refusal) {
        Expect.errorCodeIsAStringOrNull(apiRefusal(refusal), session().profile().numericErrorCode());
    }
}
