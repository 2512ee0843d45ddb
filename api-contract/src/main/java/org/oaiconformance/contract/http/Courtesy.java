package org.oaiconformance.contract.http;

import org.oaiconformance.contract.metrics.RunMetrics;
import org.oaiconformance.contract.metrics.Timings;

import java.io.UncheckedIOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * How hard this JVM may press on the target: at most {@code maxInFlight} requests at once, at most {@code maxPerSecond}
 * started per second (0: no limit), and none at all while the target has asked for a pause with a 429 and
 * {@code Retry-After}. Every request the suite sends — its own and the SDKs' — takes a permit here first, so this is
 * also where the run's {@link RunMetrics} are kept: one per run, nothing shared between runs in one JVM.
 */
public final class Courtesy {
    private final int maxInFlight;
    private final double maxPerSecond;
    private final Semaphore inFlight;
    private long nextStartNanos = System.nanoTime();
    private long pausedUntilNanos = System.nanoTime();
    private volatile String stopped;
    private final Set<Runnable> inFlightAborts = ConcurrentHashMap.newKeySet();
    private final RunMetrics metrics = new RunMetrics();

    public Courtesy(int maxInFlight, double maxPerSecond) {
        if (maxInFlight < 1 || maxPerSecond < 0) {
            throw new IllegalArgumentException("limits must be positive: " + maxInFlight + " in flight, " + maxPerSecond + "/s");
        }
        this.maxInFlight = maxInFlight;
        this.maxPerSecond = maxPerSecond;
        this.inFlight = new Semaphore(maxInFlight, true);
    }

    /** No limit worth the name, for clients built without settings (the project's own tests). */
    public static Courtesy unlimited() {
        return new Courtesy(1024, 0);
    }

    /** What this run's requests cost and how long they took. */
    public RunMetrics metrics() {
        return metrics;
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    public double maxPerSecond() {
        return maxPerSecond;
    }

    /**
     * Sends nothing more: every later request fails at once with {@code reason}, and those in flight are aborted.
     * The run's deadline does this, so every check still running ends quickly, broken with that reason.
     */
    public void stop(String reason) {
        stopped = reason;
        inFlightAborts.forEach(Runnable::run);
    }

    /** Why requests stopped, or null while they may be sent. */
    public String stoppedReason() {
        return stopped;
    }

    /**
     * Waits for a permit to send one request; the caller must {@link Permit#close()} it when the answer is read. In a
     * call run {@link #alone}, the request takes every permit, so it is the only one in flight.
     */
    public Permit acquire() {
        refuseIfStopped();
        int permits = ALONE.get() == this ? maxInFlight : 1;
        long waiting = System.nanoTime();
        try {
            inFlight.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to send a request", e);
        }
        try {
            sleepNanos(reserveStart());
            refuseIfStopped(); // stopped while it waited: the permit goes back, or clean-up could wait forever
        } catch (RuntimeException e) {
            inFlight.release(permits);
            throw e;
        }
        Timings.add("waiting for a courtesy permit (summed over checks)",
                (System.nanoTime() - waiting) / 1_000_000);
        return new Permit(permits);
    }

    private static final ThreadLocal<Courtesy> ALONE = new ThreadLocal<>();

    /**
     * Runs {@code call} so that each request it sends (its own and an SDK's, all from this thread) waits until nothing
     * else of this run is in flight and holds back every other until it is answered: for asking again, alone, what a
     * target may have broken because of the suite's own concurrency. Each request takes every permit where it would
     * have taken one, so it waits holding no more locks than any request does.
     */
    public <T> T alone(Supplier<T> call) {
        Courtesy outer = ALONE.get();
        ALONE.set(this);
        try {
            return call.get();
        } finally {
            if (outer == null) {
                ALONE.remove();
            } else {
                ALONE.set(outer);
            }
        }
    }

    private static final ThreadLocal<Boolean> CLEANUP = ThreadLocal.withInitial(() -> false);

    /** Runs clean-up (deleting the run's keys) whose requests must go out even after the run was stopped. */
    public static <T> T evenWhenStopped(Supplier<T> cleanup) {
        boolean outer = CLEANUP.get();
        CLEANUP.set(true);
        try {
            return cleanup.get();
        } finally {
            CLEANUP.set(outer);
        }
    }

    private void refuseIfStopped() {
        if (stopped != null && !CLEANUP.get()) {
            throw new UncheckedIOException(new TargetUnavailable("not sent: " + stopped));
        }
    }

    /**
     * Runs one call of a client the suite does not build itself (an SDK, curl) under a permit, and meters its
     * latency; {@code sharedChain} names a client that serves one call at a time (an SDK process), or is null.
     */
    public <T> T during(Supplier<T> call, String sharedChain) {
        return during(call, sharedChain, null);
    }

    /** As above; {@code abort} (or null) cuts the call short if the run is stopped while it is in flight. */
    public <T> T during(Supplier<T> call, String sharedChain, Runnable abort) {
        try (Permit permit = acquire()) {
            if (abort != null) {
                permit.abortWith(abort);
            }
            long start = System.nanoTime();
            try {
                return call.get();
            } finally {
                metrics.latency(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), sharedChain);
            }
        }
    }

    /** The target said "not before": nobody in this JVM sends until then. */
    public synchronized void pauseFor(long millis) {
        pausedUntilNanos = Math.max(pausedUntilNanos, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis));
    }

    /** Books the next start slot and returns how long to wait for it. */
    private synchronized long reserveStart() {
        long now = System.nanoTime();
        long start = Math.max(now, pausedUntilNanos);
        if (maxPerSecond > 0) {
            start = Math.max(start, nextStartNanos);
            nextStartNanos = start + (long) (1e9 / maxPerSecond);
        }
        return start - now;
    }

    private static void sleepNanos(long nanos) {
        if (nanos <= 0) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to send a request", e);
        }
    }

    /** One request's right to be in flight; closing it twice is harmless. */
    public final class Permit implements AutoCloseable {
        private boolean closed;
        private final int permits;
        private Runnable abort;
        /** A clean-up request (deleting the run's keys) is never aborted by the run's stop. */
        private final boolean cleanup = CLEANUP.get();

        private Permit(int permits) {
            this.permits = permits;
        }

        /** How to abort this request if the run is stopped while it is in flight. */
        public synchronized void abortWith(Runnable abort) {
            if (cleanup) {
                return;
            }
            this.abort = abort;
            inFlightAborts.add(abort);
            if (stopped != null) {
                abort.run();
            }
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                if (abort != null) {
                    inFlightAborts.remove(abort);
                }
                inFlight.release(permits);
            }
        }
    }
}
