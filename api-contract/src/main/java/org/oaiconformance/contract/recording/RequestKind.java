package org.oaiconformance.contract.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.oaiconformance.contract.json.Json;
import org.oaiconformance.contract.wire.OpenAiWire;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * What a request asks, in the terms the checks need, so a request of the suite can be answered by a recorded
 * exchange that asked the same thing: a plain completion, one cut by max_tokens, a stream (with usage or not), one
 * of the provoked errors, a refusal, the models list.
 */
public enum RequestKind {
    COMPLETION("a plain completion (any finish_reason but length)"),
    COMPLETION_CUT("a completion cut by max_tokens (finish_reason length)"),
    STREAM("a streamed completion"),
    STREAM_WITH_USAGE("a streamed completion with stream_options.include_usage"),
    MODELS("GET models"),
    REFUSED("a refused key (401 or 403)"),
    UNKNOWN_MODEL("a request for a model that does not exist"),
    MALFORMED_JSON("a body that is not JSON"),
    MISSING_MESSAGES("a request without messages"),
    WRONG_METHOD("another method than POST on chat/completions"),
    RESPONSE("a Responses answer to a string input"),
    RESPONSE_ITEMS("a Responses answer to message items"),
    RESPONSE_CUT("a Responses answer cut by max_output_tokens (status incomplete)"),
    RESPONSE_STREAM("a streamed Responses answer"),
    OTHER("anything else");

    /** The largest max_tokens the suite sends when it wants an answer cut short. */
    static final int CUT_MAX_TOKENS = 8;
    private static final ObjectMapper JSON = Json.MAPPER;

    private final String description;

    RequestKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** Which recorded kinds may answer a request of this kind, best first. */
    List<RequestKind> answeredBy() {
        return this == STREAM ? List.of(STREAM, STREAM_WITH_USAGE) : List.of(this);
    }

    /** A request the suite sends to the replay target; {@code authorized} when it carries the replay target's key. */
    static RequestKind ofRequest(String method, String path, String body, boolean authorized) {
        if (path.endsWith("/models")) {
            return method.equals("GET") ? MODELS : OTHER;
        }
        if (path.endsWith(RESPONSES)) {
            return method.equals("POST") && authorized ? response(parse(body), null) : OTHER;
        }
        if (!path.endsWith("/chat/completions")) {
            return OTHER;
        }
        if (!method.equals("POST")) {
            return WRONG_METHOD;
        }
        if (!authorized) {
            return REFUSED;
        }
        JsonNode json = parse(body);
        if (json == null) {
            return MALFORMED_JSON;
        }
        if (!json.path("messages").isArray() || json.path("messages").isEmpty()) {
            return MISSING_MESSAGES;
        }
        if (json.path("model").asText("").startsWith(OpenAiWire.UNKNOWN_MODEL)) {
            return UNKNOWN_MODEL;
        }
        return answered(json, null);
    }

    /** A recorded exchange, judged by what was asked and what came back. */
    static RequestKind ofRecorded(RecordedExchange exchange) {
        String path = exchange.path();
        if (path.endsWith("/models")) {
            return exchange.method().equals("GET") && exchange.status() == 200 ? MODELS : OTHER;
        }
        if (path.endsWith(RESPONSES)) {
            return exchange.method().equals("POST") && exchange.status() == 200 ? response(parse(exchange.requestBody()), exchange.responseBody()) : OTHER;
        }
        if (!path.endsWith("/chat/completions")) {
            return OTHER;
        }
        if (!exchange.method().equals("POST")) {
            return exchange.status() == 404 || exchange.status() == 405 ? WRONG_METHOD : OTHER;
        }
        if (exchange.status() == 401 || exchange.status() == 403) {
            return REFUSED;
        }
        JsonNode json = parse(exchange.requestBody());
        if (json == null) {
            return exchange.requestBody() == null || exchange.status() / 100 != 4 ? OTHER : MALFORMED_JSON;
        }
        if (!json.path("messages").isArray() || json.path("messages").isEmpty()) {
            return exchange.status() / 100 == 4 ? MISSING_MESSAGES : OTHER;
        }
        if (exchange.status() == 400 || exchange.status() == 404) {
            String body = String.valueOf(exchange.responseBody()).toLowerCase(Locale.ROOT);
            return body.contains("model") && (body.contains("not found") || body.contains("not exist") || body.contains("model_not_found")
                    || body.contains("invalid model") || body.contains("not a valid model")) ? UNKNOWN_MODEL : OTHER;
        }
        return exchange.status() == 200 ? answered(json, exchange.responseBody()) : OTHER;
    }

    /** Why a recorded exchange is {@link #OTHER}: the words a reviewer reads beside it under "not judged". */
    static String whyNotJudged(RecordedExchange exchange) {
        String path = exchange.path();
        String asked = exchange.method() + " " + path + " answered HTTP " + exchange.status();
        if (!path.endsWith("/models") && !path.endsWith("/chat/completions") && !path.endsWith(RESPONSES)) {
            return "a request to " + path + ": only chat/completions, responses and models are judged from recordings";
        }
        if (path.endsWith(RESPONSES)) {
            return exchange.method().equals("POST") && exchange.status() == 200
                    ? "a Responses request with tools, a text format other than text, previous_response_id, or input other than"
                    + " a string or message items, which a recording is not judged on" : asked;
        }
        if (path.endsWith("/models") || !exchange.method().equals("POST")) {
            return asked;
        }
        JsonNode request = parse(exchange.requestBody());
        if (request == null || !request.path("messages").isArray() || request.path("messages").isEmpty()) {
            return asked + " to a request without a JSON body with messages";
        }
        if (exchange.status() == 400 || exchange.status() == 404) {
            return asked + " for no cause the suite recognises (a refused key must be 401 or 403; an unknown model must say so)";
        }
        if (exchange.status() != 200) {
            return asked;
        }
        return "the request uses tools, a response format, n, stop or logprobs, which a recording is not judged on";
    }

    /**
     * A served request: streamed or not, and for a recorded answer, whether it was cut. One that uses an optional
     * feature (tools, a response format, n, stop, logprobs) is OTHER: a plain recorded answer must never stand in for
     * a tool call, nor a recorded tool call for a plain answer; such a check is skipped as not recorded.
     */
    private static RequestKind answered(JsonNode request, String recordedAnswer) {
        if (OpenAiWire.usesOptionalFeature(request)) {
            return OTHER;
        }
        if (request.path("stream").asBoolean(false)) {
            return request.path("stream_options").path("include_usage").asBoolean(false) ? STREAM_WITH_USAGE : STREAM;
        }
        if (recordedAnswer == null) {
            JsonNode max = recordedLimit(request);
            return max != null && max.canConvertToInt() && max.asInt() <= CUT_MAX_TOKENS ? COMPLETION_CUT : COMPLETION;
        }
        // Any other finish reason - "stop", one no client knows ("eos"), none at all - is a completion to judge: CHAT-003
        // exists to catch the unknown ones, so they must reach it.
        JsonNode answer = parse(recordedAnswer);
        String finish = answer == null ? "" : answer.path("choices").path(0).path("finish_reason").asText("");
        return finish.equals("length") ? COMPLETION_CUT : COMPLETION;
    }

    private static final String RESPONSES = "/responses";

    /**
     * A plain Responses request: a string input or message items, no tools, no text format but text, no stored
     * state; for a recorded answer, an incomplete one is a cut. Any other is OTHER, as a chat request with an optional
     * feature is: a recorded plain answer never stands in for a tool call or a continuation.
     */
    private static RequestKind response(JsonNode request, String recordedAnswer) {
        if (request == null || request.path("tools").size() > 0 || request.hasNonNull("previous_response_id")
                || !request.path("text").path("format").path("type").asText("text").equals("text")) {
            return OTHER;
        }
        JsonNode input = request.path("input");
        boolean items = input.isArray() && !input.isEmpty();
        for (JsonNode item : input) {
            items &= item.path("role").isTextual() && item.path("type").asText("message").equals("message");
        }
        if (!items && !(input.isTextual() && !input.asText().isEmpty())) {
            return OTHER;
        }
        if (request.path("stream").asBoolean(false)) {
            return RESPONSE_STREAM;
        }
        JsonNode answer = recordedAnswer == null ? null : parse(recordedAnswer);
        boolean cut = answer != null ? answer.path("status").asText().equals("incomplete")
                : recordedLimit(request) != null && recordedLimit(request).asInt(Integer.MAX_VALUE) <= CUT_MAX_OUTPUT_TOKENS;
        return cut ? RESPONSE_CUT : items ? RESPONSE_ITEMS : RESPONSE;
    }

    /** The largest max_output_tokens the suite sends when it wants a Responses answer cut short. */
    static final int CUT_MAX_OUTPUT_TOKENS = 16;

    /** The request's own cap on the answer: max_completion_tokens, else max_tokens, else max_output_tokens; null when it sent none. */
    static JsonNode recordedLimit(JsonNode request) {
        JsonNode max = request.hasNonNull("max_completion_tokens") ? request.get("max_completion_tokens")
                : request.hasNonNull("max_tokens") ? request.get("max_tokens") : request.get("max_output_tokens");
        return max == null || max.isNull() ? null : max;
    }

    /** The recorded request's max_tokens as the replay target reports it, or null. */
    static Integer recordedLimit(RecordedExchange exchange) {
        JsonNode request = parse(exchange.requestBody());
        JsonNode max = request == null ? null : recordedLimit(request);
        return max != null && max.canConvertToInt() ? max.asInt() : null;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException notJson) {
            return null;
        }
    }
}
