package org.oaiconformance.compat.params;

import com.fasterxml.jackson.databind.JsonNode;
import org.oaiconformance.contract.catalogue.Verifies;
import org.oaiconformance.contract.check.ConformanceChecks;
import org.oaiconformance.contract.check.Expect;
import org.oaiconformance.contract.check.OptionalFeatures;
import org.oaiconformance.contract.http.Exchange;
import org.oaiconformance.contract.http.FeatureRequests;
import org.oaiconformance.contract.wire.Feature;
import org.testng.annotations.Test;

/**
 * Parameters gateways accept and drop: n, stop, logprobs. Two billable calls: stop and logprobs ride on one request
 * (a second, without logprobs, only where a target declines logprobs).
 */
public class ParameterChecks extends ConformanceChecks {
    private Exchange stopAndLogprobs;
    private Exchange stopOnly;

    private synchronized Exchange stopAndLogprobs() {
        if (stopAndLogprobs == null) {
            stopAndLogprobs = target().post(CHAT, target().validKey(), FeatureRequests.stopAndLogprobs(model(), true));
        }
        return stopAndLogprobs;
    }

    /** The stop request: the shared one, unless the target declined its logprobs; then once more without them. */
    private synchronized Exchange stop() {
        Exchange shared = stopAndLogprobs();
        if (shared.status() / 100 == 2 || !declinedLogprobs(shared)) {
            return shared;
        }
        if (stopOnly == null) {
            stopOnly = target().post(CHAT, target().validKey(), FeatureRequests.stopAndLogprobs(model(), false));
        }
        return stopOnly;
    }

    private static boolean declinedLogprobs(Exchange exchange) {
        return exchange.status() / 100 == 4 && exchange.body().toLowerCase(java.util.Locale.ROOT).contains("logprobs");
    }

    /** Verifies: PARAM-001 (docs/evidence.md#r24). If this fails, return n choices, or refuse n with a 400 naming it. */
    @Test
    @Verifies("PARAM-001")
    public void recommended_param001_nGivesThatManyChoices() {
        Exchange exchange = target().post(CHAT, target().validKey(), FeatureRequests.twoChoices(model()));
        OptionalFeatures.served(exchange, Feature.N, session().profile());
        JsonNode choices = exchange.json().path("choices");
        if (choices.size() != 2) {
            Expect.fail(exchange, "expected 2 choices for n: 2, found " + choices.size());
        }
        for (int i = 0; i < 2; i++) {
            JsonNode choice = choices.get(i);
            if (choice.path("index").asInt(-1) != i || !choice.path("message").isObject() || !choice.path("finish_reason").isTextual()) {
                Expect.fail(exchange, "expected choice " + i + " to carry index " + i + ", a message and a finish_reason", "choice: " + choice);
            }
        }
    }

    /** Verifies: PARAM-002 (docs/evidence.md#r24). If this fails, end the answer before a stop sequence. */
    @Test
    @Verifies("PARAM-002")
    public void recommended_param002_stopEndsTheAnswer() {
        Exchange exchange = stop();
        OptionalFeatures.served(exchange, Feature.STOP, session().profile());
        JsonNode choice = exchange.json().path("choices").path(0);
        String content = choice.path("message").path("content").asText("");
        if (content.toLowerCase(java.util.Locale.ROOT).contains(FeatureRequests.STOP_SEQUENCE)) {
            // asked to repeat "one two three four five", the answer holds "three" unless stop cut it there
            Expect.fail(exchange, "expected the answer to end before the stop sequence '" + FeatureRequests.STOP_SEQUENCE + "'", "content: " + content);
        }
        if (!content.strip().toLowerCase(java.util.Locale.ROOT).startsWith("one")) {
            // an answer that never began the words (a canned reply) says nothing about stop: neither pass nor fail
            throw new org.testng.SkipException("cannot judge PARAM-002: the answer did not repeat the words it was asked to ("
                    + content.lines().findFirst().orElse("") + ")");
        }
        Expect.textEquals(exchange, choice, "finish_reason", "stop");
    }

    /** Verifies: PARAM-003 (docs/evidence.md#r24). If this fails, return logprobs.content when logprobs is asked for. */
    @Test
    @Verifies("PARAM-003")
    public void recommended_param003_logprobsComeBack() {
        Exchange exchange = stopAndLogprobs();
        OptionalFeatures.served(exchange, Feature.LOGPROBS, session().profile());
        JsonNode entries = exchange.json().path("choices").path(0).path("logprobs").path("content");
        if (!entries.isArray() || entries.isEmpty()) {
            Expect.fail(exchange, "expected choices[0].logprobs.content entries for logprobs: true, found " + Expect.kind(entries));
        }
        for (JsonNode entry : entries) {
            boolean shaped = entry.path("token").isTextual() && entry.path("logprob").isNumber() && entry.path("logprob").asDouble() <= 0
                    && (entry.path("bytes").isArray() || entry.path("bytes").isNull()) && entry.path("top_logprobs").size() == 2;
            if (!shaped) {
                Expect.fail(exchange, "expected each logprobs entry to carry token, logprob <= 0, bytes and 2 top_logprobs", "entry: " + entry);
            }
        }
    }
}
