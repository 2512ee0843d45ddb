package org.oaiconformance.compat.chat;

import com.fasterxml.jackson.databind.JsonNode;
import org.oaiconformance.compat.tools.StreamedAnswer;
import org.oaiconformance.contract.catalogue.Verifies;
import org.oaiconformance.contract.check.ConformanceChecks;
import org.oaiconformance.contract.check.Expect;
import org.oaiconformance.contract.check.PerModel;
import org.oaiconformance.contract.check.UsageDetails;
import org.oaiconformance.contract.http.ChatRequests;
import org.oaiconformance.contract.http.Exchange;
import org.oaiconformance.contract.outcome.Observations;
import org.testng.SkipException;
import org.testng.annotations.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What today's clients send on chat completions: instructions in a developer message, and max_completion_tokens
 * instead of max_tokens, plain and streamed; and the usage details of those answers. Three billable calls of at most
 * 16, 5 and 5 completion tokens. A recording cannot tell these requests from plain ones, so they need a live target.
 */
@PerModel
public class CurrentChatChecks extends ConformanceChecks {
    static final int MAX_COMPLETION_TOKENS = ChatCompletionChecks.MAX_TOKENS;

    private Exchange developer() {
        return once("developer", () -> postChat(ChatRequests.withDeveloperMessage(model())));
    }

    private Exchange capped(boolean stream) {
        return once("max_completion_tokens" + (stream ? ", streamed" : ""),
                () -> postChat(ChatRequests.cutByMaxCompletionTokens(model(), MAX_COMPLETION_TOKENS, stream)));
    }

    /**
     * Verifies: CHAT-008 (docs/evidence.md#r25). If this fails, accept role "developer" (read it as "system" where the
     * model has no such role).
     */
    @Test
    @Verifies("CHAT-008")
    public void required_chat008_developerMessageIsAnswered() {
        needsALiveTarget("which request carried a developer message");
        Exchange exchange = developer();
        keyAccepted(exchange);
        if (exchange.status() == 400 || exchange.status() == 422) {
            Expect.fail(exchange, "expected a request with a developer message to be answered, as OpenAI answers it: current SDKs and"
                    + " agents send their instructions in one, so refusing it breaks them");
        }
        Expect.status(exchange, 200);
        JsonNode message = exchange.json().path("choices").path(0).path("message");
        if (!message.path("role").asText("").equals("assistant") || !message.path("content").isTextual()) {
            Expect.fail(exchange, "expected choices[0].message to be the assistant's, with its answer in content", "message: " + message);
        }
    }

    /** Verifies: CHAT-009 (docs/evidence.md#r26). If this fails, pass max_completion_tokens on as max_tokens is passed on. */
    @Test
    @Verifies("CHAT-009")
    public void required_chat009_maxCompletionTokensIsHonoured() {
        needsALiveTarget("which request sent max_completion_tokens");
        Exchange plain = capped(false);
        keyAccepted(plain);
        refusedIsAFailure(plain);
        Expect.status(plain, 200);
        JsonNode completion = plain.json();
        withinTheCap(plain, completion.path("usage"));
        String finish = completion.path("choices").path(0).path("finish_reason").asText("");
        if (!finish.equals("length")) {
            Expect.fail(plain, "expected finish_reason \"length\" for an answer cut at max_completion_tokens: " + MAX_COMPLETION_TOKENS
                    + ", found \"" + finish + "\"");
        }
        Exchange streamed = capped(true);
        refusedIsAFailure(streamed);
        Expect.status(streamed, 200);
        StreamedAnswer answer = StreamedAnswer.of(streamed.body());
        if (!"length".equals(answer.finishReasons.get(0))) {
            Expect.fail(streamed, "expected the stream to finish with \"length\" at max_completion_tokens: " + MAX_COMPLETION_TOKENS
                    + ", found " + answer.finishReasons.get(0));
        }
        withinTheCap(streamed, answer.usage);
    }

    /** A refused key leaves nothing to judge here: AUTH-001 judges it. */
    private static void keyAccepted(Exchange exchange) {
        if (exchange.status() == 401 || exchange.status() == 403) {
            throw new SkipException("cannot judge: the request was refused with HTTP " + exchange.status() + ": see AUTH-001");
        }
    }

    private static void refusedIsAFailure(Exchange exchange) {
        if (exchange.status() == 400 || exchange.status() == 422) {
            Expect.fail(exchange, "expected max_completion_tokens to be honoured as max_tokens is: OpenAI's newer models take only"
                    + " it, so clients send it");
        }
    }

    private static void withinTheCap(Exchange exchange, JsonNode usage) {
        JsonNode tokens = usage == null ? null : usage.path("completion_tokens");
        if (tokens != null && tokens.isNumber() && tokens.asInt() > MAX_COMPLETION_TOKENS) {
            Expect.fail(exchange, "expected at most " + MAX_COMPLETION_TOKENS + " completion tokens (max_completion_tokens), found "
                    + tokens.asInt());
        }
    }

    /** Verifies: CHAT-010 (docs/evidence.md#r27). If this fails, count each detail within its total. */
    @Test
    @Verifies("CHAT-010")
    public void recommended_chat010_usageDetailsAddUp() {
        needsALiveTarget("the answers this check asks for");
        List<String> judged = new ArrayList<>();
        List<Exception> unread = new ArrayList<>();
        judge(this::developer, false, "the developer-message answer", judged, unread);
        judge(() -> capped(false), false, "the capped answer", judged, unread);
        judge(() -> capped(true), true, "the capped stream's usage", judged, unread);
        if (unread.size() == 3) {
            throw new IllegalStateException("no answer could be read: " + unread.get(0).getMessage(), unread.get(0)); // broken, as CHAT-008 and CHAT-009
        }
        Observations.record(judged.isEmpty() ? "no answer carried usage details (legal: they are optional)"
                : "usage details judged in " + String.join(", ", judged));
    }

    /** Judges one answer's usage details; an answer that did not come (CHAT-008's and CHAT-009's matter) is passed over. */
    private static void judge(Supplier<Exchange> answer, boolean streamed, String what, List<String> judged,
                              List<Exception> unread) {
        Exchange exchange;
        try {
            exchange = answer.get();
        } catch (Exception notRead) { // I/O failures arrive unchecked through REST Assured
            unread.add(notRead);
            return;
        }
        if (exchange.status() != 200) {
            return;
        }
        JsonNode usage = streamed ? StreamedAnswer.of(exchange.body()).usage : exchange.json().path("usage");
        if (!UsageDetails.present(usage)) {
            return;
        }
        List<String> problems = UsageDetails.problems(usage);
        if (!problems.isEmpty()) {
            Expect.fail(exchange, "expected usage details within their totals in " + what + ": " + String.join("; ", problems),
                    "usage: " + usage);
        }
        judged.add(what);
    }
}
