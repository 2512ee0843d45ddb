package org.oaiconformance.contract.summary;

import org.oaiconformance.contract.outcome.CheckOutcome;
import org.oaiconformance.contract.outcome.Status;

import java.util.List;

/** One catalogue requirement's result in a run, with the checks that decided it. */
public record RequirementResult(String id, String level, String family, String title, String source, Status status,
                                String reason, List<CheckOutcome> checks) {
}
