package org.oaiconformance.contract.run;

import java.util.List;

/**
 * The target as reports show it: no key, no credentials, just where and what. For a recording, {@code notJudged} says
 * which recorded files and exchanges were set aside, and why (empty otherwise).
 */
public record TargetInfo(String baseUrl, String profile, boolean embedded, String model, List<String> notJudged) {
    public TargetInfo {
        notJudged = notJudged == null ? List.of() : List.copyOf(notJudged);
    }

    public TargetInfo(String baseUrl, String profile, boolean embedded, String model) {
        this(baseUrl, profile, embedded, model, List.of());
    }
}
