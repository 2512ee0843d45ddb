package org.oaiconformance.contract.summary;

import org.oaiconformance.contract.catalogue.Level;
import org.oaiconformance.contract.catalogue.Requirement;
import org.oaiconformance.contract.catalogue.RequirementCatalogue;
import org.oaiconformance.contract.run.CheckOutcome;
import org.oaiconformance.contract.run.ModuleRun;
import org.oaiconformance.contract.metrics.RunMetrics;
import org.oaiconformance.contract.run.TargetInfo;
import org.oaiconformance.contract.settings.Profile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Turns the modules' check outcomes into one result per catalogue requirement and a verdict. */
public final class SummaryBuilder {
    private static final List<String> STATUSES = List.of(CheckOutcome.PASSED, CheckOutcome.FAILED, CheckOutcome.BROKEN, CheckOutcome.SKIPPED);

    private SummaryBuilder() {
    }

    public static ConformanceSummary build(RequirementCatalogue catalogue, List<ModuleRun> runs, boolean strict, String suiteVersion) {
        return build(catalogue, runs, strict, suiteVersion, null);
    }

    public static ConformanceSummary build(RequirementCatalogue catalogue, List<ModuleRun> runs, boolean strict, String suiteVersion,
                                           Profile profile) {
        List<String> runErrors = runs.stream().map(ModuleRun::runError).filter(Objects::nonNull).distinct().toList();
        List<RequirementResult> results = new ArrayList<>();
        for (Requirement requirement : catalogue.all()) {
            List<CheckOutcome> checks = runs.stream().flatMap(r -> r.outcomes().stream())
                    .filter(o -> o.requirements().contains(requirement.id())).toList();
            results.add(result(requirement, checks, runErrors));
        }
        Map<String, String> statuses = new LinkedHashMap<>();
        results.forEach(r -> statuses.put(r.id(), r.status()));
        String verdict = verdict(catalogue, statuses);
        boolean mustBroken = verdict.equals(ConformanceSummary.NON_CONFORMANT);
        boolean anyBroken = results.stream().anyMatch(r -> failedOrBroken(r.status()));
        boolean buildFails = mustBroken || (strict && anyBroken);
        String buildReason = mustBroken ? "a MUST requirement failed or broke"
                : buildFails ? "strict mode: a SHOULD or MAY requirement failed or broke" : null;

        TargetInfo target = runs.stream().map(ModuleRun::target).filter(Objects::nonNull).findFirst().orElse(null);
        long duration = runs.stream().mapToLong(ModuleRun::durationMs).sum();
        boolean mustSkipped = results.stream().anyMatch(r -> r.level().equals(Level.MUST.name()) && r.status().equals(CheckOutcome.SKIPPED));
        String result = mustBroken ? ConformanceSummary.FAILURE : mustSkipped ? ConformanceSummary.PARTIAL : ConformanceSummary.SUCCESS;
        List<ConformanceSummary.Skip> skipped = results.stream().filter(r -> r.status().equals(CheckOutcome.SKIPPED))
                .map(r -> new ConformanceSummary.Skip(r.id(), r.level(), r.reason())).toList();
        return new ConformanceSummary(ConformanceSummary.KIND, ConformanceSummary.SCHEMA_VERSION, suiteVersion, Instant.now().toString(),
                target, profile, result, verdict, strict, buildFails, buildReason, totals(results, r -> r.level(), levelNames()),
                totals(results, RequirementResult::family, List.copyOf(catalogue.families().keySet())), results, skipped,
                metrics(runs), sdkVersions(runs), sdkMatrix(results), duration, runErrors, null);
    }

    /** Requirements whose status moved between two runs: to failed or broken, and back to passed. */
    public static ConformanceSummary.Changes changes(ConformanceSummary previous, ConformanceSummary current) {
        Map<String, String> before = new LinkedHashMap<>();
        previous.requirements().forEach(r -> before.put(r.id(), r.status()));
        List<String> newlyFailing = new ArrayList<>();
        List<String> newlyPassing = new ArrayList<>();
        for (RequirementResult r : current.requirements()) {
            String was = before.get(r.id());
            if (failedOrBroken(r.status()) && (was == null || !failedOrBroken(was))) {
                newlyFailing.add(r.id());
            } else if (r.status().equals(CheckOutcome.PASSED) && was != null && failedOrBroken(was)) {
                newlyPassing.add(r.id());
            }
        }
        return new ConformanceSummary.Changes(previous.generatedAt(), newlyFailing, newlyPassing);
    }

    /** SDK checks run once per SDK row; the row is the check's parameter: "SdkChecks.required_sdk001_x[openai-node 6.30.1]". */
    private static Map<String, Map<String, String>> sdkMatrix(List<RequirementResult> results) {
        Map<String, Map<String, String>> matrix = new java.util.TreeMap<>();
        for (RequirementResult r : results) {
            if (!r.family().equals("SDK")) {
                continue;
            }
            for (CheckOutcome check : r.checks()) {
                int open = check.check().lastIndexOf('[');
                if (open >= 0 && check.check().endsWith("]")) {
                    String row = check.check().substring(open + 1, check.check().length() - 1);
                    matrix.computeIfAbsent(row, k -> new java.util.TreeMap<>()).merge(r.id(), check.status(),
                            (a, b) -> combine(List.of(a, b)));
                }
            }
        }
        return matrix;
    }

    private static Map<String, String> sdkVersions(List<ModuleRun> runs) {
        Map<String, String> versions = new java.util.TreeMap<>();
        runs.forEach(r -> versions.putAll(r.sdkVersions()));
        return versions;
    }

    private static List<String> levelNames() {
        return java.util.Arrays.stream(Level.values()).map(Level::name).toList();
    }

    /** {@code conformant} unless a MUST requirement failed or broke: the one definition of the verdict. */
    public static String verdict(RequirementCatalogue catalogue, Map<String, String> statusByRequirement) {
        boolean mustBroken = statusByRequirement.entrySet().stream()
                .anyMatch(e -> catalogue.get(e.getKey()).level() == Level.MUST && failedOrBroken(e.getValue()));
        return mustBroken ? ConformanceSummary.NON_CONFORMANT : ConformanceSummary.CONFORMANT;
    }

    /** A requirement's status over its checks: failed beats broken beats passed beats skipped. */
    public static String combine(List<String> statuses) {
        for (String status : List.of(CheckOutcome.FAILED, CheckOutcome.BROKEN, CheckOutcome.PASSED, CheckOutcome.SKIPPED)) {
            if (statuses.contains(status)) {
                return status;
            }
        }
        return null;
    }

    private static RequirementResult result(Requirement requirement, List<CheckOutcome> checks, List<String> runErrors) {
        String status;
        String reason = null;
        if (!requirement.isTestable()) {
            status = CheckOutcome.SKIPPED;
            reason = requirement.untestable();
        } else if (checks.isEmpty()) {
            // The suite could not judge it: a module did not run or could not start.
            status = CheckOutcome.BROKEN;
            reason = runErrors.isEmpty() ? "no check reported a result for it in this run" : String.join("; ", runErrors);
        } else {
            status = combine(checks.stream().map(CheckOutcome::status).toList());
            reason = checks.stream().filter(c -> c.status().equals(status) && c.message() != null)
                    .map(CheckOutcome::message).findFirst().orElse(null);
        }
        return new RequirementResult(requirement.id(), requirement.level().name(), requirement.family(), requirement.title(),
                requirement.source(), status, reason, checks);
    }

    /** group → status → number of requirements, for every group in order (levels, or families). */
    private static Map<String, Map<String, Integer>> totals(List<RequirementResult> results,
                                                            java.util.function.Function<RequirementResult, String> groupOf, List<String> groups) {
        Map<String, Map<String, Integer>> totals = new LinkedHashMap<>();
        for (String group : groups) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            STATUSES.forEach(s -> counts.put(s, 0));
            results.stream().filter(r -> groupOf.apply(r).equals(group)).forEach(r -> counts.merge(r.status(), 1, Integer::sum));
            totals.put(group, counts);
        }
        return totals;
    }

    private static RunMetrics.Snapshot metrics(List<ModuleRun> runs) {
        return runs.stream().map(ModuleRun::metrics).filter(Objects::nonNull).reduce(RunMetrics.Snapshot.EMPTY, RunMetrics.Snapshot::plus);
    }

    private static boolean failedOrBroken(String status) {
        return status.equals(CheckOutcome.FAILED) || status.equals(CheckOutcome.BROKEN);
    }
}
