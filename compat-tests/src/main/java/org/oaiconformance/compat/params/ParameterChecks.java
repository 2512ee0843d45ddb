package org.oaiconformance.compat.params;

import com.fasterxml.jackson.databind.JsonNode;
import org.oaiconformance.compat.tools.StreamedAnswer;
import org.oaiconformance.contract.catalogue.Verifies;
import org.oaiconformance.contract.check.ConformanceChecks;
import org.oaiconformance.contract.check.Expect;
import org.oaiconformance.contract.check.OptionalFeatures;
import org.oaiconformance.contract.check.PerModel;
import org.oaiconformance.contract.http.Exchange;
import org.oaiconformance.contract.http.FeatureRequests;
import org.oaiconformance.contract.outcome.Observations;
import org.oaiconformance.contract.wire.Feature;
import org.testng.SkipException;
import org.testng.annotations.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parameters gateways accept and drop: n, stop, logprobs, parallel_tool_calls and reasoning_effort. Each is asked alone
 * (five billable calls), so one cannot spoil another's verdict; a target that declines one (a clean 400 naming it) is
 * judged on that. A sixth call streams n: 2, once the plain answer brought two choices.
 */
@PerModel
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
        if (!answer.finishReasons.keySet().equals(Set.of(0, 1))) {
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
        if (content.toLowerCase(Locale.ROOT).contains(FeatureRequests.STOP_SEQUENCE)) {
            // asked to repeat "one two three four five", the answer holds "three" unless stop cut it there
            Expect.fail(exchange, "expected the answer to end before the stop sequence '" + FeatureRequests.STOP_SEQUENCE + "'", "content: " + content);
        }
        if (!content.strip().toLowerCase(Locale.ROOT).startsWith("one")) {
            // an answer that never began the words (a canned reply) says nothing about stop: neither pass nor fail
            throw new SkipException("cannot judge PARAM-002: the answer did not repeat the words it was asked to ("
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

    /**
     * Two tools, tool_choice "required", parallel_tool_calls false, a question that needs both: one call, not two.
     * Verifies: PARAM-004 (docs/evidence.md#r29). If this fails, pass parallel_tool_calls on, or refuse false with a 400 naming it.
     */
    @Test
    @Verifies("PARAM-004")
    public void recommended_param004_parallelToolCallsFalseGivesOneCall() {
        needsALiveTarget("which request sent parallel_tool_calls");
        Exchange exchange = target().post(CHAT, target().validKey(), FeatureRequests.requiredSerial(model()));
        if (!OptionalFeatures.declines(exchange, Feature.PARALLEL_TOOL_CALLS) && OptionalFeatures.declines(exchange, Feature.TOOLS)) {
            throw new SkipException("cannot judge parallel_tool_calls on a target that declines tools: see TOOL-001");
        }
        OptionalFeatures.served(exchange, Feature.PARALLEL_TOOL_CALLS, session().profile());
        JsonNode calls = exchange.json().path("choices").path(0).path("message").path("tool_calls");
        if (calls.isEmpty()) {
            throw new SkipException("cannot judge parallel_tool_calls: no tool call came for tool_choice \"required\": see TOOL-003");
        }
        if (calls.size() > 1) {
            Expect.fail(exchange, "expected one tool call for parallel_tool_calls: false, found " + calls.size());
        }
    }

    /**
     * reasoning_effort "low": answered (reasoning text, where shown, in reasoning, reasoning_content or reasoning_details
     * beside the content; reasoning tokens within completion_tokens), or declined with a 400 naming it.
     * Verifies: PARAM-005 (docs/evidence.md#r30). If this fails, pass reasoning_effort on or refuse it with a 400 naming it.
     */
    @Test
    @Verifies("PARAM-005")
    public void recommended_param005_reasoningEffortIsHonouredOrDeclined() {
        needsALiveTarget("which request sent reasoning_effort");
        Exchange exchange = target().post(CHAT, target().validKey(), FeatureRequests.lowReasoningEffort(model()));
        if (!OptionalFeatures.declines(exchange, Feature.REASONING) && OptionalFeatures.refusesNaming(exchange, "max_completion_tokens")) {
            // one fault, one verdict: the cap this request needs was refused, which CHAT-009 judges
            throw new SkipException("cannot judge reasoning_effort: max_completion_tokens, which caps its answer, was refused:"
                    + " see CHAT-009");
        }
        OptionalFeatures.served(exchange, Feature.REASONING, session().profile());
        JsonNode choice = exchange.json().path("choices").path(0);
        JsonNode message = choice.path("message");
        boolean spentOnReasoning = message.path("content").isNull() && choice.path("finish_reason").asText("").equals("length");
        if (!message.path("role").asText("").equals("assistant") || !(message.path("content").isTextual() || spentOnReasoning)) {
            Expect.fail(exchange, "expected the assistant's answer in content (null only when the budget went to reasoning)",
                    "message: " + message);
        }
        List<String> shown = new ArrayList<>();
        for (String member : new String[] {"reasoning", "reasoning_content"}) {
            if (message.has(member) && !message.path(member).isNull() && !message.path(member).isTextual()) {
                Expect.fail(exchange, "expected message." + member + " to be a string (or null)", "message: " + message);
            }
            if (message.path(member).isTextual()) {
                shown.add(member);
            }
        }
        if (message.has("reasoning_details") && !message.path("reasoning_details").isNull() && !message.path("reasoning_details").isArray()) {
            Expect.fail(exchange, "expected message.reasoning_details to be an array (or null)", "message: " + message);
        }
        if (message.path("reasoning_details").isArray()) {
            shown.add("reasoning_details");
        }
        JsonNode usage = exchange.json().path("usage");
        JsonNode reasoningTokens = usage.path("completion_tokens_details").path("reasoning_tokens");
        if (reasoningTokens.isNumber() && usage.path("completion_tokens").isNumber()
                && reasoningTokens.asLong() > usage.path("completion_tokens").asLong()) {
            Expect.fail(exchange, "expected reasoning_tokens within completion_tokens, which count them", "usage: " + usage);
        }
        Observations.record("reasoning_effort low answered; reasoning text " + (shown.isEmpty() ? "not shown" : "in " + shown)
                + "; reasoning_tokens " + usage.path("completion_tokens_details").path("reasoning_tokens").asText("not reported"));
    }
}
