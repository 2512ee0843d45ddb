package org.oaiconformance.proof;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import org.oaiconformance.contract.catalogue.Level;
import org.oaiconformance.contract.catalogue.RequirementCatalogue;
import org.oaiconformance.contract.catalogue.Verifies;
import org.oaiconformance.contract.check.CheckRegistry;
import org.oaiconformance.contract.outcome.Status;
import org.oaiconformance.contract.settings.Profile;
import org.oaiconformance.contract.summary.ConformanceSummary;
import org.oaiconformance.contract.summary.SummaryBuilder;
import org.oaiconformance.contract.wire.Feature;
import org.oaiconformance.reference.Switch;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

/**
 * The proof that a module's checks judge right in both directions. A module's test extends this and names its
 * check classes; TestNG then runs them against the reference target: conforming (all pass), in each deviation that
 * breaks one of their requirements (exactly the requirements it declares fail, with messages that name them; the
 * verdict follows their level), and in each legal variant (all pass).
 *
 * <p>Under a deviation, a requirement it does not declare must pass, or be skipped with a reason that names a
 * declared requirement: a check may step aside when what it builds on is broken, never silently.
 */
public abstract class ChecksProof {

    /** Any check class of the module under proof: its class folder is where {@link CheckRegistry} looks. */
    protected abstract Class<?> aCheckOfTheModule();

    /** Every check class of the module under proof, found by {@link CheckRegistry}: none can be left out. */
    protected Class<?>[] checks() {
        return CheckRegistry.checksBeside(aCheckOfTheModule());
    }

    /**
     * A check, and the helpers beside it, judge the target through the harness (session, client, Expect), never by
     * reading the reference target's code: a check that did could pass on the reference target and mean nothing
     * anywhere else. The project's own tests (named *Test) may switch the reference target; the checks may not.
     */
    @Test
    public void checksNeverReachIntoTheReferenceTarget() {
        JavaClasses classes = new ClassFileImporter()
                .importPackages(Arrays.stream(checks()).map(Class::getPackageName).distinct().toList());
        ArchRuleDefinition.noClasses().that().haveSimpleNameNotEndingWith("Test")
                .should().dependOnClassesThat()
                .resideInAPackage("org.oaiconformance.reference..").check(classes);
    }

    @Test
    public void conformingTargetPassesEveryCheck() {
        assertAllPass(ProofRun.against(Set.of(), checks()), "the conforming reference target");
    }

    /** Every deviation, also those that declare nothing of this module: an undeclared side effect must show too. */
    @DataProvider
    public Object[][] deviations() {
        return Arrays.stream(Switch.values()).filter(Switch::isDeviation).map(s -> new Object[] {s}).toArray(Object[][]::new);
    }

    @Test(dataProvider = "deviations")
    public void deviationFailsExactlyItsRequirements(Switch deviation) {
        ProofRun run = ProofRun.against(Set.of(deviation), checks());
        Set<String> expected = deviation.breaks().stream().filter(requirementsVerified()::contains).collect(Collectors.toCollection(TreeSet::new));
        Map<String, Status> statuses = run.statusByRequirement();
        List<String> wrong = new ArrayList<>();
        statuses.forEach((id, status) -> {
            if (expected.contains(id)) {
                if (!status.equals(Status.FAILED)) {
                    wrong.add(id + " must fail but is " + status);
                } else if (!run.outcomes().stream().filter(o -> o.requirements().contains(id) && o.status() == Status.FAILED)
                        .allMatch(o -> o.message() != null && !o.message().isBlank() && !o.message().startsWith("["))) {
                    wrong.add(id + " failed without a Failure value saying why (its text, without a parsed [ID] prefix)");
                }
            } else if (status.equals(Status.SKIPPED)) {
                if (!run.outcomes().stream().filter(o -> o.requirements().contains(id))
                        .allMatch(o -> o.message() != null && deviation.breaks().stream().anyMatch(o.message()::contains))) {
                    wrong.add(id + " skipped without naming one of " + deviation.breaks());
                }
            } else if (!status.equals(Status.PASSED)) {
                wrong.add(id + " is " + status + " but not declared");
            }
        });
        assertTrue(wrong.isEmpty(), deviation + " declares " + expected + ": " + wrong + "; outcomes: " + run.outcomes());
        assertFalse(statuses.isEmpty(), "no check ran against " + deviation);
        assertEquals(run.keysLeft(), List.of(), "suite keys left on the target after a run against " + deviation);
        boolean must = expected.stream().anyMatch(id -> RequirementCatalogue.load().get(id).level() == Level.MUST);
        assertEquals(SummaryBuilder.verdict(RequirementCatalogue.load(), statuses),
                must ? ConformanceSummary.NON_CONFORMANT : ConformanceSummary.CONFORMANT);
    }

    /**
     * Faults of the key API the suite relies on: a declared requirement ends broken (cannot judge) or, where none of
     * this module's checks of it needs a created key, passed; never failed. At least one of them must break here.
     */
    @DataProvider
    public Object[][] toolFaults() {
        return Arrays.stream(Switch.values()).filter(s -> s.kind() == Switch.Kind.TOOL_FAULT).map(s -> new Object[] {s}).toArray(Object[][]::new);
    }

    @Test(dataProvider = "toolFaults")
    public void toolFaultBreaksExactlyItsRequirementsAndLeavesNoKey(Switch fault) {
        ProofRun run = ProofRun.against(Set.of(fault), checks());
        List<String> wrong = new ArrayList<>();
        run.statusByRequirement().forEach((id, status) -> {
            boolean declared = fault.breaks().contains(id);
            boolean skippedNamingOne = status.equals(Status.SKIPPED) && run.outcomes().stream().filter(o -> o.requirements().contains(id))
                    .allMatch(o -> o.message() != null && fault.breaks().stream().anyMatch(o.message()::contains));
            if (declared && status.equals(Status.FAILED)) {
                wrong.add(id + " failed: a fault of the key API is never the target's non-conformance");
            } else if (!declared && !status.equals(Status.PASSED) && !skippedNamingOne) {
                wrong.add(id + " is " + status + " but not declared");
            }
        });
        assertTrue(wrong.isEmpty(), fault + " declares " + fault.breaks() + ": " + wrong + "; outcomes: " + run.outcomes());
        assertTrue(run.statusByRequirement().entrySet().stream().anyMatch(e -> fault.breaks().contains(e.getKey())
                && e.getValue().equals(Status.BROKEN)), fault + " broke none of its requirements: " + run.statusByRequirement());
        assertEquals(run.keysLeft(), List.of(), "suite keys left on the target after a run against " + fault);
    }

    /**
     * Optional features declined with a clean 400: legal. Under a profile that claims nothing, the declared requirements
     * this module verifies are skipped as "not supported by this target" and every other passes; under the reference
     * profile, which claims every feature, the same answers fail them.
     */
    @DataProvider
    public Object[][] declinedFeatures() {
        return Arrays.stream(Switch.values()).filter(s -> s.kind() == Switch.Kind.DECLINES).map(s -> new Object[] {s}).toArray(Object[][]::new);
    }

    @Test(dataProvider = "declinedFeatures")
    public void aDeclinedFeatureIsSkippedUnlessTheProfileClaimsIt(Switch declined) {
        Profile claiming = Profile.load("reference");
        for (boolean claimed : new boolean[] {false, true}) {
            // Not claimed: none of the chat features; OAuth, which no declining switch touches, stays claimed.
            ProofRun run = ProofRun.against(Set.of(declined), claimed ? claiming
                    : claiming.withFeatures(List.of(Feature.OAUTH.id())), checks());
            List<String> wrong = new ArrayList<>();
            run.statusByRequirement().forEach((id, status) -> {
                Status expected = !declined.breaks().contains(id) ? Status.PASSED : claimed ? Status.FAILED : Status.SKIPPED;
                if (status != expected) {
                    wrong.add(id + " is " + status + ", expected " + expected);
                } else if (expected == Status.SKIPPED && !run.outcomes().stream().filter(o -> o.requirements().contains(id))
                        .allMatch(o -> o.message().startsWith("not supported by this target"))) {
                    wrong.add(id + " skipped without saying the target does not support it");
                }
            });
            assertTrue(wrong.isEmpty(), declined + (claimed ? " (claimed)" : " (not claimed)") + ": " + wrong + "; outcomes: " + run.outcomes());
        }
    }

    @DataProvider
    public Object[][] legalVariants() {
        return Arrays.stream(Switch.values()).filter(Switch::isLegalVariant).map(s -> new Object[] {s}).toArray(Object[][]::new);
    }

    @Test(dataProvider = "legalVariants")
    public void legalVariantFailsNoCheck(Switch variant) {
        assertAllPass(ProofRun.against(Set.of(variant), checks()), "the legal variant " + variant);
    }

    /** Every requirement the checks name, from their {@link Verifies} annotations. */
    protected Set<String> requirementsVerified() {
        Set<String> ids = new TreeSet<>();
        for (Class<?> type : checks()) {
            Stream.of(type.getMethods()).map(m -> m.getAnnotation(Verifies.class)).filter(Objects::nonNull)
                    .forEach(v -> ids.addAll(Arrays.asList(v.value())));
        }
        return ids;
    }

    protected void assertAllPass(ProofRun run, String what) {
        assertFalse(run.outcomes().isEmpty(), "no check ran against " + what);
        assertEquals(run.keysLeft(), List.of(), "suite keys left on the target after a run against " + what);
        assertEquals(run.statusByRequirement().keySet(), requirementsVerified(), "every requirement must get a result");
        run.statusByRequirement().forEach((id, status) ->
                assertEquals(status, Status.PASSED, id + " against " + what + ": " + run.outcomes()));
        assertEquals(SummaryBuilder.verdict(RequirementCatalogue.load(), run.statusByRequirement()), ConformanceSummary.CONFORMANT);
    }
}
