package org.oaiconformance.compat.tools;

import com.fasterxml.jackson.databind.JsonNode;
import org.oaiconformance.contract.catalogue.Verifies;
import org.oaiconformance.contract.check.ConformanceChecks;
import org.oaiconformance.contract.check.Expect;
import org.oaiconformance.contract.check.OptionalFeatures;
import org.oaiconformance.contract.check.PerModel;
import org.oaiconformance.contract.http.Exchange;
import org.oaiconformance.contract.http.FeatureRequests;
import org.oaiconformance.contract.wire.Feature;
import org.testng.SkipException;
import org.testng.annotations.Test;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Tool calling, where most "compatible, but…" reports land: the shape of tool_calls, streamed deltas the SDKs' helpers
 * can join, parallel calls, and the round trip that sends a tool's result back. Four billable calls (the unmatched
 * tool result and the unoffered named tool are refused before any model runs).
 */
@PerModel
public class ToolCallChecks extends ConformanceChecks {
    private Exchange roundTrip;

    private synchronized Exchange roundTrip() {
        if (roundTrip == null) {
            roundTrip = target().post(CHAT, target().validKey(), FeatureRequests.toolResult(model(), FeatureRequests.ROUND_TRIP_CALL_ID,
                    FeatureRequests.ROUND_TRIP_CALL_ID));
        }
        return roundTrip;
    }

    /**
     * Verifies: TOOL-001 (docs/evidence.md#r20). If this fails, answer a forced tool_choice with message.tool_calls of the
     * named function (read the object form of tool_choice, not only the strings) whose function.arguments is a JSON string
     * matching the tool's parameters, and finish_reason "tool_calls"; refuse a name that was not offered with 400.
     */
    @Test
    @Verifies("TOOL-001")
    public void required_tool001_aForcedToolCallIsWellFormed() {
        Exchange exchange = askWith(Feature.TOOLS, FeatureRequests.forcedTool(model(), false));
        JsonNode choice = exchange.json().path("choices").path(0);
        JsonNode calls = choice.path("message").path("tool_calls");
        if (!calls.isArray() || calls.isEmpty()) {
            Expect.fail(exchange, "expected message.tool_calls for a tool_choice naming get_weather, found " + Expect.kind(calls));
        }
        for (JsonNode call : calls) {
            if (!call.path("id").isTextual() || call.path("id").asText().isEmpty()) {
                Expect.fail(exchange, "expected every tool call to carry a string id");
            }
            Expect.textEquals(exchange, call, "type", "function");
            Expect.textEquals(exchange, call.path("function"), "name", "get_weather");
            JsonNode arguments = call.path("function").path("arguments");
            if (!arguments.isTextual()) {
                Expect.fail(exchange, "expected function.arguments to be a string holding JSON (the SDKs parse it), found " + Expect.kind(arguments));
            }
            argumentsConform(exchange, "get_weather", arguments.asText());
        }
        Expect.textEquals(exchange, choice, "finish_reason", "tool_calls");
        Exchange unoffered = target().post(CHAT, target().validKey(), FeatureRequests.forcedUnofferedTool(model()));
        if (unoffered.status() != 400) {
            Expect.fail(unoffered, "expected 400 for a tool_choice naming get_stock_price, a function not among the tools offered"
                    + " (a server that reads a named tool_choice as \"auto\" answers it)");
        }
    }

    /**
     * Verifies: TOOL-002 (docs/evidence.md#r21). If this fails, give every tool_calls delta its index and the first delta
     * of a call its id, type and name, and end the stream with finish_reason "tool_calls".
     */
    @Test
    @Verifies("TOOL-002")
    public void required_tool002_aStreamedToolCallCanBeJoined() {
        Exchange exchange = askWith(Feature.TOOLS, FeatureRequests.forcedTool(model(), true));
        StreamedAnswer answer = StreamedAnswer.of(exchange.body());
        if (!answer.problems.isEmpty()) {
            Expect.fail(exchange, "expected tool_calls deltas a stream helper can join", answer.problems.get(0));
        }
        var calls = answer.toolCalls.getOrDefault(0, Map.of());
        if (calls.isEmpty()) {
            Expect.fail(exchange, "expected tool_calls deltas for a tool_choice naming get_weather, found none");
        }
        for (StreamedAnswer.Call call : calls.values()) {
            if (!"function".equals(call.type) || !"get_weather".equals(call.name)) {
                Expect.fail(exchange, "expected a function call of get_weather, found type " + call.type + " name " + call.name);
            }
            argumentsConform(exchange, call.name, call.arguments.toString());
        }
        String finish = answer.finishReasons.get(0);
        if (!"tool_calls".equals(finish)) {
            Expect.fail(exchange, "expected the stream to end with finish_reason \"tool_calls\", found " + finish);
        }
    }

    /**
     * Verifies: TOOL-003 (docs/evidence.md#r20). If this fails, give each parallel tool call its own id.
     */
    @Test
    @Verifies("TOOL-003")
    public void recommended_tool003_parallelToolCallsHaveDistinctIds() {
        Exchange exchange = askWith(Feature.TOOLS, FeatureRequests.requiredParallel(model()));
        JsonNode calls = exchange.json().path("choices").path(0).path("message").path("tool_calls");
        if (!calls.isArray() || calls.isEmpty()) {
            Expect.fail(exchange, "expected one or more tool calls for tool_choice \"required\", found " + Expect.kind(calls));
        }
        Set<String> ids = new HashSet<>();
        for (JsonNode call : calls) {
            if (!ids.add(call.path("id").asText())) {
                Expect.fail(exchange, "expected distinct ids for " + calls.size() + " tool calls, found '" + call.path("id").asText() + "' twice");
            }
            String name = call.path("function").path("name").asText();
            if (FeatureRequests.parametersOf(name) == null) {
                Expect.fail(exchange, "expected calls of the offered tools (get_weather, get_time), found '" + name + "'");
            }
        }
    }

    /** Verifies: TOOL-004 (docs/evidence.md#r20). If this fails, accept assistant tool_calls and tool messages in the conversation. */
    @Test
    @Verifies("TOOL-004")
    public void required_tool004_aToolResultIsAnswered() {
        Exchange exchange = roundTrip();
        OptionalFeatures.served(exchange, Feature.TOOLS, session().profile());
        JsonNode message = exchange.json().path("choices").path(0).path("message");
        Expect.textEquals(exchange, message, "role", "assistant");
    }

    /** Verifies: TOOL-005 (docs/evidence.md#r22). If this fails, refuse a tool message that answers no tool call with 400. */
    @Test
    @Verifies("TOOL-005")
    public void recommended_tool005_anUnmatchedToolResultIsRefused() {
        Exchange exchange = target().post(CHAT, target().validKey(), FeatureRequests.toolResult(model(), FeatureRequests.ROUND_TRIP_CALL_ID,
                "call_nobody_issued_0002"));
        if (exchange.status() == 401 || exchange.status() == 403) {
            throw new SkipException("cannot judge: the request was refused with HTTP " + exchange.status() + ": see AUTH-001");
        }
        if (exchange.status() != 400 && exchange.status() != 422) { // 422: how Mistral-style servers refuse an invalid request
            Expect.fail(exchange, "expected 400 (or 422) for a tool message that answers no tool call");
        }
    }

    /** Verifies: TOOL-006 (docs/evidence.md#r20). If this fails, answer with text when tool_choice is "none". */
    @Test
    @Verifies("TOOL-006")
    public void recommended_tool006_toolChoiceNoneGivesText() {
        Exchange exchange = roundTrip();
        if (exchange.status() / 100 != 2) {
            throw new SkipException("cannot judge: the conversation with a tool result was answered HTTP " + exchange.status()
                    + (exchange.status() == 401 || exchange.status() == 403 ? ": see AUTH-001" : ": see TOOL-004"));
        }
        JsonNode message = exchange.json().path("choices").path(0).path("message");
        if (message.path("tool_calls").size() > 0) {
            Expect.fail(exchange, "expected text and no tool_calls for tool_choice \"none\"");
        }
        Expect.isText(exchange, message.path("content"), "message.content");
    }

    /** The arguments parse as JSON and conform to the offered tool's parameters schema. */
    static void argumentsConform(Exchange exchange, String tool, String arguments) {
        String problem = ToolArguments.problem(tool, arguments);
        if (problem != null) {
            Expect.fail(exchange, problem, "arguments: " + arguments);
        }
    }
}
