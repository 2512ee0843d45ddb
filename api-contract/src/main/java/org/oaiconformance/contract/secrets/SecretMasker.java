package org.oaiconformance.contract.secrets;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that turns text into text fit for an artifact (report, summary, log, exception message).
 *
 * <p>Every secret the suite learns (configured keys, keys it creates, secret-looking header values) is registered
 * with a label. Any run of text made of pieces of a registered secret - the whole key, or a split, truncated or partly
 * echoed one - becomes {@code [masked <label>]}, so a reviewer still sees which key a request carried. Two patterns
 * catch what was never registered: a credential after an auth scheme, and anything shaped like an {@code sk-} key.
 *
 * <p>Cost: secrets are indexed by their {@value #PIECE}-character pieces, so masking is one pass over the text however
 * many secrets a JVM has registered.
 */
public final class SecretMasker {
    /** Shorter values are not masked: they would garble ordinary text and are no real key. */
    public static final int MIN_SECRET_LENGTH = 6;
    /** Secrets of at least twice this length are also masked in pieces of this length. */
    static final int PIECE = 12;

    private static final Map<String, String> SHORT_SECRETS = new ConcurrentHashMap<>();
    private static final Map<String, String> PIECES = new ConcurrentHashMap<>();
    private static final Pattern CREDENTIAL_AFTER_SCHEME = Pattern.compile(
            "(?i)\\b(Bearer|Basic|Token|ApiKey|Api-Key)([ \\t]+)(?!\\[masked)([A-Za-z0-9._~+/\\-]{8,}=*)(?![=\"\\w])");
    private static final Pattern KEY_SHAPED = Pattern.compile("\\bsk-[A-Za-z0-9_\\-]{12,}");

    private SecretMasker() {
    }

    /**
     * Registers a secret; from now on it never appears in masked text, nor does its base64 form (as under Basic, at
     * any position in the encoded text). Null and short values are ignored.
     */
    public static void register(String secret, String label) {
        if (secret == null || secret.strip().length() < MIN_SECRET_LENGTH) {
            return;
        }
        String value = secret.strip();
        registerText(value, label);
        for (String encoded : base64Cores(value)) {
            registerText(encoded, label + " (base64)");
        }
    }

    /**
     * The part of the secret's base64 form that is the same wherever it sits in a longer encoded text: for each of
     * the three byte alignments, the encoded groups that hold only the secret's bytes.
     */
    static List<String> base64Cores(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        List<String> cores = new ArrayList<>();
        for (int pad = 0; pad < 3; pad++) {
            int first = pad == 0 ? 0 : 3 - pad; // first byte of the secret that starts a group of three
            int groups = (bytes.length - first) / 3;
            if (groups * 4 >= MIN_SECRET_LENGTH) {
                cores.add(Base64.getEncoder().encodeToString(Arrays.copyOfRange(bytes, first, first + groups * 3)));
            }
        }
        return cores;
    }

    private static void registerText(String value, String label) {
        if (value.length() < 2 * PIECE) {
            SHORT_SECRETS.putIfAbsent(value, label);
            return;
        }
        for (int i = 0; i + PIECE <= value.length(); i++) {
            PIECES.putIfAbsent(value.substring(i, i + PIECE), label);
        }
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = maskPieces(text);
        for (Map.Entry<String, String> secret : SHORT_SECRETS.entrySet()) {
            if (masked.contains(secret.getKey())) {
                masked = masked.replace(secret.getKey(), "[masked " + secret.getValue() + "]");
            }
        }
        masked = CREDENTIAL_AFTER_SCHEME.matcher(masked)
                .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + "[masked]"));
        return KEY_SHAPED.matcher(masked).replaceAll("[masked sk-key]");
    }

    /**
     * Masked, then on one line: a target's text can never begin a line of its own in a CI log (where GitHub runs
     * {@code ::error::}, {@code ::add-mask::} or {@code ::stop-commands::} lines as commands) nor steer a terminal.
     * Line breaks become {@code \n}, every other control or invisible formatting character a backslash-u escape.
     * For every text that becomes part of a failure, a skip reason or a log line.
     */
    public static String maskLine(String text) {
        return flatten(mask(text));
    }

    /** As {@link #maskLine}, then cut to at most {@code max} characters: masked before it is cut, so no piece of a key survives the cut. */
    public static String maskLine(String text, int max) {
        String line = maskLine(text);
        return line == null || line.length() <= max ? line : line.substring(0, max) + "… (" + line.length() + " chars)";
    }

    /** Control characters (C0, DEL, C1), line and paragraph separators and invisible format characters, as visible escapes. */
    public static String flatten(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int type = Character.getType(c);
            boolean unsafe = type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR;
            if (unsafe && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (!unsafe) {
                    out.append(c);
                } else if (c == '\n') {
                    out.append("\\n");
                } else if (c == '\r') {
                    out.append("\\r");
                } else if (c == '\t') {
                    out.append(' ');
                } else {
                    out.append(String.format("\\u%04x", (int) c));
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /** Replaces every maximal run covered by pieces of registered secrets with the label of its first piece. */
    private static String maskPieces(String text) {
        if (PIECES.isEmpty() || text.length() < PIECE) {
            return text;
        }
        String[] labelAt = null;
        for (int i = 0; i + PIECE <= text.length(); i++) {
            String label = PIECES.get(text.substring(i, i + PIECE));
            if (label != null) {
                if (labelAt == null) {
                    labelAt = new String[text.length()];
                }
                for (int j = i; j < i + PIECE; j++) {
                    labelAt[j] = labelAt[j] == null ? label : labelAt[j];
                }
            }
        }
        if (labelAt == null) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            if (labelAt[i] == null) {
                out.append(text.charAt(i));
            } else if (i == 0 || labelAt[i - 1] == null) {
                out.append("[masked ").append(labelAt[i]).append(']');
            }
        }
        return out.toString();
    }

    /** Words in a header name that mark its value as a credential: x-api-key, x-portkey-api-key, cookie, x-auth-token... */
    private static final Set<String> SECRET_WORDS = Set.of("authorization", "auth", "key", "apikey", "token",
            "secret", "cookie", "password", "passwd", "credential", "credentials", "session", "signature", "bearer");

    /**
     * Whether a header value the user configured is a secret: by the words of its name (split at '-', '_' and '.', so
     * {@code x-portkey-provider} is not one though "portkey" holds "key"), or by its shape (long, token-like, with
     * digits). Ordinary words such as {@code openai} are never registered, so they are never masked in reports.
     */
    public static boolean looksSecret(String headerName, String value) {
        for (String word : headerName.toLowerCase(Locale.ROOT).split("[-_.]+")) {
            if (SECRET_WORDS.contains(word)) {
                return true;
            }
        }
        return value.length() >= 20 && value.matches("[A-Za-z0-9_\\-.~+/=]+") && value.matches(".*\\d.*");
    }
}
