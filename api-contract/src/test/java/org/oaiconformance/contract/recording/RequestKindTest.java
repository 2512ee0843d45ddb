package org.oaiconformance.contract.recording;

import org.oaiconformance.contract.http.ChatRequests;
import org.oaiconformance.contract.http.FeatureRequests;
import org.oaiconformance.contract.http.ResponsesRequests;
import org.oaiconformance.contract.wire.Feature;
import org.testng.annotations.Test;

import static org.testng.Assert.assertEquals;

/** A recording answers a request only with an answer to the same kind of request. */
public class RequestKindTest {

    @Test
    public void aRequestUsingAnOptionalFeatureIsNeverAnsweredByAPlainRecording() {
        for (String body : new String[] {FeatureRequests.forcedTool("m", false), FeatureRequests.forcedTool("m", true),
                FeatureRequests.jsonSchema("m", false), FeatureRequests.jsonObject("m"), FeatureRequests.sampled("m", Feature.N),
                FeatureRequests.sampled("m", Feature.STOP), FeatureRequests.sampled("m", Feature.LOGPROBS), FeatureRequests.toolResult("m", "a", "a")}) {
            assertEquals(RequestKind.ofRequest("POST", "/v1/chat/completions", body, true), RequestKind.OTHER, body);
        }
        assertEquals(RequestKind.ofRequest("POST", "/v1/chat/completions", ChatRequests.minimal("m"), true), RequestKind.COMPLETION);
    }

    /** A Responses request is answered by its own kind only: a tool call, a text format or a continuation never by a plain answer. */
    @Test
    public void aResponsesRequestIsAnsweredOnlyByItsOwnKind() {
        String path = "/v1/responses";
        assertEquals(RequestKind.ofRequest("POST", path, ResponsesRequests.text("m"), true), RequestKind.RESPONSE);
        assertEquals(RequestKind.ofRequest("POST", path, ResponsesRequests.items("m"), true), RequestKind.RESPONSE_ITEMS);
        assertEquals(RequestKind.ofRequest("POST", path, ResponsesRequests.cutShort("m"), true), RequestKind.RESPONSE_CUT);
        assertEquals(RequestKind.ofRequest("POST", path, ResponsesRequests.streaming("m"), true), RequestKind.RESPONSE_STREAM);
        for (String body : new String[] {ResponsesRequests.forcedTool("m", false),
                ResponsesRequests.forcedTool("m", true), ResponsesRequests.jsonSchema("m"),
                ResponsesRequests.toolRoundTrip("m"), ResponsesRequests.continuation("m", "resp_1"),
                ResponsesRequests.withoutInput("m")}) {
            assertEquals(RequestKind.ofRequest("POST", path, body, true), RequestKind.OTHER, body);
        }
        assertEquals(RequestKind.ofRequest("POST", path, ResponsesRequests.text("m"), false), RequestKind.OTHER);
    }
}
