package org.oaiconformance.contract.sse;

import java.util.ArrayList;
import java.util.List;

/**
 * An event-stream parser that follows the WHATWG HTML rules (§9.2.6): lines end with CRLF, LF or CR; lines
 * starting with ':' are comments; "field:value" drops one leading space of the value; data lines join with LF; an
 * empty line dispatches the event; an event with empty data is not dispatched. Text may arrive in any pieces.
 */
public final class SseParser {
    private final List<SseEvent> events = new ArrayList<>();
    private final StringBuilder line = new StringBuilder();
    private StringBuilder data = new StringBuilder();
    private String type = "";
    private String lastEventId = "";
    private boolean afterCr;
    private int comments;

    public static List<SseEvent> parseAll(String text) {
        SseParser parser = new SseParser();
        parser.feed(text);
        return parser.finish();
    }

    /** Feeds the next piece of the stream; it may end anywhere, even inside a CRLF pair. */
    public void feed(CharSequence chunk) {
        for (int i = 0; i < chunk.length(); i++) {
            char c = chunk.charAt(i);
            if (afterCr && c == '\n') {
                afterCr = false;
                continue; // the LF of a CRLF pair
            }
            afterCr = c == '\r';
            if (c == '\r' || c == '\n') {
                processLine(line.toString());
                line.setLength(0);
            } else {
                line.append(c);
            }
        }
    }

    /** Ends the stream and returns every dispatched event. An unterminated last event is dropped, per the spec. */
    public List<SseEvent> finish() {
        return List.copyOf(events);
    }

    /** Comment lines seen so far; legal, and a reason some clients crash. */
    public int comments() {
        return comments;
    }

    private void processLine(String text) {
        if (text.isEmpty()) {
            dispatch();
            return;
        }
        if (text.startsWith(":")) {
            comments++;
            return;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "data" -> data.append(value).append('\n');
            case "event" -> type = value;
            case "id" -> {
                if (!value.contains("\0")) {
                    lastEventId = value;
                }
            }
            default -> {
                // "retry" and unknown fields carry nothing a chat client uses
            }
        }
    }

    private void dispatch() {
        if (data.length() == 0) {
            type = "";
            return;
        }
        String payload = data.substring(0, data.length() - 1); // drop the last LF
        events.add(new SseEvent(type.isEmpty() ? "message" : type, payload, lastEventId));
        data = new StringBuilder();
        type = "";
    }
}
