package org.oaiconformance.contract.summary;

import org.oaiconformance.contract.outcome.Status;

import java.util.List;

/**
 * One model's verdict in a run that judged several ({@code CONFORMANCE_MODELS}): its per-model requirements (the
 * chat, stream, tool, format, parameter and Responses families), each with its status; conformant unless one of its
 * MUST requirements failed or broke; {@code not served} when the target does not serve it. The requirements judged once
 * per target (auth, keys, errors, embeddings, SDK rows) are the summary's own. {@code billableCalls}: what its per-model
 * checks cost, so what one more model costs.
 */
public record ModelVerdict(String model, String verdict, String notServed, long billableCalls, List<Requirement> requirements) {
    public static final String NOT_SERVED = "not served";

    public ModelVerdict {
        requirements = List.copyOf(requirements);
    }

    /** One requirement as this model met it. */
    public record Requirement(String id, String level, Status status, String reason) {
    }

    public boolean conformant() {
        return ConformanceSummary.CONFORMANT.equals(verdict);
    }

    /** This model's status for a requirement, or null when it was not judged per model. */
    public Status status(String id) {
        return requirements.stream().filter(r -> r.id().equals(id)).map(Requirement::status).findFirst().orElse(null);
    }
}
