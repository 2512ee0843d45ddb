package org.oaiconformance.contract.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import org.oaiconformance.contract.json.Json;
import org.oaiconformance.contract.outcome.CheckFailed;
import org.oaiconformance.contract.secrets.SecretMasker;
import org.oaiconformance.contract.wire.OpenAiWire;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * One request and the target's answer, as checks see it. Everything that can reach a message or report goes
 * through {@link SecretMasker} here.
 */
public record Exchange(String method, String path, Credentials credentials, Response response) {
    private static final ObjectMapper JSON = Json.MAPPER;
    private static final int EXCERPT_CHARS = 600;

    public int status() {
        return response.statusCode();
    }

    public String body() {
        return response.asString();
    }

    /** Content type as sent, or "" when absent. */
    public String contentType() {
        String value = response.header("Content-Type");
        return value == null ? "" : value;
    }

    /** The media type alone, lower case, without parameters: {@code application/json}. */
    public String mediaType() {
        return contentType().split(";")[0].strip().toLowerCase(Locale.ROOT);
    }

    /** The target's request id, under any of the names servers use for it. */
    public Optional<String> requestId() {
        for (String name : OpenAiWire.REQUEST_ID_HEADERS) {
            String value = response.header(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /**
     * The body as JSON. A body that is not JSON is the target's fault, so it fails the running check (a
     * {@link CheckFailed}) rather than breaking it; the message shows a masked excerpt, never the parser's.
     */
    public JsonNode json() {
        try {
            JsonNode node = JSON.readTree(body());
            if (node == null || node.isMissingNode()) {
                throw new IOException("empty body");
            }
            return node;
        } catch (IOException e) {
            throw CheckFailed.of(describeFailure("expected a JSON body, got one that does not parse"));
        }
    }

    /** "POST /v1/chat/completions with an unknown key" */
    public String describeRequest() {
        return method + " " + path + " with " + credentials.description();
    }

    /** A masked, truncated excerpt of the body for messages. */
    public String excerpt() {
        String body = body();
        if (body == null || body.isEmpty()) {
            return "body: (empty)";
        }
        return "body: " + SecretMasker.maskLine(body, EXCERPT_CHARS);
    }

    /**
     * The failure text every check uses: request, expectation, what came back, request id.
     * Example: {@code POST /v1/chat/completions with an unknown key: expected 401, got 200 ...}
     */
    public String describeFailure(String expectation) {
        return describeFailure(expectation, excerpt());
    }

    /** As above, quoting the given excerpt (an offending event of a stream, say) instead of the body's start. */
    public String describeFailure(String expectation, String offending) {
        String id = requestId().map(r -> "; request id " + r).orElse("");
        return SecretMasker.maskLine(describeRequest() + ": " + expectation + ". Got HTTP " + status()
                + " " + (contentType().isEmpty() ? "(no Content-Type)" : contentType()) + id + "; ") + SecretMasker.maskLine(offending, EXCERPT_CHARS);
    }
}
