package org.oaiconformance.contract.summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.oaiconformance.contract.catalogue.RequirementCatalogue;
import org.oaiconformance.contract.json.Json;
import org.oaiconformance.contract.metrics.RunMetrics;
import org.oaiconformance.contract.outcome.CheckOutcome;
import org.oaiconformance.contract.outcome.Status;
import org.oaiconformance.contract.run.ModuleRun;
import org.oaiconformance.contract.run.TargetInfo;
import org.oaiconformance.contract.schema.ContractSchema;
import org.oaiconformance.contract.settings.Profile;
import org.testng.annotations.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

public class SummaryBuilderTest {
    private static final RequirementCatalogue CATALOGUE = RequirementCatalogue.load();

    private static ModuleRun runWith(String failingId, Status status) {
        List<CheckOutcome> outcomes = new ArrayList<>();
        CATALOGUE.all().stream().filter(r -> r.isTestable()).forEach(r -> outcomes.add(new CheckOutcome("c." + r.id(),
                List.of(r.id()), null, r.id().equals(failingId) ? status : Status.PASSED, null, 1, null)));
        return new ModuleRun("m", new TargetInfo("t", "reference", true, "x"), "now", 1,
                new RunMetrics.Snapshot(3, 30, 1, 2, 3, null, 20, "a check", 0, 0, null, null), null, outcomes, Map.of("openai-java", "4.101.0"), 0, 0, null);
    }

    @Test
    public void everyCatalogueEntryGetsAStatusAndUntestableOnesAreSkippedWithTheirReason() {
        ConformanceSummary summary = SummaryBuilder.build(CATALOGUE, List.of(runWith(null, null)), false, "0");
        assertEquals(summary.requirements().size(), CATALOGUE.all().size());
        assertEquals(summary.verdict(), ConformanceSummary.CONFORMANT);
        assertFalse(summary.buildFails());
        assertEquals(summary.requirement("SEC-001").status(), Status.SKIPPED);
        assertTrue(summary.requirement("SEC-001").reason().startsWith("Not verified by this kit"));
    }

    /** AUTH-013 passed on its header half while its query-string half was skipped: passed, but said to be in part. */
    @Test
    public void aRequirementWithASkippedCheckPassesOnlyInPart() {
        ModuleRun whole = runWith(null, null);
        List<CheckOutcome> outcomes = new ArrayList<>(whole.outcomes());
        outcomes.add(new CheckOutcome("BearerAuthChecks.keyInTheQueryString", List.of("AUTH-013"), null, Status.SKIPPED,
                "needs a throwaway key", 1, null));
        ModuleRun run = new ModuleRun("m", whole.target(), "now", 1, whole.metrics(), null, outcomes, Map.of(), 0, 0, null);
        ConformanceSummary summary = SummaryBuilder.build(CATALOGUE, List.of(run), false, "0");
        assertEquals(summary.requirement("AUTH-013").status(), Status.PASSED);
        assertTrue(summary.requirement("AUTH-013").judgedInPart());
        assertTrue(summary.requirement("AUTH-013").reason().startsWith("passed in part: 1 of 2 checks judged it; not judged:")
                && summary.requirement("AUTH-013").reason().contains("needs a throwaway key"), summary.requirement("AUTH-013").reason());
        assertFalse(summary.requirement("AUTH-001").judgedInPart());
        String markdown = SummaryMarkdown.render(summary);
        assertTrue(markdown.contains("## Passed in part") && markdown.contains("| AUTH-013 | SHOULD | passed (in part) |"), markdown);
    }

    /** The headline counts every requirement once: a skip is never "checked", and a MAY not done is not a failure. */
    @Test
    public void theCountsNameEveryStatusAndAMayNotDoneApart() {
        ConformanceSummary summary = SummaryBuilder.build(CATALOGUE, List.of(runWith("ERR-007", Status.FAILED)), false, "0");
        long skipped = summary.requirements().stream().filter(r -> r.status() == Status.SKIPPED).count();
        assertEquals(summary.counts(), (CATALOGUE.all().size() - 1 - skipped) + " passed, 0 failed, 0 broken, " + skipped
                + " skipped, 1 MAY not done, of " + CATALOGUE.all().size() + " requirements");
        assertEquals(summary.requirement("ERR-007").statusWords(), "not done (MAY)");
        assertTrue(SummaryMarkdown.render(summary).contains("**ERR-007** MAY not done (MAY)"), SummaryMarkdown.render(summary));
        assertEquals(summary.verdict(), ConformanceSummary.CONFORMANT);
        assertTrue(summary.verdictWords().endsWith("of the embedded reference target, not a gateway"), summary.verdictWords());
    }

    /** CONFORMANCE_REQUIRE_COMPLETE: a skipped MUST fails the build with its own reason (the jar's exit 4). */
    @Test
    public void aSkippedMustFailsTheBuildOnlyWhenACompleteVerdictIsRequired() {
        ModuleRun run = runWith("AUTH-004", Status.SKIPPED);
        ConformanceSummary lenient = SummaryBuilder.build(CATALOGUE, List.of(run), false, false, "0", null);
        assertEquals(lenient.result(), ConformanceSummary.PARTIAL);
        assertFalse(lenient.buildFails());
        ConformanceSummary strict = SummaryBuilder.build(CATALOGUE, List.of(run), false, true, "0", null);
        assertTrue(strict.buildFails());
        assertEquals(strict.buildReason(), ConformanceSummary.INCOMPLETE_REASON);
        assertEquals(strict.verdict(), ConformanceSummary.CONFORMANT);
    }

    @Test
    public void aFailedOrBrokenMustMakesTheTargetNonConformant() {
        for (Status status : List.of(Status.FAILED, Status.BROKEN)) {
            ConformanceSummary summary = SummaryBuilder.build(CATALOGUE, List.of(runWith("AUTH-004", status)), false, "0");
            assertEquals(summary.verdict(), ConformanceSummary.NON_CONFORMANT);
            assertTrue(summary.buildFails());
            assertEquals(summary.totals().get("MUST").get(status.id()), Integer.valueOf(1));
        }
    }

    @Test
    public void theSummaryConformsToItsOwnVersionedSchema() throws Exception {
        ConformanceSummary summary = SummaryBuilder.build(CATALOGUE, List.of(runWith("ERR-001", Status.FAILED)), false, "0",
                Profile.load("openrouter"));
        summary = summary.withChanges(SummaryBuilder.changes(SummaryBuilder.build(CATALOGUE, List.of(runWith(null, null)), false, "0"), summary));
        assertEquals(ContractSchema.CONFORMANCE_SUMMARY.violations(summary.toJson()), List.of());
        assertEquals(summary.kind(), "ConformanceReport");
        assertEquals(summary.changes().newlyFailing(), List.of("ERR-001"));
        assertEquals(summary.families().get("ERR").get(Status.FAILED.id()), Integer.valueOf(1));
    }

    @Test
    public void resultIsPartialWhenAMustIsSkippedAndFailureWhenOneFails() {
        assertEquals(SummaryBuilder.build(CATALOGUE, List.of(runWith(null, null)), false, "0").result(), ConformanceSummary.SUCCESS);
        assertEquals(SummaryBuilder.build(CATALOGUE, List.of(runWith("KEY-002", Status.SKIPPED)), false, "0").result(), ConformanceSummary.PARTIAL);
        assertEquals(SummaryBuilder.build(CATALOGUE, List.of(runWith("KEY-002", Status.BROKEN)), false, "0").result(), ConformanceSummary.FAILURE);
    }

    @Test
    public void changesListNewlyFailingAndNewlyPassing() {
        ConformanceSummary bad = SummaryBuilder.build(CATALOGUE, List.of(runWith("AUTH-004", Status.FAILED)), false, "0");
        ConformanceSummary good = SummaryBuilder.build(CATALOGUE, List.of(runWith(null, null)), false, "0");
        assertEquals(SummaryBuilder.changes(good, bad).newlyFailing(), List.of("AUTH-004"));
        assertEquals(SummaryBuilder.changes(bad, good).newlyPassing(), List.of("AUTH-004"));
        assertTrue(SummaryMarkdown.render(good.withChanges(SummaryBuilder.changes(bad, good))).contains("- Newly passing: AUTH-004"));
    }

    @Test
    public void failedBeatsBrokenBeatsPassedBeatsSkipped() {
        assertEquals(Status.combine(List.of(Status.PASSED, Status.SKIPPED, Status.FAILED, Status.BROKEN)), Status.FAILED);
        assertEquals(Status.combine(List.of(Status.PASSED, Status.BROKEN)), Status.BROKEN);
        assertEquals(Status.combine(List.of(Status.SKIPPED, Status.PASSED)), Status.PASSED);
        assertEquals(Status.of("broken"), Status.BROKEN);
    }

    @Test
    public void aRequirementWithoutAnyResultIsBrokenNotPassed() {
        ModuleRun empty = new ModuleRun("m", null, "now", 0, null, "CONFORMANCE_BASE_URL (-Dtarget.baseUrl): cannot reach", List.of(), null, 0, 0, null);
        ConformanceSummary summary = SummaryBuilder.build(CATALOGUE, List.of(empty), false, "0");
        assertEquals(summary.requirement("AUTH-001").status(), Status.BROKEN);
        assertTrue(summary.requirement("AUTH-001").reason().contains("cannot reach"));
        assertEquals(summary.verdict(), ConformanceSummary.NON_CONFORMANT);
    }

    @Test
    public void markdownShowsVerdictFailuresAndTheRequirementTable() {
        String md = SummaryMarkdown.render(SummaryBuilder.build(CATALOGUE, List.of(runWith("ERR-001", Status.FAILED)), false, "0"));
        assertTrue(md.startsWith("# Conformance: NON-CONFORMANT (failure)"), md);
        assertTrue(md.contains("- **ERR-001** MUST failed"), md);
        assertTrue(md.contains("| SEC-001 | SHOULD | skipped |"), md);
    }

    /**
     * Several models: one verdict each from the outcomes that name it, what each cost, a model the target does not serve
     * said to be so; the Markdown's requirement x model table; the published-report validator recomputes each verdict.
     */
    @Test
    public void eachModelGetsItsOwnVerdictTableAndCost() {
        ModuleRun whole = runWith(null, null);
        List<CheckOutcome> outcomes = new ArrayList<>(whole.outcomes());
        outcomes.add(new CheckOutcome("c.CHAT-001", List.of("CHAT-001"), null, Status.PASSED, null, 1, null, "a"));
        outcomes.add(new CheckOutcome("c.CHAT-001", List.of("CHAT-001"), null, Status.FAILED, "[CHAT-001] wrong", 1, null, "b"));
        outcomes.add(new CheckOutcome("c.CHAT-004", List.of("CHAT-004"), null, Status.SKIPPED, "not supported by this target: x", 1, null, "b"));
        outcomes.add(new CheckOutcome("c.CHAT-001", List.of("CHAT-001"), null, Status.SKIPPED, "not served: no", 1, null, "c"));
        TargetInfo target = new TargetInfo("t", "reference", false, "a", List.of(), List.of("a", "b", "c"), Map.of("c", "no"));
        RunMetrics.Snapshot metrics = new RunMetrics.Snapshot(3, 30, 9, 2, 3, null, 20, "a check", 0, 0, Map.of("a", 4L, "b", 5L), null);
        ConformanceSummary summary = SummaryBuilder.build(CATALOGUE, List.of(new ModuleRun("m", target, "now", 1, metrics, null, outcomes,
                Map.of(), 0, 0, null)), false, "0");
        assertEquals(summary.models().stream().map(m -> m.model() + " " + m.verdict() + " " + m.billableCalls()).toList(),
                List.of("a conformant 4", "b non-conformant 5", "c not served 0"));
        assertEquals(summary.models().get(1).status("CHAT-004"), Status.SKIPPED);
        assertEquals(summary.verdict(), ConformanceSummary.NON_CONFORMANT, "a model's MUST failure is the target's");
        String markdown = SummaryMarkdown.render(summary);
        assertTrue(markdown.contains("| Requirement | a | b | c |") && markdown.contains("| CHAT-001 | passed | failed | skipped |")
                && markdown.contains("| CHAT-004 | n/a | not supported | n/a |") && markdown.contains("models: 1 of 3 conformant"), markdown);
        JsonNode json = Json.MAPPER.valueToTree(summary);
        assertEquals(ReportValidator.modelProblems(json, CATALOGUE), List.of());
        ((ObjectNode) json.path("models").get(1)).put("verdict", "conformant");
        assertEquals(ReportValidator.modelProblems(json, CATALOGUE), List.of("model b: the verdict says conformant, its statuses make it non-conformant"));
    }
}
