package org.oaiconformance.reports;

import org.oaiconformance.contract.outcome.Status;
import org.oaiconformance.contract.summary.ConformanceSummary;
import org.oaiconformance.contract.summary.ModelVerdict;

import java.util.Locale;
import java.util.Map;

/**
 * The verdict in the few words a badge, the report's first screen and a fleet table show: "conformant · 42/42 MUST"
 * or "3 MUST failed". One place, so the three never disagree.
 *
 * @param mustPassed  MUST requirements that passed
 * @param mustTotal   MUST requirements in the catalogue
 * @param mustFailed  MUST requirements that failed or broke
 * @param modelsConformant models conformant, in a run that judged several (0 otherwise)
 * @param models      models judged, in a run that judged several; 0 for one model, whose verdict is the run's
 */
record Headline(String verdict, String result, int mustPassed, int mustTotal, int mustFailed, int modelsConformant, int models,
                boolean referenceTarget) {

    Headline(String verdict, String result, int mustPassed, int mustTotal, int mustFailed) {
        this(verdict, result, mustPassed, mustTotal, mustFailed, 0, 0, false);
    }

    static Headline of(ConformanceSummary summary) {
        Map<String, Integer> must = summary.totals().getOrDefault("MUST", Map.of());
        int total = must.values().stream().mapToInt(Integer::intValue).sum();
        int failed = must.getOrDefault("failed", 0) + must.getOrDefault("broken", 0);
        int models = summary.models().size() > 1 ? summary.models().size() : 0;
        return new Headline(summary.verdict(), summary.result(), must.getOrDefault("passed", 0), total, failed,
                models == 0 ? 0 : (int) summary.modelsConformant(), models, summary.judgedTheReferenceTarget());
    }

    /** One model's headline: its verdict over the MUST requirements judged for it. */
    static Headline of(ModelVerdict model) {
        var must = model.requirements().stream().filter(r -> r.level().equals("MUST")).toList();
        int passed = (int) must.stream().filter(r -> r.status() == Status.PASSED).count();
        int failed = (int) must.stream().filter(r -> r.status().failedOrBroken()).count();
        boolean skipped = must.stream().anyMatch(r -> r.status() == Status.SKIPPED);
        String result = failed > 0 ? ConformanceSummary.FAILURE : skipped ? ConformanceSummary.PARTIAL : ConformanceSummary.SUCCESS;
        return new Headline(model.verdict(), result, passed, must.size(), failed, 0, 0, false);
    }

    boolean conformant() {
        return ConformanceSummary.CONFORMANT.equals(verdict);
    }

    /**
     * "conformant · 42/42 MUST", "partial · 37/42 MUST" (some skipped), "3 MUST failed", "not served"; with models,
     * "· 2/3 models"; "reference target · …" when the suite judged its own reference target, not a gateway.
     */
    String message() {
        if (ModelVerdict.NOT_SERVED.equals(verdict)) {
            return verdict;
        }
        String partial = ConformanceSummary.PARTIAL.equals(result) ? "partial" : "conformant";
        return (referenceTarget ? "reference target · " : "")
                + (conformant() ? partial + " · " + mustPassed + "/" + mustTotal + " MUST" : mustFailed + " MUST failed")
                + (models > 0 ? " · " + modelsConformant + "/" + models + " models" : "");
    }

    /** The first line a reviewer reads: "CONFORMANT · success · 42/42 MUST passed". */
    String banner() {
        return (referenceTarget ? "EMBEDDED REFERENCE TARGET, not a gateway · " : "") + verdict.toUpperCase(Locale.ROOT) + " · " + result
                + " · " + mustPassed + "/" + mustTotal + " MUST passed"
                + (mustFailed > 0 ? ", " + mustFailed + " failed or broken" : "")
                + (models > 0 ? " · models conformant: " + modelsConformant + "/" + models : "");
    }

    /** Green when every MUST passed, yellow when some were skipped (partial), red when one failed or broke. */
    String color() {
        return ModelVerdict.NOT_SERVED.equals(verdict) ? "lightgrey" : !conformant() ? "red" : ConformanceSummary.SUCCESS.equals(result) ? "brightgreen" : "yellow";
    }

    /** The same colours for a page. */
    String cssColor() {
        return switch (color()) {
            case "brightgreen" -> "#2e7d32";
            case "yellow" -> "#9a6700";
            case "lightgrey" -> "#616161";
            default -> "#b71c1c";
        };
    }
}
