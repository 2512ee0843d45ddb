package org.oaiconformance.compat.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import org.oaiconformance.compat.format.SchemaAnswer;
import org.oaiconformance.compat.tools.ToolArguments;
import org.oaiconformance.contract.catalogue.Verifies;
import org.oaiconformance.contract.http.FeatureRequests;
import org.oaiconformance.contract.wire.Feature;
import org.testng.annotations.Test;

import java.util.Locale;
import java.util.Map;

/**
 * Tool calls and structured outputs through each SDK's own helpers, because that is where clients break even when
 * the wire looks right: openai-python's stream state needs every tool-call delta's index, openai-java validates each
 * field, parse() needs JSON. Each row sends the raw checks' request (TOOL-001, TOOL-002, FMT-002), so a row that fails
 * where the raw check passes is the SDK's breakage, shown in the matrix. Three billable calls per row.
 */
public class SdkFeatureChecks extends SdkRowChecks {

    /** Verifies: SDK-007 (docs/evidence.md#r20). If this fails, compare the tool call with TOOL-001's verdict. */
    @Test(dataProvider = "sdks")
    @Verifies("SDK-007")
    public void required_sdk007_sdkReadsAForcedToolCall(SdkDriver sdk) {
        aWeatherCall(sdk, FeatureCall.TOOL_CALL, "forced tool call", "TOOL-001");
    }

    /**
     * Verifies: SDK-008 (docs/evidence.md#r21). If this fails, give every tool_calls delta its index and end the stream
     * with finish_reason "tool_calls": the SDK's stream helper joins by index.
     */
    @Test(dataProvider = "sdks")
    @Verifies("SDK-008")
    public void required_sdk008_sdkStreamHelperJoinsAToolCall(SdkDriver sdk) {
        aWeatherCall(sdk, FeatureCall.TOOL_STREAM, "streamed tool call, joined by the SDK's helper", "TOOL-002");
    }

    /** Verifies: SDK-009 (docs/evidence.md#r23). If this fails, constrain the answer to the json_schema: see FMT-002. */
    @Test(dataProvider = "sdks")
    @Verifies("SDK-009")
    public void required_sdk009_sdkParsesAStructuredOutput(SdkDriver sdk) {
        SdkAnswer answer = sdk.feature(FeatureCall.STRUCTURED, target().validKeyValue(), FeatureRequests.jsonSchema(model(), false),
                headers(Map.of()));
        observe(sdk, "json_schema answer, parsed by the SDK", answer);
        served(sdk, answer, Feature.JSON_SCHEMA, "FMT-002");
        String problem = SchemaAnswer.problem(answer.content());
        if (problem != null) {
            throw failure(sdk, problem + " (as the SDK parsed it: " + answer.content() + ")", answer);
        }
    }

    /**
     * The forced get_weather call through the SDK ({@code call} says plain or streamed): one or more calls of it, each
     * with a string id, type "function" and conforming arguments; finish_reason "tool_calls".
     */
    private void aWeatherCall(SdkDriver sdk, FeatureCall call, String what, String rawCheck) {
        SdkAnswer answer = sdk.feature(call, target().validKeyValue(), FeatureRequests.forcedTool(model(), call == FeatureCall.TOOL_STREAM),
                headers(Map.of()));
        observe(sdk, what, answer);
        served(sdk, answer, Feature.TOOLS, rawCheck);
        if (answer.toolCalls().isEmpty()) {
            throw failure(sdk, "expected the SDK to read tool_calls for a tool_choice naming get_weather, found none"
                    + (answer.content() == null ? "" : " (text: " + answer.content() + ")"), answer);
        }
        for (JsonNode toolCall : answer.toolCalls()) {
            if (!toolCall.path("id").isTextual() || !"function".equals(toolCall.path("type").asText())
                    || !"get_weather".equals(toolCall.path("name").asText())) {
                throw failure(sdk, "expected a function call of get_weather with an id, found " + toolCall, answer);
            }
            JsonNode arguments = toolCall.path("arguments");
            String problem = arguments.isTextual() ? ToolArguments.problem("get_weather", arguments.asText())
                    : "expected function.arguments to be a string holding JSON, found " + arguments.getNodeType().name().toLowerCase(Locale.ROOT);
            if (problem != null) {
                throw failure(sdk, problem + " (arguments: " + arguments + ")", answer);
            }
        }
        if (!"tool_calls".equals(answer.finishReason())) {
            throw failure(sdk, "expected finish_reason \"tool_calls\", the SDK read " + answer.finishReason(), answer);
        }
    }
}
