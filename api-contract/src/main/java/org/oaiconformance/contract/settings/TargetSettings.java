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
 * @param baseUrl null means: start the embedded reference target
 * @param apiKey  null for the embedded target, which makes its own key
 */
public record TargetSettings(BaseUrl baseUrl, String apiKey, String model, Profile profile,
                             Map<String, String> extraHeaders, int connectTimeoutMs, int readTimeoutMs, boolean strict) {

    public static TargetSettings fromEnvironment() {
        return resolve(System.getenv(), Setting.systemProperties());
    }

    /** Resolves settings from the given environment variables and system properties (properties win). */
    public static TargetSettings resolve(Map<String, String> env, Map<String, String> properties) {
        Sources in = new Sources(env, properties);
        String rawUrl = in.read(Setting.BASE_URL);
        BaseUrl baseUrl = rawUrl == null ? null : BaseUrl.parse(rawUrl);
        Profile profile = Profile.load(orDefault(in.read(Setting.PROFILE), baseUrl == null ? "reference" : "generic"));

        String apiKey = readKey(in);
        if (baseUrl != null && apiKey == null) {
            throw new SettingsError(Setting.API_KEY, "a remote target needs an API key; set " + Setting.API_KEY.env()
                    + " (or " + Setting.API_KEY_FILE.env() + ") to a key the target accepts");
        }
        SecretMasker.register(apiKey, "api-key");

        String model = orDefault(in.read(Setting.MODEL), profile.defaultModel());
        if (baseUrl != null && model == null) {
            throw new SettingsError(Setting.MODEL, "the '" + profile.name()
                    + "' profile has no default model; name one the key may use, e.g. openai/gpt-4o-mini");
        }
        Map<String, String> headers = ExtraHeaders.parse(in.read(Setting.EXTRA_HEADERS));
        int connect = positiveInt(Setting.CONNECT_TIMEOUT_MS, in, 5_000);
        int read = positiveInt(Setting.READ_TIMEOUT_MS, in, 30_000);
        boolean strict = Boolean.parseBoolean(in.read(Setting.STRICT));
        return new TargetSettings(baseUrl, apiKey, model, profile, Map.copyOf(headers), connect, read, strict);
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
        String raw = in.read(setting);
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new SettingsError(setting, "'" + raw + "' is not a positive whole number of milliseconds");
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
