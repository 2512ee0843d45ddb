package org.oaiconformance.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.oaiconformance.contract.http.FeatureRequests;
import org.oaiconformance.contract.secrets.InventedSecrets;
import org.oaiconformance.contract.wire.OpenAiWire;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The reference target's optional features of chat completions: tool calls (arguments made from each tool's
 * parameters schema), structured outputs (made from the json_schema), n choices, stop sequences and logprobs; plain
 * and streamed. Deterministic: the same request gets the same answer, call ids aside.
 */
final class ChatFeatures {
    private static final int ARGUMENT_FRAGMENT = 8;

    private final String model;

    ChatFeatures(String model) {
        this.model = model;
    }

    /** True for a request only this class answers: it uses tools, a response format, n, stop or logprobs. */
    static boolean wanted(JsonNode request) {
        return OpenAiWire.usesOptionalFeature(request);
    }

    void handle(Call call, JsonNode request, String id, long created, int promptTokens) throws IOException {
        if (declined(call, request)) {
            return;
        }
        if (call.on(Switch.TOOL_RESULTS_500) && hasToolMessage(request.path("messages"))) {
            call.error(500, "server_error", null, null, "Internal server error.");
            return;
        }
        if (!call.on(Switch.NAMED_TOOL_CHOICE_IGNORED) && namesAToolNotOffered(request)) {
            call.error(400, "invalid_request_error", null, "tool_choice", "Invalid value for 'tool_choice': function '"
                    + request.path("tool_choice").path("function").path("name").asText() + "' is not among the tools offered.");
            return;
        }
        if (!call.on(Switch.TOOL_RESULT_UNMATCHED_ACCEPTED) && unmatchedToolResult(request.path("messages"))) {
            call.error(400, "invalid_request_error", null, "messages", "Invalid parameter: messages with role 'tool' must be a"
                    + " response to a preceding message with 'tool_calls'.");
            return;
        }
        boolean streamed = request.path("stream").asBoolean(false);
        int n = call.on(Switch.N_IGNORED) || streamed && call.on(Switch.STREAMED_N_IGNORED) ? 1 : Math.max(1, request.path("n").asInt(1));
        List<Choice> choices = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            choices.add(choice(call, request));
        }
        if (streamed) {
            stream(call, request, id, created, choices, promptTokens);
        } else {
            call.json(200, completion(call, request, id, created, choices, promptTokens));
        }
    }

    /** The legal variants that decline a feature: a clean 400 naming the parameter, as servers that lack it answer. */
    private static boolean declined(Call call, JsonNode request) throws IOException {
        if (call.on(Switch.N_DECLINED) && request.path("n").asInt(1) > 1) {
            call.error(400, "invalid_request_error", "unsupported_parameter", "n", "Unsupported parameter: 'n' greater than 1 is not supported.");
            return true;
        }
        if (call.on(Switch.PARALLEL_TOOL_CALLS_DECLINED) && request.has("parallel_tool_calls") && !request.path("parallel_tool_calls").asBoolean(true)) {
            call.error(400, "invalid_request_error", "unsupported_parameter", "parallel_tool_calls",
                    "Unsupported parameter: 'parallel_tool_calls' false is not supported.");
            return true;
        }
        if (call.on(Switch.LOGPROBS_DECLINED) && request.path("logprobs").asBoolean(false)) {
            call.error(400, "invalid_request_error", "unsupported_parameter", "logprobs", "Unsupported parameter: 'logprobs' is not supported.");
            return true;
        }
        return false;
    }

    /** One choice's answer: tool calls, or text (JSON for a response format). */
    private record Choice(List<ToolCall> toolCalls, String content, String finishReason) {
    }

    private record ToolCall(String id, String name, String arguments) {
    }

    private Choice choice(Call call, JsonNode request) {
        List<String> called = toolsToCall(call, request);
        if (!called.isEmpty()) {
            List<ToolCall> calls = new ArrayList<>();
            String sharedId = "call_" + InventedSecrets.random("").substring(0, 24);
            for (String name : called) {
                String callId = call.on(Switch.TOOL_CALL_IDS_REPEATED) ? sharedId
                        : "call_" + InventedSecrets.random("").substring(0, 24);
                calls.add(new ToolCall(callId, name, SchemaExample.of(parametersOf(request, name)).toString()));
            }
            return new Choice(calls, null, call.on(Switch.FINISH_REASON_TOOL_CALL) ? "tool_call" : "tool_calls");
        }
        JsonNode format = call.on(Switch.RESPONSE_FORMAT_IGNORED) ? MissingNode.getInstance()
                : request.path("response_format");
        String kind = format.path("type").asText("text");
        if (kind.equals("json_object")) {
            return new Choice(List.of(), "{\"answer\":\"OK\"}", "stop");
        }
        if (kind.equals("json_schema")) {
            return new Choice(List.of(), SchemaExample.of(format.path("json_schema").path("schema")).toString(), "stop");
        }
        String text = prompt(request).startsWith("Repeat exactly") ? FeatureRequests.COUNTING
                : ChatCompletions.ANSWER;
        for (JsonNode stop : stops(call, request)) {
            int at = text.indexOf(stop.asText());
            if (!stop.asText().isEmpty() && at >= 0) {
                return new Choice(List.of(), text.substring(0, at), "stop");
            }
        }
        return new Choice(List.of(), text, "stop");
    }

    private static boolean namesAToolNotOffered(JsonNode request) {
        JsonNode named = request.path("tool_choice").path("function").path("name");
        if (!named.isTextual()) {
            return false;
        }
        for (JsonNode tool : request.path("tools")) {
            if (named.asText().equals(tool.path("function").path("name").asText())) {
                return false;
            }
        }
        return true;
    }

    /** Which tools to call: the named one, every tool for "required" (the first alone without parallel calls), none for "none". */
    private static List<String> toolsToCall(Call call, JsonNode request) {
        JsonNode tools = request.path("tools");
        if (tools.isEmpty() || call.on(Switch.TOOL_CALLS_IGNORED)) {
            return List.of();
        }
        JsonNode choice = request.path("tool_choice");
        String first = tools.get(0).path("function").path("name").asText();
        if (choice.isObject() && call.on(Switch.NAMED_TOOL_CHOICE_IGNORED)) {
            return hasToolMessage(request.path("messages")) ? List.of() : List.of(first); // read as "auto"
        }
        if (choice.isObject()) {
            return List.of(choice.path("function").path("name").asText(first));
        }
        String mode = choice.asText("auto");
        if (mode.equals("none")) {
            return call.on(Switch.TOOL_CHOICE_NONE_IGNORED) ? List.of(first) : List.of();
        }
        if (mode.equals("required")) {
            if (!request.path("parallel_tool_calls").asBoolean(true) && !call.on(Switch.PARALLEL_TOOL_CALLS_IGNORED)) {
                return List.of(first);
            }
            List<String> all = new ArrayList<>();
            tools.forEach(t -> all.add(t.path("function").path("name").asText()));
            return all;
        }
        // auto: answer the tool's result with text; otherwise call the first tool
        return hasToolMessage(request.path("messages")) ? List.of() : List.of(first);
    }

    private ObjectNode completion(Call call, JsonNode request, String id, long created, List<Choice> choices, int promptTokens) {
        ObjectNode root = ChatCompletions.envelope(id, "chat.completion", created, call.servedModel(model));
        ArrayNode array = root.putArray("choices");
        int completionTokens = 0;
        for (int i = 0; i < choices.size(); i++) {
            Choice choice = choices.get(i);
            ObjectNode node = array.addObject();
            node.put("index", i);
            ObjectNode message = node.putObject("message");
            message.put("role", "assistant");
            if (choice.toolCalls().isEmpty()) {
                message.put("content", choice.content());
                completionTokens += words(choice.content()).size();
            } else {
                if (call.on(Switch.CONTENT_EMPTY_BESIDE_TOOL_CALLS)) {
                    message.put("content", "");
                } else {
                    message.putNull("content");
                }
                ArrayNode calls = message.putArray("tool_calls");
                for (ToolCall toolCall : choice.toolCalls()) {
                    ObjectNode c = calls.addObject();
                    c.put("id", toolCall.id());
                    c.put("type", "function");
                    ObjectNode function = c.putObject("function").put("name", toolCall.name());
                    if (call.on(Switch.ARGUMENTS_AS_OBJECT)) {
                        function.set("arguments", Call.JSON.valueToTree(parse(toolCall.arguments())));
                    } else {
                        function.put("arguments", toolCall.arguments());
                    }
                    completionTokens += 8;
                }
            }
            if (call.on(Switch.REFUSAL_AND_ANNOTATIONS)) {
                message.putNull("refusal");
                message.putArray("annotations");
            }
            if (call.on(Switch.NULL_OPTIONAL_MEMBERS)) {
                for (String member : new String[] {"refusal", "tool_calls", "function_call", "audio", "annotations"}) {
                    if (!message.has(member)) {
                        message.putNull(member);
                    }
                }
            }
            if (wantsLogprobs(call, request) && choice.toolCalls().isEmpty()) {
                node.set("logprobs", logprobs(choice.content(), request.path("top_logprobs").asInt(0)));
            } else {
                node.putNull("logprobs");
            }
            node.put("finish_reason", choice.finishReason());
        }
        root.set("usage", ChatCompletions.usage(call, promptTokens, completionTokens));
        return root;
    }

    private void stream(Call call, JsonNode request, String id, long created, List<Choice> choices, int promptTokens) throws IOException {
        try (OutputStream out = call.eventStream()) {
            int completionTokens = 0;
            for (int i = 0; i < choices.size(); i++) {
                Choice choice = choices.get(i);
                int index = i;
                if (choice.toolCalls().isEmpty()) {
                    write(call, out, chunk(call, id, created, index, d -> d.put("role", "assistant").put("content", ""), null));
                    for (String word : words(choice.content())) {
                        write(call, out, chunk(call, id, created, index, d -> d.put("content", word), null));
                        completionTokens++;
                    }
                } else {
                    write(call, out, chunk(call, id, created, index, d -> d.put("role", "assistant").putNull("content"), null));
                    for (int j = 0; j < choice.toolCalls().size(); j++) {
                        ToolCall toolCall = choice.toolCalls().get(j);
                        int callIndex = j;
                        List<String> fragments = fragments(call, toolCall.arguments());
                        write(call, out, chunk(call, id, created, index, d -> {
                            ObjectNode c = d.putArray("tool_calls").addObject().put("index", callIndex).put("id", toolCall.id()).put("type", "function");
                            c.putObject("function").put("name", toolCall.name()).put("arguments", fragments.get(0));
                        }, null));
                        for (String fragment : fragments.subList(1, fragments.size())) {
                            write(call, out, chunk(call, id, created, index, d -> {
                                ObjectNode c = d.putArray("tool_calls").addObject();
                                if (!call.on(Switch.TOOL_DELTA_WITHOUT_INDEX)) {
                                    c.put("index", callIndex);
                                }
                                if (call.on(Switch.TOOL_ID_IN_EVERY_DELTA)) {
                                    c.put("id", toolCall.id()).put("type", "function");
                                    c.putObject("function").put("name", toolCall.name()).put("arguments", fragment);
                                    return;
                                }
                                c.putObject("function").put("arguments", fragment);
                            }, null));
                        }
                        completionTokens += 8;
                    }
                }
                String finish = !choice.toolCalls().isEmpty() && call.on(Switch.STREAM_TOOL_CALLS_END_WITH_STOP) ? "stop" : choice.finishReason();
                write(call, out, chunk(call, id, created, index, d -> { }, finish));
            }
            if (request.path("stream_options").path("include_usage").asBoolean(false)) {
                ObjectNode last = chunk(call, id, created, 0, call.on(Switch.USAGE_CHUNK_WITH_EMPTY_DELTA) ? d -> { } : null, null);
                last.set("usage", ChatCompletions.usage(call, promptTokens, completionTokens));
                write(call, out, last);
            }
            out.write(ChatCompletions.done(call).getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    /** The arguments in 8-character fragments, the first one empty as OpenAI streams them; or as the legal variants cut them. */
    private static List<String> fragments(Call call, String arguments) {
        if (call.on(Switch.ARGUMENTS_IN_ONE_FRAGMENT)) {
            return List.of(arguments);
        }
        int size = call.on(Switch.ARGUMENTS_IN_ONE_CHARACTER_FRAGMENTS) ? 1 : ARGUMENT_FRAGMENT;
        List<String> fragments = new ArrayList<>();
        fragments.add("");
        for (int i = 0; i < arguments.length(); i += size) {
            fragments.add(arguments.substring(i, Math.min(arguments.length(), i + size)));
        }
        return fragments;
    }

    private ObjectNode chunk(Call call, String id, long created, int index, Consumer<ObjectNode> delta, String finishReason) {
        ObjectNode root = ChatCompletions.envelope(id, "chat.completion.chunk", created, call.servedModel(model));
        ArrayNode choices = root.putArray("choices");
        if (delta != null) {
            ObjectNode choice = choices.addObject();
            choice.put("index", index);
            delta.accept(choice.putObject("delta"));
            choice.putNull("logprobs");
            choice.put("finish_reason", finishReason);
        }
        return root;
    }

    private static void write(Call call, OutputStream out, ObjectNode chunk) throws IOException {
        out.write(ChatCompletions.framed(call, chunk).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** logprobs.content: one entry a word, the word itself the likeliest of its top_logprobs. */
    private static ObjectNode logprobs(String content, int top) {
        ObjectNode logprobs = Call.JSON.createObjectNode();
        ArrayNode entries = logprobs.putArray("content");
        List<String> words = words(content);
        for (int i = 0; i < words.size(); i++) {
            double logprob = -0.01 * (i + 1);
            ObjectNode entry = token(words.get(i), logprob);
            ArrayNode alternatives = entry.putArray("top_logprobs");
            for (int k = 0; k < top; k++) {
                alternatives.add(token(k == 0 ? words.get(i) : words.get(i) + "s".repeat(k), logprob - 2.0 * k));
            }
            entries.add(entry);
        }
        logprobs.putNull("refusal");
        return logprobs;
    }

    private static ObjectNode token(String token, double logprob) {
        ObjectNode node = Call.JSON.createObjectNode();
        node.put("token", token);
        node.put("logprob", logprob);
        ArrayNode bytes = node.putArray("bytes");
        for (byte b : token.getBytes(StandardCharsets.UTF_8)) {
            bytes.add(b & 0xff);
        }
        return node;
    }

    private static boolean wantsLogprobs(Call call, JsonNode request) {
        boolean stopInTheWay = call.on(Switch.STOP_DROPS_LOGPROBS) && !request.path("stop").isMissingNode() && !request.path("stop").isNull();
        return request.path("logprobs").asBoolean(false) && !call.on(Switch.LOGPROBS_IGNORED) && !stopInTheWay;
    }

    private static JsonNode stops(Call call, JsonNode request) {
        if (call.on(Switch.STOP_IGNORED)) {
            return Call.JSON.createArrayNode();
        }
        JsonNode stop = request.path("stop");
        return stop.isTextual() ? Call.JSON.createArrayNode().add(stop) : stop.isArray() ? stop : Call.JSON.createArrayNode();
    }

    /** Words with their leading space, so joining them restores the text. */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        String[] parts = text.split(" ", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i == 0 && parts[i].isEmpty() && parts.length > 1) {
                continue;
            }
            words.add(i == 0 ? parts[i] : " " + parts[i]);
        }
        return words;
    }

    private static String prompt(JsonNode request) {
        JsonNode first = request.path("messages").path(0);
        return first.path("content").asText("");
    }

    private static JsonNode parametersOf(JsonNode request, String name) {
        for (JsonNode tool : request.path("tools")) {
            if (tool.path("function").path("name").asText().equals(name)) {
                return tool.path("function").path("parameters");
            }
        }
        return Call.JSON.createObjectNode();
    }

    private static boolean hasToolMessage(JsonNode messages) {
        for (JsonNode message : messages) {
            if ("tool".equals(message.path("role").asText())) {
                return true;
            }
        }
        return false;
    }

    /** A tool message answering an id no earlier assistant message called. */
    private static boolean unmatchedToolResult(JsonNode messages) {
        Set<String> called = new HashSet<>();
        for (JsonNode message : messages) {
            for (JsonNode toolCall : message.path("tool_calls")) {
                called.add(toolCall.path("id").asText());
            }
            if ("tool".equals(message.path("role").asText()) && !called.contains(message.path("tool_call_id").asText())) {
                return true;
            }
        }
        return false;
    }

    private static Object parse(String json) {
        try {
            return Call.JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
