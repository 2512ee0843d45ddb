package org.oaiconformance.reports;

import org.oaiconformance.contract.summary.ConformanceSummary;

import java.util.Locale;
import java.util.Map;

/**
 * The verdict in the few words a badge, the report's first screen and a fleet table show: "conformant · 42/42 MUST"
 * or "3 MUST failed". One place, so the three never disagree.
 *
 * @param mustPassed  MUST requirements that passed
 * @param mustTotal   MUST requirements in the catalogue
 * @param mustFailed  MUST requirements that failed or broke
 */
record Headline(String verdict, String result, int mustPassed, int mustTotal, int mustFailed) {

    static Headline of(ConformanceSummary summary) {
        Map<String, Integer> must = summary.totals().getOrDefault("MUST", Map.of());
        int total = must.values().stream().mapToInt(Integer::intValue).sum();
        int failed = must.getOrDefault("failed", 0) + must.getOrDefault("broken", 0);
        return new Headline(summary.verdict(), summary.result(), must.getOrDefault("passed", 0), total, failed);
    }

    boolean conformant() {
        return ConformanceSummary.CONFORMANT.equals(verdict);
    }

    /** "conformant · 42/42 MUST", "conformant · 37/42 MUST" (some skipped), "3 MUST failed". */
    String message() {
        return conformant() ? "conformant · " + mustPassed + "/" + mustTotal + " MUST" : mustFailed + " MUST failed";
    }

    /** The first line a reviewer reads: "CONFORMANT · success · 42/42 MUST passed". */
    String banner() {
        return verdict.toUpperCase(Locale.ROOT) + " · " + result + " · " + mustPassed + "/" + mustTotal + " MUST passed"
                + (mustFailed > 0 ? ", " + mustFailed + " failed or broken" : "");
    }

    /** Green when every MUST passed, yellow when some were skipped (partial), red when one failed or broke. */
    String color() {
        return !conformant() ? "red" : ConformanceSummary.SUCCESS.equals(result) ? "brightgreen" : "yellow";
    }

    /** The same colours for a page. */
    String cssColor() {
        return switch (color()) {
            case "brightgreen" -> "#2e7d32";
            case "yellow" -> "#9a6700";
            default -> "#b71c1c";
        };
    }
}
