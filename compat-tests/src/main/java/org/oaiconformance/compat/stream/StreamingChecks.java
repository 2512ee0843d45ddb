package org.oaiconformance.compat.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.oaiconformance.contract.catalogue.Verifies;
import org.oaiconformance.contract.check.ConformanceChecks;
import org.oaiconformance.contract.check.Expect;
import org.oaiconformance.contract.check.PerModel;
import org.oaiconformance.contract.http.ChatRequests;
import org.oaiconformance.contract.http.Exchange;
import org.oaiconformance.contract.json.ErrorEnvelope;
import org.oaiconformance.contract.json.Json;
import org.oaiconformance.contract.outcome.Observations;
import org.oaiconformance.contract.schema.ContractSchema;
import org.oaiconformance.contract.sse.SseEvent;
import org.oaiconformance.contract.sse.SseParser;
import org.oaiconformance.contract.wire.OpenAiWire;
import org.testng.SkipException;
import org.testng.annotations.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A streamed chat completion, read with a strict event-stream parser that sees what SDKs hide. Two billable calls:
 * a plain stream that serves STREAM-001 to STREAM-004, and one with stream_options.include_usage for STREAM-005.
 * Comment lines, 'data:' without a space, CRLF endings and data split over lines are legal and never fail a check.
 */
@PerModel
public class StreamingChecks extends ConformanceChecks {
    private static final ObjectMapper JSON = Json.MAPPER;
    private static final Set<String> FINISH_REASONS = OpenAiWire.FINISH_REASONS;

    /** The run's plain stream, asked once; if it could not be read, STREAM-001 reports why and the others step aside. */
    private Exchange stream() {
        Exchange stream = null;
        Exception streamFailure = null;
        try {
            stream = once("the stream", () -> postChat(ChatRequests.streaming(model())));
        } catch (Exception e) { // REST Assured rethrows I/O exceptions unchecked
            streamFailure = e;
        }
        if (streamFailure instanceof SkipException nothingToJudge) { // a recording without a stream
            throw nothingToJudge;
        }
        if (streamFailure != null) {
            throw new IllegalStateException("the stream could not be read: " + streamFailure.getMessage(), streamFailure);
        }
        return stream;
    }

    /** The chunks (events before [DONE]) of a well-framed stream; a badly framed one is STREAM-001's to judge. */
    private List<SseEvent> chunks() {
        Exchange exchange;
        try {
            exchange = stream();
        } catch (SkipException nothingToJudge) {
            throw nothingToJudge;
        } catch (IllegalStateException streamFailed) {
            throw new SkipException("cannot judge the chunks of a stream that could not be read: see STREAM-001");
        }
        List<SseEvent> events = SseParser.parseAll(exchange.body());
        if (exchange.status() != 200 || events.isEmpty() || !events.get(events.size() - 1).data().equals("[DONE]")) {
            throw new SkipException("cannot judge the chunks of a stream that is not well framed: see STREAM-001");
        }
        return events.subList(0, events.size() - 1);
    }

    /**
     * With {@code "stream": true} the answer is {@code text/event-stream}: data events, the last one {@code [DONE]}.
     * Verifies: STREAM-001 (OpenAI API reference, streaming; WHATWG event streams). If this fails, check the terminator.
     */
    @Test
    @Verifies("STREAM-001")
    public void required_stream001_streamIsAnEventStreamEndingWithDone() {
        Exchange exchange = stream();
        Expect.status(exchange, 200);
        if (!exchange.mediaType().equals("text/event-stream")) {
            Expect.fail(exchange, "expected Content-Type text/event-stream");
        }
        List<SseEvent> events = SseParser.parseAll(exchange.body());
        if (events.size() < 2) {
            Expect.fail(exchange, "expected data events followed by 'data: [DONE]', found " + events.size() + " event(s)");
        }
        if (!events.get(events.size() - 1).data().equals("[DONE]")) {
            Expect.fail(exchange, "expected the last event to be 'data: [DONE]'", "last event: " + events.get(events.size() - 1).data());
        }
    }

    /** Verifies: STREAM-002. If this fails, each event must be one chunk: object chat.completion.chunk, content in delta. */
    @Test
    @Verifies("STREAM-002")
    public void required_stream002_everyEventIsAChunk() {
        List<SseEvent> chunks = chunks();
        for (int i = 0; i < chunks.size(); i++) {
            Expect.conformsTo(stream(), chunks.get(i).data(), ContractSchema.CHAT_COMPLETION_CHUNK,
                    path -> !path.equals("/id") && !path.equals("/created"), "event " + (i + 1) + " of " + chunks.size());
        }
    }

    /**
     * Verifies: STREAM-003. If this fails, give every chunk of one completion the same, non-empty id and created. A
     * missing id is no id shared: the chunk schema requires one, and openai-java's ChatCompletionChunk.id() throws.
     */
    @Test
    @Verifies("STREAM-003")
    public void required_stream003_chunksShareOneIdAndCreated() {
        List<SseEvent> chunks = chunks();
        JsonNode first = parse(chunks.get(0));
        for (SseEvent event : chunks) {
            JsonNode chunk = parse(event);
            if (!chunk.path("id").isTextual() || chunk.path("id").asText().isEmpty()) {
                Expect.fail(stream(), "expected every chunk to carry its completion's id, a non-empty string; found "
                        + (chunk.has("id") ? chunk.path("id").toString() : "no id"), "offending event: " + event.data());
            }
            if (!chunk.path("id").equals(first.path("id")) || !chunk.path("created").equals(first.path("created"))) {
                Expect.fail(stream(), "expected one id and one created for the whole stream (first: "
                        + first.path("id") + ", " + first.path("created") + ")", "offending event: " + event.data());
            }
        }
    }

    /** Verifies: STREAM-004. If this fails, send the finish_reason in the last chunk that has choices. */
    @Test
    @Verifies("STREAM-004")
    public void required_stream004_streamEndsWithAFinishReason() {
        String finish = null;
        for (SseEvent event : chunks()) {
            for (JsonNode choice : parse(event).path("choices")) {
                if (choice.path("finish_reason").isTextual()) {
                    finish = choice.path("finish_reason").asText();
                }
            }
        }
        if (finish == null || !FINISH_REASONS.contains(finish)) {
            Expect.fail(stream(), "expected a chunk with a finish_reason from " + FINISH_REASONS + ", found " + finish);
        }
    }

    /**
     * With {@code stream_options.include_usage}, the last chunk before [DONE] carries usage and empty choices.
     * Verifies: STREAM-005 (OpenAI API reference, stream_options). One billable call of its own.
     * If this fails, check that stream_options is passed on and the usage chunk is not filtered out.
     */
    @Test
    @Verifies("STREAM-005")
    public void recommended_stream005_includeUsageAddsAFinalUsageChunk() {
        Exchange exchange = postChat(ChatRequests.streamingWithUsage(model()));
        Expect.status(exchange, 200);
        List<SseEvent> events = SseParser.parseAll(exchange.body());
        if (events.size() < 2 || !events.get(events.size() - 1).data().equals("[DONE]")) {
            throw new SkipException("cannot judge the last chunk of a stream that does not end with [DONE]: see STREAM-001");
        }
        // What clients rely on: usage arrives once, at the end: no choice content and no finish_reason after it. Whether
        // its chunk's choices are empty (OpenAI), hold one choice with an empty delta (OpenRouter, Groq, LiteLLM) or the
        // finishing choice itself (DeepSeek) is only recorded; so are chunks after it without choices (OpenAI's moderation).
        List<SseEvent> chunks = events.subList(0, events.size() - 1);
        List<Integer> withUsage = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            if (parse(chunks.get(i)).path("usage").isObject()) {
                withUsage.add(i);
            }
        }
        SseEvent last = chunks.get(chunks.size() - 1);
        if (withUsage.isEmpty()) {
            Expect.fail(exchange, "expected a usage object at the end of the stream: include_usage asked for it",
                    "last chunk: " + last.data());
        }
        if (withUsage.size() > 1) {
            Expect.fail(exchange, "expected usage exactly once; found it on " + withUsage.size() + " chunks, numbers "
                    + withUsage + " of " + chunks.size(), "chunk: " + chunks.get(withUsage.get(0)).data());
        }
        int usageAt = withUsage.get(0);
        for (int i = usageAt + 1; i < chunks.size(); i++) {
            for (JsonNode choice : parse(chunks.get(i)).path("choices")) {
                if (!choice.path("finish_reason").isNull() && !choice.path("finish_reason").isMissingNode()
                        || !choice.path("delta").path("content").asText("").isEmpty()) {
                    Expect.fail(exchange, "expected usage at the end: chunk " + i + " still carries content or a"
                            + " finish_reason after the usage chunk " + usageAt, "chunk: " + chunks.get(i).data());
                }
            }
        }
        if (usageAt < chunks.size() - 1) {
            Observations.record((chunks.size() - 1 - usageAt) + " chunk(s) without choice content follow the usage chunk");
        }
        JsonNode choices = parse(chunks.get(usageAt)).path("choices");
        Observations.record(choices.isArray() && choices.isEmpty() ? "usage chunk has empty choices"
                : "usage chunk carries " + choices.size() + " choice(s) beside usage (as many gateways send it; clients ignore it)");
    }

    /**
     * A failure after the stream started arrives as a data event with an error object, as the SDKs expect.
     * Verifies: STREAM-006 (docs/evidence.md#r17). Needs a way to make the target fail mid-stream: the profile's
     * midStreamErrorModel; skipped where there is none. If this fails, wrap upstream errors as {"error": {...}} events.
     */
    @Test
    @Verifies("STREAM-006")
    public void recommended_stream006_midStreamErrorIsAnErrorEvent() {
        String failing = session().profile().midStreamErrorModel();
        if (failing == null) {
            throw new SkipException("the '" + session().profile().name() + "' profile names no way to make the target fail mid-stream");
        }
        Exchange exchange = postChat(ChatRequests.streaming(failing));
        Expect.status(exchange, 200);
        String documented = session().profile().midStreamFinishReason();
        for (SseEvent event : SseParser.parseAll(exchange.body())) {
            for (JsonNode choice : chunkOrEmpty(event).path("choices")) {
                String finish = choice.path("finish_reason").asText(null);
                if (finish != null && !FINISH_REASONS.contains(finish) && !finish.equals(documented)) {
                    Expect.fail(exchange, "expected the failure to end the stream with an error event, not with finish_reason \"" + finish
                            + "\", which the '" + session().profile().name() + "' profile does not document (OpenRouter documents"
                            + " \"error\"; OpenAI's SDKs know " + FINISH_REASONS + ")", "offending event: " + event.data());
                }
            }
        }
        for (SseEvent event : SseParser.parseAll(exchange.body())) {
            if (ErrorEnvelope.in(event.data()).flatMap(e -> e.message()).isPresent()) {
                return;
            }
        }
        Expect.fail(exchange, "expected a data event carrying an error object with a string message");
    }

    private static JsonNode chunkOrEmpty(SseEvent event) {
        try {
            return JSON.readTree(event.data());
        } catch (Exception notJson) { // [DONE], or text: the error-event rule below judges it
            return MissingNode.getInstance();
        }
    }

    private JsonNode parse(SseEvent event) {
        try {
            return JSON.readTree(event.data());
        } catch (Exception e) {
            throw new SkipException("an event is not JSON, which STREAM-002 judges: see STREAM-002");
        }
    }
}
