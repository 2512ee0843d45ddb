package org.oaiconformance.compat.sdk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.oaiconformance.compat.format.SchemaAnswer;
import org.oaiconformance.contract.catalogue.Verifies;
import org.oaiconformance.contract.http.ResponsesRequests;
import org.oaiconformance.contract.json.Json;
import org.oaiconformance.contract.wire.Feature;
import org.testng.SkipException;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.util.Arrays;
import java.util.Map;

/**
 * The Responses API through each SDK row's own stream helper, because its event accumulator is what breaks on a bad
 * stream even where the raw events look readable: openai-node and openai-python find each delta's item by output_index
 * and content_index and build on response.created's snapshot; openai-java validates every event. The request is
 * RESP-010's json_schema request, streamed, so one call per row also proves the SDK's structured-output parsing of a
 * Responses answer. One billable call per row; openai 0.28 has no Responses API and no cell (n/a).
 */
public class SdkResponsesChecks extends SdkRowChecks {

    /** The rows that have a Responses API. */
    @DataProvider
    public Object[][] responsesSdks() {
        return Arrays.stream(sdks()).filter(row -> ((SdkDriver) row[0]).hasResponsesApi()).toArray(Object[][]::new);
    }

    /** Verifies: SDK-012 (docs/evidence.md#r33). If this fails, compare with RESP-004, RESP-005 and RESP-010. */
    @Test(dataProvider = "responsesSdks")
    @Verifies("SDK-012")
    public void required_sdk012_sdkStreamHelperJoinsAndParsesAResponsesAnswer(SdkDriver sdk) {
        String body = ((ObjectNode) Json.parse(
                ResponsesRequests.jsonSchema(model()))).put("stream", true).toString();
        SdkAnswer answer = sdk.feature(FeatureCall.RESPONSES_STREAM, target().validKeyValue(), body, headers(Map.of()));
        observe(sdk, "json_schema Responses stream, joined and parsed by the SDK", answer);
        Integer status = answer.status();
        if (!answer.ok() && status != null && (status == 404 || status == 405 || status == 501)
                && !session().profile().claims(Feature.RESPONSES)) {
            throw new SkipException("not supported by this target: POST responses answered HTTP " + status + " (RESP-004 judges the route)");
        }
        served(sdk, answer, Feature.JSON_SCHEMA, "RESP-010");
        if (!"completed".equals(answer.finishReason())) {
            throw failure(sdk, "expected the stream's response to end with status \"completed\", the SDK read " + answer.finishReason(), answer);
        }
        String problem = SchemaAnswer.problem(answer.content());
        if (problem != null) {
            throw failure(sdk, problem.replace("response_format", "text.format") + " (as the SDK read it: " + answer.content() + ")", answer);
        }
    }
}
