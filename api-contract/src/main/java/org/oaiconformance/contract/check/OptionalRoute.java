package org.oaiconformance.contract.check;

import org.oaiconformance.contract.http.Exchange;
import org.oaiconformance.contract.json.ErrorEnvelope;
import org.oaiconformance.contract.settings.Profile;
import org.oaiconformance.contract.settings.Setting;
import org.oaiconformance.contract.wire.Feature;
import org.testng.SkipException;

import java.util.Locale;

/**
 * A route beyond chat completions that a target may not serve (POST embeddings, POST responses): whether an answer
 * there is one to judge. A target without the route answers 404, 405 or 501 (llama-server's "not supported" without
 * --embeddings): skipped where the profile does not claim the feature, failed where it does. A 404 about the model is
 * a setting to fix, not a verdict.
 *
 * @param name         the route as messages name it: "POST embeddings"
 * @param authCheck    the requirement that judges the route's refusals, named when the configured key is refused
 * @param modelSetting the setting that names the route's model
 */
public record OptionalRoute(Feature feature, String name, String authCheck, Setting modelSetting) {

    /** The answer to the configured key: a refusal of the key skips, pointing at the auth checks. */
    public Exchange served(Exchange exchange, Profile profile, String model) {
        if (exchange.status() == 401 || exchange.status() == 403) {
            throw new SkipException("cannot judge: the " + name + " request was refused with HTTP " + exchange.status() + ": see "
                    + authCheck + " and AUTH-001");
        }
        return routed(exchange, profile, model);
    }

    /** The answer, unless it says the target does not serve the route or the model. */
    public Exchange routed(Exchange exchange, Profile profile, String model) {
        if (exchange.status() != 404 && exchange.status() != 405 && exchange.status() != 501) {
            return exchange;
        }
        String error = ErrorEnvelope.in(exchange.body()).map(e -> e.error().toString()).orElse("").toLowerCase(Locale.ROOT);
        if (exchange.status() == 404 && (error.contains("model_not_found") || error.contains(model.toLowerCase(Locale.ROOT)))) {
            throw new SkipException("cannot judge: the target does not serve the model " + model + " on " + name + "; set "
                    + modelSetting.env() + " to one it serves");
        }
        if (profile.claims(feature)) {
            Expect.fail(exchange, "expected " + name + " to be served: the '" + profile.name() + "' profile claims " + feature.id()
                    + " (set CONFORMANCE_FEATURES to what the target supports)");
        }
        throw new SkipException("not supported by this target: " + name + " answered HTTP " + exchange.status());
    }
}
