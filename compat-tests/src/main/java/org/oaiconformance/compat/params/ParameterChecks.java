package org.oaiconformance.compat.params;

import com.fasterxml.jackson.databind.JsonNode;
import org.oaiconformance.contract.catalogue.Verifies;
import org.oaiconformance.compat.tools.StreamedAnswer;
import org.oaiconformance.contract.check.ConformanceChecks;
import org.oaiconformance.contract.check.Expect;
import org.oaiconformance.contract.check.OptionalFeatures;
import org.oaiconformance.contract.http.Exchange;
import org.oaiconformance.contract.http.FeatureRequests;
import org.oaiconformance.contract.wire.Feature;
import org.testng.annotations.Test;


/**
 * Parameters gateways accept and drop: n, stop, logprobs. Each is asked alone (three billable calls), so one cannot
 * spoil another's verdict; a target that declines one (a clean 400 naming it) is judged on that. A fourth call streams
 * n: 2, once the plain answer brought two choices.
 */
public class ParameterChecks extends ConformanceChecks {

    /** The answer that judges a parameter: asked alone, once. */
    private Exchange answerFor(Feature feature) {
        return once(feature.name(), () -> target().post(CHAT, target().validKey(), FeatureRequests.sampled(model(), feature)));
    }

    /** Verifies: PARAM-001 (docs/evidence.md#r24). If this fails, return n choices, or refuse n with a 400 naming it. */
    @Test
    @Verifies("PARAM-001")
    public void recommended_param001_nGivesThatManyChoices() {
        Exchange exchange = answerFor(Feature.N);
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
        Exchange streamed = postChat(FeatureRequests.twoChoicesStreamed(model()));
        Expect.status(streamed, 200);
        StreamedAnswer answer = StreamedAnswer.of(streamed.body());
        if (!answer.finishReasons.keySet().equals(java.util.Set.of(0, 1))) {
            Expect.fail(streamed, "expected streamed chunks of choices 0 and 1, each ending with its own finish_reason, for n: 2; found"
                    + " finish_reasons " + answer.finishReasons);
        }
    }

    /** Verifies: PARAM-002 (docs/evidence.md#r24). If this fails, end the answer before a stop sequence. */
    @Test
    @Verifies("PARAM-002")
    public void recommended_param002_stopEndsTheAnswer() {
        Exchange exchange = answerFor(Feature.STOP);
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
        Exchange exchange = answerFor(Feature.LOGPROBS);
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
