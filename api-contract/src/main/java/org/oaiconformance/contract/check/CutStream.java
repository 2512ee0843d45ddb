package org.oaiconformance.contract.check;

import com.fasterxml.jackson.databind.JsonNode;
import org.oaiconformance.contract.http.Exchange;
import org.oaiconformance.contract.json.Json;
import org.oaiconformance.contract.sse.SseEvent;
import org.oaiconformance.contract.sse.SseParser;

import java.util.List;

/**
 * A streamed answer the target ended before any choice got its finish_reason and without an error event: cut short,
 * neither finished nor failed.
 */
final class CutStream {
    private CutStream() {
    }

    static boolean isCut(Exchange exchange) {
        return exchange.status() == 200 && exchange.mediaType().equals("text/event-stream") && !finishes(SseParser.parseAll(exchange.body()));
    }

    static String describe(Exchange exchange) {
        List<SseEvent> events = SseParser.parseAll(exchange.body());
        return events.size() + " event(s), " + (finishes(events) ? "ended" : "no finish_reason and no error");
    }

    private static boolean finishes(List<SseEvent> events) {
        for (SseEvent event : events) {
            try {
                JsonNode chunk = Json.MAPPER.readTree(event.data());
                if (chunk.has("error")) {
                    return true; // failed mid-stream, as STREAM-006 asks: an end, not a cut
                }
                for (JsonNode choice : chunk.path("choices")) {
                    if (choice.path("finish_reason").isTextual()) {
                        return true;
                    }
                }
            } catch (Exception notJson) { // [DONE] and malformed events are STREAM-001's and STREAM-002's to judge
            }
        }
        return false;
    }
}
