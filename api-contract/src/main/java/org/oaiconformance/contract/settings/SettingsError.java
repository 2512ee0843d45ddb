package org.oaiconformance.contract.settings;

import org.oaiconformance.contract.secrets.SecretMasker;

/**
 * A setting the run cannot work with. The message is complete on its own - it names the setting and says how to
 * fix it - so it is shown without a stack trace.
 */
public final class SettingsError extends RuntimeException {

    public SettingsError(Setting setting, String problem) {
        super(setting.label() + ": " + problem);
    }

    public SettingsError(String message) {
        super(message);
    }

    /**
     * A value the user gave, fit to quote in an error: quoted only when it is short and plainly not a secret (a number,
     * a word, a path); anything else is named by its length, never shown — it may be a key pasted into the wrong place.
     */
    public static String quote(String raw) {
        if (raw == null) {
            return "no value";
        }
        String value = raw.strip();
        boolean number = value.matches("[0-9.,+ -]{1,20}");
        boolean word = value.matches("[A-Za-z][A-Za-z_-]{0,39}");
        boolean path = value.length() <= 200 && value.matches("[A-Za-z0-9._/~ -]+") && value.contains("/")
                && SecretMasker.mask(value).equals(value);
        return number || word || path ? "'" + value + "'" : "the value given (" + raw.length() + " characters, not shown)";
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // the message is the whole story
    }
}
