package org.oaiconformance.compat.sdk;

import org.testng.SkipException;

import java.util.Map;

/** A row whose runtime is not installed: every check of it is skipped, naming what to install. */
public final class MissingRuntime implements SdkDriver {
    static final MissingRuntime CURL = new MissingRuntime("curl", "install curl (Debian: apt-get install curl)");

    static MissingRuntime of(String name, String remedy) {
        return new MissingRuntime(name, remedy);
    }

    private final String name;
    private final String remedy;

    private MissingRuntime(String name, String remedy) {
        this.name = name;
        this.remedy = remedy;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String version() {
        return "not installed";
    }

    @Override
    public String toString() {
        return name + " (not installed)";
    }

    private SkipException skip() {
        return new SkipException(name + " is not installed on this machine: " + remedy);
    }

    @Override
    public SdkAnswer complete(String apiKey, String model, Map<String, String> headers, int retries) {
        throw skip();
    }

    @Override
    public SdkAnswer stream(String apiKey, String model) {
        throw skip();
    }

    @Override
    public String errorClassFor(int status) {
        throw skip();
    }
}
