package org.oaiconformance.contract.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.util.Optional;

/**
 * The one reader of OpenAI's error envelope, {@code {"error": {"message": …, "type": …, "code": …}}}: in an error
 * answer's body, and in the data of a stream event that reports a failure mid-stream. It never throws: a body that is
 * not JSON, or has no error object, reads as absent, and the check that owns the envelope's shape (ERR-001) says so.
 */
public record ErrorEnvelope(JsonNode error) {

    /** The envelope in this text, or empty when it is not JSON or has no {@code error} object. */
    public static Optional<ErrorEnvelope> in(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode error = Json.MAPPER.readTree(text).path("error");
            return error.isObject() ? Optional.of(new ErrorEnvelope(error)) : Optional.empty();
        } catch (IOException | RuntimeException notJson) {
            return Optional.empty();
        }
    }

    /** The error object in this text, or a missing node: for comparing members of two answers. */
    public static JsonNode errorObjectIn(String text) {
        return in(text).map(ErrorEnvelope::error).orElse(MissingNode.getInstance());
    }

    /** error.message when it is a string. */
    public Optional<String> message() {
        return textual("message");
    }

    /** error.code when it is a string (a number or null is ERR-003's business). */
    public Optional<String> textCode() {
        return textual("code");
    }

    /** error.code as sent: a string, a number, null or missing. */
    public JsonNode code() {
        return error.path("code");
    }

    public Optional<String> type() {
        return textual("type");
    }

    /** OpenAI's answer to a key over its quota: a 429 whose code or type says so, which no wait will mend. */
    public boolean isInsufficientQuota() {
        return textCode().filter("insufficient_quota"::equals).isPresent() || type().filter("insufficient_quota"::equals).isPresent();
    }

    private Optional<String> textual(String member) {
        JsonNode value = error.path(member);
        return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }
}
