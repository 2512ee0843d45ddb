package org.oaiconformance.reference;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import org.oaiconformance.contract.json.Json;
import org.oaiconformance.contract.wire.OpenAiWire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** One request to the reference target and the ways to answer it, with the active switches applied. */
final class Call {
    static final ObjectMapper JSON = Json.MAPPER;
    private static final int MAX_BODY_BYTES = 1 << 20;

    private final HttpExchange exchange;
    private final Set<Switch> switches;
    /** Switches that apply to one model only, by model; the served model is known once the body is read. */
    private final Map<String, Set<Switch>> modelSwitches;
    private volatile String servedModel;
    private boolean answered;
    private boolean streamRequested;

    Call(HttpExchange exchange, Set<Switch> switches) {
        this(exchange, switches, Map.of());
    }

    Call(HttpExchange exchange, Set<Switch> switches, Map<String, Set<Switch>> modelSwitches) {
        this.exchange = exchange;
        this.switches = switches;
        this.modelSwitches = modelSwitches;
        if (!on(Switch.NO_REQUEST_ID)) {
            exchange.getResponseHeaders().set("X-Request-Id", "req_" + UUID.randomUUID().toString().replace("-", ""));
        }
    }

    /** Marks the call as a streaming request: refusals may then be (wrongly) sent as an event stream. */
    void streamRequested(boolean value) {
        streamRequested = value;
    }

    Optional<String> queryParameter(String name) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return Optional.of(URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    /** A body sent exactly as given, for deviations whose point is a wrong shape. */
    void rawJson(int status, String body) throws IOException {
        send(status, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    boolean on(Switch s) {
        return switches.contains(s) || (servedModel != null && modelSwitches.getOrDefault(servedModel, Set.of()).contains(s));
    }

    /** The served model the request asked for, to echo in the answer; {@code fallback} before it is known or for another name. */
    String servedModel(String fallback) {
        String asked = servedModel;
        return asked != null && ReferenceTarget.MODELS.contains(asked) ? asked : fallback;
    }

    /** The model the request asked for, once read: from then on, that model's own switches apply too. */
    void serving(String model) {
        servedModel = model;
    }

    String method() {
        return exchange.getRequestMethod();
    }

    /** Sets a response header before the answer is sent. */
    void responseHeader(String name, String value) {
        exchange.getResponseHeaders().set(name, value);
    }

    /** True when the request carries any of the app-attribution headers clients send (X-Title, HTTP-Referer). */
    boolean hasAttribution() {
        return OpenAiWire.COMMON_ATTRIBUTION.stream().anyMatch(h -> !header(h).isEmpty());
    }

    List<String> header(String name) {
        List<String> values = exchange.getRequestHeaders().get(name);
        return values == null ? List.of() : values;
    }

    /** The request body, or null when it is larger than the target accepts. */
    byte[] body() throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            return bytes.length > MAX_BODY_BYTES ? null : bytes;
        }
    }

    boolean answered() {
        return answered;
    }

    void json(int status, ObjectNode body) throws IOException {
        if (on(Switch.EXTRA_FIELDS)) {
            body.put("x_reference_trace", "extra member a client must ignore");
        }
        send(status, on(Switch.JSON_CHARSET) ? "application/json; charset=utf-8" : "application/json",
                JSON.writeValueAsBytes(body));
    }

    /** An OpenAI error envelope: {"error": {"message", "type", "param", "code"}}. */
    void error(int givenStatus, String type, String code, String param, String message) throws IOException {
        error(givenStatus, type, code, param, message, Map.of());
    }

    /** As above, with OpenRouter's {@code error.metadata} (e.g. {@code limit_source} on a 402). */
    void error(int givenStatus, String type, String code, String param, String message, Map<String, String> metadata)
            throws IOException {
        int status = givenStatus == 401 && on(Switch.UNAUTHORIZED_AS_500) ? 500 : givenStatus;
        if (status == 401 && streamRequested && on(Switch.STREAM_REFUSAL_AS_EVENTS)) {
            try (OutputStream out = eventStream()) {
                ObjectNode event = JSON.createObjectNode();
                event.putObject("error").put("message", message).put("type", type).put("code", code);
                out.write(("data: " + event + "\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.UTF_8));
            }
            return;
        }
        if (status == 401 && on(Switch.NO_WWW_AUTHENTICATE)) {
            exchange.getResponseHeaders().remove("WWW-Authenticate");
        } else if (status == 401 && !exchange.getResponseHeaders().containsKey("WWW-Authenticate")) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"reference\"");
        }
        if (on(Switch.ERROR_AS_PLAIN_TEXT)) {
            send(status, "text/plain; charset=utf-8", message.getBytes(StandardCharsets.UTF_8));
            return;
        }
        ObjectNode root = JSON.createObjectNode();
        if (on(Switch.ERROR_AS_STRING)) {
            root.put("error", message);
            json(status, root);
            return;
        }
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        if (on(Switch.NUMERIC_ERROR_CODE)) {
            error.put("code", status);
        } else if (on(Switch.ERROR_CODE_AS_OBJECT)) {
            error.putObject("code").put("value", code);
        } else {
            error.put("code", code);
        }
        if (!metadata.isEmpty() || on(Switch.EXTRA_FIELDS)) {
            ObjectNode meta = error.putObject("metadata");
            metadata.forEach(meta::put);
            if (on(Switch.EXTRA_FIELDS)) {
                meta.put("provider_name", "reference");
            }
        }
        if (on(Switch.ERROR_CONTENT_TYPE_TEXT)) {
            send(status, "text/plain", JSON.writeValueAsBytes(root));
            return;
        }
        json(status, root);
    }

    /** Like {@link #error} for a 401 to a request that carried a token: RFC 6750 adds error="invalid_token". */
    void invalidToken(String message) throws IOException {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"reference\", error=\"invalid_token\"");
        error(401, "invalid_request_error", "invalid_api_key", null, message);
    }

    void noContent(String allowHeaders) throws IOException {
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "GET, POST, PATCH, DELETE, OPTIONS");
        exchange.getResponseHeaders().set("Access-Control-Allow-Headers", allowHeaders);
        answered = true;
        exchange.sendResponseHeaders(204, -1);
    }

    /** A bare status, no body and no content type: what an HTTP layer sends for a request it will not parse. */
    void bare(int status) throws IOException {
        answered = true;
        exchange.sendResponseHeaders(status, -1);
    }

    /** Starts a chunked event stream; the caller writes events and closes. */
    OutputStream eventStream() throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        answered = true;
        exchange.sendResponseHeaders(200, 0);
        return exchange.getResponseBody();
    }

    private void send(int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        answered = true;
        exchange.sendResponseHeaders(status, on(Switch.CHUNKED_JSON) ? 0 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
