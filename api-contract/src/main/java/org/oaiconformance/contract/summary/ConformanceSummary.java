package org.oaiconformance.contract.summary;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.oaiconformance.contract.run.RunMetrics;
import org.oaiconformance.contract.run.TargetInfo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The machine-readable result of a run: {@code conformance-summary.json}. Nightly CI reads it; the build's outcome
 * is decided from it ({@link #buildFails()}).
 *
 * @param verdict   {@code conformant} when no MUST requirement failed or broke, else {@code non-conformant}
 * @param totals    level → status → number of requirements
 * @param buildFails true when the verdict is non-conformant, or in strict mode when any requirement failed or broke
 */
public record ConformanceSummary(String schemaVersion, String suiteVersion, String generatedAt, TargetInfo target,
                                 String verdict, boolean strict, boolean buildFails, String buildReason,
                                 Map<String, Map<String, Integer>> totals, List<RequirementResult> requirements,
                                 RunMetrics.Snapshot metrics, long durationMs, List<String> runErrors) {
    public static final String SCHEMA_VERSION = "1";
    public static final String CONFORMANT = "conformant";
    public static final String NON_CONFORMANT = "non-conformant";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public void write(Path file) throws IOException {
        JSON.writeValue(file.toFile(), this);
    }

    public static ConformanceSummary read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), ConformanceSummary.class);
    }

    public RequirementResult requirement(String id) {
        return requirements.stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no requirement " + id + " in the summary"));
    }
}
