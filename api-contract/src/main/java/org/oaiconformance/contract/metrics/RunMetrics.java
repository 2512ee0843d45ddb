package org.oaiconformance.contract.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.oaiconformance.contract.json.Json;
import org.oaiconformance.contract.outcome.CurrentModel;
import org.oaiconformance.contract.sse.SseEvent;
import org.oaiconformance.contract.sse.SseParser;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a run cost, counted from the requests themselves: every request, every billable one (a chat completion the
 * target answered with 2xx, so a model ran) and the tokens the target's {@code usage} reported. One instance per run,
 * held by the run's {@link org.oaiconformance.contract.http.Courtesy} layer that every request passes through, so
 * two runs in one JVM (the proofs) count apart.
 */
public final class RunMetrics {
    private static final ObjectMapper JSON = Json.MAPPER;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong requestMillis = new AtomicLong();
    private final AtomicLong billableCalls = new AtomicLong();
    private final Map<String, AtomicLong> billableByModel = new ConcurrentHashMap<>();
    private final AtomicLong promptTokens = new AtomicLong();
    private final AtomicLong completionTokens = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong rateLimitWaitMillis = new AtomicLong();
    /** Chain → the latency of its requests, one after another: a check, or an SDK process that serves one call at a time. */
    private final Map<String, AtomicLong> chains = new ConcurrentHashMap<>();
    private final Map<String, Double> measurements = new ConcurrentSkipListMap<>();
    private final Map<String, String> sdkVersions = new ConcurrentSkipListMap<>();

    /**
     * A snapshot for the outcome file.
     *
     * @param requestMillis   the sum of every request's latency, from sending it to reading the end of its answer
     * @param measurements    named figures a check measured, e.g. "KEY-002 seconds from delete to refusal"
     * @param criticalPathMs  the longest chain of requests that had to run one after another (see {@link #latency})
     * @param criticalChain   which chain that was
     * @param rateLimited     429 answers the suite waited out and retried
     * @param rateLimitWaitMs how long it waited for them, as the target's Retry-After asked
     * @param billableByModel model → the billable calls its per-model checks made (what one more model costs)
     * @param keysLeftBehind  keys the run obtained and could not delete, each with its label and how to delete it by hand
     */
    public record Snapshot(long requests, long requestMillis, long billableCalls, long promptTokens, long completionTokens,
                           Map<String, Double> measurements, long criticalPathMs, String criticalChain,
                           long rateLimited, long rateLimitWaitMs, Map<String, Long> billableByModel,
                           List<String> keysLeftBehind) {
        public Snapshot {
            measurements = measurements == null ? Map.of() : Map.copyOf(measurements);
            billableByModel = billableByModel == null ? Map.of() : Map.copyOf(billableByModel);
            keysLeftBehind = keysLeftBehind == null ? List.of() : List.copyOf(keysLeftBehind);
        }

        public static final Snapshot EMPTY = new Snapshot(0, 0, 0, 0, 0, null, 0, null, 0, 0, null, null);

        /** Two JVMs' figures as one run's: counts add up, the critical path is the longer of the two. */
        public Snapshot plus(Snapshot other) {
            Map<String, Double> all = new TreeMap<>(measurements);
            other.measurements.forEach((name, value) -> all.merge(name, value,
                    name.equals(LONGEST_STREAM_SILENCE) ? Math::max : (earlier, later) -> later));
            boolean mine = criticalPathMs >= other.criticalPathMs;
            Map<String, Long> byModel = new TreeMap<>(billableByModel);
            other.billableByModel.forEach((model, calls) -> byModel.merge(model, calls, Long::sum));
            return new Snapshot(requests + other.requests, requestMillis + other.requestMillis, billableCalls + other.billableCalls,
                    promptTokens + other.promptTokens, completionTokens + other.completionTokens, all,
                    mine ? criticalPathMs : other.criticalPathMs, mine ? criticalChain : other.criticalChain,
                    rateLimited + other.rateLimited, rateLimitWaitMs + other.rateLimitWaitMs, byModel,
                    Stream.concat(keysLeftBehind.stream(), other.keysLeftBehind.stream()).distinct().toList());
        }
    }

    private final List<String> keysLeftBehind = new CopyOnWriteArrayList<>();

    /**
     * Records a key the run obtained and cannot delete (an OAuth key it could not find safely in the key list): the
     * console and the summary name it, never silently leave it on the account.
     */
    public void keyLeftBehind(String description) {
        keysLeftBehind.add(description);
    }

    /** Records the version of an SDK a check drove, for the summary and the report's environment. */
    public void sdkVersion(String sdk, String version) {
        sdkVersions.put(sdk, version);
    }

    public Map<String, String> sdkVersions() {
        return Map.copyOf(sdkVersions);
    }

    /** Records a figure for the summary and the report, e.g. seconds until a deleted key was refused. */
    public void measure(String name, double value) {
        measurements.put(name, value);
    }

    /** The name of the run's longest silence within one stream, in seconds, among the measurements. */
    public static final String LONGEST_STREAM_SILENCE = "longest silence within a stream, seconds";

    /** A stream's longest silence (see the http package's LongestSilence); the run keeps the longest. */
    public void streamSilence(long millis) {
        measurements.merge(LONGEST_STREAM_SILENCE, millis / 1000.0, Math::max);
    }

    /** The routes that run a model: chat completions, responses (not GET responses/{id}), embeddings. */
    private static final Pattern BILLABLE = Pattern.compile("/(chat/completions|responses|embeddings)/?(\\?.*)?$");

    /** Counts one request and, for a chat completion, response or embeddings the target served, one billable call and its tokens. */
    public void record(String method, String uri, int status, String body) {
        requests.incrementAndGet();
        if (!method.equals("POST") || !BILLABLE.matcher(uri).find() || status / 100 != 2) {
            return;
        }
        billableCalls.incrementAndGet();
        String model = CurrentModel.get();
        if (model != null) { // a per-model check's call: what that model costs the run
            billableByModel.computeIfAbsent(model, k -> new AtomicLong()).incrementAndGet();
        }
        JsonNode usage = usageOf(body);
        if (usage != null) {
            promptTokens.addAndGet(usage.path("prompt_tokens").asLong(usage.path("input_tokens").asLong(0))); // Responses names them so
            completionTokens.addAndGet(usage.path("completion_tokens").asLong(usage.path("output_tokens").asLong(0)));
        }
    }

    /** Tokens a client other than the suite's own (an SDK) read from usage. */
    public void recordTokens(long prompt, long completion) {
        promptTokens.addAndGet(prompt);
        completionTokens.addAndGet(completion);
    }

    /**
     * One request's latency (waiting for a courtesy permit excluded), added to the chain of the check that sent it:
     * a check's requests run one after another, so the longest chain bounds how fast any schedule can run the checks.
     */
    public void latency(long millis) {
        latency(millis, null);
    }

    /** As above, also adding it to a chain of its own: an SDK process that serves one call at a time. */
    public void latency(long millis, String sharedChain) {
        requestMillis.addAndGet(millis);
        chains.computeIfAbsent(CheckNames.current(), k -> new AtomicLong()).addAndGet(millis);
        if (sharedChain != null) {
            chains.computeIfAbsent(sharedChain, k -> new AtomicLong()).addAndGet(millis);
        }
    }

    /** A deliberate wait inside a check (polling a revoked key until it is refused): part of the check's chain. */
    public void waited(long millis) {
        chains.computeIfAbsent(CheckNames.current(), k -> new AtomicLong()).addAndGet(millis);
    }

    /** What the current check's chain adds up to so far. */
    public long currentChainMillis() {
        AtomicLong chain = chains.get(CheckNames.current());
        return chain == null ? 0 : chain.get();
    }

    /** A 429 the suite waited out before asking again; the retry is a request of its own. */
    public void rateLimited(long waitMillis) {
        this.rateLimited.incrementAndGet();
        rateLimitWaitMillis.addAndGet(waitMillis);
        requests.incrementAndGet();
    }

    public Snapshot snapshot() {
        var longest = chains.entrySet().stream().max(Map.Entry.comparingByValue(Comparator.comparingLong(AtomicLong::get)));
        return new Snapshot(requests.get(), requestMillis.get(), billableCalls.get(), promptTokens.get(), completionTokens.get(),
                Map.copyOf(measurements), longest.map(e -> e.getValue().get()).orElse(0L), longest.map(Map.Entry::getKey).orElse(null),
                rateLimited.get(), rateLimitWaitMillis.get(), billableByModel.entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get())),
                List.copyOf(keysLeftBehind));
    }

    /** usage of an answer or chunk, or of the response a Responses event carries; null when there is none. */
    private static JsonNode usageIn(JsonNode json) {
        JsonNode usage = json.has("usage") ? json.get("usage") : json.path("response").get("usage");
        return usage != null && usage.isObject() ? usage : null;
    }

    /** usage of a JSON completion, or of the last stream chunk that has one; null when the target sent none. */
    private static JsonNode usageOf(String body) {
        try {
            String trimmed = body.stripLeading();
            if (trimmed.startsWith("{")) {
                return usageIn(JSON.readTree(trimmed));
            }
            JsonNode last = null;
            for (SseEvent event : SseParser.parseAll(body)) {
                if (event.data().startsWith("{")) {
                    JsonNode usage = usageIn(JSON.readTree(event.data()));
                    last = usage != null ? usage : last;
                }
            }
            return last;
        } catch (Exception unreadable) {
            return null; // metering never fails a check; the checks judge the body
        }
    }
}
