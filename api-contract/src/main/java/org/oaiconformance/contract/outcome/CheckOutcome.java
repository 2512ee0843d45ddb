package org.oaiconformance.contract.outcome;

import java.util.List;

/**
 * The result of one check (one test method invocation) for the requirements it verifies.
 *
 * @param sdk         the SDK row the check ran through ("openai-node 6.30.1"), or null for a check of the raw HTTP
 * @param status      passed, failed (the target answered wrongly), broken (the suite could not judge) or skipped
 * @param message     why it did not pass, masked; null when it passed
 * @param observation what the check recorded about the target's behaviour, or null
 * @param model       the model a per-model check judged, or null for a check judged once per target
 */
public record CheckOutcome(String check, List<String> requirements, String sdk, Status status, String message, long durationMs,
                           String observation, String model) {
    /** The test result attribute that names a per-model check's model. */
    public static final String MODEL_ATTRIBUTE = "conformance.model";

    public CheckOutcome(String check, List<String> requirements, String sdk, Status status, String message, long durationMs, String observation) {
        this(check, requirements, sdk, status, message, durationMs, observation, null);
    }
}
