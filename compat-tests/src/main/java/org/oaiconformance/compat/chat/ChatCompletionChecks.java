package org.oaiconformance.compat.chat;

import com.fasterxml.jackson.databind.JsonNode;
import org.oaiconformance.contract.catalogue.Verifies;
import org.oaiconformance.contract.check.ConformanceChecks;
import org.oaiconformance.contract.check.Expect;
import org.oaiconformance.contract.check.PerModel;
import org.oaiconformance.contract.check.RecordedCap;
import org.oaiconformance.contract.http.ChatRequests;
import org.oaiconformance.contract.http.Exchange;
import org.oaiconformance.contract.schema.ContractSchema;
import org.oaiconformance.contract.wire.OpenAiWire;
import org.testng.ITestResult;
import org.testng.Reporter;
import org.testng.SkipException;
import org.testng.annotations.Test;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The non-stream chat completion, judged against the chat completion schema. One billable call serves every check:
 * a request that cannot be answered within {@link #MAX_TOKENS} tokens, so the answer must be cut. Each requirement
 * owns part of the document; a schema violation fails only the requirement that owns its path.
 */
@PerModel
public class ChatCompletionChecks extends ConformanceChecks {
    static final int MAX_TOKENS = 5;
    private static final Pattern CREATED = Pattern.compile("^/created$");
    private static final Pattern CHOICE_INDEX_AND_FINISH = Pattern.compile("^/choices/\\d+/(index|finish_reason)$");
    private static final Pattern USAGE = Pattern.compile("^/usage(/.*)?$");
    private static final Pattern MODEL = Pattern.compile("^/model$");

    /**
     * The run's one completion: asked once, judged by every check here. If it could not be read at all, CHAT-001
     * reports why and the other checks step aside.
     */
    private Exchange sample() {
        Exchange sample = null;
        Exception sampleFailure = null;
        try {
            sample = once("the cut completion", () -> target().post(CHAT, target().validKey(), ChatRequests.cutShort(model(), MAX_TOKENS)));
        } catch (Exception e) { // REST Assured rethrows I/O exceptions unchecked
            sampleFailure = e;
        }
        if (sampleFailure instanceof SkipException notRecorded) { // a recording holds no cut completion: judge the plain one
            if (cutOnly()) {
                throw notRecorded;
            }
            return plain();
        }
        if (sampleFailure != null) {
            if (isShapeCheck()) {
                throw new IllegalStateException("the completion could not be read: " + sampleFailure.getMessage(), sampleFailure);
            }
            throw new SkipException("cannot judge: the completion could not be read: see CHAT-001");
        }
        if (sample.status() != 200) {
            throw new SkipException("cannot judge: the completion request was answered HTTP " + sample.status() + ": see AUTH-001");
        }
        return sample;
    }

    /** The run's plain completion (finish_reason stop): asked once. */
    private Exchange plain() {
        Exchange plain = once("the plain completion", () -> target().post(CHAT, target().validKey(), ChatRequests.minimal(model())));
        if (plain.status() != 200) {
            throw new SkipException("cannot judge: the completion request was answered HTTP " + plain.status() + ": see AUTH-001");
        }
        return plain;
    }

    /** Whether the running check needs the cut completion itself (CHAT-005), not any completion. */
    private static boolean cutOnly() {
        ITestResult current = Reporter.getCurrentTestResult();
        return current != null && current.getMethod().getMethodName().startsWith("required_chat005_");
    }

    /** Whether the running check is CHAT-001, the one that reports an unreadable completion. */
    private static boolean isShapeCheck() {
        ITestResult current = Reporter.getCurrentTestResult();
        return current != null && current.getMethod().getMethodName().startsWith("required_chat001_");
    }

    private void conforms(String requirement, Predicate<String> owns, String what) {
        Exchange exchange = sample();
        Expect.conformsTo(exchange, exchange.body(), ContractSchema.CHAT_COMPLETION, owns, what);
    }

    /**
     * Everything of the completion schema that the other CHAT requirements do not own: object, id, choices with an
     * assistant message (string content when finish_reason is stop), and any extra members.
     * Verifies: CHAT-001 (OpenAI API reference, chat completion object). If this fails, compare with the schema path named.
     */
    @Test
    @Verifies("CHAT-001")
    public void required_chat001_completionConformsToTheSchema() {
        conforms("CHAT-001", path -> !CREATED.matcher(path).find() && !CHOICE_INDEX_AND_FINISH.matcher(path).find()
                && !USAGE.matcher(path).find() && !MODEL.matcher(path).find(), "the completion");
    }

    /**
     * A completion that ends by itself (finish_reason "stop") holds its answer as a string: the cut sample above never
     * reaches that rule, so a plain request is judged too. One billable call of its own.
     * Verifies: CHAT-001. If this fails, send the answer text as message.content; null is for tool calls and refusals.
     */
    @Test
    @Verifies("CHAT-001")
    public void required_chat001_plainCompletionConformsToTheSchema() {
        Exchange exchange = plain();
        Expect.conformsTo(exchange, exchange.body(), ContractSchema.CHAT_COMPLETION, path -> !CREATED.matcher(path).find()
                && !CHOICE_INDEX_AND_FINISH.matcher(path).find() && !USAGE.matcher(path).find() && !MODEL.matcher(path).find(),
                "the plain completion");
    }

    /** Verifies: CHAT-002. If this fails, send created as integer seconds: SDKs with validation reject strings and millis. */
    @Test
    @Verifies("CHAT-002")
    public void required_chat002_createdIsIntegerSeconds() {
        conforms("CHAT-002", path -> CREATED.matcher(path).find(), "created");
    }

    /** Verifies: CHAT-003. If this fails, map the provider's stop reasons onto OpenAI's finish_reason values. */
    @Test
    @Verifies("CHAT-003")
    public void required_chat003_choicesHaveIndexAndAKnownFinishReason() {
        conforms("CHAT-003", path -> CHOICE_INDEX_AND_FINISH.matcher(path).find(), "each choice's index and finish_reason");
    }

    /** Verifies: CHAT-004. If this fails, check how usage is summed; billing dashboards rely on total_tokens. */
    @Test
    @Verifies("CHAT-004")
    public void recommended_chat004_usageTotalsAddUp() {
        conforms("CHAT-004", path -> USAGE.matcher(path).find(), "usage");
        JsonNode usage = sample().json().path("usage");
        if (usage.isObject() && usage.path("total_tokens").asLong() != usage.path("prompt_tokens").asLong() + usage.path("completion_tokens").asLong()) {
            Expect.fail(sample(), "expected usage.total_tokens = prompt_tokens + completion_tokens");
        }
    }

    /**
     * Asked to count to 50 within 5 tokens, the answer is cut: finish_reason "length", and no more completion tokens
     * than max_tokens. Verifies: CHAT-005. If this fails, pass max_tokens on to the model.
     */
    @Test
    @Verifies("CHAT-005")
    public void required_chat005_maxTokensIsHonoured() {
        JsonNode completion = sample().json();
        int limit = limitOf(sample());
        JsonNode completionTokens = completion.path("usage").path("completion_tokens");
        if (completionTokens.isNumber() && completionTokens.asInt() > limit) {
            Expect.fail(sample(), "expected at most " + limit + " completion tokens (max_tokens" + (limit == MAX_TOKENS ? "" : " of the recorded request")
                    + ")");
        }
        String finish = completion.path("choices").path(0).path("finish_reason").asText("");
        if (!OpenAiWire.FINISH_REASONS.contains(finish)) {
            throw new SkipException("cannot judge: finish_reason \"" + finish + "\" is none of the known values: see CHAT-003");
        }
        if (!finish.equals("length")) {
            Expect.fail(sample(), "expected finish_reason \"length\" for an answer cut at max_tokens, found \"" + finish + "\"");
        }
    }

    private static int limitOf(Exchange exchange) {
        return RecordedCap.of(exchange, MAX_TOKENS, "max_tokens (or max_completion_tokens)", "CHAT-005");
    }

    /** Verifies: CHAT-006. If this fails, echo the model that served the request. */
    @Test
    @Verifies("CHAT-006")
    public void required_chat006_completionNamesItsModel() {
        conforms("CHAT-006", path -> MODEL.matcher(path).find(), "model");
    }
}
