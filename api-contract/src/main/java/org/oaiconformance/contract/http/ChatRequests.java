package org.oaiconformance.contract.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.oaiconformance.contract.json.Json;

/**
 * Request bodies for chat completions. Every body that can reach a model is one short message with a small
 * {@code max_tokens}: conformance needs an answer, not a good one.
 */
public final class ChatRequests {
    public static final int MAX_TOKENS = 16;
    private static final ObjectMapper JSON = Json.MAPPER;

    private ChatRequests() {
    }

    public static String minimal(String model) {
        return toJson(base(model));
    }

    public static String streaming(String model) {
        return toJson(base(model).put("stream", true));
    }

    /** A stream that asks for a final usage chunk. */
    public static String streamingWithUsage(String model) {
        ObjectNode body = base(model).put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        return toJson(body);
    }

    /** A request no model can answer within {@code maxTokens}: the answer must be cut, with finish_reason "length". */
    public static String cutShort(String model, int maxTokens) {
        ObjectNode body = base(model).put("max_tokens", maxTokens);
        ((ObjectNode) body.path("messages").get(0)).put("content", "Count from 1 to 50, separated by spaces.");
        return toJson(body);
    }

    /** The minimal request with its instructions in a developer message before the user's, as current SDKs send them. */
    public static String withDeveloperMessage(String model) {
        ObjectNode body = base(model);
        ArrayNode messages = (ArrayNode) body.path("messages");
        ObjectNode developer = JSON.createObjectNode().put("role", "developer").put("content", "Answer in one short sentence.");
        messages.insert(0, developer);
        return toJson(body);
    }

    /**
     * As {@link #cutShort}, capped by max_completion_tokens instead of max_tokens; streamed with include_usage, so the
     * completion tokens can be counted.
     */
    public static String cutByMaxCompletionTokens(String model, int maxCompletionTokens, boolean stream) {
        ObjectNode body = base(model);
        body.remove("max_tokens");
        body.put("max_completion_tokens", maxCompletionTokens);
        ((ObjectNode) body.path("messages").get(0)).put("content", "Count from 1 to 50, separated by spaces.");
        if (stream) {
            body.put("stream", true);
            body.putObject("stream_options").put("include_usage", true);
        }
        return toJson(body);
    }

    /**
     * A prompt of {@code words} repetitions of "the" (one token each in the common tokenizers) and max_tokens 1: made
     * to be just beyond a context window, never answered at length.
     */
    public static String beyondTheWindow(String model, int words) {
        ObjectNode body = base(model).put("max_tokens", 1);
        StringBuilder prompt = new StringBuilder(words * 4);
        for (int i = 0; i < words; i++) {
            prompt.append(i == 0 ? "the" : " the");
        }
        ((ObjectNode) body.path("messages").get(0)).put("content", prompt.toString());
        return toJson(body);
    }

    /** The minimal body with one more top-level member, e.g. a key where no key belongs. */
    public static String withExtra(String model, String member, String value) {
        return toJson(base(model).put(member, value));
    }

    /**
     * A body no model is ever asked to answer (messages is empty): a target that authenticates first answers a valid
     * key with 400 and a bad one with 401, so an auth outcome on chat completions is seen without paying for inference.
     */
    public static String withoutMessages(String model) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        body.putArray("messages");
        return toJson(body);
    }

    private static ObjectNode base(String model) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        ObjectNode message = body.putArray("messages").addObject();
        message.put("role", "user");
        message.put("content", "Say OK.");
        body.put("max_tokens", MAX_TOKENS);
        return body;
    }

    private static String toJson(ObjectNode body) {
        return body.toString();
    }
}
