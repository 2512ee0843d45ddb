package org.oaiconformance.auth.bearer;

import org.oaiconformance.contract.catalogue.Verifies;
import org.oaiconformance.contract.check.ConformanceChecks;
import org.oaiconformance.contract.check.Expect;
import org.oaiconformance.contract.http.Exchange;
import org.testng.SkipException;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;


/**
 * The same refusals on the other endpoints: streaming chat and GET models. Each case is judged against how the
 * target refused it on non-stream chat, so a credentials bug fails that case's own requirement, and these checks
 * fail only when an endpoint behaves differently.
 */
public class EndpointRefusalChecks extends ConformanceChecks {

    @DataProvider
    public Object[][] refusals() {
        return RefusalCase.rows(session());
    }

    /**
     * With {@code "stream": true}, a refusal still has the refusal status and an error body, never an event stream.
     * Verifies: AUTH-019 (SDKs raise their auth error only on a 401 status). If this fails, authenticate before
     * switching the response to text/event-stream.
     */
    @Test(dataProvider = "refusals")
    @Verifies("AUTH-019")
    public void required_auth019_refusedStreamIsAJsonErrorNotAnEventStream(RefusalCase refusal) {
        requireRefusedOnChat(refusal);
        Exchange exchange = chatStream(refusal.credentials());
        if (!refusal.refusedBy(exchange.status())) {
            Expect.refused(exchange, refusal.refusalStatuses());
        }
        if (exchange.mediaType().equals("text/event-stream")) {
            Expect.fail(exchange, "expected the refusal as an error body, not an event stream");
        }
    }

    /**
     * GET models refuses every shape of bad credentials as chat does, unless the profile declares the models list public.
     * Verifies: AUTH-020 (docs/evidence.md#r13). If this fails, put the models route behind the same auth as chat.
     */
    @Test(dataProvider = "refusals")
    @Verifies("AUTH-020")
    public void recommended_auth020_modelsRefusesMissingAndUnknownKeys(RefusalCase refusal) {
        if (session().profile().modelsPublic()) {
            throw new SkipException("the '" + session().profile().name() + "' profile declares GET models public");
        }
        requireRefusedOnChat(refusal);
        requireModelsRoute();
        Exchange exchange = target().get("/models", refusal.credentials());
        if (!refusal.refusedBy(exchange.status())) {
            Expect.refused(exchange, refusal.refusalStatuses());
        }
    }

    private Integer modelsStatusForTheValidKey;

    /** A target without a models route answers 404 to every key: that is CHAT-007's to judge, not an auth outcome. */
    private void requireModelsRoute() {
        synchronized (this) {
            if (modelsStatusForTheValidKey == null) {
                modelsStatusForTheValidKey = target().get("/models", target().validKey()).status();
            }
        }
        if (modelsStatusForTheValidKey == 404 || modelsStatusForTheValidKey == 405) {
            throw new SkipException("cannot judge: GET models answers the valid key with HTTP " + modelsStatusForTheValidKey
                    + " too, so there is no models route to guard: see CHAT-007");
        }
    }

    /** These checks compare endpoints; when chat itself does not refuse the case, the case's own requirement says so. */
    private void requireRefusedOnChat(RefusalCase refusal) {
        Exchange chat = chat(refusal.credentials());
        if (!refusal.refusedBy(chat.status())) {
            throw new SkipException("non-stream chat did not refuse " + refusal.credentials() + " either (HTTP " + chat.status()
                    + "): see " + refusal.requirement());
        }
    }
}
