package org.oaiconformance.contract.sse;

/** One dispatched server-sent event: its type ("message" unless an event field said otherwise) and data. */
public record SseEvent(String type, String data, String lastEventId) {
}
