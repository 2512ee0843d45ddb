package org.oaiconformance.contract.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The reference target's chat completions: a deterministic answer, counted in whitespace-separated tokens, cut at
 * {@code max_tokens} with {@code finish_reason: "length"}; streamed as one chunk per token.
 */
final class ChatCompletions {
    static final String ANSWER = "Hello from the reference target. This answer is the same every time.";

    private final String model;

    ChatCompletions(String model) {
        this.model = model;
    }

    /** The body as JSON, or null when it does not parse. */
    static JsonNode parseOrNull(byte[] body) {
        try {
            return Call.JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    void handle(Call call, byte[] rawBody) throws IOException {
        JsonNode request;
        try {
            request = Call.JSON.readTree(rawBody);
        } catch (JsonProcessingException e) {
            call.error(400, "invalid_request_error", null, null,
                    "We could not parse the JSON body of your request. Send valid JSON.");
            return;
        }
        if (request == null || !request.isObject()) {
            call.error(400, "invalid_request_error", null, null, "The request body must be a JSON object.");
            return;
        }
        JsonNode messages = request.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            call.error(400, "invalid_request_error", "missing_required_parameter", "messages",
                    "'messages' is required: a non-empty array of messages.");
            return;
        }
        if (!request.path("model").isTextual()) {
            call.error(400, "invalid_request_error", "missing_required_parameter", "model", "'model' is required.");
            return;
        }
        if (!request.path("model").asText().equals(model)) {
            call.error(404, "invalid_request_error", "model_not_found", "model",
                    "The model '" + request.path("model").asText() + "' does not exist.");
            return;
        }
        int promptTokens = countPromptTokens(messages);
        List<String> tokens = answerTokens(maxTokens(request));
        boolean cut = tokens.size() < ANSWER.split(" ").length;
        String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
        long created = System.currentTimeMillis() / 1000;
        if (request.path("stream").asBoolean(false)) {
            stream(call, id, created, tokens, cut, promptTokens, request.path("stream_options").path("include_usage").asBoolean());
        } else {
            call.json(200, completion(call, id, created, String.join("", tokens), cut, promptTokens, tokens.size()));
        }
    }

    private ObjectNode completion(Call call, String id, long created, String content, boolean cut, int promptTokens, int completionTokens) {
        ObjectNode root = Call.JSON.createObjectNode();
        root.put("id", id);
        root.put("object", call.on(Switch.WRONG_OBJECT_TYPE) ? "text_completion" : "chat.completion");
        root.put("created", created);
        root.put("model", model);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", content);
        choice.putNull("logprobs");
        choice.put("finish_reason", cut ? "length" : "stop");
        root.set("usage", usage(promptTokens, completionTokens));
        return root;
    }

    private void stream(Call call, String id, long created, List<String> tokens, boolean cut, int promptTokens,
                        boolean includeUsage) throws IOException {
        String eol = call.on(Switch.SSE_CRLF) ? "\r\n" : "\n";
        String data = call.on(Switch.SSE_DATA_WITHOUT_SPACE) ? "data:" : "data: ";
        try (OutputStream out = call.eventStream()) {
            List<ObjectNode> chunks = new ArrayList<>();
            chunks.add(chunk(id, created, delta -> delta.put("role", "assistant").put("content", ""), null));
            for (String token : tokens) {
                chunks.add(chunk(id, created, delta -> delta.put("content", token), null));
            }
            chunks.add(chunk(id, created, delta -> { }, cut ? "length" : "stop"));
            if (includeUsage) {
                ObjectNode last = chunk(id, created, null, null);
                last.set("usage", usage(promptTokens, tokens.size()));
                chunks.add(last);
            }
            for (ObjectNode chunk : chunks) {
                if (call.on(Switch.EXTRA_FIELDS)) {
                    chunk.put("provider", "reference");
                }
                if (call.on(Switch.SSE_COMMENTS)) {
                    write(out, ": PROCESSING" + eol + eol);
                }
                write(out, data + Call.JSON.writeValueAsString(chunk) + eol + eol);
            }
            if (!call.on(Switch.STREAM_WITHOUT_DONE)) {
                write(out, data + "[DONE]" + eol + eol);
            }
        }
    }

    /** A chunk; a null delta writer makes the usage-only chunk, whose choices are empty. */
    private ObjectNode chunk(String id, long created, java.util.function.Consumer<ObjectNode> delta, String finishReason) {
        ObjectNode root = Call.JSON.createObjectNode();
        root.put("id", id);
        root.put("object", "chat.completion.chunk");
        root.put("created", created);
        root.put("model", model);
        ArrayNode choices = root.putArray("choices");
        if (delta != null) {
            ObjectNode choice = choices.addObject();
            choice.put("index", 0);
            delta.accept(choice.putObject("delta"));
            choice.putNull("logprobs");
            choice.put("finish_reason", finishReason);
        }
        return root;
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static ObjectNode usage(int promptTokens, int completionTokens) {
        ObjectNode usage = Call.JSON.createObjectNode();
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", completionTokens);
        usage.put("total_tokens", promptTokens + completionTokens);
        return usage;
    }

    /** The answer as tokens: words with their leading space, so joining them restores the text. */
    private static List<String> answerTokens(int max) {
        String[] words = ANSWER.split(" ");
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < words.length && i < max; i++) {
            tokens.add(i == 0 ? words[i] : " " + words[i]);
        }
        return tokens;
    }

    private static int maxTokens(JsonNode request) {
        JsonNode max = request.has("max_completion_tokens") ? request.get("max_completion_tokens") : request.get("max_tokens");
        return max != null && max.canConvertToInt() && max.asInt() > 0 ? max.asInt() : Integer.MAX_VALUE;
    }

    private static int countPromptTokens(JsonNode messages) {
        int count = 0;
        for (JsonNode message : messages) {
            JsonNode content = message.path("content");
            if (content.isTextual()) {
                count += content.asText().isBlank() ? 0 : content.asText().strip().split("\\s+").length;
            } else if (content.isArray()) {
                for (JsonNode part : content) {
                    String text = part.path("text").asText("");
                    count += text.isBlank() ? 0 : text.strip().split("\\s+").length;
                }
            }
        }
        return count;
    }
}
