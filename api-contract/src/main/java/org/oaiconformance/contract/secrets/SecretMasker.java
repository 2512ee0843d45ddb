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
        for (String secret : longestFirst) {
            masked = maskFragments(masked, secret, SECRETS.get(secret));
        }
        masked = CREDENTIAL_AFTER_SCHEME.matcher(masked)
                .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + "[masked]"));
        return KEY_SHAPED.matcher(masked).replaceAll("[masked sk-key]");
    }

    /**
     * Masks pieces of a secret that are long enough to matter: a split, truncated or partly echoed key. A piece is any
     * run of at least a third of the secret (and at least 8 characters) found in the text.
     */
    private static String maskFragments(String text, String secret, String label) {
        int k = Math.max(8, secret.length() / 3);
        if (secret.length() < 16 || text.length() < k) {
            return text;
        }
        java.util.Set<String> grams = new java.util.HashSet<>();
        for (int i = 0; i + k <= secret.length(); i++) {
            grams.add(secret.substring(i, i + k));
        }
        boolean[] hit = new boolean[text.length()];
        boolean any = false;
        for (int i = 0; i + k <= text.length(); i++) {
            if (grams.contains(text.substring(i, i + k))) {
                java.util.Arrays.fill(hit, i, i + k, true);
                any = true;
            }
        }
        if (!any) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            if (!hit[i]) {
                out.append(text.charAt(i));
            } else if (i == 0 || !hit[i - 1]) {
                out.append("[masked part of ").append(label).append(']');
            }
        }
        return out.toString();
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
