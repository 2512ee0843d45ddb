package org.oaiconformance.contract.metrics;

import org.testng.TestNG;
import org.testng.annotations.Test;

import static org.testng.Assert.assertEquals;

/** Each TestNG run counts from zero: runs in one JVM (the proofs) never add up each other's requests or calls. */
public class RunMetricsTest {

    @Test
    public void everyRunStartsFromZero() {
        RunMetrics.record("POST", "http://127.0.0.1:1/v1/chat/completions", 200, "{\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4}}");
        RunMetrics.measure("left over", 1.0);
        TestNG run = new TestNG(false);
        run.setUseDefaultListeners(false);
        run.setVerbose(0);
        run.setTestClasses(new Class<?>[] {NothingToDo.class});
        run.run();
        RunMetrics.Snapshot after = RunMetrics.snapshot();
        assertEquals(after.requests(), 0);
        assertEquals(after.billableCalls(), 0);
        assertEquals(after.measurements().size(), 0);
    }

    /** A run with no request at all. */
    public static class NothingToDo {
        @Test
        public void nothing() {
            // the point is the run around it
        }
    }
}
