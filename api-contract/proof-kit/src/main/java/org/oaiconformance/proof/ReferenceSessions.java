package org.oaiconformance.proof;

import org.oaiconformance.contract.run.TargetSession;
import org.oaiconformance.contract.settings.BaseUrl;
import org.oaiconformance.contract.settings.Profile;
import org.oaiconformance.contract.settings.TargetSettings;
import org.oaiconformance.reference.ReferenceTarget;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Run contexts for the proofs: on a reference target a test started (and will stop), or on a recording. A short
 * request deadline by default: the reference target answers in milliseconds, and a hostile switch must not cost minutes.
 */
public final class ReferenceSessions {
    private static final Duration QUICK = Duration.ofSeconds(3);
    private static final TargetSettings.StaticKeys NONE_PREPARED = new TargetSettings.StaticKeys(null, null, null);

    private ReferenceSessions() {
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
        TargetSettings defaults = TargetSettings.resolve(Map.of(), Map.of());
        return TargetSession.open(new TargetSettings(BaseUrl.parse(target.baseUrl()), target.apiKey(), models.get(0), profile, Map.of(),
                5_000, 10_000, false, target.adminKey(), NONE_PREPARED, QUICK, (int) QUICK.toMillis(), defaults.maxBodyBytes(),
                TargetSettings.limitsFromEnvironment(), defaults.embeddedTarget(), true, null),
                new org.oaiconformance.contract.settings.ModelSelection(models, null, models.size(), Map.of(), true, false));
    }

    /** The session a user's settings would open for this target (its client key, its admin key as the management key). */
    private static TargetSession onTarget(String baseUrl, ReferenceTarget target, Profile profile, Duration revocationWindow,
                                          Duration requestDeadline, Map<String, String> extraHeaders, boolean sendKeyVariants,
                                          TargetSettings.StaticKeys prepared) {
        TargetSettings defaults = TargetSettings.resolve(Map.of(), Map.of());
        return TargetSession.open(new TargetSettings(BaseUrl.parse(baseUrl), target.apiKey(), profile.defaultModel(), profile, extraHeaders,
                5_000, 10_000, false, target.adminKey(), prepared, revocationWindow, (int) requestDeadline.toMillis(), defaults.maxBodyBytes(),
                TargetSettings.limitsFromEnvironment(), defaults.embeddedTarget(), sendKeyVariants, null));
    }

    /** A recording served by the replay target, judged by the given profile. */
    public static TargetSession ofRecording(List<Path> recording, Profile profile) {
        TargetSettings defaults = TargetSettings.resolve(Map.of(), Map.of());
        return TargetSession.open(new TargetSettings(null, null, null, profile, Map.of(), 5_000, 10_000, false, null, defaults.staticKeys(),
                defaults.revocationWindow(), 10_000, defaults.maxBodyBytes(), defaults.limits(), defaults.embeddedTarget(), true, recording));
    }
}
