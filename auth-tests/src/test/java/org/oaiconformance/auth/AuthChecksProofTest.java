package org.oaiconformance.auth;

import org.oaiconformance.auth.bearer.BearerAuthChecks;
import org.oaiconformance.auth.bearer.EndpointRefusalChecks;
import org.oaiconformance.auth.bearer.KeyFormChecks;
import org.oaiconformance.auth.bearer.RefusalResponseChecks;
import org.oaiconformance.auth.errors.ErrorEnvelopeChecks;
import org.oaiconformance.auth.lifecycle.KeyLifecycleChecks;
import org.oaiconformance.auth.secrets.SecretEchoChecks;
import org.oaiconformance.contract.proof.ChecksProof;
import org.oaiconformance.contract.proof.ProofRun;
import org.oaiconformance.contract.run.CheckOutcome;
import org.testng.annotations.Test;

import java.time.Duration;
import java.util.Set;

import static org.testng.Assert.assertTrue;

/** Proves the auth checks fail on each matching deviation of the reference target and pass otherwise. */
public class AuthChecksProofTest extends ChecksProof {

    @Override
    protected Class<?>[] checks() {
        return new Class<?>[] {BearerAuthChecks.class, KeyFormChecks.class, RefusalResponseChecks.class, EndpointRefusalChecks.class,
                ErrorEnvelopeChecks.class, SecretEchoChecks.class, KeyLifecycleChecks.class};
    }

    /** A gateway whose revocations take a few seconds to propagate conforms, and the seconds are measured. */
    @Test
    public void realisticRevocationDelayPassesAndIsMeasured() {
        ProofRun run = ProofRun.against(Set.of(), Duration.ofSeconds(2), Duration.ofSeconds(10), KeyLifecycleChecks.class);
        run.statusByRequirement().forEach((id, status) -> assertTrue(status.equals(CheckOutcome.PASSED), id + ": " + run.outcomes()));
        assertTrue(run.outcomes().stream().filter(o -> o.requirements().contains("KEY-002")).anyMatch(o -> o.observation() != null
                && o.observation().matches("refused [23]\\.\\d s after delete")), "KEY-002 measures about 2 s: " + run.outcomes());
    }

    /**
     * A run cut at its deadline while its keys wait out a slow revocation still deletes them: the clean-up's requests
     * go out after the deadline stopped every other request.
     */
    @Test
    public void aRunCutAtItsDeadlineLeavesNoKey() {
        String previous = System.getProperty("conformance.deadlineSeconds");
        System.setProperty("conformance.deadlineSeconds", "4");
        try {
            ProofRun run = ProofRun.against(Set.of(), Duration.ofSeconds(60), Duration.ofSeconds(30), KeyLifecycleChecks.class);
            assertTrue(run.outcomes().stream().anyMatch(o -> o.status().equals(CheckOutcome.BROKEN)
                    && o.message().contains("CONFORMANCE_RUN_DEADLINE_S")), "the deadline cut no check: " + run.outcomes());
            assertTrue(run.keysLeft().isEmpty(), "keys left after a run cut at its deadline: " + run.keysLeft());
        } finally {
            if (previous == null) {
                System.clearProperty("conformance.deadlineSeconds");
            } else {
                System.setProperty("conformance.deadlineSeconds", previous);
            }
        }
    }
}
