package org.oaiconformance.contract.wire;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * An optional part of the contract a target may decline (OAuth aside, all of chat completions). A check of one has three outcomes: honoured
 * (passed); refused cleanly, a 400 whose error names one of its parameters (skipped, "not supported by this target",
 * unless the profile claims the feature, then failed); accepted and silently ignored (failed).
 */
public enum Feature {
    TOOLS("tools", "tools", "tool_choice", "parallel_tool_calls", "tool_call_id"),
    JSON_OBJECT("json_object", "response_format", "json_object"),
    JSON_SCHEMA("json_schema", "response_format", "json_schema"),
    N("n", "n"),
    STOP("stop", "stop"),
    LOGPROBS("logprobs", "logprobs", "top_logprobs"),
    /** parallel_tool_calls: false, a single call per answer (PARAM-004). */
    PARALLEL_TOOL_CALLS("parallel_tool_calls", "parallel_tool_calls"),
    /** reasoning_effort, and OpenRouter's reasoning object (PARAM-005). */
    REASONING("reasoning", "reasoning_effort", "reasoning"),
    /** POST /responses, OpenAI's Responses API (RESP): a target that does not claim it may answer 404, 405 or 501 there. */
    RESPONSES("responses"),
    /** Stored responses: GET /responses/{id} (RESP-011, RESP-012); a target may answer 404, 405 or 501 there. */
    RESPONSES_STATE("responses_state", "store", "previous_response_id"),
    /** POST /embeddings (EMB): a target that does not claim it may answer 404 or 405 there; its checks are then skipped. */
    EMBEDDINGS("embeddings"),
    /** The dimensions parameter of embeddings (EMB-004), which only some models support. */
    EMBEDDING_DIMENSIONS("embedding_dimensions", "dimensions"),
    /** OpenRouter's OAuth PKCE keys: not part of chat completions; its checks run only where the profile claims it. */
    OAUTH("oauth", "code", "code_verifier", "code_challenge_method");

    private final String id;
    private final List<String> parameters;

    Feature(String id, String... parameters) {
        this.id = id;
        this.parameters = List.of(parameters);
    }

    /** The name profiles and {@code CONFORMANCE_FEATURES} use. */
    public String id() {
        return id;
    }

    /** The request members an error must name for a 400 to count as declining this feature. */
    public List<String> parameters() {
        return parameters;
    }

    public static Feature of(String id) {
        for (Feature feature : values()) {
            if (feature.id.equals(id.strip().toLowerCase(Locale.ROOT))) {
                return feature;
            }
        }
        throw new IllegalArgumentException("unknown feature '" + id + "'; known: " + Arrays.stream(values()).map(Feature::id).toList());
    }
}
