package org.oaiconformance.compat.sdk;

import org.testng.SkipException;

import java.util.List;
import java.util.Map;

/** A row whose runtime is not installed: every check of it is skipped, naming what to install. */
public final class MissingRuntime implements SdkDriver {
    static final MissingRuntime CURL = new MissingRuntime("curl", "install curl (Debian: apt-get install curl)", List.of());

    static MissingRuntime of(String name, String remedy) {
        return new MissingRuntime(name, remedy, List.of());
    }

    private final String name;
    private final String remedy;
    /** The rows {@code CONFORMANCE_REQUIRE_SDKS} demands (java, node, python, curl). */
    private final List<String> demanded;

    private MissingRuntime(String name, String remedy, List<String> demanded) {
        this.name = name;
        this.remedy = remedy;
        this.demanded = List.copyOf(demanded);
    }

    /** This row, knowing which rows the run demands: a demanded row that cannot run breaks instead of being skipped. */
    MissingRuntime demandedBy(List<String> rows) {
        return new MissingRuntime(name, remedy, rows);
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

    /**
     * Skipped, naming what to install; unless {@code CONFORMANCE_REQUIRE_SDKS} demands the row (java, node, python, curl),
     * and then the check breaks: a required row that cannot run is not a pass.
     */
    private RuntimeException skip() {
        String message = name + " is not installed on this machine: " + remedy;
        return required() ? new IllegalStateException(message + " (demanded by CONFORMANCE_REQUIRE_SDKS)") : new SkipException(message);
    }

    private boolean required() {
        String row = name;
        for (String runtime : demanded) {
            if (row.equals(runtime) || row.equals("openai-" + runtime) || row.startsWith("openai-" + runtime + "-")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public SdkAnswer complete(String apiKey, String model, Map<String, String> headers, int retries) {
        throw skip();
    }

    @Override
    public SdkAnswer stream(String apiKey, String model, Map<String, String> headers) {
        throw skip();
    }

    @Override
    public SdkAnswer feature(FeatureCall call, String apiKey, String body, Map<String, String> headers) {
        throw skip();
    }

    @Override
    public String errorClassFor(int status) {
        throw skip();
    }
}
