package org.oaiconformance.contract.check;

import org.oaiconformance.contract.http.Exchange;
import org.oaiconformance.contract.json.ErrorEnvelope;
import org.oaiconformance.contract.settings.Profile;
import org.oaiconformance.contract.wire.Feature;
import org.testng.SkipException;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The three outcomes of an optional feature. Served (2xx): the check goes on to judge whether it was honoured, and
 * one accepted and silently ignored fails there. Declined cleanly (400 or 422 whose error names one of the feature's
 * parameters): skipped, "not supported by this target", a server may decline what it cannot do; but failed when the
 * profile claims the feature. Anything else fails.
 */
public final class OptionalFeatures {
    private OptionalFeatures() {
    }

    public static void served(Exchange exchange, Feature feature, Profile profile) {
        int status = exchange.status();
        if (status / 100 == 2) {
            return;
        }
        if (status == 401 || status == 403) {
            throw new SkipException("cannot judge " + feature.id() + ": the request was refused with HTTP " + status + ": see AUTH-001");
        }
        if (declines(exchange, feature)) {
            if (profile.claims(feature)) {
                Expect.fail(exchange, "expected " + feature.id() + " to be served: the '" + profile.name()
                        + "' profile claims it (set CONFORMANCE_FEATURES to what the target supports)");
            }
            throw new SkipException("not supported by this target: " + feature.id() + " declined with HTTP " + status + " ("
                    + ErrorEnvelope.in(exchange.body()).flatMap(ErrorEnvelope::message).map(m -> m.lines().findFirst().orElse(""))
                    .orElse("") + ")");
        }
        Expect.fail(exchange, "expected HTTP 200; or, if the target does not support " + feature.id() + ", a 400 whose error names "
                + String.join(" or ", feature.parameters()));
    }

    /**
     * A clean refusal: 400 (422 as Mistral sends it) with an error envelope whose message or param names the feature,
     * as a word: "n" must stand alone, not be any letter n of the message.
     */
    public static boolean declines(Exchange exchange, Feature feature) {
        return feature.parameters().stream().anyMatch(p -> refusesNaming(exchange, p));
    }

    /** A 400 (or 422) whose error message or param names this request member, as a word. */
    public static boolean refusesNaming(Exchange exchange, String parameter) {
        if (exchange.status() != 400 && exchange.status() != 422) {
            return false;
        }
        return ErrorEnvelope.in(exchange.body()).map(e -> {
            String said = (e.message().orElse("") + " " + e.error().path("param").asText("")).toLowerCase(Locale.ROOT);
            return Pattern.compile("(?<![a-z0-9_])" + Pattern.quote(parameter.toLowerCase(Locale.ROOT))
                    + "(?![a-z0-9_])").matcher(said).find();
        }).orElse(false);
    }
}
