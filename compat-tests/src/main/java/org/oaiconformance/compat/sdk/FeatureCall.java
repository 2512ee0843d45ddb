package org.oaiconformance.compat.sdk;

/**
 * The optional-feature calls each SDK row makes with its own helper, because that is where clients break: a helper
 * that joins streamed tool calls crashes on a delta without index, a structured-output helper on prose.
 *
 * @param op what the driver processes call it on their JSON line
 */
public enum FeatureCall {
    /** A forced tool call, read from the SDK's typed completion. */
    TOOL_CALL("tool"),
    /** The same call streamed and joined by the SDK's stream helper (openai-python's and openai-node's {@code stream()},
     * openai-java's {@code ChatCompletionAccumulator}); rows without one join the deltas as their users must. */
    TOOL_STREAM("toolStream"),
    /** A json_schema answer parsed by the SDK's structured-output helper ({@code parse()}, openai-java's class-typed
     * response format); rows without one parse the content as JSON. */
    STRUCTURED("structured"),
    /** Embeddings of several inputs through the SDK's own call with its defaults: openai-python and openai-node ask for
     * base64 and decode it; openai-java 4.101.0 sends no encoding_format (floats); openai 0.28 (without numpy) asks for
     * floats; curl sends the raw request. */
    EMBEDDINGS("embed"),
    /** A json_schema Responses answer streamed and joined by the SDK's Responses stream helper, then parsed by it:
     * openai-python's {@code responses.stream(text_format=...)}, openai-node's {@code responses.stream()},
     * openai-java's {@code createStreaming} with {@code ResponseAccumulator}; curl joins the output_text deltas. */
    RESPONSES_STREAM("responsesStream");

    private final String op;

    FeatureCall(String op) {
        this.op = op;
    }

    public String op() {
        return op;
    }
}
