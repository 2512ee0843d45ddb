package org.oaiconformance.contract.settings;

import org.oaiconformance.contract.secrets.SecretMasker;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every user setting, with the environment variable and the system property that set it. A system property
 * overrides the environment variable. Error messages and the README name settings through this list.
 */
public enum Setting {
    BASE_URL("CONFORMANCE_BASE_URL", "target.baseUrl",
            "Base URL of the target, path prefix included (https://openrouter.ai/api/v1). Unset: the embedded reference target."),
    RECORDING("CONFORMANCE_RECORDING", "target.recording",
            "Judge recorded traffic instead of a live target: HAR 1.2 files or VCR cassettes (files or folders, separated by ','),"
                    + " replayed on loopback. Judges the CHAT, STREAM and ERR requirements and RESP-001..005; the rest are skipped."),
    API_KEY("CONFORMANCE_API_KEY", "target.apiKey", "API key sent as 'Authorization: Bearer'. Required for a remote target.", true),
    API_KEY_FILE("CONFORMANCE_API_KEY_FILE", "target.apiKeyFile", "File holding the API key (first line), instead of CONFORMANCE_API_KEY."),
    MODEL("CONFORMANCE_MODEL", "target.model", "Model for the checks that need an answer. Default: the profile's."),
    MODELS("CONFORMANCE_MODELS", "target.models",
            "Several models judged in one run: 'a,b,c', or 'models:<regex>' for the target's GET models entries whose id matches"
                    + " (at most CONFORMANCE_MAX_MODELS). The chat, stream, tool, format, parameter and Responses checks run per model;"
                    + " auth, keys, errors, embeddings and the SDK rows once, the SDK rows with the first model. Default: CONFORMANCE_MODEL alone."),
    MAX_MODELS("CONFORMANCE_MAX_MODELS", "target.maxModels",
            "Most models CONFORMANCE_MODELS may judge: a 'models:' selection keeps the first this many, a longer list is refused. Default 5."),
    SDK_ALL_MODELS("CONFORMANCE_SDK_ALL_MODELS", "target.sdkAllModels",
            "true: the SDK rows run for every model of CONFORMANCE_MODELS, not only the first (each row's calls again per model). Default false."),
    MODEL_FEATURES("CONFORMANCE_MODEL_FEATURES", "target.modelFeatures",
            "Optional features claimed per model, overriding the profile's: 'model=tools,json_schema;other-model=none'."),
    EMBEDDING_MODEL("CONFORMANCE_EMBEDDING_MODEL", "target.embeddingModel",
            "Model for the embeddings checks (EMB, SDK-011). Default: the profile's; with none, those checks are skipped."),
    PROFILE("CONFORMANCE_PROFILE", "target.profile",
            "Profile: reference, generic, openai, openrouter or infron. Default: reference without a base URL, generic with one."),
    PROFILE_FILE("CONFORMANCE_PROFILE_FILE", "target.profileFile", "A profile of your own, as a JSON file shaped like the built-in ones."),
    MANAGEMENT_KEY("CONFORMANCE_MANAGEMENT_KEY", "target.managementKey",
            "Management key for the target's key API (OpenRouter's management key, formerly called provisioning key). Enables the"
                    + " key lifecycle checks; never used for inference.", true),
    MANAGEMENT_KEY_FILE("CONFORMANCE_MANAGEMENT_KEY_FILE", "target.managementKeyFile",
            "File holding the management key (first line), instead of CONFORMANCE_MANAGEMENT_KEY."),
    PROVISIONING_KEY("CONFORMANCE_PROVISIONING_KEY", "target.provisioningKey",
            "The former name of CONFORMANCE_MANAGEMENT_KEY, still read when that is not set.", true),
    PROVISIONING_KEY_FILE("CONFORMANCE_PROVISIONING_KEY_FILE", "target.provisioningKeyFile",
            "The former name of CONFORMANCE_MANAGEMENT_KEY_FILE, still read when that is not set."),
    SEND_KEY_VARIANTS("CONFORMANCE_SEND_KEY_VARIANTS", "conformance.sendKeyVariants",
            "false: never send altered copies of the configured key (a character added or removed, split, in a JSON body, under"
                    + " Basic); the checks that need them (AUTH-006, AUTH-007, AUTH-011, AUTH-013) are skipped. With a"
                    + " management key they use a throwaway key instead. Default true."),
    ALLOW_HTTP("CONFORMANCE_ALLOW_HTTP", "conformance.allowHttp",
            "true: allow an http:// base URL that is not loopback, which sends the key in the clear hundreds of times. Default false."),
    REVOKED_KEY("CONFORMANCE_REVOKED_KEY", "target.revokedKey", "A key you deleted, for targets whose keys live in a dashboard.", true),
    DISABLED_KEY("CONFORMANCE_DISABLED_KEY", "target.disabledKey", "A key you disabled.", true),
    EXHAUSTED_KEY("CONFORMANCE_EXHAUSTED_KEY", "target.exhaustedKey", "A key whose credit limit is used up.", true),
    OAUTH_CODE("CONFORMANCE_OAUTH_CODE", "target.oauthCode",
            "OAuth PKCE codes a user approved for the OAuth checks (OAUTH-002 to OAUTH-005), separated by ','; two let OAUTH-002 try"
                    + " a wrong verifier on one of them. Make them with scripts/oauth-pkce. Each is exchanged once.", true),
    OAUTH_CODE_VERIFIER("CONFORMANCE_OAUTH_CODE_VERIFIER", "target.oauthCodeVerifier",
            "The code_verifier of each code in CONFORMANCE_OAUTH_CODE, in the same order (scripts/oauth-pkce prints them).", true),
    OAUTH_CODE_CHALLENGE_METHOD("CONFORMANCE_OAUTH_CODE_CHALLENGE_METHOD", "target.oauthCodeChallengeMethod",
            "How the codes' challenges were made: S256 or plain. Default S256."),
    REVOCATION_WINDOW_S("CONFORMANCE_REVOCATION_WINDOW_S", "target.revocationWindowSeconds",
            "How long a deleted or disabled key may keep working before it must be refused. Default 60."),
    EXTRA_HEADERS("CONFORMANCE_EXTRA_HEADERS", "target.extraHeaders",
            "Headers added to every request, 'Name: value' pairs separated by newlines or ';'."),
    CONNECT_TIMEOUT_MS("CONFORMANCE_CONNECT_TIMEOUT_MS", "target.connectTimeoutMs", "Connect timeout per request, ms. Default 5000."),
    READ_TIMEOUT_MS("CONFORMANCE_READ_TIMEOUT_MS", "target.readTimeoutMs", "Read timeout per request, ms. Default 30000."),
    REQUEST_DEADLINE_MS("CONFORMANCE_REQUEST_DEADLINE_MS", "target.requestDeadlineMs",
            "Deadline for a whole exchange, body and stream included, ms. Default 120000."),
    MAX_BODY_BYTES("CONFORMANCE_MAX_BODY_BYTES", "target.maxBodyBytes", "Largest answer the suite reads, bytes. Default 4194304."),
    CONCURRENCY("CONFORMANCE_CONCURRENCY", "conformance.concurrency",
            "Most requests in flight at once, for the whole run (one check JVM runs every check);"
                    + " independent checks run on a pool this size. Default 32."),
    MAX_RPS("CONFORMANCE_MAX_RPS", "conformance.maxRps",
            "Most requests started per second, for the whole run, shared like the above. 0: no limit. Default 0."),
    RUN_DEADLINE_S("CONFORMANCE_RUN_DEADLINE_S", "conformance.deadlineSeconds",
            "Deadline for the whole run, s, at most 86400: checks still running at 90% of it are stopped and reported broken,"
                    + " the report is written with what finished. Written into the names of the keys the run creates, so other runs"
                    + " know when they are leftovers. Default 900."),
    REFERENCE_LATENCY_MS("CONFORMANCE_REFERENCE_LATENCY_MS", "reference.latencyMs",
            "Latency the embedded reference target adds to every answer, ms: a slow target on loopback (the benchmark uses 300). Default 0."),
    REFERENCE_REVOCATION_MS("CONFORMANCE_REFERENCE_REVOCATION_MS", "reference.revocationDelayMs",
            "How long the embedded reference target keeps serving a deleted or disabled key, ms, like a gateway's auth cache"
                    + " (the benchmark uses 3000). Default 0."),
    STRICT("CONFORMANCE_STRICT", "conformance.strict", "true: SHOULD and MAY failures fail the build too. Default false."),
    REQUIRE_COMPLETE("CONFORMANCE_REQUIRE_COMPLETE", "conformance.requireComplete",
            "true: a run in which a MUST requirement was skipped (a partial verdict) fails too, with its own exit status (4), so a"
                    + " nightly job can demand a complete verdict. Default false."),
    FEATURES("CONFORMANCE_FEATURES", "conformance.features",
            "The optional features the target claims, overriding the profile's list, e.g. tools,json_schema,n,stop,logprobs"
                    + " (also json_object, parallel_tool_calls, reasoning); none: claim nothing. A claimed feature the target declines fails; an unclaimed one it"
                    + " declines with a clean 400 is skipped."),
    CONTEXT_OVERFLOW("CONFORMANCE_CONTEXT_OVERFLOW", "conformance.contextOverflow",
            "false: never send the prompt just beyond the model's context window that CHAT-011 needs (about the window in tokens,"
                    + " plus 5%; refused by a conforming target, so it costs nothing there); CHAT-011 is then skipped. Default true."),
    CONTEXT_LENGTH("CONFORMANCE_CONTEXT_LENGTH", "target.contextLength",
            "The model's context window, tokens, for CHAT-011 where GET models does not give it (context_length, max_model_len)."
                    + " Windows over 262144 tokens are not overflowed: too costly if the target accepts the prompt."),
    REQUIRE_SDKS("CONFORMANCE_REQUIRE_SDKS", "compat.require",
            "SDK rows that must run, e.g. java,node,python,curl: where such a row's runtime is missing, its checks break (and"
                    + " the build fails) instead of being skipped. Default: none, every missing row is skipped, naming what to install."),
    HISTORY_DIR("CONFORMANCE_HISTORY_DIR", "conformance.historyDir",
            "A folder kept between runs (nightly CI caches it): Allure trends, and what newly failed or passed since the previous run.");

    private final String env;
    private final String property;
    private final String description;
    private final boolean secret;

    Setting(String env, String property, String description) {
        this(env, property, description, false);
    }

    Setting(String env, String property, String description, boolean secret) {
        this.env = env;
        this.property = property;
        this.description = description;
        this.secret = secret;
    }

    /** A key: masked everywhere, and never left among the system properties. */
    public boolean secret() {
        return secret;
    }

    public String env() {
        return env;
    }

    public String property() {
        return property;
    }

    public String description() {
        return description;
    }

    /** How error messages name the setting: both spellings, so the user can fix whichever they used. */
    public String label() {
        return env + " (-D" + property + ")";
    }

    /** Secret values taken out of the system properties, so no report that lists properties can show them. */
    private static final Map<String, String> CAPTURED = new ConcurrentHashMap<>();

    /**
     * Moves key-bearing system properties ({@code -Dtarget.apiKey}) into private memory. Test reports list the
     * JVM's system properties; a key must not be one of them by the time they are written.
     */
    public static void captureSecretProperties() {
        for (Setting setting : values()) {
            String value = System.getProperty(setting.property);
            if (setting.secret && value != null) {
                CAPTURED.put(setting.property, value);
                SecretMasker.register(value, setting.maskLabel());
                System.clearProperty(setting.property);
            }
        }
    }

    /** How a value of this setting shows in masked text: [masked revoked-key]. */
    public String maskLabel() {
        return env.substring("CONFORMANCE_".length()).toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** This JVM's system properties as settings see them, captured secrets included. */
    public static Map<String, String> systemProperties() {
        Map<String, String> properties = new HashMap<>();
        System.getProperties().forEach((k, v) -> properties.put(String.valueOf(k), String.valueOf(v)));
        properties.putAll(CAPTURED);
        return properties;
    }

    /** The value: the property if set and not blank, else the environment variable, else null. */
    public String read(Map<String, String> environment, Map<String, String> properties) {
        String value = properties.get(property);
        if (value == null || value.isBlank()) {
            value = environment.get(env);
        }
        return value == null || value.isBlank() ? null : value.strip();
    }
}
