package org.oaiconformance.contract.secrets;

import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that turns text into text fit for an artifact (report, summary, log, exception message).
 *
 * <p>Every secret the suite learns (configured keys, keys it creates, secret-looking header values) is registered
 * with a label and replaced by {@code [masked <label>]}: a reviewer still sees which key a request carried. Two
 * patterns catch what was never registered: any credential after an auth scheme, and anything shaped like an
 * {@code sk-} key.
 */
public final class SecretMasker {
    /** Shorter values are not masked: they would garble ordinary text and are no real key. */
    public static final int MIN_SECRET_LENGTH = 6;

    private static final Map<String, String> SECRETS = new ConcurrentHashMap<>();
    /** A token68-shaped credential of 8+ characters after a scheme; auth-params such as realm="x" are left alone. */
    private static final Pattern CREDENTIAL_AFTER_SCHEME = Pattern.compile(
            "(?i)\\b(Bearer|Basic|Token|ApiKey|Api-Key)([ \\t]+)(?!\\[masked)([A-Za-z0-9._~+/\\-]{8,}=*)(?![=\"\\w])");
    private static final Pattern KEY_SHAPED = Pattern.compile("\\bsk-[A-Za-z0-9_\\-]{12,}");

    private SecretMasker() {
    }

    /** Registers a secret; from now on it never appears in masked text. Null and short values are ignored. */
    public static void register(String secret, String label) {
        if (secret != null && secret.strip().length() >= MIN_SECRET_LENGTH) {
            SECRETS.putIfAbsent(secret.strip(), label);
        }
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        var longestFirst = SECRETS.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String secret : longestFirst) {
            if (masked.contains(secret)) {
                masked = masked.replace(secret, "[masked " + SECRETS.get(secret) + "]");
            }
        }
        masked = CREDENTIAL_AFTER_SCHEME.matcher(masked)
                .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + "[masked]"));
        return KEY_SHAPED.matcher(masked).replaceAll("[masked sk-key]");
    }

    /** Heuristic for header values given by the user: long, token-like values are treated as secrets. */
    public static boolean looksSecret(String headerName, String value) {
        String name = headerName.toLowerCase(java.util.Locale.ROOT);
        if (name.contains("key") || name.contains("token") || name.contains("secret") || name.contains("auth")
                || name.contains("cookie") || name.contains("password")) {
            return true;
        }
        return value.length() >= 20 && value.matches("[A-Za-z0-9_\\-.~+/=]+") && value.matches(".*\\d.*");
    }
}
