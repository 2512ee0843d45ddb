package org.oaiconformance.contract.run;

import org.oaiconformance.contract.outcome.CheckOutcome;

import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A sign of life on a long run: every 10 s, one line saying how many of the catalogue's requirements have an outcome
 * so far and how long the checks have taken ("[conformance] progress: 42/109 requirements judged, 23 s"). Nothing is
 * printed by a run shorter than that.
 */
final class Progress implements AutoCloseable {
    private static final long EVERY_SECONDS = 10;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "oai-conformance-progress");
        thread.setDaemon(true);
        return thread;
    });

    Progress(Supplier<Collection<CheckOutcome>> outcomes, int requirements) {
        long start = System.nanoTime();
        timer.scheduleAtFixedRate(() -> System.out.println("[conformance] progress: " + judged(outcomes.get()) + "/" + requirements
                + " requirements judged, " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) + " s"),
                EVERY_SECONDS, EVERY_SECONDS, TimeUnit.SECONDS);
    }

    private static long judged(Collection<CheckOutcome> outcomes) {
        return outcomes.stream().flatMap(o -> o.requirements().stream()).distinct().count();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
