package org.oaiconformance.proof;

import org.oaiconformance.contract.keys.KeyJanitor;
import org.oaiconformance.contract.outcome.CheckOutcome;
import org.oaiconformance.contract.outcome.Status;
import org.oaiconformance.contract.run.ConformanceListener;
import org.oaiconformance.contract.run.TargetSession;
import org.oaiconformance.contract.settings.Profile;
import org.oaiconformance.contract.settings.TargetSettings;
import org.oaiconformance.contract.wire.OpenAiWire;
import org.oaiconformance.reference.ReferenceTarget;
import org.oaiconformance.reference.Switch;
import org.testng.TestNG;

import java.nio.file.Path;
import java.time.Duration;
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
    /** Short, so that a deviation that never revokes costs seconds, not a minute. */
    public static final Duration PROOF_REVOCATION_WINDOW = Duration.ofSeconds(1);

    private final List<CheckOutcome> outcomes;
    private final List<String> keysLeft;
    private List<String> keysNamedLeftBehind = List.of();

    private ProofRun(List<CheckOutcome> outcomes, List<String> keysLeft) {
        this.outcomes = outcomes;
        this.keysLeft = keysLeft;
    }

    public static ProofRun against(Set<Switch> switches, Class<?>... checkClasses) {
        return against(switches, Duration.ZERO, PROOF_REVOCATION_WINDOW, checkClasses);
    }

    /** With a target that takes {@code revocationDelay} to refuse revoked keys, judged with the given window. */
    public static ProofRun against(Set<Switch> switches, Duration revocationDelay, Duration window, Class<?>... checkClasses) {
        try (ReferenceTarget target = ReferenceTarget.start(switches, 0, null, revocationDelay)) {
            return againstTarget(target, window, checkClasses);
        }
    }

    /** Judged by another profile than the reference one. */
    public static ProofRun against(Set<Switch> switches, Profile profile, Class<?>... checkClasses) {
        try (ReferenceTarget target = ReferenceTarget.start(switches)) {
            return run(target, ReferenceSessions.of(target, PROOF_REVOCATION_WINDOW, profile), checkClasses);
        }
    }

    /** Through a hostile front before a reference target; the caller started both and will stop them. */
    public static ProofRun throughFront(ReferenceTarget target, HostileFront front,
                                       Duration requestDeadline, Class<?>... checkClasses) {
        return run(target, ReferenceSessions.of(target, front.baseUrl(), PROOF_REVOCATION_WINDOW, Profile.load("reference"), requestDeadline),
                checkClasses);
    }

    /** Judged by another profile, with variants of the configured key sent or not ({@code CONFORMANCE_SEND_KEY_VARIANTS}). */
    public static ProofRun against(Set<Switch> switches, Profile profile, boolean sendKeyVariants, Class<?>... checkClasses) {
        try (ReferenceTarget target = ReferenceTarget.start(switches)) {
            return run(target, ReferenceSessions.of(target, target.baseUrl(), PROOF_REVOCATION_WINDOW, profile, Duration.ofSeconds(3), Map.of(),
                    sendKeyVariants), checkClasses);
        }
    }

    /** Judged by another profile, with keys and OAuth codes a user prepared (as CONFORMANCE_OAUTH_CODE and its kin give them). */
    public static ProofRun against(ReferenceTarget target, Profile profile, TargetSettings.StaticKeys prepared,
                                   Class<?>... checkClasses) {
        return run(target, ReferenceSessions.of(target, PROOF_REVOCATION_WINDOW, profile, prepared), checkClasses);
    }

    /** Against a reference target the caller started and will stop, judging several models in one run. */
    public static ProofRun againstModels(ReferenceTarget target, Profile profile, List<String> models, Class<?>... checkClasses) {
        return run(target, ReferenceSessions.ofModels(target, profile, models), checkClasses);
    }

    /** Over recorded traffic, replayed on loopback, judged by the given profile. */
    public static ProofRun overRecording(List<Path> recording, Profile profile, Class<?>... checkClasses) {
        return run(null, ReferenceSessions.ofRecording(recording, profile), checkClasses);
    }

    /** Against a reference target the caller started and will stop, sending these extra headers with every request. */
    public static ProofRun againstTarget(ReferenceTarget target, Map<String, String> extraHeaders, Class<?>... checkClasses) {
        return run(target, ReferenceSessions.of(target, target.baseUrl(), PROOF_REVOCATION_WINDOW, Profile.load("reference"),
                Duration.ofSeconds(3), extraHeaders, true), checkClasses);
    }

    /** Against a reference target the caller started and will stop. */
    public static ProofRun againstTarget(ReferenceTarget target, Duration window, Class<?>... checkClasses) {
        return run(target, ReferenceSessions.of(target, window), checkClasses);
    }

    /** Runs the checks as a run does, ending with its key clean-up; then counts the suite-named keys still on the target (if any). */
    private static synchronized ProofRun run(ReferenceTarget target, TargetSession session, Class<?>... checkClasses) {
        List<CheckOutcome> outcomes;
        List<String> named;
        try {
            TargetSession.install(session);
            TestNG testng = new TestNG(false);
            testng.setUseDefaultListeners(false);
            testng.setVerbose(0);
            testng.setTestClasses(checkClasses);
            testng.run();
            outcomes = ConformanceListener.lastExecution();
        } finally {
            TargetSession.uninstall();
            session.close();
        }
        named = session.metrics().snapshot().keysLeftBehind();
        ProofRun run = new ProofRun(outcomes, target == null ? List.of() : suiteKeysOn(target));
        run.keysNamedLeftBehind = named;
        return run;
    }

    /** What the run said it left behind (the summary's and the console's "key left behind" lines). */
    public List<String> keysNamedLeftBehind() {
        return keysNamedLeftBehind;
    }

    /** Names of the suite's keys the target still holds, disabled ones included, and of the keys its OAuth checks obtained. */
    public static List<String> suiteKeysOn(ReferenceTarget target) {
        return target.keys().list().stream().map(k -> k.name())
                .filter(n -> n.startsWith(KeyJanitor.PREFIX) || n.equals(OpenAiWire.OAUTH_KEY_NAME)).sorted().toList();
    }

    /** The suite's keys left on the target after the run and its clean-up: must be none, whatever the target did. */
    public List<String> keysLeft() {
        return keysLeft;
    }

    public List<CheckOutcome> outcomes() {
        return outcomes;
    }

    /** Requirement ID → its status over all checks, combined as the summary combines them. */
    public Map<String, Status> statusByRequirement() {
        Map<String, Status> statuses = new TreeMap<>();
        for (CheckOutcome outcome : outcomes) {
            for (String id : outcome.requirements()) {
                statuses.merge(id, outcome.status(), (a, b) -> Status.combine(List.of(a, b)));
            }
        }
        return statuses;
    }
}
