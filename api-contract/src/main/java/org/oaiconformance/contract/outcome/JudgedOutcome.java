package org.oaiconformance.contract.outcome;

import org.testng.ITestResult;

/**
 * A check's outcome decided by the check's own hook rather than by its last invocation: a check judged over every
 * recorded answer ran once per answer, and its verdict is all of them together. The listener applies it before
 * anything reports the result.
 */
public record JudgedOutcome(int status, Throwable thrown) {
    public static final String ATTRIBUTE = "conformance.judgedOutcome";

    /** Sets the result's status and throwable to this outcome, when one was decided. */
    public static void applyTo(ITestResult result) {
        if (result.getAttribute(ATTRIBUTE) instanceof JudgedOutcome outcome) {
            result.setStatus(outcome.status());
            result.setThrowable(outcome.thrown());
        }
    }
}
