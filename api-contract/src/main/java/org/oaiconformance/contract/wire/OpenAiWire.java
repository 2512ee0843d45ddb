package org.oaiconformance.contract.wire;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names and values of the chat-completions wire that the checks, the SDK rows and the reference target share, kept in
 * one place so a check and the behaviour it judges can never drift apart.
 */
public final class OpenAiWire {
    private OpenAiWire() {
    }

    /** Every finish_reason OpenAI's API reference lists for a choice ({@code function_call} is the deprecated one). */
    public static final Set<String> FINISH_REASONS = Set.of("stop", "length", "tool_calls", "content_filter", "function_call");

    /** The headers servers name their request id under, in the order the suite looks for one. */
    public static final List<String> REQUEST_ID_HEADERS = List.of("x-request-id", "request-id", "x-generation-id", "openai-request-id");

    /**
     * OpenRouter's optional app-attribution headers (docs/evidence.md#r2), with the values the suite sends. They must
     * neither stand in for a key nor be refused.
     */
    public static final Map<String, String> ATTRIBUTION_HEADERS = Map.of(
            "HTTP-Referer", "https://github.com/oai-conformance",
            "X-Title", "OpenAI-compatible conformance suite",
            "X-OpenRouter-Title", "OpenAI-compatible conformance suite");

    /** The two attribution headers most clients send, as the SDK rows send them. */
    public static final List<String> COMMON_ATTRIBUTION = List.of("HTTP-Referer", "X-Title");

    /**
     * Whether a chat request uses an optional feature (tools or a tool result, a response format, n above 1, stop,
     * logprobs): the reference target answers these apart, and a recording answers them only with an answer to the same.
     */
    public static boolean usesOptionalFeature(JsonNode request) {
        boolean toolMessage = false;
        for (JsonNode message : request.path("messages")) {
            toolMessage |= "tool".equals(message.path("role").asText());
        }
        String format = request.path("response_format").path("type").asText("text");
        return toolMessage || request.path("tools").size() > 0 || !format.equals("text") || request.path("n").asInt(1) > 1
                || request.hasNonNull("stop") || request.path("logprobs").asBoolean(false); // null is absent: SDKs send every parameter
    }

    /** A model name no target serves: the suite's requests for an unknown model start with it. */
    public static final String UNKNOWN_MODEL = "oai-conformance-no-such-model";

    /** Prefixes of keys the suite invents to be unknown to any target: shaped like a real key, matching none. */
    public static final String UNKNOWN_KEY_PREFIX = "sk-unknown-";
    public static final String SDK_UNKNOWN_KEY_PREFIX = "sk-sdk-unknown-";

    /** How OpenRouter's key API labels a key in its lists and in GET key: its first 10 and last 4 characters. */
    public static String keyLabel(String secret) {
        return secret.length() <= 14 ? "***" : secret.substring(0, 10) + "..." + secret.substring(secret.length() - 4);
    }

    /** The name the reference target gives a key it issued through OAuth (OpenRouter names them after the app). */
    public static final String OAUTH_KEY_NAME = "OAuth key";
}
