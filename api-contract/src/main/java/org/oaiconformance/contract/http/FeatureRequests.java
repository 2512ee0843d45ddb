package org.oaiconformance.contract.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.oaiconformance.contract.json.Json;
import org.oaiconformance.contract.wire.Feature;

/**
 * Request bodies for the optional parts of chat completions: tools, structured outputs, n, stop and logprobs. Each
 * asks for little (a small {@code max_tokens}), but gives a JSON answer room to close: JSON cut by max_tokens is not
 * valid JSON, and that would be the suite's fault, not the target's.
 */
public final class FeatureRequests {
    /** Room for a tool call's arguments or a small JSON object. */
    public static final int JSON_MAX_TOKENS = 96;
    /** A tool call id the suite made up for the round trip: the target never issued it, but the conversation carries it. */
    public static final String ROUND_TRIP_CALL_ID = "call_conformance_0001";
    /** The stop sequence PARAM-002 sends: a word every answer to its prompt contains. */
    public static final String STOP_SEQUENCE = "three";
    /** What PARAM-002 asks the model to repeat; it holds the stop sequence. */
    public static final String COUNTING = "one two three four five";

    private FeatureRequests() {
    }

    /** get_weather(city, unit): the tool every tool request offers first. */
    public static final JsonNode WEATHER_PARAMETERS = Json.parse("""
            {"type": "object", "properties": {"city": {"type": "string"},
             "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}},
             "required": ["city", "unit"], "additionalProperties": false}""");

    /** get_time(timezone): the second tool, for parallel calls. */
    public static final JsonNode TIME_PARAMETERS = Json.parse("""
            {"type": "object", "properties": {"timezone": {"type": "string"}},
             "required": ["timezone"], "additionalProperties": false}""");

    /** The structured output FMT-002 and FMT-003 ask for. */
    public static final JsonNode CITY_SCHEMA = Json.parse("""
            {"type": "object", "properties": {"city": {"type": "string"}, "population": {"type": "integer"},
             "landmarks": {"type": "array", "items": {"type": "string"}}},
             "required": ["city", "population", "landmarks"], "additionalProperties": false}""");

    /** The parameters schema of a tool these requests offer, by name; null for a name they never offer. */
    public static JsonNode parametersOf(String tool) {
        return switch (tool) {
            case "get_weather" -> WEATHER_PARAMETERS;
            case "get_time" -> TIME_PARAMETERS;
            default -> null;
        };
    }

    /**
     * tools: [get_time, get_weather], tool_choice naming the second: a server that reads the named choice as "auto"
     * (llama-server did) calls the first and shows it; with one tool offered it could not.
     */
    public static String forcedTool(String model, boolean stream) {
        return stream(named(model, "get_weather"), stream);
    }

    /** As {@link #forcedTool}, naming a function that was not offered: to be refused with 400. */
    public static String forcedUnofferedTool(String model) {
        return named(model, "get_stock_price").toString();
    }

    private static ObjectNode named(String model, String function) {
        ObjectNode body = ask(model, "What is the weather in Paris? Use the tool.", JSON_MAX_TOKENS);
        ArrayNode tools = body.putArray("tools");
        tool(tools, "get_time", "The current time in a timezone.", TIME_PARAMETERS);
        tool(tools, "get_weather", "The current weather in a city.", WEATHER_PARAMETERS);
        body.putObject("tool_choice").put("type", "function").putObject("function").put("name", function);
        return body;
    }

    /** tools: [get_weather, get_time], tool_choice "required", parallel_tool_calls true. */
    public static String requiredParallel(String model) {
        return bothToolsRequired(model, true);
    }

    /**
     * tools: [get_weather, get_time], tool_choice "required", parallel_tool_calls false, for a question that needs
     * both: at most one call may come back (PARAM-004).
     */
    public static String requiredSerial(String model) {
        return bothToolsRequired(model, false);
    }

    private static String bothToolsRequired(String model, boolean parallel) {
        ObjectNode body = ask(model, "What are the weather and the time in Paris? Use the tools.", 2 * JSON_MAX_TOKENS);
        tools(body, true);
        body.put("tool_choice", "required");
        body.put("parallel_tool_calls", parallel);
        return body.toString();
    }

    /** Room for a reasoning model to think a little and still answer. */
    public static final int REASONING_MAX_COMPLETION_TOKENS = 128;

    /** reasoning_effort "low" on a short question, capped by max_completion_tokens (reasoning counts in it). */
    public static String lowReasoningEffort(String model) {
        ObjectNode body = ask(model, "Say OK.", ChatRequests.MAX_TOKENS);
        body.remove("max_tokens");
        body.put("max_completion_tokens", REASONING_MAX_COMPLETION_TOKENS);
        body.put("reasoning_effort", "low");
        return body.toString();
    }

    /**
     * The conversation after a tool call: the user's question, the assistant's tool call (id {@code toolCallId}), the
     * tool's answer for {@code answeredId}; tool_choice "none", so the answer must be text.
     */
    public static String toolResult(String model, String toolCallId, String answeredId) {
        ObjectNode body = ask(model, "What is the weather in Paris?", ChatRequests.MAX_TOKENS);
        ArrayNode messages = (ArrayNode) body.path("messages");
        ObjectNode assistant = messages.addObject();
        assistant.put("role", "assistant");
        assistant.putNull("content");
        ObjectNode call = assistant.putArray("tool_calls").addObject();
        call.put("id", toolCallId);
        call.put("type", "function");
        call.putObject("function").put("name", "get_weather").put("arguments", "{\"city\":\"Paris\",\"unit\":\"celsius\"}");
        ObjectNode tool = messages.addObject();
        tool.put("role", "tool");
        tool.put("tool_call_id", answeredId);
        tool.put("content", "{\"temperature\": 18, \"unit\": \"celsius\"}");
        tools(body, false);
        body.put("tool_choice", "none");
        return body.toString();
    }

    /** response_format json_object; the prompt says JSON, as OpenAI requires for this mode. */
    public static String jsonObject(String model) {
        ObjectNode body = ask(model, "Reply with a JSON object with one member, \"answer\", saying OK.", JSON_MAX_TOKENS);
        body.putObject("response_format").put("type", "json_object");
        return body.toString();
    }

    /** response_format json_schema (strict) with {@link #CITY_SCHEMA}. */
    public static String jsonSchema(String model, boolean stream) {
        ObjectNode body = ask(model, "Give facts about Paris as JSON: city, population and two landmarks.", 2 * JSON_MAX_TOKENS);
        ObjectNode format = body.putObject("response_format");
        format.put("type", "json_schema");
        ObjectNode schema = format.putObject("json_schema");
        schema.put("name", "city_facts");
        schema.put("strict", true);
        schema.set("schema", CITY_SCHEMA.deepCopy());
        return stream(body, stream);
    }

    /**
     * What one of PARAM-001 to PARAM-003 judges, each parameter asked alone so that one cannot spoil another (llama.cpp
     * drops logprobs when it re-tokenizes a stop word): n: 2, stop [{@link #STOP_SEQUENCE}], or logprobs with 2
     * top_logprobs.
     */
    public static String sampled(String model, Feature feature) {
        // "Repeat exactly": a model answers with the sequence, and a server that echoes the prompt repeats it too, so
        // either shows whether stop was honoured; an answer without the word cannot pass by luck of wording.
        ObjectNode body = ask(model, "Repeat exactly, in lower case: " + COUNTING, ChatRequests.MAX_TOKENS);
        switch (feature) {
            case N -> body.put("n", 2);
            case STOP -> body.putArray("stop").add(STOP_SEQUENCE);
            case LOGPROBS -> body.put("logprobs", true).put("top_logprobs", 2);
            default -> throw new IllegalArgumentException("not a sampling parameter: " + feature);
        }
        return body.toString();
    }

    /** n: 2, streamed: PARAM-001's second half, asked once the plain answer brought two choices. */
    public static String twoChoicesStreamed(String model) {
        return ask(model, "Say OK.", ChatRequests.MAX_TOKENS).put("n", 2).put("stream", true).toString();
    }

    private static ObjectNode ask(String model, String prompt, int maxTokens) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", model);
        ObjectNode message = body.putArray("messages").addObject();
        message.put("role", "user");
        message.put("content", prompt);
        body.put("max_tokens", maxTokens);
        return body;
    }

    private static void tools(ObjectNode body, boolean withTime) {
        ArrayNode tools = body.putArray("tools");
        tool(tools, "get_weather", "The current weather in a city.", WEATHER_PARAMETERS);
        if (withTime) {
            tool(tools, "get_time", "The current time in a timezone.", TIME_PARAMETERS);
        }
    }

    private static void tool(ArrayNode tools, String name, String description, JsonNode parameters) {
        ObjectNode function = tools.addObject().put("type", "function").putObject("function");
        function.put("name", name);
        function.put("description", description);
        function.set("parameters", parameters.deepCopy());
        function.put("strict", true);
    }

    private static String stream(ObjectNode body, boolean stream) {
        if (stream) {
            body.put("stream", true);
        }
        return body.toString();
    }
}
