package org.oaiconformance.compat.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.oaiconformance.contract.catalogue.Verifies;
import org.oaiconformance.contract.check.ConformanceChecks;
import org.oaiconformance.contract.check.Expect;
import org.oaiconformance.contract.http.ChatRequests;
import org.oaiconformance.contract.http.Exchange;
import org.oaiconformance.contract.sse.SseEvent;
import org.oaiconformance.contract.sse.SseParser;
import org.testng.annotations.Test;

import java.util.List;

/** A streamed chat completion read with a strict event-stream parser, which sees what SDKs hide. One billable call. */
public class StreamingChecks extends ConformanceChecks {
    private static final String REQ = "STREAM-001";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * With {@code "stream": true} the answer is {@code text/event-stream}; every data event but the last is a
     * {@code chat.completion.chunk}; the last is {@code [DONE]}. Comment lines and 'data:' without a space are legal.
     * Verifies: STREAM-001 (OpenAI API reference, streaming; WHATWG event streams).
     * If this fails, check the stream writer's terminator and that each event is one JSON chunk.
     */
    @Test
    @Verifies(REQ)
    public void required_stream001_streamIsChunksEndingWithDone() {
        Exchange exchange = target().post("/chat/completions", target().validKey(), ChatRequests.streaming(model()));
        Expect.status(REQ, exchange, 200);
        if (!exchange.mediaType().equals("text/event-stream")) {
            Expect.fail(REQ, exchange, "expected Content-Type text/event-stream");
        }
        List<SseEvent> events = SseParser.parseAll(exchange.body());
        if (events.isEmpty()) {
            Expect.fail(REQ, exchange, "expected data events, found none");
        }
        if (!events.get(events.size() - 1).data().equals("[DONE]")) {
            Expect.fail(REQ, exchange, "expected the last event to be 'data: [DONE]'");
        }
        List<SseEvent> chunks = events.subList(0, events.size() - 1);
        if (chunks.isEmpty()) {
            Expect.fail(REQ, exchange, "expected at least one chunk before [DONE]");
        }
        for (SseEvent event : chunks) {
            JsonNode chunk;
            try {
                chunk = JSON.readTree(event.data());
            } catch (Exception e) {
                throw new AssertionError(exchange.describeFailure(REQ, "expected every event before [DONE] to be one JSON chunk"));
            }
            Expect.textEquals(REQ, exchange, chunk, "object", "chat.completion.chunk");
        }
    }
}
