package org.oaiconformance.compat.stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.oaiconformance.contract.http.Exchange;
import org.oaiconformance.contract.json.Json;
import org.oaiconformance.contract.sse.SseEvent;
import org.oaiconformance.contract.sse.SseParser;

import java.util.List;

/** A streamed answer the target ended before any choice got its finish_reason: cut short, not finished. */
final class CutStream {
    private CutStream() {
    }

    static boolean isCut(Exchange exchange) {
        return exchange.status() == 200 && exchange.mediaType().equals("text/event-stream") && !finishes(SseParser.parseAll(exchange.body()));
    }

    static String describe(Exchange exchange) {
        List<SseEvent> events = SseParser.parseAll(exchange.body());
        return events.size() + " event(s), " + (finishes(events) ? "with a finish_reason" : "no finish_reason");
    }

    private static boolean finishes(List<SseEvent> events) {
        for (SseEvent event : events) {
            try {
                for (JsonNode choice : Json.MAPPER.readTree(event.data()).path("choices")) {
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
