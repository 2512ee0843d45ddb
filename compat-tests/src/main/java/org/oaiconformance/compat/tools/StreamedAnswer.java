package org.oaiconformance.compat.tools;

import com.fasterxml.jackson.databind.JsonNode;
import org.oaiconformance.contract.json.Json;
import org.oaiconformance.contract.sse.SseEvent;
import org.oaiconformance.contract.sse.SseParser;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A streamed chat completion put back together the way the SDKs' stream helpers do it: content joined per choice,
 * tool calls joined per choice and call index, the last finish_reason per choice. What a helper would choke on (a
 * tool_calls delta without index, a first delta without id or name, a later delta repeating them) is kept as a problem
 * instead of thrown.
 */
public final class StreamedAnswer {
    /** One tool call, as its deltas built it. */
    public static final class Call {
        public String id;
        public String type;
        public String name;
        public final StringBuilder arguments = new StringBuilder();
    }

    public final Map<Integer, StringBuilder> content = new TreeMap<>();
    public final Map<Integer, Map<Integer, Call>> toolCalls = new TreeMap<>();
    public final Map<Integer, String> finishReasons = new TreeMap<>();
    public final List<String> problems = new ArrayList<>();
    /** Whether the stream ended with data: [DONE]. */
    public boolean done;
    /** The usage object of the last chunk that carried one (include_usage), or null. */
    public JsonNode usage;

    public static StreamedAnswer of(String body) {
        StreamedAnswer answer = new StreamedAnswer();
        for (SseEvent event : SseParser.parseAll(body)) {
            if (event.data().equals("[DONE]")) {
                answer.done = true;
                continue;
            }
            JsonNode chunk;
            try {
                chunk = Json.MAPPER.readTree(event.data());
            } catch (IOException notJson) {
                answer.problems.add("an event is not JSON: " + event.data());
                continue;
            }
            for (JsonNode choice : chunk.path("choices")) {
                answer.add(choice);
            }
            if (chunk.path("usage").isObject()) {
                answer.usage = chunk.path("usage");
            }
        }
        return answer;
    }

    private void add(JsonNode choice) {
        int index = choice.path("index").asInt(0);
        JsonNode delta = choice.path("delta");
        if (delta.path("content").isTextual()) {
            content.computeIfAbsent(index, k -> new StringBuilder()).append(delta.path("content").asText());
        }
        for (JsonNode call : delta.path("tool_calls")) {
            if (!call.path("index").isInt()) {
                problems.add("a tool_calls delta without an integer index: " + call);
                continue;
            }
            Map<Integer, Call> calls = toolCalls.computeIfAbsent(index, k -> new TreeMap<>());
            boolean first = !calls.containsKey(call.path("index").asInt());
            Call built = calls.computeIfAbsent(call.path("index").asInt(), k -> new Call());
            if (first && (!call.path("id").isTextual() || !call.path("type").isTextual() || !call.path("function").path("name").isTextual())) {
                problems.add("the first delta of tool call " + call.path("index").asInt() + " lacks its id, type or function.name: " + call);
            }
            if (!first && (nonEmpty(call.path("id")) || nonEmpty(call.path("function").path("name")))) {
                // openai-python's accumulate_delta appends every string but index and type: a repeated id becomes "call_1call_1"
                problems.add("a later delta of tool call " + call.path("index").asInt() + " repeats its id or function.name, which"
                        + " openai-python's stream helper appends to the first (send them once, on the call's first delta): " + call);
            }
            if (call.path("id").isTextual()) {
                built.id = call.path("id").asText();
            }
            if (call.path("type").isTextual()) {
                built.type = call.path("type").asText();
            }
            if (call.path("function").path("name").isTextual()) {
                built.name = call.path("function").path("name").asText();
            }
            if (call.path("function").path("arguments").isTextual()) {
                built.arguments.append(call.path("function").path("arguments").asText());
            }
        }
        if (choice.path("finish_reason").isTextual()) {
            finishReasons.put(index, choice.path("finish_reason").asText());
        }
    }

    private static boolean nonEmpty(JsonNode value) {
        return value.isTextual() && !value.asText().isEmpty();
    }
}
