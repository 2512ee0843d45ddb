package org.oaiconformance.contract.outcome;

/** The target gave nothing to judge (no answer, a reset, cut off by the run's deadline): the check is broken. */
public final class CouldNotJudge extends RuntimeException implements Failure.Carrier {
    private final transient Failure failure;

    public CouldNotJudge(String requirement, String text) {
        super("[" + requirement + "] cannot judge: " + text);
        this.failure = new Failure(requirement, Status.BROKEN, "cannot judge: " + text);
    }

    /** Broken, for the requirement of the check running on this thread. */
    public static CouldNotJudge of(String text) {
        return new CouldNotJudge(RunningCheck.requirement(), text);
    }

    @Override
    public Failure failure() {
        return failure;
    }
}
