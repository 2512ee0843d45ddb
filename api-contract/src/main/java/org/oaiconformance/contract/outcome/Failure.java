package org.oaiconformance.contract.outcome;

/**
 * Why a check did not pass, as a value: the requirement it judged, whether the target failed it or the suite could not
 * judge it, and the text (request, expectation, what came back). The listener, Allure and the summary read these
 * fields; nothing parses them back out of a message.
 */
public record Failure(String requirement, Status status, String text) {
    public Failure {
        if (status != Status.FAILED && status != Status.BROKEN) {
            throw new IllegalArgumentException("a failure is failed or broken, not " + status);
        }
    }

    /** The one line a reviewer reads in Allure and in the console: {@code [AUTH-004] POST … expected 401 …}. */
    public String display() {
        return "[" + requirement + "] " + text;
    }

    /** The same failure with another text: the masked one, before any reporter sees it. */
    public Failure withText(String other) {
        return new Failure(requirement, status, other);
    }

    /** A throwable carrying this failure: a {@link CheckFailed} (failed) or a {@link CouldNotJudge} (broken). */
    public Throwable toThrowable() {
        return status == Status.FAILED ? new CheckFailed(requirement, text) : CouldNotJudge.verbatim(requirement, text);
    }

    /** The failure a throwable carries, or null for one that carries none (a plain assertion, a harness error). */
    public static Failure of(Throwable thrown) {
        return thrown instanceof Carrier carrier ? carrier.failure() : null;
    }

    /** A throwable that carries a {@link Failure}. */
    public sealed interface Carrier permits CheckFailed, CouldNotJudge {
        Failure failure();
    }
}
