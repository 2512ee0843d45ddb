package org.oaiconformance.contract.metrics;

import org.oaiconformance.contract.http.Courtesy;
import org.testng.annotations.Test;

import static org.testng.Assert.assertEquals;

/** Each run counts on its own: runs in one JVM (the proofs) never add up each other's requests or calls. */
public class RunMetricsTest {

    @Test
    public void twoRunsCountApart() {
        Courtesy first = Courtesy.unlimited();
        Courtesy second = Courtesy.unlimited();
        first.metrics().record("POST", "http://127.0.0.1:1/v1/chat/completions", 200, "{\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4}}");
        first.metrics().measure("left over", 1.0);
        RunMetrics.Snapshot counted = first.metrics().snapshot();
        assertEquals(counted.billableCalls(), 1);
        assertEquals(counted.promptTokens() + counted.completionTokens(), 7);
        RunMetrics.Snapshot other = second.metrics().snapshot();
        assertEquals(other.requests(), 0);
        assertEquals(other.billableCalls(), 0);
        assertEquals(other.measurements().size(), 0);
    }

    @Test
    public void onlyAServedChatCompletionIsBillable() {
        RunMetrics metrics = new RunMetrics();
        metrics.record("GET", "http://127.0.0.1:1/v1/models", 200, "{}");
        metrics.record("POST", "http://127.0.0.1:1/v1/chat/completions", 401, "{}");
        assertEquals(metrics.snapshot().requests(), 2);
        assertEquals(metrics.snapshot().billableCalls(), 0);
    }
}
