package org.oaiconformance.contract.run;

import java.util.List;

/**
 * The result of one check (one test method invocation) for the requirements it verifies.
 *
 * @param status  passed, failed (the target answered wrongly), broken (the suite could not judge) or skipped
 * @param message     why it did not pass, masked; null when it passed
 * @param observation what the check recorded about the target's behaviour (see {@link Observations}), or null
 */
public record CheckOutcome(String check, List<String> requirements, String status, String message, long durationMs,
                           String observation) {
    public static final String PASSED = "passed";
    public static final String FAILED = "failed";
    public static final String BROKEN = "broken";
    public static final String SKIPPED = "skipped";
}
