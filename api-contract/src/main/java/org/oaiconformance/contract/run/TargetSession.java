package org.oaiconformance.contract.run;

import org.oaiconformance.contract.http.Courtesy;
import org.oaiconformance.contract.http.Credentials;
import org.oaiconformance.contract.http.TargetClient;
import org.oaiconformance.contract.http.Watchdog;
import org.oaiconformance.contract.keys.DashboardKeys;
import org.oaiconformance.contract.keys.KeyJanitor;
import org.oaiconformance.contract.keys.KeyProvisioner;
import org.oaiconformance.contract.keys.ManagementApiProvisioner;
import org.oaiconformance.contract.metrics.RunMetrics;
import org.oaiconformance.contract.outcome.CurrentModel;
import org.oaiconformance.contract.outcome.Markup;
import org.oaiconformance.contract.recording.Recording;
import org.oaiconformance.contract.recording.ReplayTarget;
import org.oaiconformance.contract.secrets.SecretMasker;
import org.oaiconformance.contract.settings.BaseUrl;
import org.oaiconformance.contract.settings.ModelSelection;
import org.oaiconformance.contract.settings.Profile;
import org.oaiconformance.contract.settings.Setting;
import org.oaiconformance.contract.settings.SettingsError;
import org.oaiconformance.contract.settings.TargetSettings;
import org.testng.SkipException;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BiFunction;

/**
 * The run context: built once per run from {@link TargetSettings}, it holds the target's client (with the courtesy
 * limits and the run's {@link org.oaiconformance.contract.metrics.RunMetrics}), the profile the target is judged by,
 * the keys this run makes, and the run's deadline, which stops every request at 90% of it. Checks reach it through
 * {@link #current()}; the project's own tests open one from settings of their choosing (on a switched reference
 * target) and install it instead.
 */
public final class TargetSession implements AutoCloseable {
    /** Share of the run's deadline after which requests stop, leaving the rest to write results and the report. */
    private static final double CHECKS_SHARE_OF_DEADLINE = 0.9;

    /**
     * The one piece of run-wide state: this run's context (or why it could not be built), found by the checks and the
     * TestNG listener. A run opens it on first use and {@link #endRun() ends} it; a test installs its own.
     */
    private static volatile Slot slot;

    private record Slot(TargetSession session, RuntimeException openFailure, boolean ownedByTheRun) {
    }

    private final TargetSettings settings;
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
    private final ScheduledFuture<?> deadline;

    private final boolean sendKeyVariants;
    private volatile boolean sdkRowsForEveryModel;
    private volatile String variantsKey;

    private TargetSession(TargetSettings settings, TargetClient client, TargetInfo info, Profile profile, KeyProvisioner provisioner,
                          TargetSettings.StaticKeys staticKeys, Duration revocationWindow, AutoCloseable started,
                          Duration runDeadline, boolean sendKeyVariants, boolean replaying) {
        this.settings = settings;
        this.client = client;
        this.info = info;
        this.model = info.model();
        this.profile = profile;
        this.provisioner = provisioner;
        this.keys = new KeyJanitor(provisioner, runDeadline, () -> client.courtesy().stop("the run was interrupted"));
        this.sendKeyVariants = sendKeyVariants;
        this.staticKeys = staticKeys;
        this.revocationWindow = revocationWindow;
        this.started = started;
        this.replaying = replaying;
        this.deadline = stopRequestsNear(runDeadline, client.courtesy());
    }

    /**
     * At 90% of the run's deadline no request is sent any more and those in flight are cut: every check still running
     * ends at once, broken with the reason, and the results are written as usual with what finished.
     */
    private static ScheduledFuture<?> stopRequestsNear(Duration runDeadline, Courtesy courtesy) {
        String reason = "the run's deadline of " + runDeadline.toSeconds() + " s (" + Setting.RUN_DEADLINE_S.env()
                + ") was near, so the suite stopped its checks to write the report in time";
        return Watchdog.after((long) (runDeadline.toMillis() * CHECKS_SHARE_OF_DEADLINE), () -> {
            System.err.println("[conformance] " + reason);
            courtesy.stop(reason);
        });
    }

    /** This run's context: the installed one, else the one opened from the settings (opened now if needed). */
    public static synchronized TargetSession current() {
        if (slot == null) {
            try {
                slot = new Slot(open(TargetSettings.fromEnvironment()), null, true);
            } catch (RuntimeException e) {
                slot = new Slot(null, e, true); // every check reports the same short reason; nothing retries a bad setting
            }
        }
        if (slot.openFailure() != null) {
            throw slot.openFailure();
        }
        return slot.session();
    }

    /** The session for these settings; for an embedded target, a reference target is started now. */
    public static TargetSession open(TargetSettings settings) {
        return settings.replaying() ? replay(settings) : open(settings, settings.models());
    }

    /** The session for these settings judging these models (one run may judge several, {@code CONFORMANCE_MODELS}). */
    public static TargetSession open(TargetSettings settings, ModelSelection selection) {
        if (settings.replaying()) {
            return replay(settings);
        }
        TargetSettings.EmbeddedTarget shape = settings.embeddedTarget();
        EmbeddedTarget target = settings.embedded()
                ? EmbeddedTarget.start(Duration.ofMillis(shape.revocationDelayMs()), Duration.ofMillis(shape.addedLatencyMs()))
                : null;
        BaseUrl baseUrl = target != null ? BaseUrl.parse(target.baseUrl()) : settings.baseUrl();
        String apiKey = target != null ? target.apiKey() : settings.apiKey();
        String managementKey = target != null ? target.adminKey() : settings.managementKey();
        TargetClient client = new TargetClient(baseUrl, apiKey, settings.extraHeaders(), settings.connectTimeoutMs(), settings.readTimeoutMs(),
                settings.requestDeadlineMs(), settings.maxBodyBytes(), courtesyShare(settings.limits()));
        ModelMatrix matrix;
        try {
            matrix = ModelMatrix.resolve(selection, path -> {
                var answer = client.get(path, client.validKey());
                return new ModelMatrix.Answer(answer.status(), answer.body());
            });
        } catch (RuntimeException e) {
            if (target != null) {
                target.close();
            }
            throw e;
        }
        TargetInfo info = new TargetInfo(target != null ? "embedded reference target (127.0.0.1, ephemeral port)" : baseUrl.toString(),
                settings.profile().name(), target != null, matrix.models().isEmpty() ? settings.model() : matrix.models().get(0),
                matrix.setAside(), matrix.models(), matrix.notServed());
        Profile profile = settings.profile().withModelFeatures(selection.claims());
        TargetSession session = new TargetSession(settings, client, info, profile, provisioner(settings.profile(), client, managementKey),
                settings.staticKeys(), settings.revocationWindow(), target, Duration.ofSeconds(settings.limits().deadlineSeconds()),
                settings.sendKeyVariants(), false);
        session.sdkRowsForEveryModel = selection.sdkRowsForEveryModel();
        return session;
    }

    /**
     * For the preflight: starts the embedded reference target (this is the one place that does), hands its base URL and
     * key to {@code use}, and stops it.
     */
    public static <T> T onEmbeddedTarget(TargetSettings settings, BiFunction<BaseUrl, String, T> use) {
        TargetSettings.EmbeddedTarget shape = settings.embeddedTarget();
        try (EmbeddedTarget target = EmbeddedTarget.start(Duration.ofMillis(shape.revocationDelayMs()), Duration.ofMillis(shape.addedLatencyMs()))) {
            return use.apply(BaseUrl.parse(target.baseUrl()), target.apiKey());
        }
    }

    /** A recording, served on loopback by a replay target that answers each request with a recorded exchange of its kind. */
    private static TargetSession replay(TargetSettings settings) {
        ReplayTarget replay = ReplayTarget.serve(
                loadRecording(settings));
        TargetClient client = new TargetClient(BaseUrl.parse(replay.baseUrl()), replay.apiKey(), settings.extraHeaders(),
                settings.connectTimeoutMs(), settings.readTimeoutMs(), settings.requestDeadlineMs(), settings.maxBodyBytes(),
                courtesyShare(settings.limits()));
        String model = settings.model() != null ? settings.model() : replay.recording().model() != null ? replay.recording().model() : "recorded";
        TargetInfo info = new TargetInfo("recording " + replay.recording().description(), settings.profile().name(), false, model,
                replay.recording().notJudged());
        return new TargetSession(settings, client, info, settings.profile(), new DashboardKeys(settings.profile().name()),
                new TargetSettings.StaticKeys(null, null, null), settings.revocationWindow(), replay,
                Duration.ofSeconds(settings.limits().deadlineSeconds()), true, true);
    }

    /** The settings' recording, read; a file that cannot be read or parsed is a settings error. */
    public static Recording loadRecording(TargetSettings settings) {
        try {
            return Recording.load(settings.recording());
        } catch (IOException | RuntimeException e) {
            throw new SettingsError(Setting.RECORDING,
                    "cannot read the recording (" + Recording.whyUnreadable(e) + ")");
        }
    }

    /** Judging recorded traffic: only the requirements a recording can answer are checked. */
    public boolean replaying() {
        return replaying;
    }

    /** How many times a check over the recording runs so that every recorded answer of its kinds is judged; 1 live. */
    public int replayRounds() {
        return started instanceof ReplayTarget replay ? replay.rounds() : 1;
    }

    /** Maven runs the check modules side by side; each JVM keeps to its share of the run's limits. */
    public static final String PARALLEL_MODULES_PROPERTY = "conformance.parallelModules";

    private static Courtesy courtesyShare(TargetSettings.RunLimits limits) {
        int modules = Math.max(1, Integer.getInteger(PARALLEL_MODULES_PROPERTY, 1));
        return new Courtesy(Math.max(1, limits.concurrency() / modules), limits.maxRps() / modules);
    }

    private static KeyProvisioner provisioner(Profile profile, TargetClient client, String managementKey) {
        return profile.managesKeys() && managementKey != null ? new ManagementApiProvisioner(client, managementKey)
                : new DashboardKeys(profile.name());
    }

    /** For the project's own tests: this session is the run's context until {@link #uninstall()}. */
    public static synchronized void install(TargetSession session) {
        slot = new Slot(session, null, false);
    }

    public static synchronized void uninstall() {
        slot = null;
    }

    /** Info for the outcome file, without opening anything. */
    static TargetInfo currentInfo() {
        Slot now = slot;
        return now == null || now.session() == null ? null : now.session().info;
    }

    /** Why the run's context could not be built, or null. */
    static String openFailureMessage() {
        Slot now = slot;
        return now == null || now.openFailure() == null ? null : now.openFailure().getMessage();
    }

    /** The run's figures, without opening anything: empty when no context was built. */
    static RunMetrics.Snapshot currentMetrics() {
        Slot now = slot;
        return now == null || now.session() == null ? RunMetrics.Snapshot.EMPTY
                : now.session().metrics().snapshot();
    }

    static Map<String, String> currentSdkVersions() {
        Slot now = slot;
        return now == null || now.session() == null ? Map.of() : now.session().metrics().sdkVersions();
    }

    /** Ends the run: the context it opened is closed (its keys deleted, its target stopped) and forgotten; an installed one stays. */
    static synchronized void endRun() {
        if (slot != null && slot.ownedByTheRun()) {
            if (slot.session() != null) {
                slot.session().close();
            }
            slot = null;
        }
    }

    public TargetClient client() {
        return client;
    }

    /** The settings this session was opened with: the run spec every check reads instead of the environment. */
    public TargetSettings settings() {
        return settings;
    }

    /** This run's figures, kept by the courtesy layer every request passes. */
    public RunMetrics metrics() {
        return client.courtesy().metrics();
    }

    /** The model the running check judges: its own under a per-model check, else the run's first. */
    public String model() {
        String current = CurrentModel.get();
        return current != null ? current : model;
    }

    /** The SDK rows run for every model, not only the first ({@code CONFORMANCE_SDK_ALL_MODELS}). */
    public boolean sdkRowsForEveryModel() {
        return sdkRowsForEveryModel;
    }

    /** Every model the run judges, the first first. */
    public List<String> models() {
        return info.models();
    }

    /** Why the target does not serve this model, or null when it does (as far as GET models tells). */
    public String notServed(String model) {
        return info.notServed().get(model);
    }

    public TargetInfo info() {
        return info;
    }

    /** The profile as the running check's model sees it: that model's claims where they are named. */
    public Profile profile() {
        return profile.forModel(model());
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
            int status = client.get(profile.authProbe(), Credentials.bearer(key.secret(),
                    "the throwaway key for near-misses")).status();
            if (status / 100 != 2) {
                throw new SkipException("cannot judge: the throwaway key made for near-misses is refused (HTTP " + status
                        + "): see KEY-001");
            }
            variantsKey = key.secret();
        } else if (sendKeyVariants) {
            variantsKey = client.validKeyValue();
        } else {
            throw new SkipException("not sent: variants of the configured key (" + Setting
                    .SEND_KEY_VARIANTS.label() + " is false, and no throwaway key can be made without " + org.oaiconformance.contract
                    .settings.Setting.MANAGEMENT_KEY.env() + ")");
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
        deadline.cancel(false);
        try {
            keys.deleteAll();
        } catch (Exception e) { // I/O errors arrive unchecked-style from REST Assured
            System.err.println("[conformance] key clean-up: " + Markup.console(
                    SecretMasker.maskLine(e.getMessage())));
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
