package org.oaiconformance.contract.settings;

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

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // the message is the whole story
    }
}
