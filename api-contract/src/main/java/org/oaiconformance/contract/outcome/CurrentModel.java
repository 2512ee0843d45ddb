package org.oaiconformance.contract.outcome;

/**
 * The model the running check judges, on the check's own thread: set for each model's invocation of a per-model check
 * ({@link org.oaiconformance.contract.check.PerModel}), absent for checks judged once per target (which use the run's
 * first model).
 */
public final class CurrentModel {
    private static final ThreadLocal<String> MODEL = new ThreadLocal<>();

    private CurrentModel() {
    }

    public static String get() {
        return MODEL.get();
    }

    /** Runs {@code work} judging {@code model}, and forgets it after. */
    public static void during(String model, Runnable work) {
        String before = MODEL.get();
        MODEL.set(model);
        try {
            work.run();
        } finally {
            if (before == null) {
                MODEL.remove();
            } else {
                MODEL.set(before);
            }
        }
    }
}
