package org.oaiconformance.reference;

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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The reference target's chat completions: a deterministic answer, counted in whitespace-separated tokens, cut at
 * {@code max_tokens} with {@code finish_reason: "length"}; streamed as one chunk per token.
 */
final class ChatCompletions {
    static final String ANSWER = "Hello from the reference target. This answer is the same every time.";

    private final String model;
    private final ChatFeatures features;

    /** Requests the target has received so far, of any route: what STREAM_CUT_BY_CONCURRENT_REQUEST watches. */
    private final AtomicLong arrivals = new AtomicLong();

    void arrived() {
        arrivals.incrementAndGet();
    }

    /** Whether another request arrives within half a second of this stream's start (the stream waits that long to see). */
    private boolean anotherArrives(long seen) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
        while (System.nanoTime() < end) {
            if (arrivals.get() > seen) {
                return true;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    ChatCompletions(String model) {
        this.model = model;
        this.features = new ChatFeatures(model);
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
            if (call.on(Switch.MALFORMED_JSON_500)) {
                call.error(500, "server_error", null, null, "Internal server error.");
                return;
            }
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
            if (call.on(Switch.MISSING_MESSAGES_500)) {
                call.error(500, "server_error", null, null, "Internal server error.");
                return;
            }
            call.error(400, "invalid_request_error", "missing_required_parameter", "messages",
                    "'messages' is required: a non-empty array of messages.");
            return;
        }
        if (!request.path("model").isTextual()) {
            call.error(400, "invalid_request_error", "missing_required_parameter", "model", "'model' is required.");
            return;
        }
        String requested = request.path("model").asText();
        call.serving(requested);
        if (!ReferenceTarget.MODELS.contains(requested) && !requested.equals(ReferenceTarget.MIDSTREAM_ERROR_MODEL)) {
            if (call.on(Switch.UNKNOWN_MODEL_500)) {
                call.error(500, "server_error", null, null, "Upstream provider error.");
                return;
            }
            call.error(404, "invalid_request_error", "model_not_found", "model",
                    "The model '" + request.path("model").asText() + "' does not exist.");
            return;
        }
        if (refusedAsItsSwitchesSay(call, request)) {
            return;
        }
        int promptTokens = countPromptTokens(messages);
        if (promptTokens > CONTEXT_LENGTH && refusedForItsLength(call, promptTokens)) {
            return;
        }
        List<String> tokens = answerTokens(maxTokens(call, request));
        int reasoning = reasoningTokens(request);
        boolean cut = tokens.size() < ANSWER.split(" ").length;
        String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
        long created = System.currentTimeMillis() / 1000;
        if (ChatFeatures.wanted(request) && !requested.equals(ReferenceTarget.MIDSTREAM_ERROR_MODEL)) {
            features.handle(call, request, id, created, promptTokens);
            return;
        }
        if (request.path("stream").asBoolean(false)) {
            boolean includeUsage = request.path("stream_options").path("include_usage").asBoolean() && !call.on(Switch.USAGE_CHUNK_MISSING);
            stream(call, id, created, tokens, cut, promptTokens, reasoning, includeUsage, requested.equals(ReferenceTarget.MIDSTREAM_ERROR_MODEL));
        } else {
            call.json(200, completion(call, id, created, String.join("", tokens), cut, promptTokens, tokens.size(), reasoning));
        }
    }

    /** The deviations that refuse what today's clients send: a developer message, max_completion_tokens, reasoning_effort. */
    private static boolean refusedAsItsSwitchesSay(Call call, JsonNode request) throws IOException {
        if (call.on(Switch.DEVELOPER_ROLE_REFUSED)) {
            for (JsonNode message : request.path("messages")) {
                if (message.path("role").asText().equals("developer")) {
                    call.error(400, "invalid_request_error", null, "messages", "Unsupported value: role 'developer' is not supported.");
                    return true;
                }
            }
        }
        if (call.on(Switch.MAX_COMPLETION_TOKENS_REFUSED) && request.has("max_completion_tokens")) {
            call.error(400, "invalid_request_error", null, "max_completion_tokens",
                    "Unrecognized request argument supplied: max_completion_tokens");
            return true;
        }
        if (request.hasNonNull("reasoning_effort")) {
            if (call.on(Switch.REASONING_EFFORT_500)) {
                call.error(500, "server_error", null, null, "Internal server error.");
                return true;
            }
            if (call.on(Switch.REASONING_DECLINED)) {
                call.error(400, "invalid_request_error", "unsupported_parameter", "reasoning_effort",
                        "Unsupported parameter: 'reasoning_effort' is not supported with this model.");
                return true;
            }
        }
        return false;
    }

    /** The model's context window, in the reference target's tokens (words); GET models gives it as context_length. */
    static final int CONTEXT_LENGTH = 4096;

    /** A prompt beyond the window: refused as OpenAI refuses it, unless a deviation answers otherwise (a 200 reads on). */
    private static boolean refusedForItsLength(Call call, int promptTokens) throws IOException {
        if (call.on(Switch.CONTEXT_OVERFLOW_TRUNCATED)) {
            return false;
        }
        if (call.on(Switch.CONTEXT_OVERFLOW_500)) {
            call.error(500, "server_error", null, null, "Internal server error.");
        } else if (call.on(Switch.CONTEXT_OVERFLOW_WITHOUT_CODE)) {
            call.error(400, "invalid_request_error", null, null, "The prompt is too long for this model's context length.");
        } else {
            call.error(400, "invalid_request_error", "context_length_exceeded", "messages", "This model's maximum context length is "
                    + CONTEXT_LENGTH + " tokens. However, your messages resulted in " + promptTokens + " tokens. Please reduce the length"
                    + " of the messages.");
        }
        return true;
    }

    /** What a reasoning request thinks before it answers: four tokens of it, counted in completion_tokens. */
    static final String REASONING_TEXT = "The user wants OK.";

    private static int reasoningTokens(JsonNode request) {
        String effort = request.path("reasoning_effort").asText("none");
        return effort.equals("none") ? 0 : REASONING_TEXT.split(" ").length;
    }

    private ObjectNode completion(Call call, String id, long created, String content, boolean cut, int promptTokens, int completionTokens,
                                  int reasoning) {
        ObjectNode root = Call.JSON.createObjectNode();
        root.put("id", id);
        root.put("object", call.on(Switch.WRONG_OBJECT_TYPE) ? "text_completion" : "chat.completion");
        if (call.on(Switch.CREATED_AS_STRING)) {
            root.put("created", String.valueOf(created));
        } else {
            root.put("created", call.on(Switch.CREATED_IN_MILLISECONDS) ? created * 1000 : created);
        }
        if (!call.on(Switch.MODEL_MISSING)) {
            root.put("model", call.servedModel(model));
        }
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        if (!cut && call.on(Switch.NULL_CONTENT_ON_STOP)) {
            message.putNull("content");
        } else {
            message.put("content", content);
        }
        if (call.on(Switch.NULL_OPTIONAL_MEMBERS)) {
            for (String member : new String[] {"refusal", "tool_calls", "function_call", "audio", "annotations"}) {
                message.putNull(member);
            }
            root.putNull("system_fingerprint");
        }
        if (call.on(Switch.REFUSAL_AND_ANNOTATIONS)) {
            message.putNull("refusal");
            message.putArray("annotations");
        }
        reasoningText(call, message);
        choice.putNull("logprobs");
        choice.put("finish_reason", call.on(Switch.FINISH_REASON_UNKNOWN) ? "end_turn" : cut ? "length" : "stop");
        ObjectNode usage = usage(call, promptTokens, completionTokens, reasoning);
        if (call.on(Switch.NULL_OPTIONAL_MEMBERS)) {
            usage.putNull("prompt_tokens_details");
            usage.putObject("completion_tokens_details").putNull("reasoning_tokens").put("audio_tokens", 0);
        }
        if (call.on(Switch.USAGE_TOTAL_WRONG)) {
            usage.put("total_tokens", promptTokens + completionTokens + 7);
        }
        root.set("usage", usage);
        return root;
    }

    private void stream(Call call, String id, long created, List<String> tokens, boolean cut, int promptTokens, int reasoning,
                        boolean includeUsage, boolean failMidway) throws IOException {
        String eol = call.on(Switch.SSE_CRLF) ? "\r\n" : "\n";
        String data = call.on(Switch.SSE_DATA_WITHOUT_SPACE) ? "data:" : "data: ";
        long seen = arrivals.get();
        try (OutputStream out = call.eventStream()) {
            holdFirstChunk(call, out, eol);
            List<ObjectNode> chunks = new ArrayList<>();
            chunks.add(chunk(call, id, created, delta -> delta.put("role", "assistant").put("content", ""), null));
            if (call.on(Switch.STREAM_CUT_BY_CONCURRENT_REQUEST) && anotherArrives(seen)) {
                write(out, framed(call, chunks.get(0)) + done(call)); // as interrupt_requests does: the role chunk, then [DONE]
                return;
            }
            if (call.on(Switch.REASONING_CONTENT) || call.on(Switch.REASONING_FIELD)) {
                chunks.add(chunk(call, id, created, delta -> reasoningText(call, delta), null));
            }
            for (String token : tokens) {
                chunks.add(chunk(call, id, created, delta -> delta.put("content", token), null));
            }
            if (failMidway) {
                failMidway(call, out, chunks.subList(0, 2), data, eol);
                return;
            }
            if (call.on(Switch.STREAM_FOREVER)) {
                streamForever(call, out, chunks.get(1), data, eol);
                return;
            }
            chunks.add(chunk(call, id, created, delta -> { }, call.on(Switch.NO_FINAL_FINISH_REASON) ? null : cut ? "length" : "stop"));
            if (includeUsage) {
                ObjectNode last = chunk(call, id, created, call.on(Switch.USAGE_CHUNK_WITH_EMPTY_DELTA) ? delta -> { } : null, null);
                last.set("usage", usage(call, promptTokens, tokens.size(), reasoning));
                if (call.on(Switch.USAGE_CHUNK_FIRST)) {
                    chunks.get(0).set("usage", last.get("usage"));
                    last = null;
                }
                if (call.on(Switch.USAGE_ON_EVERY_CHUNK)) {
                    for (int i = 0; i < chunks.size(); i++) {
                        chunks.get(i).set("usage", usage(call, promptTokens, Math.max(0, i - 1), 0));
                    }
                }
                if (last != null) {
                    chunks.add(last);
                }
            }
            for (ObjectNode chunk : chunks) {
                write(out, call.on(Switch.SSE_SPLIT_DATA_LINES) ? event(call, Call.JSON.writeValueAsString(chunk), data, eol) : framed(call, chunk));
            }
            if (!call.on(Switch.STREAM_WITHOUT_DONE)) {
                write(out, done(call));
            }
        }
    }

    /**
     * A chunk as one event, shaped by the legal variants that every stream honours: extra and null members, a comment
     * line before it, no space after "data:", CRLF line ends. Deviations of the plain stream are applied by its caller.
     */
    static String framed(Call call, ObjectNode chunk) throws IOException {
        String eol = call.on(Switch.SSE_CRLF) ? "\r\n" : "\n";
        if (call.on(Switch.EXTRA_FIELDS)) {
            chunk.put("provider", "reference");
        }
        if (call.on(Switch.NULL_OPTIONAL_MEMBERS)) {
            nullOptionalMembers(chunk);
        }
        String comment = call.on(Switch.SSE_COMMENTS) ? ": PROCESSING" + eol + eol : "";
        return comment + (call.on(Switch.SSE_DATA_WITHOUT_SPACE) ? "data:" : "data: ") + Call.JSON.writeValueAsString(chunk) + eol + eol;
    }

    /** The end of a stream, framed as {@link #framed} frames chunks. */
    static String done(Call call) {
        String eol = call.on(Switch.SSE_CRLF) ? "\r\n" : "\n";
        return (call.on(Switch.SSE_DATA_WITHOUT_SPACE) ? "data:" : "data: ") + "[DONE]" + eol + eol;
    }

    /** One data event; with SSE_SPLIT_DATA_LINES the JSON is spread over two data lines (joined by the reader). */
    private static String event(Call call, String json, String data, String eol) {
        if (call.on(Switch.SSE_SPLIT_DATA_LINES)) {
            int comma = json.indexOf(',');
            return data + json.substring(0, comma + 1) + eol + data + json.substring(comma + 1) + eol + eol;
        }
        return data + json + eol + eol;
    }

    /** A pause before the first chunk, silent or kept alive with comments (the legal variants that show stream silences). */
    private static void holdFirstChunk(Call call, OutputStream out, String eol) throws IOException {
        boolean keepAlive = call.on(Switch.STREAM_KEEP_ALIVE);
        if (!keepAlive && !call.on(Switch.STREAM_SILENT_START)) {
            return;
        }
        out.flush(); // the head goes out now, as a server sends it before the model has a token
        for (int slice = 0; slice < 4; slice++) {
            pause(200);
            if (keepAlive) {
                write(out, ": OPENROUTER PROCESSING" + eol + eol);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The same chunk every 50 ms until the client goes away (or 10 minutes pass, so a lost client cannot pin a thread). */
    private static void streamForever(Call call, OutputStream out, ObjectNode chunk, String data, String eol) throws IOException {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (System.nanoTime() < end) {
            write(out, event(call, Call.JSON.writeValueAsString(chunk), data, eol));
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Two chunks, then the failure as OpenAI sends it: a data event with an error object; the stream then ends. */
    private static void failMidway(Call call, OutputStream out, List<ObjectNode> firstChunks, String data, String eol) throws IOException {
        for (ObjectNode chunk : firstChunks) {
            write(out, event(call, Call.JSON.writeValueAsString(chunk), data, eol));
        }
        if (call.on(Switch.MIDSTREAM_ERROR_AS_TEXT)) {
            write(out, data + "upstream provider failed" + eol + eol);
            return;
        }
        ObjectNode failure = Call.JSON.createObjectNode();
        if (call.on(Switch.MIDSTREAM_FINISH_REASON_ERROR)) { // OpenRouter's shape: a chunk that ends the choice with "error"
            failure = firstChunks.get(0).deepCopy();
            ObjectNode choice = (ObjectNode) failure.withArray("choices").get(0);
            choice.putObject("delta").put("content", "");
            choice.put("finish_reason", "error");
        }
        failure.putObject("error").put("message", "The upstream provider failed mid-stream.").put("type", "server_error")
                .put("code", "upstream_error");
        write(out, event(call, failure.toString(), data, eol));
    }

    /** A chunk; a null delta writer makes the usage-only chunk, whose choices are empty. */
    private ObjectNode chunk(Call call, String id, long created, Consumer<ObjectNode> delta, String finishReason) {
        ObjectNode root = envelope(call.on(Switch.CHUNK_IDS_VARY) ? id + "-" + UUID.randomUUID().toString().substring(0, 8) : id,
                "chat.completion.chunk", created, call.servedModel(model));
        if (call.on(Switch.CHUNK_WITHOUT_ID)) {
            root.remove("id");
        }
        ArrayNode choices = root.putArray("choices");
        if (delta != null) {
            ObjectNode choice = choices.addObject();
            choice.put("index", 0);
            delta.accept(choice.putObject(call.on(Switch.CHUNK_WITHOUT_DELTA) ? "message" : "delta"));
            choice.putNull("logprobs");
            choice.put("finish_reason", finishReason);
        }
        return root;
    }

    /** As DeepSeek, Groq and LiteLLM stream them: every optional member present, null where it has nothing to say. */
    private static void nullOptionalMembers(ObjectNode chunk) {
        chunk.putNull("system_fingerprint");
        for (JsonNode choice : chunk.path("choices")) {
            if (choice.path("delta") instanceof ObjectNode delta) {
                if (!delta.has("role")) {
                    delta.putNull("role");
                }
                if (!delta.has("content")) {
                    delta.putNull("content");
                }
                delta.putNull("refusal");
                if (!delta.has("tool_calls")) {
                    delta.putNull("tool_calls");
                }
                delta.putNull("function_call");
            }
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The members every completion and chunk starts with. */
    static ObjectNode envelope(String id, String object, long created, String model) {
        ObjectNode root = Call.JSON.createObjectNode();
        root.put("id", id);
        root.put("object", object);
        root.put("created", created);
        root.put("model", model);
        return root;
    }

    /** Usage as OpenAI sends it, details included; reasoning tokens count in completion_tokens. */
    static ObjectNode usage(Call call, int promptTokens, int answerTokens, int reasoning) {
        int completionTokens = answerTokens + reasoning;
        ObjectNode usage = Call.JSON.createObjectNode();
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", completionTokens);
        usage.put("total_tokens", promptTokens + completionTokens);
        if (!call.on(Switch.USAGE_DETAILS_ABSENT)) {
            usage.putObject("prompt_tokens_details").put("cached_tokens", 0).put("audio_tokens", 0);
            usage.putObject("completion_tokens_details").put("reasoning_tokens", call.on(Switch.USAGE_DETAILS_EXCEED_TOTALS)
                    ? completionTokens + 60 : reasoning).put("audio_tokens", 0).put("accepted_prediction_tokens", 0)
                    .put("rejected_prediction_tokens", 0);
        }
        return usage;
    }

    static ObjectNode usage(Call call, int promptTokens, int completionTokens) {
        return usage(call, promptTokens, completionTokens, 0);
    }

    /** The reasoning text a message or delta carries under the legal variants that show it. */
    static void reasoningText(Call call, ObjectNode messageOrDelta) {
        if (call.on(Switch.REASONING_CONTENT)) {
            messageOrDelta.put("reasoning_content", REASONING_TEXT);
        }
        if (call.on(Switch.REASONING_FIELD)) {
            messageOrDelta.put("reasoning", REASONING_TEXT);
            messageOrDelta.putArray("reasoning_details").addObject().put("type", "reasoning.text").put("text", REASONING_TEXT)
                    .put("format", "unknown").put("index", 0);
        }
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

    /** The cap on the answer: max_completion_tokens, else max_tokens, each unless a switch ignores it. */
    private static int maxTokens(Call call, JsonNode request) {
        JsonNode max = request.has("max_completion_tokens") && !call.on(Switch.MAX_COMPLETION_TOKENS_IGNORED)
                ? request.get("max_completion_tokens") : call.on(Switch.MAX_TOKENS_IGNORED) ? null : request.get("max_tokens");
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
