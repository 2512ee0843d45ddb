package org.oaiconformance.contract.settings;

import org.oaiconformance.contract.secrets.SecretMasker;

/**
 * What a key and a header value must be before the suite sends them. The JDK refuses a header value with a line
 * break or a control character and prints it whole in its exception; a pasted key often carries one (a trailing
 * newline inside quotes, a zero-width space). Each problem is one line naming the setting and where the character
 * sits, never the value.
 */
final class Secrets {

    private Secrets() {
    }

    /** A key is visible ASCII without spaces (every key format we know of), and long enough to be masked. */
    static void requireUsableKey(String key, Setting setting) {
        String problem = firstBadCharacter(key, false);
        if (problem != null) {
            throw new SettingsError(setting, "the key " + problem + "; keys are printable ASCII without spaces (was it pasted with"
                    + " a stray character?)");
        }
        if (key.length() < SecretMasker.MIN_SECRET_LENGTH) {
            throw new SettingsError(setting, "the key is " + key.length() + " characters long; keys shorter than "
                    + SecretMasker.MIN_SECRET_LENGTH + " cannot be told apart from ordinary text, so the suite could not mask them");
        }
    }

    /** A header value is printable ASCII; spaces and tabs inside are allowed. */
    static void requireUsableHeaderValue(String name, String value, Setting setting) {
        String problem = firstBadCharacter(value, true);
        if (problem != null) {
            throw new SettingsError(setting, "the value of header " + name + " " + problem + "; header values are printable ASCII");
        }
    }

    /** Where the first character that cannot go in a header sits, described without the value; null if none. */
    private static String firstBadCharacter(String value, boolean spacesAllowed) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = c > 0x20 && c < 0x7f || spacesAllowed && (c == ' ' || c == '\t');
            if (!ok) {
                String what = c == '\n' || c == '\r' ? "a line break" : c < 0x20 || c == 0x7f ? "a control character"
                        : c == ' ' || c == '\t' ? "a space" : "a non-ASCII character";
                return String.format("holds %s (U+%04X) at character %d of %d", what, (int) c, i + 1, value.length());
            }
        }
        return null;
    }
}
