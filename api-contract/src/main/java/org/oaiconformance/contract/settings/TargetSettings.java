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
 * @param provisioningKey the management key for the target's key API, or null
 * @param staticKeys      keys made by hand for the lifecycle checks: revoked, disabled, exhausted (each may be null)
 * @param limits          how hard and how long the run may press on the target
 */
public record TargetSettings(BaseUrl baseUrl, String apiKey, String model, Profile profile,
                             Map<String, String> extraHeaders, int connectTimeoutMs, int readTimeoutMs, boolean strict,
                             String provisioningKey, StaticKeys staticKeys, java.time.Duration revocationWindow,
                             int requestDeadlineMs, int maxBodyBytes, RunLimits limits, EmbeddedTarget embeddedTarget) {

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
    public record StaticKeys(String revoked, String disabled, String exhausted) {
    }

    public static TargetSettings fromEnvironment() {
        return resolve(System.getenv(), Setting.systemProperties());
    }

    /** Resolves settings from the given environment variables and system properties (properties win). */
    public static TargetSettings resolve(Map<String, String> env, Map<String, String> properties) {
        Sources in = new Sources(env, properties);
        String rawUrl = in.read(Setting.BASE_URL);
        BaseUrl baseUrl = rawUrl == null ? null : BaseUrl.parse(rawUrl);
        String profileFile = in.read(Setting.PROFILE_FILE);
        Profile profile = profileFile != null ? Profile.fromFile(profileFile)
                : Profile.load(orDefault(in.read(Setting.PROFILE), baseUrl == null ? "reference" : "generic"));

        String apiKey = readKey(in);
        if (baseUrl != null && apiKey == null) {
            throw new SettingsError(Setting.API_KEY, "a remote target needs an API key; set " + Setting.API_KEY.env()
                    + " (or " + Setting.API_KEY_FILE.env() + ") to a key the target accepts");
        }
        for (Setting setting : Setting.values()) {
            if (setting.secret()) {
                SecretMasker.register(in.read(setting), setting.maskLabel());
            }
        }

        String model = orDefault(in.read(Setting.MODEL), profile.defaultModel());
        if (baseUrl != null && model == null) {
            throw new SettingsError(Setting.MODEL, "the '" + profile.name()
                    + "' profile has no default model; name one the key may use, e.g. openai/gpt-4o-mini");
        }
        Map<String, String> headers = new java.util.LinkedHashMap<>(profile.extraHeaders());
        headers.putAll(ExtraHeaders.parse(in.read(Setting.EXTRA_HEADERS)));
        int connect = positiveInt(Setting.CONNECT_TIMEOUT_MS, in, 5_000);
        int read = positiveInt(Setting.READ_TIMEOUT_MS, in, 30_000);
        boolean strict = Boolean.parseBoolean(in.read(Setting.STRICT));
        int window = positiveInt(Setting.REVOCATION_WINDOW_S, in, 60);
        StaticKeys staticKeys = new StaticKeys(in.read(Setting.REVOKED_KEY), in.read(Setting.DISABLED_KEY), in.read(Setting.EXHAUSTED_KEY));
        int deadline = positiveInt(Setting.REQUEST_DEADLINE_MS, in, 120_000);
        int maxBody = positiveInt(Setting.MAX_BODY_BYTES, in, 4 << 20);
        RunLimits limits = new RunLimits(positiveInt(Setting.CONCURRENCY, in, RunLimits.DEFAULT.concurrency()),
                nonNegativeInt(Setting.MAX_RPS, in, 0), positiveInt(Setting.RUN_DEADLINE_S, in, RunLimits.DEFAULT.deadlineSeconds()));
        EmbeddedTarget embeddedTarget = new EmbeddedTarget(nonNegativeInt(Setting.REFERENCE_LATENCY_MS, in, 0),
                nonNegativeInt(Setting.REFERENCE_REVOCATION_MS, in, 0));
        return new TargetSettings(baseUrl, apiKey, model, profile, Map.copyOf(headers), connect, read, strict,
                in.read(Setting.PROVISIONING_KEY), staticKeys, java.time.Duration.ofSeconds(window), deadline, maxBody, limits, embeddedTarget);
    }

    public boolean embedded() {
        return baseUrl == null;
    }

    private static String readKey(Sources in) {
        String key = in.read(Setting.API_KEY);
        String file = in.read(Setting.API_KEY_FILE);
        if (key != null || file == null) {
            return key;
        }
        try {
            String content = Files.readString(Path.of(file)).strip();
            String firstLine = content.lines().findFirst().orElse("").strip();
            if (firstLine.isEmpty()) {
                throw new SettingsError(Setting.API_KEY_FILE, "'" + file + "' is empty");
            }
            return firstLine;
        } catch (IOException e) {
            throw new SettingsError(Setting.API_KEY_FILE, "cannot read '" + file + "' (" + e.getClass().getSimpleName() + ")");
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
        throw new SettingsError(setting, "'" + raw + "' is not " + expected);
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
