package org.oaiconformance.contract.settings;

import org.oaiconformance.contract.secrets.SecretMasker;
import org.oaiconformance.contract.wire.Feature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The run spec: everything the user told the suite, resolved once per JVM from system properties and environment
 * variables (see {@link Setting}) and checked, at the entry points only ({@link #fromEnvironment()}); everything
 * downstream reads this value and nothing reads the environment again. The project's own tests build one with
 * {@link #builder()}.
 *
 * @param baseUrl         null means: start the embedded reference target
 * @param apiKey          null for the embedded target, which makes its own key
 * @param managementKey the management key for the target's key API, or null
 * @param staticKeys      keys made by hand for the lifecycle checks: revoked, disabled, exhausted (each may be null)
 * @param limits          how hard and how long the run may press on the target
 * @param recording       files or folders of recorded traffic to judge instead of a live target, or null
 * @param judging         which models, and what some checks may send or need
 * @param reporting       how the verdict is reported and gated
 */
public record TargetSettings(BaseUrl baseUrl, String apiKey, String model, Profile profile,
                             Map<String, String> extraHeaders, int connectTimeoutMs, int readTimeoutMs, boolean strict,
                             String managementKey, StaticKeys staticKeys, Duration revocationWindow,
                             int requestDeadlineMs, int maxBodyBytes, RunLimits limits, EmbeddedTarget embeddedTarget,
                             boolean sendKeyVariants, List<Path> recording, Judging judging, Reporting reporting) {
    /**
     * @param models          the models the run judges ({@code CONFORMANCE_MODELS})
     * @param contextOverflow CHAT-011's settings
     * @param embeddingModel  {@code CONFORMANCE_EMBEDDING_MODEL}, or null for the profile's
     * @param requiredSdks    SDK rows that must run ({@code CONFORMANCE_REQUIRE_SDKS}), lower case
     * @param sdkFolder       where the SDK rows are installed: the user's cache, kept across {@code mvn clean}
     */
    public record Judging(ModelSelection models, ContextOverflow contextOverflow, String embeddingModel, List<String> requiredSdks,
                          Path sdkFolder) {
    }

    /**
     * @param requireComplete a skipped MUST requirement fails the run too ({@code CONFORMANCE_REQUIRE_COMPLETE})
     * @param historyDir      the folder kept between runs, or null
     */
    public record Reporting(boolean requireComplete, Path historyDir) {
    }

    /** The longest run deadline: a day. Larger values are typing mistakes, and would overflow timers. */
    public static final int MAX_DEADLINE_SECONDS = 86_400;

    /**
     * @param concurrency     requests in flight at once, whole run
     * @param maxRps          requests started per second, whole run; 0: no limit
     * @param deadlineSeconds the whole run's deadline
     */
    public record RunLimits(int concurrency, double maxRps, int deadlineSeconds) {
        public static final RunLimits DEFAULT = new RunLimits(32, 0, 900);
    }

    /** How the embedded reference target behaves like a remote gateway: slow answers, revocations that take a while. */
    public record EmbeddedTarget(int addedLatencyMs, int revocationDelayMs) {
    }

    /** Keys prepared by hand for targets whose keys live in a dashboard. */
    /**
     * Keys and grants the user prepared: revoked, disabled and exhausted keys for targets whose keys live in a
     * dashboard, and OAuth codes a user approved (each with its verifier), for the OAuth checks.
     */
    public record StaticKeys(String revoked, String disabled, String exhausted, OAuthGrants oauth) {
        public StaticKeys(String revoked, String disabled, String exhausted) {
            this(revoked, disabled, exhausted, OAuthGrants.NONE);
        }
    }

    /** Approved OAuth codes with their verifiers, in order, and the challenge method they were made with. */
    public record OAuthGrants(List<String> codes, List<String> verifiers, String method) {
        public static final OAuthGrants NONE = new OAuthGrants(List.of(), List.of(), "S256");
    }

    private static OAuthGrants oauthGrants(Sources in) {
        List<String> codes = secretList(in, Setting.OAUTH_CODE);
        List<String> verifiers = secretList(in, Setting.OAUTH_CODE_VERIFIER);
        if (codes.size() != verifiers.size()) {
            throw new SettingsError(Setting.OAUTH_CODE_VERIFIER, "gives " + verifiers.size() + " verifier(s) for " + codes.size()
                    + " code(s) in " + Setting.OAUTH_CODE.env() + "; give one per code, in the same order");
        }
        String method = orDefault(in.read(Setting.OAUTH_CODE_CHALLENGE_METHOD), "S256");
        if (!method.equals("S256") && !method.equals("plain")) {
            throw new SettingsError(Setting.OAUTH_CODE_CHALLENGE_METHOD, SettingsError.quote(method) + " is not S256 or plain");
        }
        return codes.isEmpty() ? OAuthGrants.NONE : new OAuthGrants(codes, verifiers, method);
    }

    /** A ','-separated list of secrets, each registered with the masker before anything can quote it. */
    private static List<String> secretList(Sources in, Setting setting) {
        String raw = in.read(setting);
        if (raw == null) {
            return List.of();
        }
        List<String> values = Arrays.stream(raw.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
        values.forEach(v -> SecretMasker.register(v, setting.maskLabel()));
        for (String value : values) {
            Secrets.requireUsableKey(value, setting);
        }
        return values;
    }

    private static volatile TargetSettings resolvedForThisJvm;

    /**
     * This JVM's settings, resolved from its environment and system properties on first use and kept: the one read of
     * them. A settings error is not kept, so each caller reports it.
     */
    public static TargetSettings fromEnvironment() {
        TargetSettings resolved = resolvedForThisJvm;
        if (resolved == null) {
            synchronized (TargetSettings.class) {
                if (resolvedForThisJvm == null) {
                    resolvedForThisJvm = resolve(System.getenv(), Setting.systemProperties());
                }
                resolved = resolvedForThisJvm;
            }
        }
        return resolved;
    }

    /** The claimed features a setting gives ("none" for none), each checked against the known ones. */
    private static Optional<List<String>> features(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        if (raw.isBlank() || raw.strip().equalsIgnoreCase("none")) {
            return Optional.of(List.of());
        }
        List<String> features = new ArrayList<>();
        for (String part : raw.split(",")) {
            try {
                features.add(Feature.of(part).id());
            } catch (IllegalArgumentException e) {
                throw new SettingsError(Setting.FEATURES, e.getMessage());
            }
        }
        return Optional.of(List.copyOf(features));
    }

    /**
     * CHAT-011's settings: whether a prompt beyond the context window may be sent, and the window where GET models does
     * not give it (null: read it there).
     */
    public record ContextOverflow(boolean enabled, Integer contextLength) {
        /** The largest window the suite overflows: a target that wrongly accepts the prompt bills it all. */
        public static final int LARGEST_WINDOW = 262_144;
    }

    /** The embeddings checks' model: CONFORMANCE_EMBEDDING_MODEL, else the profile's; null when neither names one. */
    public String embeddingModel(Profile judgedBy) {
        return orDefault(judging.embeddingModel(), judgedBy.embeddingModel());
    }

    /** The models the run judges ({@code CONFORMANCE_MODELS}). */
    public ModelSelection models() {
        return judging.models();
    }

    private static ModelSelection modelSelection(Sources in, String model) {
        String sdkAll = in.read(Setting.SDK_ALL_MODELS);
        if (sdkAll != null && !sdkAll.equalsIgnoreCase("true") && !sdkAll.equalsIgnoreCase("false")) {
            throw new SettingsError(Setting.SDK_ALL_MODELS, SettingsError.quote(sdkAll) + " is not true or false");
        }
        return ModelSelection.parse(in.read(Setting.MODELS), model, positiveInt(Setting.MAX_MODELS, in, ModelSelection.DEFAULT_MAX),
                in.read(Setting.MODEL_FEATURES), "true".equalsIgnoreCase(sdkAll));
    }

    private static ContextOverflow contextOverflow(Sources in) {
        String enabled = in.read(Setting.CONTEXT_OVERFLOW);
        if (enabled != null && !enabled.equalsIgnoreCase("true") && !enabled.equalsIgnoreCase("false")) {
            throw new SettingsError(Setting.CONTEXT_OVERFLOW, SettingsError.quote(enabled) + " is not true or false");
        }
        Integer length = in.read(Setting.CONTEXT_LENGTH) == null ? null : positiveInt(Setting.CONTEXT_LENGTH, in, 0);
        return new ContextOverflow(!"false".equalsIgnoreCase(enabled), length);
    }

    private static RunLimits limits(Sources in) {
        int runDeadline = positiveInt(Setting.RUN_DEADLINE_S, in, RunLimits.DEFAULT.deadlineSeconds());
        if (runDeadline > MAX_DEADLINE_SECONDS) {
            throw new SettingsError(Setting.RUN_DEADLINE_S, "'" + runDeadline + "' is more than a day; give at most " + MAX_DEADLINE_SECONDS);
        }
        return new RunLimits(positiveInt(Setting.CONCURRENCY, in, RunLimits.DEFAULT.concurrency()),
                nonNegativeInt(Setting.MAX_RPS, in, 0), runDeadline);
    }

    /** Resolves settings from the given environment variables and system properties (properties win). */
    public static TargetSettings resolve(Map<String, String> env, Map<String, String> properties) {
        SettingNames.requireKnown(env, properties);
        Sources in = new Sources(env, properties);
        String rawUrl = in.read(Setting.BASE_URL);
        BaseUrl baseUrl = rawUrl == null ? null : BaseUrl.parse(rawUrl);
        List<Path> recording = recording(in.read(Setting.RECORDING), properties.getOrDefault("conformance.root",
                properties.get("maven.multiModuleProjectDirectory")));
        if (recording != null && baseUrl != null) {
            throw new SettingsError(Setting.RECORDING, "judges recorded traffic instead of a target; unset " + Setting.BASE_URL.env()
                    + " or this one");
        }
        if (baseUrl != null && baseUrl.isCleartext() && !baseUrl.isLoopback() && !Boolean.parseBoolean(in.read(Setting.ALLOW_HTTP))) {
            throw new SettingsError(Setting.BASE_URL, "'" + baseUrl + "' is plain http:// to a host that is not loopback: the key would"
                    + " travel in the clear hundreds of times. Use https://, or set " + Setting.ALLOW_HTTP.env() + "=true on a network you trust");
        }
        String profileFile = in.read(Setting.PROFILE_FILE);
        Profile profile = profileFile != null ? Profile.fromFile(profileFile)
                : Profile.load(orDefault(in.read(Setting.PROFILE), baseUrl == null && recording == null ? "reference" : "generic"));
        profile = features(in.read(Setting.FEATURES)).map(profile::withFeatures).orElse(profile);

        // Every key, however it arrives, is checked and registered with the masker before anything can print it.
        String apiKey = key(in, Setting.API_KEY, Setting.API_KEY_FILE);
        if (baseUrl != null && apiKey == null) {
            throw new SettingsError(Setting.API_KEY, "a remote target needs an API key; set " + Setting.API_KEY.env()
                    + " (or " + Setting.API_KEY_FILE.env() + ") to a key the target accepts");
        }
        String managementKey = key(in, Setting.MANAGEMENT_KEY, Setting.MANAGEMENT_KEY_FILE);
        String formerName = key(in, Setting.PROVISIONING_KEY, Setting.PROVISIONING_KEY_FILE);
        if (managementKey != null && formerName != null && !managementKey.equals(formerName)) {
            throw new SettingsError(Setting.MANAGEMENT_KEY, "and " + Setting.PROVISIONING_KEY.env() + " (its former name) hold different"
                    + " keys; set only " + Setting.MANAGEMENT_KEY.env());
        }
        managementKey = managementKey != null ? managementKey : formerName;
        StaticKeys staticKeys = new StaticKeys(key(in, Setting.REVOKED_KEY, null), key(in, Setting.DISABLED_KEY, null),
                key(in, Setting.EXHAUSTED_KEY, null), oauthGrants(in));
        if (baseUrl == null && recording == null) {
            refuseKeysForTheEmbeddedTarget(apiKey, managementKey, staticKeys);
        }

        String model = orDefault(in.read(Setting.MODEL), profile.defaultModel());
        if (in.read(Setting.MODEL) != null) {
            ModelSelection.requireModelId(model, Setting.MODEL);
        }
        ModelSelection selection = modelSelection(in, model);
        if (selection.explicit() && !selection.listed().isEmpty()) {
            model = selection.listed().get(0); // the first listed model is the run's model: the SDK rows use it
        }
        if (baseUrl != null && model == null && !selection.needsTheModelsList()) {
            throw new SettingsError(Setting.MODEL, "the '" + profile.name()
                    + "' profile has no default model; name one the key may use, e.g. openai/gpt-4o-mini");
        }
        Map<String, String> headers = new LinkedHashMap<>(profile.extraHeaders());
        headers.putAll(ExtraHeaders.parse(in.read(Setting.EXTRA_HEADERS)));
        int connect = positiveInt(Setting.CONNECT_TIMEOUT_MS, in, 5_000);
        int read = positiveInt(Setting.READ_TIMEOUT_MS, in, 30_000);
        boolean strict = bool(in, Setting.STRICT);
        int window = positiveInt(Setting.REVOCATION_WINDOW_S, in, 60);
        int deadline = positiveInt(Setting.REQUEST_DEADLINE_MS, in, 120_000);
        int maxBody = positiveInt(Setting.MAX_BODY_BYTES, in, 4 << 20);
        RunLimits limits = limits(in);
        EmbeddedTarget embeddedTarget = new EmbeddedTarget(nonNegativeInt(Setting.REFERENCE_LATENCY_MS, in, 0),
                nonNegativeInt(Setting.REFERENCE_REVOCATION_MS, in, 0));
        boolean sendKeyVariants = !"false".equalsIgnoreCase(in.read(Setting.SEND_KEY_VARIANTS));
        Judging judging = new Judging(selection, contextOverflow(in), in.read(Setting.EMBEDDING_MODEL), requiredSdks(in.read(Setting.REQUIRE_SDKS)),
                sdkFolder(env, properties));
        String history = in.read(Setting.HISTORY_DIR);
        Reporting reporting = new Reporting(bool(in, Setting.REQUIRE_COMPLETE), history == null ? null : Path.of(history));
        return new TargetSettings(baseUrl, apiKey, model, profile, Map.copyOf(headers), connect, read, strict,
                managementKey, staticKeys, Duration.ofSeconds(window), deadline, maxBody, limits, embeddedTarget, sendKeyVariants,
                recording, judging, reporting);
    }

    /** A true/false setting, false when unset; anything else is refused rather than read as false. */
    private static boolean bool(Sources in, Setting setting) {
        String raw = in.read(setting);
        if (raw != null && !raw.equalsIgnoreCase("true") && !raw.equalsIgnoreCase("false")) {
            throw new SettingsError(setting, SettingsError.quote(raw) + " is not true or false");
        }
        return "true".equalsIgnoreCase(raw);
    }

    private static List<String> requiredSdks(String raw) {
        return raw == null ? List.of() : Arrays.stream(raw.split(",")).map(t -> t.strip().toLowerCase(Locale.ROOT))
                .filter(t -> !t.isEmpty()).toList();
    }

    /** Property the runnable jar and the self-test set to put the SDK rows elsewhere; plumbing, not a user setting. */
    public static final String SDK_DIR_PROPERTY = "conformance.sdkDir";

    /**
     * The SDK rows' folder: {@code $XDG_CACHE_HOME/openai-conformance/sdk} (else {@code ~/.cache/...}), so {@code mvn
     * clean} does not reinstall them; each row is reinstalled there when its lock file changes.
     */
    private static Path sdkFolder(Map<String, String> env, Map<String, String> properties) {
        String configured = properties.get(SDK_DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(properties.getOrDefault("user.home", System.getProperty("user.home")), ".cache");
        return base.resolve("openai-conformance").resolve("sdk");
    }

    /**
     * A key given without a base URL is a target forgotten or mistyped (an empty Action input, a shell that lost the
     * variable): judging the embedded reference target then would report a green that never touched the gateway.
     */
    private static void refuseKeysForTheEmbeddedTarget(String apiKey, String managementKey, StaticKeys staticKeys) {
        Setting given = apiKey != null ? Setting.API_KEY : managementKey != null ? Setting.MANAGEMENT_KEY
                : staticKeys.revoked() != null ? Setting.REVOKED_KEY : staticKeys.disabled() != null ? Setting.DISABLED_KEY
                : staticKeys.exhausted() != null ? Setting.EXHAUSTED_KEY : !staticKeys.oauth().codes().isEmpty() ? Setting.OAUTH_CODE : null;
        if (given != null) {
            throw new SettingsError(Setting.BASE_URL, "is not set, but " + given.env() + " is: the run would judge the embedded reference"
                    + " target, not your gateway. Set " + Setting.BASE_URL.env() + " to the gateway's base URL (path prefix included),"
                    + " or unset " + given.env() + " to judge the reference target");
        }
    }

    /** The recording's files and folders, each checked to exist; null when none is set. */
    private static List<Path> recording(String raw, String base) {
        if (raw == null) {
            return null;
        }
        List<Path> paths = new ArrayList<>();
        for (String part : raw.split(",")) {
            if (!part.isBlank()) {
                Path path = Path.of(part.strip());
                if (!path.isAbsolute() && base != null) { // test JVMs run in a module's folder; the path is the user's
                    path = Path.of(base).resolve(path);
                }
                if (!Files.isReadable(path)) {
                    throw new SettingsError(Setting.RECORDING, SettingsError.quote(part) + " is not a readable file or folder");
                }
                paths.add(path);
            }
        }
        return List.copyOf(paths);
    }

    /** Judging a recording, not a live target. */
    public boolean replaying() {
        return recording != null;
    }

    /** No base URL and no recording: the embedded reference target. */
    public boolean embedded() {
        return baseUrl == null && recording == null;
    }

    /** A key from its setting, or else from the file its companion setting names (first line); checked and registered. */
    private static String key(Sources in, Setting setting, Setting fileSetting) {
        String key = in.read(setting);
        Setting source = setting;
        String file = fileSetting == null ? null : in.read(fileSetting);
        if (key == null && file != null) {
            key = firstLineOf(file, fileSetting);
            source = fileSetting;
        }
        if (key != null) {
            SecretMasker.register(key, setting.maskLabel()); // before any check of it can fail
            Secrets.requireUsableKey(key, source);
        }
        return key;
    }

    private static String firstLineOf(String file, Setting fileSetting) {
        try {
            String firstLine = Files.readString(Path.of(file)).lines().findFirst().orElse("").strip();
            if (firstLine.isEmpty()) {
                throw new SettingsError(fileSetting, SettingsError.quote(file.toString()) + " is empty");
            }
            return firstLine;
        } catch (IOException | UncheckedIOException e) {
            throw new SettingsError(fileSetting, "cannot read " + SettingsError.quote(file.toString()) + " as text (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static int positiveInt(Setting setting, Sources in, int fallback) {
        return wholeNumber(setting, in, fallback, 1, "a positive whole number");
    }

    private static int nonNegativeInt(Setting setting, Sources in, int fallback) {
        return wholeNumber(setting, in, fallback, 0, "a whole number, 0 or more");
    }

    private static int wholeNumber(Setting setting, Sources in, int fallback, int least, String expected) {
        String raw = in.read(setting);
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= least) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new SettingsError(setting, SettingsError.quote(raw) + " is not " + expected);
    }

    private record Sources(Map<String, String> env, Map<String, String> properties) {
        String read(Setting setting) {
            return setting.read(env, properties);
        }
    }

    private static String orDefault(String value, String fallback) {
        return value != null ? value : fallback;
    }

    /** Settings for the project's own tests: the defaults of an empty environment, changed by name. */
    public static Builder builder() {
        return new Builder(resolve(Map.of(), Map.of()));
    }

    /** A copy of these settings to change by name. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds settings by name, never by position; nothing here reads the environment. */
    public static final class Builder {
        private BaseUrl baseUrl;
        private String apiKey;
        private String model;
        private Profile profile;
        private Map<String, String> extraHeaders;
        private int connectTimeoutMs;
        private int readTimeoutMs;
        private boolean strict;
        private String managementKey;
        private StaticKeys staticKeys;
        private Duration revocationWindow;
        private int requestDeadlineMs;
        private int maxBodyBytes;
        private RunLimits limits;
        private EmbeddedTarget embeddedTarget;
        private boolean sendKeyVariants;
        private List<Path> recording;
        private Judging judging;
        private Reporting reporting;

        private Builder(TargetSettings from) {
            baseUrl = from.baseUrl;
            apiKey = from.apiKey;
            model = from.model;
            profile = from.profile;
            extraHeaders = from.extraHeaders;
            connectTimeoutMs = from.connectTimeoutMs;
            readTimeoutMs = from.readTimeoutMs;
            strict = from.strict;
            managementKey = from.managementKey;
            staticKeys = from.staticKeys;
            revocationWindow = from.revocationWindow;
            requestDeadlineMs = from.requestDeadlineMs;
            maxBodyBytes = from.maxBodyBytes;
            limits = from.limits;
            embeddedTarget = from.embeddedTarget;
            sendKeyVariants = from.sendKeyVariants;
            recording = from.recording;
            judging = from.judging;
            reporting = from.reporting;
        }

        /** A remote target (or the switched reference target of a proof) at this URL, with this key. */
        public Builder target(String url, String key) {
            baseUrl = BaseUrl.parse(url);
            apiKey = key;
            SecretMasker.register(key, Setting.API_KEY.maskLabel());
            return this;
        }

        public Builder managementKey(String key) {
            managementKey = key;
            SecretMasker.register(key, Setting.MANAGEMENT_KEY.maskLabel());
            return this;
        }

        public Builder profile(Profile value) {
            profile = value;
            model = value.defaultModel();
            return this;
        }

        /** The models to judge, the first being the run's model, as {@code CONFORMANCE_MODELS=a,b,c} names them. */
        public Builder models(List<String> models) {
            model = models.get(0);
            judging = new Judging(new ModelSelection(models, null, models.size(), Map.of(), true, false), judging.contextOverflow(),
                    judging.embeddingModel(), judging.requiredSdks(), judging.sdkFolder());
            return this;
        }

        public Builder extraHeaders(Map<String, String> value) {
            extraHeaders = Map.copyOf(value);
            return this;
        }

        public Builder timeouts(int connectMs, int readMs, int requestDeadlineMs) {
            this.connectTimeoutMs = connectMs;
            this.readTimeoutMs = readMs;
            this.requestDeadlineMs = requestDeadlineMs;
            return this;
        }

        public Builder staticKeys(StaticKeys value) {
            staticKeys = value;
            return this;
        }

        public Builder revocationWindow(Duration value) {
            revocationWindow = value;
            return this;
        }

        public Builder sendKeyVariants(boolean value) {
            sendKeyVariants = value;
            return this;
        }

        public Builder recording(List<Path> value) {
            baseUrl = null;
            model = null; // the recording's own model
            recording = List.copyOf(value);
            return this;
        }

        public Builder limits(RunLimits value) {
            limits = value;
            return this;
        }

        public TargetSettings build() {
            return new TargetSettings(baseUrl, apiKey, model, profile, extraHeaders, connectTimeoutMs, readTimeoutMs, strict, managementKey,
                    staticKeys, revocationWindow, requestDeadlineMs, maxBodyBytes, limits, embeddedTarget, sendKeyVariants, recording,
                    judging, reporting);
        }
    }
}
