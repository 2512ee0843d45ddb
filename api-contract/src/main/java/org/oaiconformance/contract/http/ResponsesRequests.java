package org.oaiconformance.contract.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.oaiconformance.contract.json.Json;

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
        return ((ObjectNode) Json.parse(text(model))).put("stream", true).toString();
    }

    /**
     * Function tools in the Responses shape (name and parameters at the top of each tool), get_time and get_weather, with
     * tool_choice naming the second, as {@link FeatureRequests#forcedTool} asks on chat completions.
     */
    public static String forcedTool(String model, boolean stream) {
        ObjectNode body = base(model).put("input", "What is the weather in Paris? Use the tool.")
                .put("max_output_tokens", FeatureRequests.JSON_MAX_TOKENS);
        tools(body);
        body.putObject("tool_choice").put("type", "function").put("name", "get_weather");
        return stream ? body.put("stream", true).toString() : body.toString();
    }

    /** The arguments of the call the round trip answers. */
    public static final String ROUND_TRIP_ARGUMENTS = "{\"city\":\"Paris\",\"unit\":\"celsius\"}";

    /**
     * The round trip: the question, the function_call item of a call the suite made up, and a function_call_output
     * answering it; tool_choice "none", so the answer must be text.
     */
    public static String toolRoundTrip(String model) {
        ObjectNode body = base(model).put("max_output_tokens", ROOM);
        ArrayNode input = body.putArray("input");
        message(input, "user", "What is the weather in Paris? Use the tool.");
        input.addObject().put("type", "function_call").put("call_id", FeatureRequests.ROUND_TRIP_CALL_ID).put("name", "get_weather")
                .put("arguments", ROUND_TRIP_ARGUMENTS);
        input.addObject().put("type", "function_call_output").put("call_id", FeatureRequests.ROUND_TRIP_CALL_ID)
                .put("output", "{\"temperature\":21,\"unit\":\"celsius\"}");
        tools(body);
        body.put("tool_choice", "none");
        return body.toString();
    }

    /** text.format json_schema (strict) with {@link FeatureRequests#CITY_SCHEMA}, room for the JSON to close. */
    public static String jsonSchema(String model) {
        ObjectNode body = base(model).put("input", "Give facts about Paris as JSON: city, population and two landmarks.")
                .put("max_output_tokens", 2 * FeatureRequests.JSON_MAX_TOKENS);
        ObjectNode format = body.putObject("text").putObject("format");
        format.put("type", "json_schema").put("name", "city_facts").put("strict", true);
        format.set("schema", FeatureRequests.CITY_SCHEMA.deepCopy());
        return body.toString();
    }

    /** text.format json_object, asked in words too, as OpenAI requires of that mode. */
    public static String jsonObject(String model) {
        ObjectNode body = base(model).put("input", "Reply with a JSON object with one member, \"answer\", saying OK.")
                .put("max_output_tokens", FeatureRequests.JSON_MAX_TOKENS);
        body.putObject("text").putObject("format").put("type", "json_object");
        return body.toString();
    }

    private static void tools(ObjectNode body) {
        ArrayNode tools = body.putArray("tools");
        tools.addObject().put("type", "function").put("name", "get_time").put("description", "The current time in a timezone.")
                .set("parameters", FeatureRequests.TIME_PARAMETERS.deepCopy());
        tools.addObject().put("type", "function").put("name", "get_weather").put("description", "The current weather in a city.")
                .set("parameters", FeatureRequests.WEATHER_PARAMETERS.deepCopy());
    }

    /** A new question continuing a stored response, whose turn the target must put before it. */
    public static String continuation(String model, String previousResponseId) {
        return base(model).put("previous_response_id", previousResponseId).put("input", "Say OK once more.").put("max_output_tokens", ROOM)
                .toString();
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
        return Json.MAPPER.createObjectNode().put("model", model);
    }
}
