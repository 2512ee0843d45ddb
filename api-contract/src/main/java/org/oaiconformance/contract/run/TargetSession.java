package org.oaiconformance.contract.run;

import org.oaiconformance.contract.http.Courtesy;
import org.oaiconformance.contract.http.TargetClient;
import org.oaiconformance.contract.keys.DashboardKeys;
import org.oaiconformance.contract.keys.KeyJanitor;
import org.oaiconformance.contract.keys.KeyProvisioner;
import org.oaiconformance.contract.keys.ManagementApiProvisioner;
import org.oaiconformance.contract.reference.ReferenceTarget;
import org.oaiconformance.contract.settings.BaseUrl;
import org.oaiconformance.contract.settings.Profile;
import org.oaiconformance.contract.settings.TargetSettings;

import java.time.Duration;
import java.util.Map;

/**
 * The target this JVM's checks talk to: resolved from the settings on first use (starting the embedded reference
 * target when no base URL is given) and closed when the TestNG run ends. The project's own tests install a session
 * of their choosing instead, pointing at a switched reference target.
 */
public final class TargetSession implements AutoCloseable {
    private static TargetSession installed;
    private static TargetSession opened;
    private static RuntimeException openFailure;

    private final TargetClient client;
    private final TargetInfo info;
    private final String model;
    private final Profile profile;
    private final KeyJanitor keys;
    private final KeyProvisioner provisioner;
    private final TargetSettings.StaticKeys staticKeys;
    private final Duration revocationWindow;
    /** What this session started and must stop: the embedded reference target or a recording's replay target; or null. */
    private final AutoCloseable started;
    private final boolean replaying;

    private final boolean sendKeyVariants;
    private volatile String variantsKey;

    private TargetSession(TargetClient client, TargetInfo info, Profile profile, KeyProvisioner provisioner,
                          TargetSettings.StaticKeys staticKeys, Duration revocationWindow, AutoCloseable started,
                          Duration runDeadline, boolean sendKeyVariants, boolean replaying) {
        this.client = client;
        this.info = info;
        this.model = info.model();
        this.profile = profile;
        this.provisioner = provisioner;
        this.keys = new KeyJanitor(provisioner, runDeadline);
        this.sendKeyVariants = sendKeyVariants;
        this.staticKeys = staticKeys;
        this.revocationWindow = revocationWindow;
        this.started = started;
        this.replaying = replaying;
    }

    /** The session checks use: the installed one, else the one opened from the settings (opened now if needed). */
    public static synchronized TargetSession current() {
        if (installed != null) {
            return installed;
        }
        if (opened == null && openFailure == null) {
            try {
                opened = open(TargetSettings.fromEnvironment());
            } catch (RuntimeException e) {
                openFailure = e; // every check reports the same short reason; nothing retries a bad setting
            }
        }
        if (openFailure != null) {
            throw openFailure;
        }
        return opened;
    }

    /** The session for these settings; for an embedded target, a reference target is started now. */
    public static TargetSession open(TargetSettings settings) {
        if (settings.replaying()) {
            return replay(settings);
        }
        TargetSettings.EmbeddedTarget shape = settings.embeddedTarget();
        ReferenceTarget target = settings.embedded()
                ? ReferenceTarget.start(java.util.Set.of(), 0, null, Duration.ofMillis(shape.revocationDelayMs()))
                        .withAddedLatency(Duration.ofMillis(shape.addedLatencyMs()))
                : null;
        BaseUrl baseUrl = target != null ? BaseUrl.parse(target.baseUrl()) : settings.baseUrl();
        String apiKey = target != null ? target.apiKey() : settings.apiKey();
        String managementKey = target != null ? target.adminKey() : settings.provisioningKey();
        TargetClient client = new TargetClient(baseUrl, apiKey, settings.extraHeaders(), settings.connectTimeoutMs(), settings.readTimeoutMs(),
                settings.requestDeadlineMs(), settings.maxBodyBytes(), courtesyShare(settings.limits()));
        TargetInfo info = new TargetInfo(target != null ? "embedded reference target (127.0.0.1, ephemeral port)" : baseUrl.toString(),
                settings.profile().name(), target != null, settings.model());
        return new TargetSession(client, info, settings.profile(), provisioner(settings.profile(), client, managementKey),
                settings.staticKeys(), settings.revocationWindow(), target, Duration.ofSeconds(settings.limits().deadlineSeconds()),
                settings.sendKeyVariants(), false);
    }

    /** A recording, served on loopback by a replay target that answers each request with a recorded exchange of its kind. */
    private static TargetSession replay(TargetSettings settings) {
        org.oaiconformance.contract.recording.ReplayTarget replay = org.oaiconformance.contract.recording.ReplayTarget.serve(
                loadRecording(settings));
        TargetClient client = new TargetClient(BaseUrl.parse(replay.baseUrl()), replay.apiKey(), settings.extraHeaders(),
                settings.connectTimeoutMs(), settings.readTimeoutMs(), settings.requestDeadlineMs(), settings.maxBodyBytes(),
                courtesyShare(settings.limits()));
        String model = settings.model() != null ? settings.model() : replay.recording().model() != null ? replay.recording().model() : "recorded";
        TargetInfo info = new TargetInfo("recording " + replay.recording().description(), settings.profile().name(), false, model);
        return new TargetSession(client, info, settings.profile(), new DashboardKeys(settings.profile().name()),
                new TargetSettings.StaticKeys(null, null, null), settings.revocationWindow(), replay,
                Duration.ofSeconds(settings.limits().deadlineSeconds()), true, true);
    }

    /** A session replaying a recording, for the project's own tests, judged by the given profile. */
    public static TargetSession ofRecording(java.util.List<java.nio.file.Path> recording, Profile profile) {
        TargetSettings settings = TargetSettings.resolve(Map.of(), Map.of());
        return replay(new TargetSettings(null, null, null, profile, Map.of(), 5_000, 10_000, false, null, settings.staticKeys(),
                settings.revocationWindow(), 10_000, settings.maxBodyBytes(), settings.limits(), settings.embeddedTarget(), true, recording));
    }

    /** The settings' recording, read; a file that cannot be read or parsed is a settings error. */
    public static org.oaiconformance.contract.recording.Recording loadRecording(TargetSettings settings) {
        try {
            return org.oaiconformance.contract.recording.Recording.load(settings.recording());
        } catch (java.io.IOException | RuntimeException e) {
            throw new org.oaiconformance.contract.settings.SettingsError(org.oaiconformance.contract.settings.Setting.RECORDING,
                    "cannot read the recording (" + e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).lines().findFirst()
                            .orElse("") + ")");
        }
    }

    /** Judging recorded traffic: only the requirements a recording can answer are checked. */
    public boolean replaying() {
        return replaying;
    }

    /** Maven runs the check modules side by side; each JVM keeps to its share of the run's limits. */
    public static final String PARALLEL_MODULES_PROPERTY = "conformance.parallelModules";

    private static Courtesy courtesyShare(TargetSettings.RunLimits limits) {
        int modules = Math.max(1, Integer.getInteger(PARALLEL_MODULES_PROPERTY, 1));
        return new Courtesy(Math.max(1, limits.concurrency() / modules), limits.maxRps() / modules);
    }

    /**
     * A session on a reference target the caller started (and will stop), for the project's own tests: the
     * reference profile, the target's admin key for key management, and the given revocation window.
     */
    public static TargetSession of(ReferenceTarget target, Duration revocationWindow) {
        return of(target, revocationWindow, Profile.load("reference"));
    }

    /** As above, judged by the given profile (its default model must be one the reference target serves). */
    public static TargetSession of(ReferenceTarget target, Duration revocationWindow, Profile profile) {
        // A short deadline: the reference target answers in milliseconds, and a hostile switch must not cost minutes.
        return of(target, target.baseUrl(), revocationWindow, profile, Duration.ofSeconds(3));
    }

    /** As above, reaching the target through {@code baseUrl} (a hostile front before it), with this request deadline. */
    public static TargetSession of(ReferenceTarget target, String baseUrl, Duration revocationWindow, Profile profile, Duration requestDeadline) {
        return of(target, baseUrl, revocationWindow, profile, requestDeadline, Map.of());
    }

    /** As above, sending these extra headers with every request, as {@code CONFORMANCE_EXTRA_HEADERS} does. */
    public static TargetSession of(ReferenceTarget target, String baseUrl, Duration revocationWindow, Profile profile, Duration requestDeadline,
                                   Map<String, String> extraHeaders) {
        return of(target, baseUrl, revocationWindow, profile, requestDeadline, extraHeaders, true);
    }

    /** As above; {@code sendKeyVariants} as {@code CONFORMANCE_SEND_KEY_VARIANTS} sets it. */
    public static TargetSession of(ReferenceTarget target, String baseUrl, Duration revocationWindow, Profile profile, Duration requestDeadline,
                                   Map<String, String> extraHeaders, boolean sendKeyVariants) {
        TargetClient client = new TargetClient(BaseUrl.parse(baseUrl), target.apiKey(), extraHeaders, 5_000, 10_000,
                requestDeadline.toMillis(), TargetClient.DEFAULT_MAX_BODY_BYTES);
        TargetInfo info = new TargetInfo(baseUrl, profile.name(), true, profile.defaultModel());
        return new TargetSession(client, info, profile, provisioner(profile, client, target.adminKey()),
                new TargetSettings.StaticKeys(null, null, null), revocationWindow, null,
                Duration.ofSeconds(TargetSettings.RunLimits.DEFAULT.deadlineSeconds()), sendKeyVariants, false);
    }

    private static KeyProvisioner provisioner(Profile profile, TargetClient client, String managementKey) {
        return profile.managesKeys() && managementKey != null ? new ManagementApiProvisioner(client, managementKey)
                : new DashboardKeys(profile.name());
    }

    public static synchronized void install(TargetSession session) {
        installed = session;
    }

    public static synchronized void uninstall() {
        installed = null;
    }

    /** Info for the outcome file, without opening anything. */
    static synchronized TargetInfo currentInfo() {
        TargetSession session = installed != null ? installed : opened;
        return session == null ? null : session.info;
    }

    static synchronized String openFailureMessage() {
        return openFailure == null ? null : openFailure.getMessage();
    }

    /** Stops every request of the sessions in use, for the run's deadline: see {@link Courtesy#stop}. */
    static synchronized void stopRequests(String reason) {
        for (TargetSession session : new TargetSession[] {installed, opened}) {
            if (session != null) {
                session.client.courtesy().stop(reason);
            }
        }
    }

    /** Closes the session opened from the settings, if any. */
    static synchronized void closeOpened() {
        if (opened != null) {
            opened.close();
            opened = null;
        }
    }

    public TargetClient client() {
        return client;
    }

    public String model() {
        return model;
    }

    public TargetInfo info() {
        return info;
    }

    public Profile profile() {
        return profile;
    }

    /** Keys this run creates: named by run, always deleted. */
    public KeyJanitor keys() {
        return keys;
    }

    public KeyProvisioner provisioner() {
        return provisioner;
    }

    public TargetSettings.StaticKeys staticKeys() {
        return staticKeys;
    }

    public Duration revocationWindow() {
        return revocationWindow;
    }

    /**
     * The key the checks alter (a character added or removed, split, put in a body) to show near-misses are refused.
     * A target's failed-login logs keep what it was sent, so where keys can be made this is a throwaway key of this run
     * (made once, checked to work, deleted at the end); otherwise the configured key, unless the user asked the suite
     * not to send variants of it.
     */
    public synchronized String keyForVariants() {
        if (variantsKey != null) {
            return variantsKey;
        }
        if (provisioner.canCreate()) {
            var key = keys.create("variants", null);
            int status = client.get(profile.authProbe(), org.oaiconformance.contract.http.Credentials.bearer(key.secret(),
                    "the throwaway key for near-misses")).status();
            if (status / 100 != 2) {
                throw new org.testng.SkipException("cannot judge: the throwaway key made for near-misses is refused (HTTP " + status
                        + "): see KEY-001");
            }
            variantsKey = key.secret();
        } else if (sendKeyVariants) {
            variantsKey = client.validKeyValue();
        } else {
            throw new org.testng.SkipException("not sent: variants of the configured key (" + org.oaiconformance.contract.settings.Setting
                    .SEND_KEY_VARIANTS.label() + " is false, and no throwaway key can be made without " + org.oaiconformance.contract
                    .settings.Setting.PROVISIONING_KEY.env() + ")");
        }
        return variantsKey;
    }

    /** What the near-miss checks alter, for their descriptions: a throwaway key, or the configured one. */
    public String variantsKeyDescription() {
        return provisioner.canCreate() ? "a throwaway key" : "the valid key";
    }

    /** Ends the session: deletes every key this run made (whatever the target answered to their creates), stops an embedded target. */
    @Override
    public void close() {
        try {
            keys.deleteAll();
        } catch (Exception e) { // I/O errors arrive unchecked-style from REST Assured
            System.err.println("[conformance] key clean-up: " + org.oaiconformance.contract.secrets.SecretMasker.mask(e.getMessage()));
        } finally {
            if (started != null) {
                try {
                    started.close();
                } catch (Exception ignored) {
                    // a loopback server of ours; nothing left to tell anyone
                }
            }
        }
    }
}
