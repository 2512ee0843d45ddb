package org.oaiconformance.contract.secrets;

import org.testng.SkipException;

/**
 * Stands in for an exception whose message may hold a secret: same stack trace, masked message, masked cause.
 * Its class name says what it replaced, so the report still tells a timeout from a parse error.
 */
public final class MaskedException extends RuntimeException {

    private MaskedException(String message, Throwable cause, StackTraceElement[] stack) {
        super(message, cause);
        setStackTrace(stack);
    }

    /**
     * Returns a throwable safe to report. Assertion errors stay assertion errors and skips stay skips, so the
     * failed / broken / skipped classification is unchanged.
     */
    public static Throwable mask(Throwable original) {
        if (original == null) {
            return null;
        }
        String message = original.getMessage();
        String masked = SecretMasker.maskLine(message);
        Throwable cause = original.getCause() == original ? null : mask(original.getCause());
        if (original instanceof AssertionError) {
            AssertionError error = new AssertionError(masked, cause);
            error.setStackTrace(original.getStackTrace());
            return error;
        }
        if (original instanceof SkipException) {
            SkipException skip = new SkipException(masked);
            skip.setStackTrace(original.getStackTrace());
            return skip;
        }
        if (masked != null && masked.equals(message) && cause == original.getCause()) {
            return original;
        }
        return new MaskedException(original.getClass().getName() + ": " + masked, cause, original.getStackTrace());
    }
}
