package org.oaiconformance.compat.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import org.oaiconformance.contract.json.Json;
import org.oaiconformance.contract.secrets.SecretMasker;

import java.util.Set;

/**
 * What an SDK made of one call, in terms every SDK row shares.
 *
 * @param errorClass the SDK's own exception class, or null when the call succeeded
 * @param status     the HTTP status the SDK reports with its error, or null
 * @param message    the SDK's error message (masked by the reporters), or null
 * @param attempts   HTTP requests the SDK sent for this call (retries included)
 * @param content    the assistant's text (joined deltas for a stream), or null
 * @param chunks     chunks received, for a stream
 * @param toolCalls  the tool calls the SDK read, each {"id", "type", "name", "arguments"} with arguments as the SDK
 *                   holds them (a string, unless the target sent something else); an empty array when there were none
 * @param errorFields what an application's error handler reads from the SDK's error through its typed fields:
 *                   {"code", "type", "param"} as the SDK gives them, and "thrown": what an accessor raised (the SDK's
 *                   own message), or null when every one could be read; null when the call raised no HTTP error
 */
public record SdkAnswer(String errorClass, Integer status, String message, int attempts, String content, String finishReason, int chunks,
                        JsonNode toolCalls, JsonNode errorFields) {

    public SdkAnswer(String errorClass, Integer status, String message, int attempts, String content, String finishReason, int chunks) {
        this(errorClass, status, message, attempts, content, finishReason, chunks, Json.MAPPER.createArrayNode());
    }

    public SdkAnswer(String errorClass, Integer status, String message, int attempts, String content, String finishReason, int chunks,
                     JsonNode toolCalls) {
        this(errorClass, status, message, attempts, content, finishReason, chunks, toolCalls, null);
    }

    /** The same answer, with what the error's typed fields gave. */
    public SdkAnswer withErrorFields(JsonNode fields) {
        return new SdkAnswer(errorClass, status, message, attempts, content, finishReason, chunks, toolCalls, fields);
    }

    public boolean ok() {
        return errorClass == null;
    }

    private static final int MAX_MESSAGE = 200;

    /** One short line for the report's matrix: what the SDK did (an SDK may quote a whole body in its message). */
    public String describe() {
        String requests = " (" + attempts + " request" + (attempts == 1 ? "" : "s") + ")";
        if (ok()) {
            return "ok" + requests;
        }
        // masked before it is cut, so no piece of a key survives the cut
        String line = SecretMasker.maskLine(String.valueOf(message).replaceAll("\\s+", " ").strip(), MAX_MESSAGE);
        return errorClass + (status == null ? "" : " " + status) + ": " + line + requests;
    }

    /**
     * The errors each row raises when no HTTP answer came at all: openai-java, openai-node, openai-python (current
     * and 0.28), curl, and a driver process that stopped answering; the node driver aborts a call at its deadline.
     */
    private static final Set<String> NO_ANSWER_ERRORS = Set.of("OpenAIIoException", "APIConnectionError",
            "APIConnectionTimeoutError", "APITimeoutError", "APIUserAbortError", "Timeout", "CurlFailed", "DriverTimeout");

    /** The SDK got no HTTP answer at all (a connection error, a timeout before any status): nothing to judge. */
    public boolean noHttpAnswer() {
        return !ok() && status == null && chunks == 0 && NO_ANSWER_ERRORS.contains(errorClass);
    }
}
