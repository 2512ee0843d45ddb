package org.oaiconformance.contract.http;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Runs an action once a deadline passes (aborting an exchange, closing a stream), on one daemon thread. */
public final class Watchdog {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "conformance-watchdog");
        t.setDaemon(true); // never keeps a test JVM alive
        return t;
    });

    private Watchdog() {
    }

    /** Runs {@code action} after {@code millis}, unless the returned future is cancelled first. */
    public static ScheduledFuture<?> after(long millis, Runnable action) {
        return TIMER.schedule(action, millis, TimeUnit.MILLISECONDS);
    }
}
