package org.oaiconformance.contract.run;

import java.util.List;
import java.util.Map;

/**
 * The target as reports show it: no key, no credentials, just where and what. For a recording, {@code notJudged} says
 * which recorded files and exchanges were set aside, and why (empty otherwise). {@code models} are the models the run
 * judged, {@code model} first; {@code notServed} says which of them the target does not serve, and why.
 */
public record TargetInfo(String baseUrl, String profile, boolean embedded, String model, List<String> notJudged, List<String> models,
                         Map<String, String> notServed) {
    public TargetInfo {
        notJudged = notJudged == null ? List.of() : List.copyOf(notJudged);
        models = models == null || models.isEmpty() ? (model == null ? List.of() : List.of(model)) : List.copyOf(models);
        notServed = notServed == null ? Map.of() : Map.copyOf(notServed);
    }

    public TargetInfo(String baseUrl, String profile, boolean embedded, String model, List<String> notJudged) {
        this(baseUrl, profile, embedded, model, notJudged, null, null);
    }

    public TargetInfo(String baseUrl, String profile, boolean embedded, String model) {
        this(baseUrl, profile, embedded, model, List.of());
    }
}
