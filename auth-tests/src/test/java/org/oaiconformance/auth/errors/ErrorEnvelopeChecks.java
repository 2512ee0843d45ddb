package org.oaiconformance.auth.errors;

import org.oaiconformance.auth.bearer.RefusalCases;
import org.oaiconformance.contract.catalogue.Verifies;
import org.oaiconformance.contract.check.ConformanceChecks;
import org.oaiconformance.contract.check.Expect;
import org.oaiconformance.contract.http.ChatRequests;
import org.oaiconformance.contract.http.Credentials;
import org.oaiconformance.contract.http.Exchange;
import org.testng.SkipException;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/** The OpenAI error envelope on every refusal: what the official SDKs parse to show the user a message. */
public class ErrorEnvelopeChecks extends ConformanceChecks {

    @DataProvider
    public Object[][] refusals() {
        return RefusalCases.all().stream().map(c -> new Object[] {c}).toArray(Object[][]::new);
    }

    /**
     * A refusal's body is {@code {"error": {"message": "<string>", ...}}}.
     * Verifies: ERR-001 (OpenAI API reference, Error object; research R9).
     * Skipped for a case the target did not refuse at all: the AUTH requirement for that case fails instead.
     * If this fails, check the error serializer: SDKs read body.error.message and show "(no body)" otherwise.
     */
    @Test(dataProvider = "refusals")
    @Verifies("ERR-001")
    public void required_err001_refusalCarriesErrorEnvelope(Credentials credentials) {
        Exchange exchange = target().post("/chat/completions", credentials, ChatRequests.minimal(model()));
        if (exchange.status() < 400) {
            throw new SkipException("the target did not refuse " + credentials + " (HTTP " + exchange.status()
                    + "), so there is no error body to judge; see the AUTH requirements");
        }
        Expect.errorEnvelope("ERR-001", exchange);
    }
}
