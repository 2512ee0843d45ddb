package org.oaiconformance.contract.outcome;

import java.util.List;

/**
 * The result of one check (one test method invocation) for the requirements it verifies.
 *
 * @param sdk         the SDK row the check ran through ("openai-node 6.30.1"), or null for a check of the raw HTTP
 * @param status      passed, failed (the target answered wrongly), broken (the suite could not judge) or skipped
 * @param message     why it did not pass, masked; null when it passed
 * @param observation what the check recorded about the target's behaviour, or null
 */
public record CheckOutcome(String check, List<String> requirements, String sdk, Status status, String message, long durationMs,
                           String observation) {
}
