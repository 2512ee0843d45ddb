package org.oaiconformance.compat.sdk;

/**
 * What an SDK made of one call, in terms every SDK row shares.
 *
 * @param errorClass the SDK's own exception class, or null when the call succeeded
 * @param status     the HTTP status the SDK reports with its error, or null
 * @param message    the SDK's error message (masked by the reporters), or null
 * @param attempts   HTTP requests the SDK sent for this call (retries included)
 * @param content    the assistant's text (joined deltas for a stream), or null
 * @param chunks     chunks received, for a stream
 */
public record SdkAnswer(String errorClass, Integer status, String message, int attempts, String content, String finishReason, int chunks) {

    public boolean ok() {
        return errorClass == null;
    }

    /** One line for the report's matrix: what the SDK did. */
    public String describe() {
        return ok() ? "ok (" + attempts + " request" + (attempts == 1 ? "" : "s") + ")"
                : errorClass + (status == null ? "" : " " + status) + ": " + message + " (" + attempts + " request" + (attempts == 1 ? "" : "s") + ")";
    }
}
