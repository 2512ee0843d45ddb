package org.oaiconformance.compat.sdk;

import org.oaiconformance.contract.outcome.SdkRow;

import java.util.Map;

/**
 * One official SDK, pointed at the target the way the gateways' guides show (base URL + API key). The Java SDK runs
 * in process; SDKs of other runtimes plug in here as one long-lived process each.
 */
public interface SdkDriver extends SdkRow {

    /** The row of the SDK × check matrix, as each driver names itself: "openai-node 6.30.1", "openai-node (not installed)". */
    @Override
    default String row() {
        return toString();
    }

    String name();

    String version();

    /** A non-stream completion; {@code retries} as the SDK would make them (0 to see a failure at once). */
    SdkAnswer complete(String apiKey, String model, Map<String, String> headers, int retries);

    /** A streamed completion, read to its end within the suite's request deadline. */
    SdkAnswer stream(String apiKey, String model, Map<String, String> headers);

    /**
     * An optional feature through the SDK's own helper for it ({@link FeatureCall}); {@code body} is the raw request
     * the suite's raw checks send, which each row turns into its SDK's call.
     */
    SdkAnswer feature(FeatureCall call, String apiKey, String body, Map<String, String> headers);

    /** Whether the SDK has OpenAI's Responses API: openai 0.28 predates it, so its Responses cells are n/a, not skipped. */
    default boolean hasResponsesApi() {
        return !name().equals(ProcessSdkDriver.PYTHON_LEGACY.name());
    }

    /** The SDK's name for the error it raises on this HTTP status (e.g. 401 → UnauthorizedException). */
    String errorClassFor(int status);
}
