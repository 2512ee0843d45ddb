package org.oaiconformance.contract.summary;

import org.oaiconformance.contract.catalogue.Level;
import org.oaiconformance.contract.catalogue.Requirement;
import org.oaiconformance.contract.catalogue.RequirementCatalogue;
import org.oaiconformance.contract.metrics.RunMetrics;
import org.oaiconformance.contract.outcome.CheckOutcome;
import org.oaiconformance.contract.outcome.Status;
import org.oaiconformance.contract.run.ModuleRun;
import org.oaiconformance.contract.run.TargetInfo;
import org.oaiconformance.contract.settings.Profile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Turns the modules' check outcomes into one result per catalogue requirement and a verdict. */
public final class SummaryBuilder {

    private SummaryBuilder() {
    }

    public static ConformanceSummary build(RequirementCatalogue catalogue, List<ModuleRun> runs, boolean strict, String suiteVersion) {
        return build(catalogue, runs, strict, suiteVersion, null);
    }

    public static ConformanceSummary build(RequirementCatalogue catalogue, List<ModuleRun> runs, boolean strict, String suiteVersion,
                                           Profile profile) {
        return build(catalogue, runs, strict, false, suiteVersion, profile);
    }

    /** With {@code requireComplete}, a skipped MUST requirement (a partial verdict) fails the build too. */
    public static ConformanceSummary build(RequirementCatalogue catalogue, List<ModuleRun> runs, boolean strict, boolean requireComplete,
                                           String suiteVersion, Profile profile) {
        List<String> runErrors = runs.stream().map(ModuleRun::runError).filter(Objects::nonNull).distinct().toList();
        List<RequirementResult> results = new ArrayList<>();
        for (Requirement requirement : catalogue.all()) {
            List<CheckOutcome> checks = runs.stream().flatMap(r -> r.outcomes().stream())
                    .filter(o -> o.requirements().contains(requirement.id())).toList();
            results.add(result(requirement, checks, runErrors));
        }
        Map<String, Status> statuses = new LinkedHashMap<>();
        results.forEach(r -> statuses.put(r.id(), r.status()));
        String verdict = verdict(catalogue, statuses);
        boolean mustBroken = verdict.equals(ConformanceSummary.NON_CONFORMANT);
        boolean anyBroken = results.stream().anyMatch(r -> r.status().failedOrBroken());
        boolean mustSkipped = results.stream().anyMatch(r -> r.level().equals(Level.MUST.name()) && r.status() == Status.SKIPPED);
        boolean incomplete = requireComplete && mustSkipped;
        boolean buildFails = mustBroken || (strict && anyBroken) || incomplete;
        String buildReason = mustBroken ? "a MUST requirement failed or broke"
                : strict && anyBroken ? "strict mode: a SHOULD requirement failed or broke, or a MAY was not done"
                : incomplete ? ConformanceSummary.INCOMPLETE_REASON : null;

        TargetInfo target = runs.stream().map(ModuleRun::target).filter(Objects::nonNull).findFirst().orElse(null);
        long duration = runs.stream().mapToLong(ModuleRun::durationMs).sum();
        String result = mustBroken ? ConformanceSummary.FAILURE : mustSkipped ? ConformanceSummary.PARTIAL : ConformanceSummary.SUCCESS;
        List<ConformanceSummary.Skip> skipped = results.stream().filter(r -> r.status() == Status.SKIPPED)
                .map(r -> new ConformanceSummary.Skip(r.id(), r.level(), r.reason())).toList();
        return new ConformanceSummary(ConformanceSummary.KIND, ConformanceSummary.SCHEMA_VERSION, suiteVersion, Instant.now().toString(),
                target, profile, result, verdict, strict, buildFails, buildReason, mustFailures(results), totals(results, r -> r.level(), levelNames()),
                totals(results, RequirementResult::family, List.copyOf(catalogue.families().keySet())), results, skipped,
                metrics(runs), sdkVersions(runs), sdkMatrix(results), duration, runErrors, null, models(catalogue, target, results, metrics(runs)));
    }

    /** One verdict per model, from the outcomes that name it; a model the target does not serve is said to be so. */
    private static List<ModelVerdict> models(RequirementCatalogue catalogue, TargetInfo target, List<RequirementResult> results,
                                             RunMetrics.Snapshot metrics) {
        if (target == null) {
            return List.of();
        }
        List<ModelVerdict> verdicts = new ArrayList<>();
        for (String model : target.models()) {
            List<ModelVerdict.Requirement> requirements = new ArrayList<>();
            Map<String, Status> statuses = new LinkedHashMap<>();
            for (RequirementResult r : results) {
                List<CheckOutcome> checks = r.checks().stream().filter(c -> model.equals(c.model())).toList();
                if (checks.isEmpty()) {
                    continue;
                }
                Status status = Status.combine(checks.stream().map(CheckOutcome::status).toList());
                String reason = checks.stream().filter(c -> c.status() == status && c.message() != null).map(CheckOutcome::message)
                        .findFirst().orElse(null);
                requirements.add(new ModelVerdict.Requirement(r.id(), r.level(), status, reason));
                statuses.put(r.id(), status);
            }
            String notServed = target.notServed().get(model);
            verdicts.add(new ModelVerdict(model, notServed != null ? ModelVerdict.NOT_SERVED : verdict(catalogue, statuses), notServed,
                    metrics.billableByModel().getOrDefault(model, 0L), requirements));
        }
        return verdicts;
    }

    /** The MUST requirements that failed or broke, in catalogue order: what a fleet or a CI step reports. */
    private static List<String> mustFailures(List<RequirementResult> results) {
        return results.stream().filter(r -> r.level().equals(Level.MUST.name()) && r.status().failedOrBroken())
                .map(RequirementResult::id).toList();
    }

    /** Requirements whose status moved between two runs: to failed or broken, and back to passed. */
    public static ConformanceSummary.Changes changes(ConformanceSummary previous, ConformanceSummary current) {
        Map<String, Status> before = new LinkedHashMap<>();
        previous.requirements().forEach(r -> before.put(r.id(), r.status()));
        List<String> newlyFailing = new ArrayList<>();
        List<String> newlyPassing = new ArrayList<>();
        for (RequirementResult r : current.requirements()) {
            Status was = before.get(r.id());
            if (r.status().failedOrBroken() && (was == null || !was.failedOrBroken())) {
                newlyFailing.add(r.id());
            } else if (r.status() == Status.PASSED && was != null && was.failedOrBroken()) {
                newlyPassing.add(r.id());
            }
        }
        return new ConformanceSummary.Changes(previous.generatedAt(), newlyFailing, newlyPassing);
    }

    /** SDK checks run once per SDK row, and each outcome names its row. */
    private static Map<String, Map<String, Status>> sdkMatrix(List<RequirementResult> results) {
        Map<String, Map<String, Status>> matrix = new TreeMap<>();
        for (RequirementResult r : results) {
            for (CheckOutcome check : r.checks()) {
                if (check.sdk() != null) {
                    matrix.computeIfAbsent(check.sdk(), k -> new TreeMap<>()).merge(r.id(), check.status(),
                            (a, b) -> Status.combine(List.of(a, b)));
                }
            }
        }
        return matrix;
    }

    private static Map<String, String> sdkVersions(List<ModuleRun> runs) {
        Map<String, String> versions = new TreeMap<>();
        runs.forEach(r -> versions.putAll(r.sdkVersions()));
        return versions;
    }

    private static List<String> levelNames() {
        return Arrays.stream(Level.values()).map(Level::name).toList();
    }

    /** {@code conformant} unless a MUST requirement failed or broke: the one definition of the verdict. */
    public static String verdict(RequirementCatalogue catalogue, Map<String, Status> statusByRequirement) {
        boolean mustBroken = statusByRequirement.entrySet().stream()
                .anyMatch(e -> catalogue.get(e.getKey()).level() == Level.MUST && e.getValue().failedOrBroken());
        return mustBroken ? ConformanceSummary.NON_CONFORMANT : ConformanceSummary.CONFORMANT;
    }

    private static RequirementResult result(Requirement requirement, List<CheckOutcome> checks, List<String> runErrors) {
        Status status;
        String reason = null;
        if (!requirement.isTestable()) {
            status = Status.SKIPPED;
            reason = requirement.untestable();
        } else if (checks.isEmpty()) {
            // The suite could not judge it: a module did not run or could not start.
            status = Status.BROKEN;
            reason = runErrors.isEmpty() ? "no check reported a result for it in this run" : String.join("; ", runErrors);
        } else {
            status = Status.combine(checks.stream().map(CheckOutcome::status).toList());
            reason = checks.stream().filter(c -> c.status() == status && c.message() != null)
                    .map(CheckOutcome::message).findFirst().orElse(null);
        }
        List<CheckOutcome> skipped = checks.stream().filter(c -> c.status() == Status.SKIPPED).toList();
        boolean inPart = status == Status.PASSED && !skipped.isEmpty();
        if (inPart) {
            reason = "passed in part: " + (checks.size() - skipped.size()) + " of " + checks.size() + " checks judged it; not judged: "
                    + skipped.stream().map(c -> c.check() + (c.message() == null ? "" : " (" + c.message() + ")")).distinct().limit(3)
                    .collect(Collectors.joining("; ")) + (skipped.size() > 3 ? "; and " + (skipped.size() - 3) + " more" : "");
        }
        return new RequirementResult(requirement.id(), requirement.level().name(), requirement.family(), requirement.title(),
                requirement.source(), status, reason, checks, inPart);
    }

    /** group → status → number of requirements, for every group in order (levels, or families). */
    private static Map<String, Map<String, Integer>> totals(List<RequirementResult> results,
                                                            Function<RequirementResult, String> groupOf, List<String> groups) {
        Map<String, Map<String, Integer>> totals = new LinkedHashMap<>();
        for (String group : groups) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            Arrays.stream(Status.values()).forEach(s -> counts.put(s.id(), 0));
            results.stream().filter(r -> groupOf.apply(r).equals(group)).forEach(r -> counts.merge(r.status().id(), 1, Integer::sum));
            totals.put(group, counts);
        }
        return totals;
    }

    private static RunMetrics.Snapshot metrics(List<ModuleRun> runs) {
        return runs.stream().map(ModuleRun::metrics).filter(Objects::nonNull).reduce(RunMetrics.Snapshot.EMPTY, RunMetrics.Snapshot::plus);
    }

}
