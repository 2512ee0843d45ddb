package org.oaiconformance.compat.responses;

import com.fasterxml.jackson.databind.JsonNode;
import org.oaiconformance.contract.check.Expect;
import org.oaiconformance.contract.http.Exchange;
import org.oaiconformance.contract.json.Json;
import org.oaiconformance.contract.sse.SseEvent;
import org.oaiconformance.contract.sse.SseParser;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A Responses event stream, read as the SDKs read it: each data event one JSON event with a type; a trailing
 * {@code data: [DONE]} and comments are ignored, as openai-python and openai-node ignore them. Judged for its framing
 * (RESP-004) and for the members the SDKs' stream helpers index by (RESP-005).
 */
public final class ResponseStream {
    public static final Set<String> TERMINAL = Set.of("response.completed", "response.incomplete", "response.failed");

    private final Exchange exchange;
    private final List<SseEvent> raw;
    private final List<JsonNode> events;

    private ResponseStream(Exchange exchange, List<SseEvent> raw, List<JsonNode> events) {
        this.exchange = exchange;
        this.raw = raw;
        this.events = events;
    }

    /** The stream of a 200 text/event-stream answer; the check fails on anything else, or on an event that is not JSON. */
    static ResponseStream of(Exchange exchange) {
        Expect.status(exchange, 200);
        if (!exchange.mediaType().equals("text/event-stream")) {
            Expect.fail(exchange, "expected text/event-stream for stream: true");
        }
        List<SseEvent> raw = new ArrayList<>();
        List<JsonNode> events = new ArrayList<>();
        for (SseEvent event : SseParser.parseAll(exchange.body())) {
            if (event.data().strip().equals("[DONE]")) {
                continue;
            }
            JsonNode json;
            try {
                json = Json.MAPPER.readTree(event.data());
            } catch (IOException | RuntimeException notJson) {
                json = null;
            }
            if (json == null || !json.isObject() || !json.path("type").isTextual()) {
                Expect.fail(exchange, "expected every data event to be a JSON event with a type", "offending event: " + event.data());
            }
            raw.add(event);
            events.add(json);
        }
        if (events.isEmpty()) {
            Expect.fail(exchange, "expected events in the stream, got none");
        }
        return new ResponseStream(exchange, raw, events);
    }

    Exchange exchange() {
        return exchange;
    }

    /** Names, numbering and order: each event named by its type, numbered upward, created first and a terminal event last. */
    void judgeFraming() {
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            String type = event.path("type").asText();
            if (!raw.get(i).type().equals(type)) {
                Expect.fail(exchange, "expected each event's 'event:' name to be its data's type \"" + type + "\", got \""
                        + raw.get(i).type() + "\" (clients dispatch on the name)", "offending event: " + event);
            }
            JsonNode sequence = event.path("sequence_number");
            if (!sequence.isIntegralNumber() || sequence.asLong() <= previous) {
                Expect.fail(exchange, "expected an integer sequence_number on every event, each above the last"
                        + (i == 0 ? "" : " (" + previous + ")") + "; this event's is " + (sequence.isMissingNode() ? "missing" : sequence),
                        "offending event: " + event);
            }
            previous = sequence.asLong();
        }
        if (!events.get(0).path("type").asText().equals("response.created")) {
            Expect.fail(exchange, "expected response.created first, got " + events.get(0).path("type"), "offending event: " + events.get(0));
        }
        JsonNode last = events.get(events.size() - 1);
        if (!TERMINAL.contains(last.path("type").asText())) {
            Expect.fail(exchange, "expected the stream to end with response.completed, .incomplete or .failed, got "
                    + last.path("type"), "last event: " + last);
        }
    }

    /** The response of the terminal event; the check fails when there is none (see {@link #judgeFraming}). */
    JsonNode terminalResponse() {
        JsonNode last = events.get(events.size() - 1);
        if (!TERMINAL.contains(last.path("type").asText()) || !last.path("response").isObject()) {
            Expect.fail(exchange, "expected a terminal event with its response", "last event: " + last);
        }
        return last.path("response");
    }

    /** The output_text deltas, joined in order, must be the final response's text: what a client shows is what it keeps. */
    void judgeText(String finalText) {
        StringBuilder joined = new StringBuilder();
        for (JsonNode event : events) {
            if (event.path("type").asText().equals("response.output_text.delta")) {
                joined.append(event.path("delta").asText(""));
            }
        }
        if (!joined.toString().equals(finalText)) {
            Expect.fail(exchange, "expected the output_text deltas to join to the final text \"" + finalText + "\", they join to \""
                    + joined + "\"");
        }
    }

    /** Each function call's argument deltas, joined, must be its arguments as the terminal response holds them. */
    void judgeArguments(JsonNode response) {
        Map<String, StringBuilder> joined = new LinkedHashMap<>();
        for (JsonNode event : events) {
            if (event.path("type").asText().equals("response.function_call_arguments.delta")) {
                joined.computeIfAbsent(event.path("item_id").asText(""), k -> new StringBuilder()).append(event.path("delta").asText(""));
            }
        }
        for (JsonNode item : response.path("output")) {
            if (!item.path("type").asText().equals("function_call")) {
                continue;
            }
            StringBuilder deltas = joined.get(item.path("id").asText(""));
            String arguments = item.path("arguments").asText("");
            if (deltas == null || !deltas.toString().equals(arguments)) {
                Expect.fail(exchange, "expected the function_call_arguments deltas of item " + item.path("id") + " to join to its arguments "
                        + arguments + "; they join to " + (deltas == null ? "nothing (no delta names the item)" : deltas));
            }
        }
    }

    /** What openai-python's and openai-node's stream helpers index by, for the event types they build the snapshot from. */
    void judgeIndexes() {
        for (JsonNode event : events) {
            String type = event.path("type").asText();
            List<String> missing = new ArrayList<>();
            for (Map.Entry<String, Predicate<JsonNode>> member : NEEDED.getOrDefault(type, Map.of()).entrySet()) {
                if (!member.getValue().test(event.path(member.getKey()))) {
                    missing.add(member.getKey());
                }
            }
            if (!missing.isEmpty()) {
                Expect.fail(exchange, "expected " + type + " to carry " + String.join(", ", missing).replace("response",
                        "a response snapshot with its id and an output array") + ": the SDKs' stream helpers build their snapshot"
                        + " from these and find its item and part by the indexes", "offending event: " + event);
            }
        }
    }

    /** "14 events: response.created … response.completed". */
    String describe() {
        return events.size() + " events: " + events.get(0).path("type").asText() + " … " + events.get(events.size() - 1).path("type").asText();
    }

    private static final Predicate<JsonNode> INDEX = JsonNode::isIntegralNumber;
    private static final Predicate<JsonNode> TEXT = JsonNode::isTextual;
    private static final Predicate<JsonNode> OBJECT = JsonNode::isObject;
    private static final Predicate<JsonNode> SNAPSHOT = r -> r.isObject() && r.path("id").isTextual()
            && r.path("output").isArray();

    /** Event type → the members it must carry, and what each must be. */
    private static final Map<String, Map<String, Predicate<JsonNode>>> NEEDED = new LinkedHashMap<>();

    static {
        NEEDED.put("response.created", Map.of("response", SNAPSHOT));
        NEEDED.put("response.in_progress", Map.of("response", SNAPSHOT));
        NEEDED.put("response.output_item.added", Map.of("output_index", INDEX, "item", OBJECT));
        NEEDED.put("response.output_item.done", Map.of("output_index", INDEX, "item", OBJECT));
        NEEDED.put("response.content_part.added", Map.of("item_id", TEXT, "output_index", INDEX, "content_index", INDEX, "part", OBJECT));
        NEEDED.put("response.content_part.done", Map.of("item_id", TEXT, "output_index", INDEX, "content_index", INDEX, "part", OBJECT));
        NEEDED.put("response.output_text.delta", Map.of("item_id", TEXT, "output_index", INDEX, "content_index", INDEX, "delta", TEXT));
        NEEDED.put("response.output_text.done", Map.of("item_id", TEXT, "output_index", INDEX, "content_index", INDEX, "text", TEXT));
    }
}
