package org.oaiconformance.contract.outcome;

/** The target gave nothing to judge (no answer, a reset, cut off by the run's deadline): the check is broken. */
public final class CouldNotJudge extends RuntimeException implements Failure.Carrier {
    private final transient Failure failure;

    public CouldNotJudge(String requirement, String text) {
        this(new Failure(requirement, Status.BROKEN, "cannot judge: " + text));
    }

    private CouldNotJudge(Failure failure) {
        super(failure.display());
        this.failure = failure;
    }

    /** With the text as given (it already says why the suite cannot judge). */
    static CouldNotJudge verbatim(String requirement, String text) {
        return new CouldNotJudge(new Failure(requirement, Status.BROKEN, text));
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
