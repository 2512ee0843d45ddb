package org.oaiconformance.contract.summary;

import org.oaiconformance.contract.run.CheckOutcome;

import java.util.List;

/** One catalogue requirement's result in a run, with the checks that decided it. */
public record RequirementResult(String id, String level, String family, String title, String source, String status,
                                String reason, List<CheckOutcome> checks) {
}
