package org.oaiconformance.contract.outcome;

/** The target answered wrongly: an assertion, so TestNG and Allure both show the check as failed. */
public final class CheckFailed extends AssertionError implements Failure.Carrier {
    private final transient Failure failure;

    public CheckFailed(String requirement, String text) {
        super("[" + requirement + "] " + text);
        this.failure = new Failure(requirement, Status.FAILED, text);
    }

    /** Failed for the requirement of the check running on this thread. */
    public static CheckFailed of(String text) {
        return new CheckFailed(RunningCheck.requirement(), text);
    }

    @Override
    public Failure failure() {
        return failure;
    }
}
