package org.oaiconformance.compat.embeddings;

import org.oaiconformance.contract.check.Expect;
import org.oaiconformance.contract.http.Exchange;
import org.oaiconformance.contract.json.ErrorEnvelope;
import org.oaiconformance.contract.run.TargetSession;
import org.oaiconformance.contract.settings.Setting;
import org.oaiconformance.contract.settings.TargetSettings;
import org.oaiconformance.contract.wire.Feature;
import org.testng.SkipException;

import java.util.Locale;

/**
 * What every embeddings check decides before judging an answer, in one place: which model to ask, and whether the
 * answer is one to judge — a refused key, a missing route or an unserved model end the check first.
 */
public final class EmbeddingRoute {
    private EmbeddingRoute() {
    }

    /** The embedding model: CONFORMANCE_EMBEDDING_MODEL or the profile's; a skip naming the setting when neither names one. */
    public static String model(TargetSession session) {
        if (session.replaying()) {
            throw new SkipException("needs a live target: a recording does not show embeddings (" + Setting.RECORDING.env() + " is set)");
        }
        String model = TargetSettings.embeddingModelFromEnvironment(session.profile());
        if (model == null) {
            throw new SkipException("no embedding model: set " + Setting.EMBEDDING_MODEL.env() + " to one the target serves (the '"
                    + session.profile().name() + "' profile names none)");
        }
        return model;
    }

    /** The answer to judge with the configured key: a refusal of the key skips, pointing at the auth checks. */
    public static Exchange served(Exchange exchange, TargetSession session) {
        if (exchange.status() == 401 || exchange.status() == 403) {
            throw new SkipException("cannot judge: the embeddings request was refused with HTTP " + exchange.status() + ": see EMB-006 and AUTH-001");
        }
        return routed(exchange, session);
    }

    /**
     * The answer, unless the target does not serve embeddings: a 404 or 405 that is not about the model, or a 501 (as
     * llama-server answers when started without --embeddings). Then skipped where the profile does not claim
     * embeddings, failed where it does. A 404 for the model is a setting to fix.
     */
    public static Exchange routed(Exchange exchange, TargetSession session) {
        if (exchange.status() != 404 && exchange.status() != 405 && exchange.status() != 501) {
            return exchange;
        }
        String model = model(session);
        String error = ErrorEnvelope.in(exchange.body()).map(e -> e.error().toString()).orElse("").toLowerCase(Locale.ROOT);
        if (exchange.status() == 404 && (error.contains("model_not_found") || error.contains(model.toLowerCase(Locale.ROOT)))) {
            throw new SkipException("cannot judge: the target does not serve the embedding model " + model + "; set "
                    + Setting.EMBEDDING_MODEL.env() + " to one it serves");
        }
        if (session.profile().claims(Feature.EMBEDDINGS)) {
            Expect.fail(exchange, "expected POST embeddings to be served: the '" + session.profile().name()
                    + "' profile claims embeddings (set CONFORMANCE_FEATURES to what the target supports)");
        }
        throw new SkipException("not supported by this target: POST embeddings answered HTTP " + exchange.status());
    }
}
