package org.oaiconformance.compat.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.oaiconformance.contract.catalogue.Verifies;
import org.oaiconformance.contract.check.ConformanceChecks;
import org.oaiconformance.contract.check.Expect;
import org.oaiconformance.contract.check.PerModel;
import org.oaiconformance.contract.http.ChatRequests;
import org.oaiconformance.contract.http.Exchange;
import org.oaiconformance.contract.outcome.Observations;
import org.oaiconformance.contract.settings.Setting;
import org.oaiconformance.contract.settings.TargetSettings;
import org.testng.SkipException;
import org.testng.annotations.Test;

import java.util.Locale;

/**
 * A prompt just beyond the model's context window must be refused with a 400 that says so. The window comes from
 * CONFORMANCE_CONTEXT_LENGTH or from the model's entry in GET models; the prompt is the window plus 5% of "the", one
 * token each in the common tokenizers, with max_tokens 1. Refused, as it must be, it costs nothing; a target that
 * wrongly accepts it bills the whole prompt, so windows over 262,144 tokens are not overflowed and a setting turns the
 * check off.
 */
@PerModel
public class ContextOverflowChecks extends ConformanceChecks {
    /** Where model entries give their window: OpenRouter, vLLM, llama-server, in that order. */
    private static final String[][] WINDOW_MEMBERS = {{"context_length"}, {"max_model_len"}, {"meta", "n_ctx_train"},
            {"top_provider", "context_length"}};

    /** Verifies: CHAT-011 (docs/evidence.md#r31). If this fails, refuse a prompt beyond the window with 400 context_length_exceeded. */
    @Test
    @Verifies("CHAT-011")
    public void required_chat011_promptBeyondTheWindowIsRefusedWith400() {
        needsALiveTarget("a prompt beyond the context window");
        TargetSettings.ContextOverflow settings = session().settings().judging().contextOverflow();
        if (!settings.enabled()) {
            throw new SkipException("turned off: " + Setting.CONTEXT_OVERFLOW.env() + "=false");
        }
        String source = settings.contextLength() != null ? Setting.CONTEXT_LENGTH.env() : "GET models";
        long window = settings.contextLength() != null ? settings.contextLength() : windowFromModels();
        if (window > TargetSettings.ContextOverflow.LARGEST_WINDOW) {
            throw new SkipException("the window of " + window + " tokens (" + source + ") is over " + TargetSettings.ContextOverflow.LARGEST_WINDOW
                    + ": a target that wrongly accepted the prompt would bill all of it");
        }
        int words = (int) Math.ceil(window * 1.05);
        Exchange exchange = target().post(CHAT, target().validKey(), ChatRequests.beyondTheWindow(model(), words));
        String what = "a prompt of " + words + " words for a window of " + window + " tokens (" + source + ")";
        if (exchange.status() == 401 || exchange.status() == 403) {
            throw new SkipException("cannot judge: the request was refused with HTTP " + exchange.status() + ": see AUTH-001");
        }
        if (exchange.status() / 100 == 5) {
            Expect.fail(exchange, "expected 400 for " + what + ", never a 5xx: routers fail over on a 5xx and agents never learn to"
                    + " compact their history");
        }
        if (exchange.status() / 100 == 2) {
            Expect.fail(exchange, "expected " + what + " to be refused with 400; it was answered (prompt_tokens "
                    + usageOf(exchange) + "): the prompt was cut or the window is not what " + source + " says");
        }
        Expect.status(exchange, 400);
        Expect.errorEnvelope(exchange);
        JsonNode error = exchange.json().path("error");
        String documented = session().profile().contextOverflowCode();
        boolean numberAllowed = session().profile().numericErrorCode() && error.path("code").isNumber(); // OpenRouter's codes are statuses
        if (documented != null && !numberAllowed && !documented.equals(error.path("code").isTextual() ? error.path("code").asText() : null)) {
            Expect.fail(exchange, "expected error.code \"" + documented + "\" for " + what + ", as the '" + session().profile().name()
                    + "' profile documents: agents look for it to compact");
        }
        String says = (error.path("message").asText("") + " " + error.path("code").asText("") + " " + error.path("type").asText(""))
                .toLowerCase(Locale.ROOT);
        if (!says.contains("context")) {
            Expect.fail(exchange, "expected the error to say the prompt exceeds the context window (its message, code or type naming"
                    + " the context), so a client knows to shorten it");
        }
        Observations.record(what + ": refused, " + error.path("message").asText("").lines().findFirst().orElse(""));
    }

    /** The configured model's window as its entry in GET models gives it; a skip naming the setting when it does not. */
    private long windowFromModels() {
        Exchange list = target().get("/models", target().validKey());
        JsonNode data = list.status() == 200 ? jsonOrNull(list).path("data") : null;
        if (data == null || !data.isArray()) {
            throw new SkipException("the model's context window is unknown: there is no models list to read it from (see CHAT-007); set "
                    + Setting.CONTEXT_LENGTH.env() + " to judge CHAT-011");
        }
        {
            for (JsonNode entry : data) {
                if (!entry.path("id").asText("").equals(model())) {
                    continue;
                }
                for (String[] path : WINDOW_MEMBERS) {
                    JsonNode value = entry;
                    for (String member : path) {
                        value = value.path(member);
                    }
                    if (value.canConvertToLong() && value.asLong() > 0) {
                        return value.asLong();
                    }
                }
            }
        }
        throw new SkipException("the model's context window is unknown: GET models gives none for " + model() + "; set "
                + Setting.CONTEXT_LENGTH.env() + " to judge CHAT-011");
    }

    private static JsonNode jsonOrNull(Exchange exchange) {
        try {
            return exchange.json();
        } catch (RuntimeException notJson) {
            return MissingNode.getInstance();
        }
    }

    private static String usageOf(Exchange exchange) {
        try {
            return exchange.json().path("usage").path("prompt_tokens").asText("not reported");
        } catch (RuntimeException notJson) {
            return "not reported";
        }
    }
}
