package org.oaiconformance.contract.http;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The longest time one answer left its connection silent: from sending the request to the answer's head, and between
 * any two reads of its body. Proxies cut connections that stay silent for 60 to 100 s (load balancers and nginx by
 * default after 60 s, Cloudflare after 100 s), so a stream that conforms here can still break behind one; SSE comments
 * ({@code : OPENROUTER PROCESSING}) are how servers keep such a stream alive.
 * <p>
 * REST Assured reads a body on the thread that sent the request, so the figure is handed to the
 * {@link ExchangeRecorder} through that thread.
 */
final class LongestSilence {
    private static final ThreadLocal<Long> LAST = new ThreadLocal<>();
    /** Beyond this, the observation warns: half the shortest common proxy idle timeout. */
    static final long WARN_AT_MS = 30_000;

    private long lastNanos;
    private long longestNanos;

    LongestSilence(long startNanos) {
        this.lastNanos = startNanos;
        LAST.remove(); // a figure left by an exchange that never finished reading is not this one's
    }

    /** Bytes (the head, or a piece of the body) arrived now. */
    void arrived() {
        long now = System.nanoTime();
        longestNanos = Math.max(longestNanos, now - lastNanos);
        lastNanos = now;
    }

    /** The answer was read to its end (or closed): its figure is now the thread's last. */
    void publish() {
        LAST.set(TimeUnit.NANOSECONDS.toMillis(longestNanos));
    }

    /** The longest silence of the answer this thread read last, once; empty when none was read to its end. */
    static OptionalLong takeLast() {
        Long millis = LAST.get();
        LAST.remove();
        return millis == null ? OptionalLong.empty() : OptionalLong.of(millis);
    }

    /** The observation a stream's figure becomes: "longest silence in the stream 0.8 s". */
    static String describe(long millis) {
        String figure = String.format(Locale.ROOT, "longest silence in the stream %.1f s", millis / 1000.0);
        return millis < WARN_AT_MS ? figure : figure + " — proxies that cut connections idle for 60 s (load balancers, nginx)"
                + " would cut this stream; SSE comments sent while waiting keep it alive";
    }
}
