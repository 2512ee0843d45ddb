package org.oaiconformance.contract.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Request bodies for {@code POST /responses}, OpenAI's Responses API: one short question with room for a short answer,
 * or a count that {@code max_output_tokens} must cut. OpenAI takes no cap below 16, so that is the cap that cuts.
 */
public final class ResponsesRequests {
    public static final String PATH = "/responses";
    /** The least max_output_tokens OpenAI accepts: the cap the cut request sends. */
    public static final int CUT_AT = 16;
    /** Room for a short answer (and a little reasoning) to complete. */
    public static final int ROOM = 64;

    private ResponsesRequests() {
    }

    /** input as a string, with instructions. */
    public static String text(String model) {
        return base(model).put("input", "Say OK.").put("instructions", "Answer in one word.").put("max_output_tokens", ROOM).toString();
    }

    /** input as a list of message items: system, developer and user, each with an input_text part. */
    public static String items(String model) {
        ObjectNode body = base(model).put("max_output_tokens", ROOM);
        ArrayNode input = body.putArray("input");
        message(input, "system", "You are terse.");
        message(input, "developer", "Answer in one word.");
        message(input, "user", "Say OK.");
        return body.toString();
    }

    /** A count no answer can finish within {@link #CUT_AT} tokens. */
    public static String cutShort(String model) {
        return base(model).put("input", "Count from 1 to 50, separated by spaces.").put("max_output_tokens", CUT_AT).toString();
    }

    /** The string request, streamed. */
    public static String streaming(String model) {
        return ((ObjectNode) org.oaiconformance.contract.json.Json.parse(text(model))).put("stream", true).toString();
    }

    /** A request without input: a validation error, before any model runs. */
    public static String withoutInput(String model) {
        return base(model).toString();
    }

    private static void message(ArrayNode input, String role, String text) {
        ObjectNode item = input.addObject().put("role", role);
        item.putArray("content").addObject().put("type", "input_text").put("text", text);
    }

    private static ObjectNode base(String model) {
        return org.oaiconformance.contract.json.Json.MAPPER.createObjectNode().put("model", model);
    }
}
