package org.oaiconformance.contract.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where one check JVM's time went, for scripts/benchmark (docs/performance.md): first uses (the first request pays
 * for REST Assured's, Jackson's and the HTTP client's warm-up), SDK runtimes' start and first call, and time summed
 * over checks waiting for a courtesy permit or polling a revoked key. Milliseconds; written into the module's outcome
 * file, never into the conformance summary.
 */
public final class Timings {
    private static final Map<String, AtomicLong> TOTALS = new ConcurrentHashMap<>();
    private static final Map<String, Long> FIRSTS = new ConcurrentHashMap<>();

    private Timings() {
    }

    /** The first time something happened in this JVM (later ones are not kept). */
    public static void first(String what, long millis) {
        FIRSTS.putIfAbsent(what, millis);
    }

    /** Time summed over every occurrence, overlapping ones included. */
    public static void add(String what, long millis) {
        TOTALS.computeIfAbsent(what, k -> new AtomicLong()).addAndGet(millis);
    }

    public static Map<String, Long> snapshot() {
        Map<String, Long> all = new TreeMap<>(FIRSTS);
        TOTALS.forEach((what, total) -> all.put(what, total.get()));
        return all;
    }
}
