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
}
