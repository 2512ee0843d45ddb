package org.oaiconformance.proof;

import org.oaiconformance.contract.run.TargetSession;
import org.oaiconformance.contract.settings.Profile;
import org.oaiconformance.contract.settings.TargetSettings;
import org.oaiconformance.reference.ReferenceTarget;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Run contexts for the proofs: on a reference target a test started (and will stop), or on a recording. A short
 * request deadline by default: the reference target answers in milliseconds, and a hostile switch must not cost minutes.
 */
public final class ReferenceSessions {
    private static final Duration QUICK = Duration.ofSeconds(3);
    private static final TargetSettings.StaticKeys NONE_PREPARED = new TargetSettings.StaticKeys(null, null, null);

    /** The run limits the proofs' sessions get: the defaults, or a short deadline a proof asks for. */
    private static volatile TargetSettings.RunLimits limits = TargetSettings.RunLimits.DEFAULT;

    private ReferenceSessions() {
    }

    /** Runs {@code proof} with sessions whose whole run has this deadline, as {@code CONFORMANCE_RUN_DEADLINE_S} gives it. */
    public static synchronized <T> T withRunDeadline(Duration deadline, Supplier<T> proof) {
        TargetSettings.RunLimits before = limits;
        limits = new TargetSettings.RunLimits(before.concurrency(), before.maxRps(), (int) deadline.toSeconds());
        try {
            return proof.get();
        } finally {
            limits = before;
        }
    }

    /** The reference profile, the target's admin key for key management, and the given revocation window. */
    public static TargetSession of(ReferenceTarget target, Duration revocationWindow) {
        return of(target, revocationWindow, Profile.load("reference"));
    }

    /** Judged by the given profile (its default model must be one the reference target serves). */
    public static TargetSession of(ReferenceTarget target, Duration revocationWindow, Profile profile) {
        return of(target, target.baseUrl(), revocationWindow, profile, QUICK, Map.of(), true);
    }

    /** With keys and OAuth codes a user prepared, as the settings give them. */
    public static TargetSession of(ReferenceTarget target, Duration revocationWindow, Profile profile, TargetSettings.StaticKeys prepared) {
        return onTarget(target.baseUrl(), target, profile, revocationWindow, QUICK, Map.of(), true, prepared);
    }

    /** Reaching the target through {@code baseUrl} (a hostile front before it), with this request deadline. */
    public static TargetSession of(ReferenceTarget target, String baseUrl, Duration revocationWindow, Profile profile, Duration requestDeadline) {
        return of(target, baseUrl, revocationWindow, profile, requestDeadline, Map.of(), true);
    }

    /** As above, with extra headers on every request and {@code sendKeyVariants} as the settings would give them. */
    public static TargetSession of(ReferenceTarget target, String baseUrl, Duration revocationWindow, Profile profile, Duration requestDeadline,
                                   Map<String, String> extraHeaders, boolean sendKeyVariants) {
        return onTarget(baseUrl, target, profile, revocationWindow, requestDeadline, extraHeaders, sendKeyVariants, NONE_PREPARED);
    }

    /** Judging several models in one run, as {@code CONFORMANCE_MODELS=a,b,c} would. */
    public static TargetSession ofModels(ReferenceTarget target, Profile profile, List<String> models) {
        return TargetSession.open(settingsFor(target.baseUrl(), target, profile, QUICK, QUICK, Map.of(), true, NONE_PREPARED).models(models).build());
    }

    /** The session a user's settings would open for this target (its client key, its admin key as the management key). */
    private static TargetSession onTarget(String baseUrl, ReferenceTarget target, Profile profile, Duration revocationWindow,
                                          Duration requestDeadline, Map<String, String> extraHeaders, boolean sendKeyVariants,
                                          TargetSettings.StaticKeys prepared) {
        return TargetSession.open(settingsFor(baseUrl, target, profile, revocationWindow, requestDeadline, extraHeaders, sendKeyVariants,
                prepared).build());
    }

    /** Settings as a user would give them, built by name: nothing of the shell that runs the proofs reaches them. */
    private static TargetSettings.Builder settingsFor(String baseUrl, ReferenceTarget target, Profile profile, Duration revocationWindow,
                                                      Duration requestDeadline, Map<String, String> extraHeaders, boolean sendKeyVariants,
                                                      TargetSettings.StaticKeys prepared) {
        return TargetSettings.builder().target(baseUrl, target.apiKey()).managementKey(target.adminKey()).profile(profile)
                .extraHeaders(extraHeaders).timeouts(5_000, 10_000, (int) requestDeadline.toMillis()).staticKeys(prepared)
                .revocationWindow(revocationWindow).sendKeyVariants(sendKeyVariants).limits(limits);
    }

    /** A recording served by the replay target, judged by the given profile. */
    public static TargetSession ofRecording(List<Path> recording, Profile profile) {
        return TargetSession.open(TargetSettings.builder().profile(profile).recording(recording).timeouts(5_000, 10_000, 10_000).build());
    }
}
