package org.oaiconformance.contract.summary;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.oaiconformance.contract.outcome.CheckOutcome;
import org.oaiconformance.contract.outcome.Status;

import java.util.List;

/**
 * One catalogue requirement's result in a run, with the checks that decided it. {@code judgedInPart}: it passed, but
 * some of its checks were skipped, so it was judged on less than all it asks (the reason says what was not judged).
 */
public record RequirementResult(String id, String level, String family, String title, String source, Status status,
                                String reason, List<CheckOutcome> checks, boolean judgedInPart) {

    /** A MAY the target does not do: reported as not done, never as a failure (only strict mode fails the build on it). */
    @JsonIgnore
    public boolean mayNotDone() {
        return "MAY".equals(level) && status == Status.FAILED;
    }

    /** How reports word the status: "not done (MAY)" for a MAY the target does not do, else the status. */
    @JsonIgnore
    public String statusWords() {
        return mayNotDone() ? "not done (MAY)" : status.id();
    }
}
