package org.oaiconformance.compat.embeddings;

import org.oaiconformance.contract.check.OptionalRoute;
import org.oaiconformance.contract.http.Exchange;
import org.oaiconformance.contract.run.TargetSession;
import org.oaiconformance.contract.settings.Setting;
import org.oaiconformance.contract.wire.Feature;
import org.testng.SkipException;

/**
 * What every embeddings check decides before judging an answer, in one place: which model to ask, and whether the
 * answer is one to judge ({@link OptionalRoute}).
 */
public final class EmbeddingRoute {
    private static final OptionalRoute ROUTE = new OptionalRoute(Feature.EMBEDDINGS, "POST embeddings", "EMB-006", Setting.EMBEDDING_MODEL);

    private EmbeddingRoute() {
    }

    /** The embedding model: CONFORMANCE_EMBEDDING_MODEL or the profile's; a skip naming the setting when neither names one. */
    public static String model(TargetSession session) {
        if (session.replaying()) {
            throw new SkipException("needs a live target: a recording does not show embeddings (" + Setting.RECORDING.env() + " is set)");
        }
        String model = session.settings().embeddingModel(session.profile());
        if (model == null) {
            throw new SkipException("no embedding model: set " + Setting.EMBEDDING_MODEL.env() + " to one the target serves (the '"
                    + session.profile().name() + "' profile names none)");
        }
        return model;
    }

    /** The answer to judge with the configured key (see {@link OptionalRoute#served}). */
    public static Exchange served(Exchange exchange, TargetSession session) {
        return ROUTE.served(exchange, session.profile(), model(session));
    }

    /** The answer, unless the target does not serve embeddings (see {@link OptionalRoute#routed}). */
    public static Exchange routed(Exchange exchange, TargetSession session) {
        return ROUTE.routed(exchange, session.profile(), model(session));
    }
}
