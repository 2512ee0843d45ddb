package org.oaiconformance.contract.recording;

import org.oaiconformance.contract.http.ChatRequests;
import org.oaiconformance.contract.http.FeatureRequests;
import org.testng.annotations.Test;

import static org.testng.Assert.assertEquals;

/** A recording answers a request only with an answer to the same kind of request. */
public class RequestKindTest {

    @Test
    public void aRequestUsingAnOptionalFeatureIsNeverAnsweredByAPlainRecording() {
        for (String body : new String[] {FeatureRequests.forcedTool("m", false), FeatureRequests.forcedTool("m", true),
                FeatureRequests.jsonSchema("m", false), FeatureRequests.jsonObject("m"), FeatureRequests.sampled("m", org.oaiconformance.contract.wire.Feature.N),
                FeatureRequests.sampled("m", org.oaiconformance.contract.wire.Feature.STOP), FeatureRequests.sampled("m", org.oaiconformance.contract.wire.Feature.LOGPROBS), FeatureRequests.toolResult("m", "a", "a")}) {
            assertEquals(RequestKind.ofRequest("POST", "/v1/chat/completions", body, true), RequestKind.OTHER, body);
        }
        assertEquals(RequestKind.ofRequest("POST", "/v1/chat/completions", ChatRequests.minimal("m"), true), RequestKind.COMPLETION);
    }

    /** A Responses request is answered by its own kind only: a tool call, a text format or a continuation never by a plain answer. */
    @Test
    public void aResponsesRequestIsAnsweredOnlyByItsOwnKind() {
        String path = "/v1/responses";
        assertEquals(RequestKind.ofRequest("POST", path, org.oaiconformance.contract.http.ResponsesRequests.text("m"), true), RequestKind.RESPONSE);
        assertEquals(RequestKind.ofRequest("POST", path, org.oaiconformance.contract.http.ResponsesRequests.items("m"), true), RequestKind.RESPONSE_ITEMS);
        assertEquals(RequestKind.ofRequest("POST", path, org.oaiconformance.contract.http.ResponsesRequests.cutShort("m"), true), RequestKind.RESPONSE_CUT);
        assertEquals(RequestKind.ofRequest("POST", path, org.oaiconformance.contract.http.ResponsesRequests.streaming("m"), true), RequestKind.RESPONSE_STREAM);
        for (String body : new String[] {org.oaiconformance.contract.http.ResponsesRequests.forcedTool("m", false),
                org.oaiconformance.contract.http.ResponsesRequests.forcedTool("m", true), org.oaiconformance.contract.http.ResponsesRequests.jsonSchema("m"),
                org.oaiconformance.contract.http.ResponsesRequests.toolRoundTrip("m"), org.oaiconformance.contract.http.ResponsesRequests.continuation("m", "resp_1"),
                org.oaiconformance.contract.http.ResponsesRequests.withoutInput("m")}) {
            assertEquals(RequestKind.ofRequest("POST", path, body, true), RequestKind.OTHER, body);
        }
        assertEquals(RequestKind.ofRequest("POST", path, org.oaiconformance.contract.http.ResponsesRequests.text("m"), false), RequestKind.OTHER);
    }
}
