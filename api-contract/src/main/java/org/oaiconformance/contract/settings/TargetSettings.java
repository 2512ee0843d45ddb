package org.oaiconformance.contract.settings;

import org.oaiconformance.contract.secrets.SecretMasker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything the user told the suite about the target, resolved once from system properties and environment
 * variables (see {@link Setting}) and checked. Every module reads its settings through here.
 *
 * @param baseUrl         null means: start the embedded reference target
 * @param apiKey          null for the embedded target, which makes its own key
 * @param managementKey the management key for the target's key API, or null
 * @param staticKeys      keys made by hand for the lifecycle checks: revoked, disabled, exhausted (each may be null)
 * @param limits          how hard and how long the run may press on the target
 * @param recording       files or folders of recorded traffic to judge instead of a live target, or null
 */
public record TargetSettings(BaseUrl baseUrl, String apiKey, String model, Profile profile,
                             Map<String, String> extraHeaders, int connectTimeoutMs, int readTimeoutMs, boolean strict,
                             String managementKey, StaticKeys staticKeys, java.time.Duration revocationWindow,
                             int requestDeadlineMs, int maxBodyBytes, RunLimits limits, EmbeddedTarget embeddedTarget,
                             boolean sendKeyVariants, java.util.List<Path> recording) {
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
    public record OAuthGrants(java.util.List<String> codes, java.util.List<String> verifiers, String method) {
        public static final OAuthGrants NONE = new OAuthGrants(java.util.List.of(), java.util.List.of(), "S256");
    }

    private static OAuthGrants oauthGrants(Sources in) {
        java.util.List<String> codes = secretList(in, Setting.OAUTH_CODE);
        java.util.List<String> verifiers = secretList(in, Setting.OAUTH_CODE_VERIFIER);
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
    private static java.util.List<String> secretList(Sources in, Setting setting) {
        String raw = in.read(setting);
        if (raw == null) {
            return java.util.List.of();
        }
        java.util.List<String> values = java.util.Arrays.stream(raw.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
        values.forEach(v -> SecretMasker.register(v, setting.maskLabel()));
        for (String value : values) {
            Secrets.requireUsableKey(value, setting);
        }
        return values;
    }

    public static TargetSettings fromEnvironment() {
        return resolve(System.getenv(), Setting.systemProperties());
    }

    /** The claimed features a setting gives ("none" for none), each checked against the known ones. */
    private static java.util.Optional<java.util.List<String>> features(String raw) {
        if (raw == null) {
            return java.util.Optional.empty();
        }
        if (raw.isBlank() || raw.strip().equalsIgnoreCase("none")) {
            return java.util.Optional.of(java.util.List.of());
        }
        java.util.List<String> features = new java.util.ArrayList<>();
        for (String part : raw.split(",")) {
            try {
                features.add(org.oaiconformance.contract.wire.Feature.of(part).id());
            } catch (IllegalArgumentException e) {
                throw new SettingsError(Setting.FEATURES, e.getMessage());
            }
        }
        return java.util.Optional.of(java.util.List.copyOf(features));
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
    public static String embeddingModelFromEnvironment(Profile profile) {
        return orDefault(new Sources(System.getenv(), Setting.systemProperties()).read(Setting.EMBEDDING_MODEL), profile.embeddingModel());
    }

    /** The models the run judges ({@code CONFORMANCE_MODELS}), resolved as {@link #fromEnvironment()} checks them. */
    public static ModelSelection modelsFromEnvironment(String model) {
        return modelSelection(new Sources(System.getenv(), Setting.systemProperties()), model);
    }

    private static ModelSelection modelSelection(Sources in, String model) {
        String sdkAll = in.read(Setting.SDK_ALL_MODELS);
        if (sdkAll != null && !sdkAll.equalsIgnoreCase("true") && !sdkAll.equalsIgnoreCase("false")) {
            throw new SettingsError(Setting.SDK_ALL_MODELS, SettingsError.quote(sdkAll) + " is not true or false");
        }
        return ModelSelection.parse(in.read(Setting.MODELS), model, positiveInt(Setting.MAX_MODELS, in, ModelSelection.DEFAULT_MAX),
                in.read(Setting.MODEL_FEATURES), "true".equalsIgnoreCase(sdkAll));
    }

    /** CHAT-011's settings, resolved as {@link #fromEnvironment()} does (which checks them first, so a bad value stops the run). */
    public static ContextOverflow contextOverflowFromEnvironment() {
        return contextOverflow(new Sources(System.getenv(), Setting.systemProperties()));
    }

    private static ContextOverflow contextOverflow(Sources in) {
        String enabled = in.read(Setting.CONTEXT_OVERFLOW);
        if (enabled != null && !enabled.equalsIgnoreCase("true") && !enabled.equalsIgnoreCase("false")) {
            throw new SettingsError(Setting.CONTEXT_OVERFLOW, SettingsError.quote(enabled) + " is not true or false");
        }
        Integer length = in.read(Setting.CONTEXT_LENGTH) == null ? null : positiveInt(Setting.CONTEXT_LENGTH, in, 0);
        return new ContextOverflow(!"false".equalsIgnoreCase(enabled), length);
    }

    /** The run's limits alone, resolved as {@link #fromEnvironment()} does: for sessions the project's own tests build. */
    public static RunLimits limitsFromEnvironment() {
        return limits(new Sources(System.getenv(), Setting.systemProperties()));
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
        Sources in = new Sources(env, properties);
        String rawUrl = in.read(Setting.BASE_URL);
        BaseUrl baseUrl = rawUrl == null ? null : BaseUrl.parse(rawUrl);
        java.util.List<Path> recording = recording(in.read(Setting.RECORDING), properties.getOrDefault("conformance.root",
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

        String model = orDefault(in.read(Setting.MODEL), profile.defaultModel());
        ModelSelection selection = modelSelection(in, model);
        if (selection.explicit() && !selection.listed().isEmpty()) {
            model = selection.listed().get(0); // the first listed model is the run's model: the SDK rows use it
        }
        if (baseUrl != null && model == null && !selection.needsTheModelsList()) {
            throw new SettingsError(Setting.MODEL, "the '" + profile.name()
                    + "' profile has no default model; name one the key may use, e.g. openai/gpt-4o-mini");
        }
        Map<String, String> headers = new java.util.LinkedHashMap<>(profile.extraHeaders());
        headers.putAll(ExtraHeaders.parse(in.read(Setting.EXTRA_HEADERS)));
        int connect = positiveInt(Setting.CONNECT_TIMEOUT_MS, in, 5_000);
        int read = positiveInt(Setting.READ_TIMEOUT_MS, in, 30_000);
        boolean strict = Boolean.parseBoolean(in.read(Setting.STRICT));
        int window = positiveInt(Setting.REVOCATION_WINDOW_S, in, 60);
        int deadline = positiveInt(Setting.REQUEST_DEADLINE_MS, in, 120_000);
        int maxBody = positiveInt(Setting.MAX_BODY_BYTES, in, 4 << 20);
        RunLimits limits = limits(in);
        EmbeddedTarget embeddedTarget = new EmbeddedTarget(nonNegativeInt(Setting.REFERENCE_LATENCY_MS, in, 0),
                nonNegativeInt(Setting.REFERENCE_REVOCATION_MS, in, 0));
        boolean sendKeyVariants = !"false".equalsIgnoreCase(in.read(Setting.SEND_KEY_VARIANTS));
        contextOverflow(in); // checked here, so a bad value stops the run before any check; CHAT-011 reads it again
        return new TargetSettings(baseUrl, apiKey, model, profile, Map.copyOf(headers), connect, read, strict,
                managementKey, staticKeys, java.time.Duration.ofSeconds(window), deadline, maxBody, limits, embeddedTarget, sendKeyVariants,
                recording);
    }

    /** The recording's files and folders, each checked to exist; null when none is set. */
    private static java.util.List<Path> recording(String raw, String base) {
        if (raw == null) {
            return null;
        }
        java.util.List<Path> paths = new java.util.ArrayList<>();
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
        return java.util.List.copyOf(paths);
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
        } catch (IOException | java.io.UncheckedIOException e) {
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
}
