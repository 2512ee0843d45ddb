package org.oaiconformance.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * {@code POST responses}, OpenAI's Responses API: the same deterministic answer as chat completions, as a response
 * object with a message output item, or as its event stream (each event named by its type and numbered). A request that
 * asks to count answers "1 2 … 50", so {@code max_output_tokens} (at least 16 on OpenAI) can cut it: the response is then
 * {@code incomplete} with reason {@code max_output_tokens}. Authentication is the caller's; validation is here.
 */
final class Responses {
    private final String model;
    /** Responses stored for GET responses/{id}, the latest thousand. */
    private final Map<String, ObjectNode> stored = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ObjectNode> eldest) {
            return size() > 1000;
        }
    });

    Responses(String model) {
        this.model = model;
    }

    /** GET responses/{id}: the stored response, or 404 with the envelope for an id never stored. */
    void retrieve(Call call, String id) throws IOException {
        ObjectNode response = call.on(Switch.RESPONSES_NOT_STORED) ? null : stored.get(id);
        if (response == null && call.on(Switch.RESPONSES_UNKNOWN_ID_200)) {
            call.json(200, Call.JSON.createObjectNode().put("id", id).put("object", "response").put("status", "completed"));
            return;
        }
        if (response == null) {
            call.error(404, "invalid_request_error", null, null, "No response found with id '" + id + "'.");
            return;
        }
        ObjectNode copy = response.deepCopy();
        if (call.on(Switch.RESPONSES_STORED_DIFFERS)) {
            copy.put("status", "in_progress").putArray("output");
        }
        call.json(200, copy);
    }

    void handle(Call call, JsonNode request) throws IOException {
        if (request == null || !request.isObject()) {
            call.error(400, "invalid_request_error", null, null, "We could not parse the JSON body of your request.");
            return;
        }
        JsonNode input = request.path("input");
        boolean items = input.isArray() && !input.isEmpty();
        if (!(input.isTextual() && !input.asText().isEmpty()) && !items) {
            call.error(400, "invalid_request_error", "missing_required_parameter", "input", "'input' is required: a string or a list of items.");
            return;
        }
        if (items && call.on(Switch.RESPONSES_ITEMS_REFUSED)) {
            call.error(400, "invalid_request_error", null, "input", "Invalid type for 'input': expected a string.");
            return;
        }
        call.serving(request.path("model").asText(""));
        if (!ReferenceTarget.MODELS.contains(request.path("model").asText(""))) {
            if (call.on(Switch.UNKNOWN_MODEL_500)) {
                call.error(500, "server_error", null, null, "Upstream provider error.");
                return;
            }
            call.error(404, "invalid_request_error", "model_not_found", "model", "The model '" + request.path("model").asText("") + "' does not exist.");
            return;
        }
        if (items && answersAToolCall(input) && call.on(Switch.RESPONSES_TOOL_OUTPUT_REFUSED)) {
            call.error(400, "invalid_request_error", null, "input", "Invalid input item type 'function_call_output'.");
            return;
        }
        JsonNode previous = request.path("previous_response_id");
        ObjectNode before = previous.isTextual() && !call.on(Switch.RESPONSES_NOT_STORED) ? stored.get(previous.asText()) : null;
        if (previous.isTextual() && before == null) {
            call.error(400, "invalid_request_error", "previous_response_not_found", "previous_response_id",
                    "Previous response with id '" + previous.asText() + "' not found.");
            return;
        }
        int carried = before == null || call.on(Switch.RESPONSES_PREVIOUS_IGNORED) ? 0 : carriedTokens(before);
        String text = text(input) + " " + request.path("instructions").asText("");
        String function = forcedFunction(call, request);
        if (function != null) {
            JsonNode arguments = SchemaExample.of(parametersOf(request, function));
            call(call, request, new FunctionCall("call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24), function,
                    call.on(Switch.RESPONSES_ARGUMENTS_AS_OBJECT) ? arguments : Call.JSON.getNodeFactory().textNode(arguments.toString())),
                    text.trim().split("\\s+").length);
            return;
        }
        List<String> tokens = items && answersAToolCall(input) ? words(TOOL_RESULT_ANSWER) : answer(text);
        JsonNode format = request.path("text").path("format");
        if (format.path("type").asText().equals("json_schema") && !call.on(Switch.RESPONSES_FORMAT_IGNORED)) {
            tokens = pieces(SchemaExample.of(format.path("schema")).toString());
        } else if (format.path("type").asText().equals("json_object") && !call.on(Switch.RESPONSES_FORMAT_IGNORED)) {
            tokens = pieces("{\"answer\":\"OK\"}");
        }
        JsonNode max = request.path("max_output_tokens");
        int cap = max.canConvertToInt() && max.asInt() > 0 ? max.asInt() : Integer.MAX_VALUE;
        int reasoning = call.on(Switch.RESPONSES_REASONING_ITEM) ? 1 : 0; // reasoning counts in output_tokens, within the cap
        boolean cut = tokens.size() + reasoning > cap;
        if (cut) {
            tokens = tokens.subList(0, Math.max(0, cap - reasoning));
        }
        String id = call.on(Switch.RESPONSES_ID_NOT_A_SEGMENT) ? "../keys?x=" + UUID.randomUUID().toString().substring(0, 8)
                : "resp_" + UUID.randomUUID().toString().replace("-", "");
        Answer answer = new Answer(id, "msg_" + UUID.randomUUID().toString().replace("-", ""),
                System.currentTimeMillis() / 1000, request.path("instructions").isTextual() ? request.path("instructions").asText() : null,
                tokens, cut && !call.on(Switch.RESPONSES_INCOMPLETE_AS_COMPLETED), carried + text.trim().split("\\s+").length);
        if (request.path("stream").asBoolean(false)) {
            stream(call, answer);
        } else {
            ObjectNode response = response(call, answer, true);
            if (request.path("store").asBoolean(true)) { // OpenAI stores a response unless asked not to
                stored.put(answer.id(), response.deepCopy());
            }
            call.json(200, response);
        }
    }

    /** The tokens a stored turn puts before a continuation's input: its input and its visible output. */
    private static int carriedTokens(JsonNode response) {
        JsonNode usage = response.path("usage");
        return usage.path("input_tokens").asInt() + usage.path("output_tokens").asInt()
                - usage.path("output_tokens_details").path("reasoning_tokens").asInt();
    }

    /** One answer, as both the plain response and the stream tell it. */
    private record Answer(String id, String messageId, long createdAt, String instructions, List<String> tokens, boolean incomplete,
                          int inputTokens) {
        String text() {
            return String.join("", tokens);
        }
    }

    private ObjectNode response(Call call, Answer answer, boolean done) {
        long createdAt = call.on(Switch.RESPONSES_CREATED_AT_MS) ? answer.createdAt() * 1000 : answer.createdAt();
        ObjectNode root = Call.JSON.createObjectNode().put("id", answer.id()).put("object", "response").put("created_at", createdAt);
        root.put("status", !done ? "in_progress" : answer.incomplete() ? "incomplete" : "completed");
        if (done && answer.incomplete()) {
            root.putObject("incomplete_details").put("reason", "max_output_tokens");
        } else {
            root.putNull("incomplete_details");
        }
        root.putNull("error");
        if (answer.instructions() == null) {
            root.putNull("instructions");
        } else {
            root.put("instructions", answer.instructions());
        }
        root.put("model", call.servedModel(model));
        ArrayNode output = root.putArray("output");
        if (done) {
            if (call.on(Switch.RESPONSES_REASONING_ITEM)) {
                output.add(reasoningItem(answer));
            }
            output.add(message(answer, true));
        }
        root.put("parallel_tool_calls", true).put("tool_choice", "auto").put("temperature", 1.0).put("top_p", 1.0);
        root.putArray("tools");
        root.putObject("metadata");
        if (done) {
            int outputTokens = answer.tokens().size() + (call.on(Switch.RESPONSES_REASONING_ITEM) ? 1 : 0);
            ObjectNode usage = root.putObject("usage").put("input_tokens", answer.inputTokens());
            usage.putObject("input_tokens_details").put("cached_tokens", 0);
            usage.put("output_tokens", outputTokens);
            usage.putObject("output_tokens_details").put("reasoning_tokens", call.on(Switch.RESPONSES_REASONING_ITEM) ? 1 : 0);
            usage.put("total_tokens", answer.inputTokens() + outputTokens + (call.on(Switch.RESPONSES_USAGE_TOTAL_WRONG) ? 7 : 0));
        } else {
            root.putNull("usage");
        }
        if (call.on(Switch.EXTRA_FIELDS)) {
            root.put("provider", "reference");
        }
        return root;
    }

    private static ObjectNode message(Answer answer, boolean done) {
        ObjectNode item = Call.JSON.createObjectNode().put("type", "message").put("id", answer.messageId())
                .put("status", !done ? "in_progress" : answer.incomplete() ? "incomplete" : "completed").put("role", "assistant");
        ArrayNode content = item.putArray("content");
        if (done) {
            content.add(textPart(answer.text()));
        }
        return item;
    }

    private static ObjectNode textPart(String text) {
        ObjectNode part = Call.JSON.createObjectNode().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        return part;
    }

    private static ObjectNode reasoningItem(Answer answer) {
        ObjectNode item = Call.JSON.createObjectNode().put("type", "reasoning").put("id", "rs_" + answer.id().substring(5));
        item.putArray("summary");
        return item;
    }

    /**
     * The event stream OpenAI sends: created, in_progress, the item and its part added, one text delta per token, the
     * text, part and item done, then completed (or incomplete). Every event is named by its type and numbered.
     */
    private void stream(Call call, Answer answer) throws IOException {
        List<ObjectNode> events = new ArrayList<>();
        boolean bare = call.on(Switch.RESPONSES_STREAM_BARE_SNAPSHOT);
        events.add(event("response.created").set("response", bare ? bareSnapshot(answer) : response(call, answer, false)));
        events.add(event("response.in_progress").set("response", bare ? bareSnapshot(answer) : response(call, answer, false)));
        int index = 0;
        if (call.on(Switch.RESPONSES_REASONING_ITEM)) {
            events.add(event("response.output_item.added").put("output_index", index).set("item", reasoningItem(answer)));
            events.add(event("response.output_item.done").put("output_index", index).set("item", reasoningItem(answer)));
            index++;
        }
        events.add(event("response.output_item.added").put("output_index", index).set("item", message(answer, false)));
        events.add(indexed(event("response.content_part.added"), answer, index).set("part", textPart("")));
        for (String token : call.on(Switch.RESPONSES_STREAM_DELTA_LOST) ? answer.tokens().subList(1, answer.tokens().size()) : answer.tokens()) {
            events.add(logprobs(indexed(event("response.output_text.delta"), answer, index).put("delta", token)));
            if (call.on(Switch.RESPONSES_UNKNOWN_EVENTS)) {
                events.add(event("response.reference_progress").put("tokens_so_far", 1)); // a type no client knows yet
            }
        }
        events.add(logprobs(indexed(event("response.output_text.done"), answer, index).put("text", answer.text())));
        events.add(indexed(event("response.content_part.done"), answer, index).set("part", textPart(answer.text())));
        events.add(event("response.output_item.done").put("output_index", index).set("item", message(answer, true)));
        ObjectNode last = event(answer.incomplete() ? "response.incomplete" : "response.completed");
        last.set("response", response(call, answer, true));
        if (!call.on(Switch.RESPONSES_STREAM_WITHOUT_TERMINAL_EVENT)) {
            events.add(last);
        }
        if (call.on(Switch.RESPONSES_STREAM_OUT_OF_ORDER)) {
            events.add(2, events.remove(0)); // response.created after in_progress and the first item
        }
        send(call, events);
    }

    /** The events as SSE, each named by its type and numbered, as the stream switches shape them. */
    private static void send(Call call, List<ObjectNode> events) throws IOException {
        try (OutputStream out = call.eventStream()) {
            for (int i = 0; i < events.size(); i++) {
                ObjectNode data = events.get(i);
                if (!call.on(Switch.RESPONSES_STREAM_WITHOUT_SEQUENCE)) {
                    data.put("sequence_number", i);
                }
                if (call.on(Switch.RESPONSES_STREAM_WITHOUT_INDEXES)) {
                    data.remove("output_index");
                    data.remove("content_index");
                }
                String name = call.on(Switch.RESPONSES_STREAM_EVENT_NAME_MISMATCH) ? "message" : data.path("type").asText();
                String comment = call.on(Switch.SSE_COMMENTS) ? ": PROCESSING\n\n" : "";
                out.write((comment + "event: " + name + "\ndata: " + Call.JSON.writeValueAsString(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
    }

    /** The text events' logprobs, empty unless asked for, as OpenAI sends them (openai-java's event types require it). */
    private static ObjectNode logprobs(ObjectNode event) {
        event.putArray("logprobs");
        return event;
    }

    private static ObjectNode event(String type) {
        return Call.JSON.createObjectNode().put("type", type);
    }

    private static ObjectNode indexed(ObjectNode event, Answer answer, int outputIndex) {
        return event.put("item_id", answer.messageId()).put("output_index", outputIndex).put("content_index", 0);
    }

    /** The snapshot llama-server b11434 sends in response.created: id, object and status only. */
    private static ObjectNode bareSnapshot(Answer answer) {
        return Call.JSON.createObjectNode().put("id", answer.id()).put("object", "response").put("status", "in_progress");
    }

    /** The input's text: the string, or every input_text part (and plain string content) of the items. */
    private static String text(JsonNode input) {
        if (input.isTextual()) {
            return input.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode item : input) {
            JsonNode content = item.path("content");
            if (content.isTextual()) {
                text.append(content.asText()).append(' ');
            }
            for (JsonNode part : content) {
                text.append(part.path("text").asText("")).append(' ');
            }
        }
        return text.toString().trim();
    }

    /** "1 2 … 50" to a request that asks to count, the chat answer otherwise; words with their leading space. */
    private static List<String> answer(String text) {
        return words(text.toLowerCase(Locale.ROOT).contains("count")
                ? String.join(" ", IntStream.rangeClosed(1, 50).mapToObj(String::valueOf).toList())
                : ChatCompletions.ANSWER);
    }

    static final String TOOL_RESULT_ANSWER = "It is 21 degrees Celsius in Paris.";

    /** A function call the answer makes: its call_id, name and arguments (a JSON string, unless a switch sends an object). */
    private record FunctionCall(String callId, String name, JsonNode arguments) {
    }

    /** The function a tool_choice names among the tools offered; null when none is forced (or a switch ignores the choice). */
    private static String forcedFunction(Call call, JsonNode request) {
        JsonNode choice = request.path("tool_choice");
        String name = choice.path("name").asText(null);
        if (!choice.path("type").asText().equals("function") || name == null || call.on(Switch.RESPONSES_TOOL_CHOICE_IGNORED)) {
            return null;
        }
        return parametersOf(request, name).isMissingNode() ? null : name;
    }

    private static JsonNode parametersOf(JsonNode request, String name) {
        for (JsonNode tool : request.path("tools")) {
            if (tool.path("type").asText().equals("function") && tool.path("name").asText().equals(name)) {
                return tool.path("parameters");
            }
        }
        return MissingNode.getInstance();
    }

    /** True when the input ends a tool round trip: it holds a function_call_output item. */
    private static boolean answersAToolCall(JsonNode input) {
        for (JsonNode item : input) {
            if (item.path("type").asText().equals("function_call_output")) {
                return true;
            }
        }
        return false;
    }

    /** The forced call, as a response or as its stream: output_item.added, the arguments in deltas, their done, the item done. */
    private void call(Call call, JsonNode request, FunctionCall function, int inputTokens) throws IOException {
        String id = "resp_" + UUID.randomUUID().toString().replace("-", "");
        String itemId = "fc_" + UUID.randomUUID().toString().replace("-", "");
        long createdAt = System.currentTimeMillis() / 1000;
        ObjectNode item = Call.JSON.createObjectNode().put("type", "function_call").put("id", itemId).put("status", "completed");
        if (!call.on(Switch.RESPONSES_CALL_WITHOUT_CALL_ID)) {
            item.put("call_id", function.callId());
        }
        item.put("name", function.name()).set("arguments", function.arguments());
        Answer answer = new Answer(id, itemId, createdAt, null, List.of(), false, inputTokens);
        ObjectNode done = response(call, answer, true);
        ArrayNode output = done.putArray("output");
        output.add(item);
        ((ObjectNode) done.get("usage")).put("output_tokens", 12).put("total_tokens", inputTokens + 12);
        if (!request.path("stream").asBoolean(false)) {
            call.json(200, done);
            return;
        }
        List<ObjectNode> events = new ArrayList<>();
        events.add(event("response.created").set("response", response(call, answer, false)));
        events.add(event("response.in_progress").set("response", response(call, answer, false)));
        ObjectNode added = item.deepCopy().put("status", "in_progress").put("arguments", "");
        events.add(event("response.output_item.added").put("output_index", 0).set("item", added));
        String arguments = function.arguments().isTextual() ? function.arguments().asText() : function.arguments().toString();
        List<String> deltas = pieces(arguments);
        if (call.on(Switch.RESPONSES_ARGUMENT_DELTAS_LOST)) {
            deltas = deltas.subList(1, deltas.size());
        }
        for (String delta : deltas) {
            events.add(event("response.function_call_arguments.delta").put("item_id", itemId).put("output_index", 0).put("delta", delta));
        }
        events.add(event("response.function_call_arguments.done").put("item_id", itemId).put("output_index", 0).put("arguments", arguments));
        events.add(event("response.output_item.done").put("output_index", 0).set("item", item));
        events.add(event("response.completed").set("response", done));
        send(call, events);
    }

    /** Text in pieces of eight characters, as deltas of JSON arrive. */
    private static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < text.length(); i += 8) {
            pieces.add(text.substring(i, Math.min(text.length(), i + 8)));
        }
        return pieces;
    }

    private static List<String> words(String text) {
        String[] words = text.split(" ");
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            tokens.add(i == 0 ? words[i] : " " + words[i]);
        }
        return tokens;
    }
}
