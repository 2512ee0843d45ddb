package org.oaiconformance.contract.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.oaiconformance.contract.sse.SseEvent;
import org.oaiconformance.contract.sse.SseParser;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a run cost, counted from the requests themselves: every request, every billable one (a chat completion the
 * target answered with 2xx, so a model ran) and the tokens the target's {@code usage} reported.
 */
public final class RunMetrics {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong REQUESTS = new AtomicLong();
    private static final AtomicLong REQUEST_MILLIS = new AtomicLong();
    private static final AtomicLong BILLABLE_CALLS = new AtomicLong();
    private static final AtomicLong PROMPT_TOKENS = new AtomicLong();
    private static final AtomicLong COMPLETION_TOKENS = new AtomicLong();

    private RunMetrics() {
    }

    private static final java.util.Map<String, Double> MEASUREMENTS = new java.util.concurrent.ConcurrentSkipListMap<>();

    /**
     * A snapshot for the outcome file.
     *
     * @param measurements named figures a check measured, e.g. "KEY-002 seconds from delete to refusal"
     */
    public record Snapshot(long requests, long requestMillis, long billableCalls, long promptTokens, long completionTokens,
                           java.util.Map<String, Double> measurements) {
        public Snapshot {
            measurements = measurements == null ? java.util.Map.of() : java.util.Map.copyOf(measurements);
        }
    }

    private static final java.util.Map<String, String> SDK_VERSIONS = new java.util.concurrent.ConcurrentSkipListMap<>();

    /** Records the version of an SDK a check drove, for the summary and the report's environment. */
    public static void sdkVersion(String sdk, String version) {
        SDK_VERSIONS.put(sdk, version);
    }

    public static java.util.Map<String, String> sdkVersions() {
        return java.util.Map.copyOf(SDK_VERSIONS);
    }

    /** Records a figure for the summary and the report, e.g. seconds until a deleted key was refused. */
    public static void measure(String name, double value) {
        MEASUREMENTS.put(name, value);
    }

    public static void record(String method, String uri, int status, String body, long millis) {
        REQUESTS.incrementAndGet();
        REQUEST_MILLIS.addAndGet(millis);
        if (!method.equals("POST") || !uri.contains("/chat/completions") || status / 100 != 2) {
            return;
        }
        BILLABLE_CALLS.incrementAndGet();
        JsonNode usage = usageOf(body);
        if (usage != null) {
            PROMPT_TOKENS.addAndGet(usage.path("prompt_tokens").asLong(0));
            COMPLETION_TOKENS.addAndGet(usage.path("completion_tokens").asLong(0));
        }
    }

    /** Tokens a client other than the suite's own (an SDK) read from usage. */
    public static void recordTokens(long prompt, long completion) {
        PROMPT_TOKENS.addAndGet(prompt);
        COMPLETION_TOKENS.addAndGet(completion);
    }

    public static Snapshot snapshot() {
        return new Snapshot(REQUESTS.get(), REQUEST_MILLIS.get(), BILLABLE_CALLS.get(), PROMPT_TOKENS.get(), COMPLETION_TOKENS.get(),
                java.util.Map.copyOf(MEASUREMENTS));
    }

    /** usage of a JSON completion, or of the last stream chunk that has one; null when the target sent none. */
    private static JsonNode usageOf(String body) {
        try {
            String trimmed = body.stripLeading();
            if (trimmed.startsWith("{")) {
                JsonNode usage = JSON.readTree(trimmed).get("usage");
                return usage != null && usage.isObject() ? usage : null;
            }
            JsonNode last = null;
            for (SseEvent event : SseParser.parseAll(body)) {
                if (event.data().startsWith("{")) {
                    JsonNode usage = JSON.readTree(event.data()).get("usage");
                    last = usage != null && usage.isObject() ? usage : last;
                }
            }
            return last;
        } catch (Exception unreadable) {
            return null; // metering never fails a check; the checks judge the body
        }
    }
}
