package org.oaiconformance.contract.proof;

import org.oaiconformance.contract.reference.ReferenceTarget;
import org.oaiconformance.contract.reference.Switch;
import org.oaiconformance.contract.run.CheckOutcome;
import org.oaiconformance.contract.run.ConformanceListener;
import org.oaiconformance.contract.run.TargetSession;
import org.oaiconformance.contract.summary.SummaryBuilder;
import org.testng.TestNG;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs check classes with TestNG against a reference target in the given switches, and returns what each
 * requirement came to. The project's own tests use it to prove that each check fails on its deviation and passes
 * on the conforming target and on every legal variant.
 */
public final class ProofRun {
    private final List<CheckOutcome> outcomes;

    private ProofRun(List<CheckOutcome> outcomes) {
        this.outcomes = outcomes;
    }

    public static synchronized ProofRun against(Set<Switch> switches, Class<?>... checkClasses) {
        try (ReferenceTarget target = ReferenceTarget.start(switches)) {
            TargetSession.install(TargetSession.of(target));
            TestNG testng = new TestNG(false);
            testng.setUseDefaultListeners(false);
            testng.setVerbose(0);
            testng.setTestClasses(checkClasses);
            testng.run();
            return new ProofRun(ConformanceListener.lastExecution());
        } finally {
            TargetSession.uninstall();
        }
    }

    public List<CheckOutcome> outcomes() {
        return outcomes;
    }

    /** Requirement ID → its status over all checks: failed beats broken beats passed beats skipped. */
    public Map<String, String> statusByRequirement() {
        Map<String, String> statuses = new TreeMap<>();
        for (CheckOutcome outcome : outcomes) {
            for (String id : outcome.requirements()) {
                statuses.merge(id, outcome.status(), (a, b) -> SummaryBuilder.combine(List.of(a, b)));
            }
        }
        return statuses;
    }
}
