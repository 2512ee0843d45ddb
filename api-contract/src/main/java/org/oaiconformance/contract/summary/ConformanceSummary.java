package org.oaiconformance.contract.summary;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.oaiconformance.contract.json.Json;
import org.oaiconformance.contract.metrics.RunMetrics;
import org.oaiconformance.contract.outcome.Status;
import org.oaiconformance.contract.run.TargetInfo;
import org.oaiconformance.contract.settings.Profile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The machine-readable result of a run: {@code conformance-summary.json}, a versioned document (its JSON Schema is
 * {@code schemas/conformance-summary.json}). Nightly CI reads it; the build's outcome is decided from it.
 *
 * @param kind       always {@code ConformanceReport}
 * @param result     {@code success}; {@code partial} when a MUST requirement was skipped; {@code failure} when one failed or broke
 * @param verdict    {@code conformant} when no MUST requirement failed or broke, else {@code non-conformant}
 * @param profile    the profile the target was judged by, with its declared features and deviations
 * @param totals     level → status → number of requirements
 * @param families   family → status → number of requirements
 * @param skipped    every skipped requirement with its reason
 * @param sdkMatrix  SDK row ("openai-node 6.30.1") → SDK requirement → status: which client breaks, at a glance
 * @param changes    what changed since the previous run kept in the history folder, or null without one
 * @param buildFails true when the verdict is non-conformant, or in strict mode when any requirement failed or broke
 * @param models     one verdict per model the run judged, the first first (one entry for a single-model run); added in
 *                   schema version 2
 */
public record ConformanceSummary(String kind, String schemaVersion, String suiteVersion, String generatedAt, TargetInfo target,
                                 Profile profile, String result, String verdict, boolean strict, boolean buildFails,
                                 String buildReason, List<String> mustFailures, Map<String, Map<String, Integer>> totals,
                                 Map<String, Map<String, Integer>> families, List<RequirementResult> requirements,
                                 List<Skip> skipped, RunMetrics.Snapshot metrics, Map<String, String> sdkVersions,
                                 Map<String, Map<String, Status>> sdkMatrix, long durationMs, List<String> runErrors, Changes changes,
                                 List<ModelVerdict> models) {
    public static final String KIND = "ConformanceReport";
    /** 2: the models section; a reader of version 1 takes the whole report as its one model's. */
    public static final String SCHEMA_VERSION = "2";
    public static final String CONFORMANT = "conformant";
    public static final String NON_CONFORMANT = "non-conformant";
    public static final String SUCCESS = "success";
    public static final String PARTIAL = "partial";
    public static final String FAILURE = "failure";
    /** The build reason of a partial verdict that CONFORMANCE_REQUIRE_COMPLETE fails: the jar exits 4 on it. */
    public static final String INCOMPLETE_REASON = "a MUST requirement was skipped, and CONFORMANCE_REQUIRE_COMPLETE asks for a complete verdict";

    private static final ObjectMapper JSON = Json.MAPPER;

    /** A requirement no check judged in this run, and why. */
    public record Skip(String id, String level, String reason) {
    }

    /** Requirements whose status moved since the previous run. */
    public record Changes(String previousRunAt, List<String> newlyFailing, List<String> newlyPassing) {
    }

    public void write(Path file) throws IOException {
        Json.PRETTY.writeValue(file.toFile(), this);
    }

    public static ConformanceSummary read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), ConformanceSummary.class);
    }

    public String toJson() throws IOException {
        return Json.PRETTY.writeValueAsString(this);
    }

    public ConformanceSummary withChanges(Changes value) {
        return new ConformanceSummary(kind, schemaVersion, suiteVersion, generatedAt, target, profile, result, verdict, strict,
                buildFails, buildReason, mustFailures, totals, families, requirements, skipped, metrics, sdkVersions, sdkMatrix, durationMs, runErrors, value,
                models);
    }

    public ConformanceSummary {
        models = models == null ? List.of() : List.copyOf(models);
    }

    /** The run judged the suite's own embedded reference target, not a gateway: every report form says so. */
    public boolean judgedTheReferenceTarget() {
        return target != null && target.embedded();
    }

    /** The verdict as every report form words it: "CONFORMANT (success)"; never bare when the reference target was judged. */
    public String verdictWords() {
        return verdict.toUpperCase(Locale.ROOT) + " (" + result + ")"
                + (judgedTheReferenceTarget() ? " of the embedded reference target, not a gateway" : "");
    }

    /**
     * Every requirement counted once, by what became of it: "105 passed, 1 failed, 0 broken, 2 skipped, 1 MAY not done,
     * of 109 requirements". A MAY the target does not do is not a failure, and is counted apart.
     */
    public String counts() {
        long passed = count(r -> r.status() == Status.PASSED);
        long mayNotDone = count(RequirementResult::mayNotDone);
        long failed = count(r -> r.status() == Status.FAILED) - mayNotDone;
        long broken = count(r -> r.status() == Status.BROKEN);
        long skipped = count(r -> r.status() == Status.SKIPPED);
        return passed + " passed, " + failed + " failed, " + broken + " broken, " + skipped + " skipped"
                + (mayNotDone > 0 ? ", " + mayNotDone + " MAY not done" : "") + ", of " + requirements.size() + " requirements";
    }

    private long count(Predicate<RequirementResult> which) {
        return requirements.stream().filter(which).count();
    }

    /** Models conformant, of those the target serves. */
    public long modelsConformant() {
        return models.stream().filter(ModelVerdict::conformant).count();
    }

    public RequirementResult requirement(String id) {
        return requirements.stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no requirement " + id + " in the summary"));
    }
}
