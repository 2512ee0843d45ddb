package org.oaiconformance.contract.summary;

import org.oaiconformance.contract.run.CheckOutcome;

import java.util.Map;

/** Renders a {@link ConformanceSummary} as {@code conformance-summary.md}: readable in a minute. */
public final class SummaryMarkdown {

    private SummaryMarkdown() {
    }

    public static String render(ConformanceSummary s) {
        StringBuilder md = new StringBuilder();
        md.append("# Conformance: ").append(s.verdict().toUpperCase(java.util.Locale.ROOT)).append("\n\n");
        if (s.target() != null) {
            md.append("- Target: ").append(s.target().baseUrl()).append('\n');
            md.append("- Profile: ").append(s.target().profile()).append(" · model: ").append(s.target().model()).append('\n');
        }
        md.append("- Build: ").append(s.buildFails() ? "fails (" + s.buildReason() + ")" : "passes")
                .append(s.strict() ? " · strict mode" : "").append('\n');
        md.append("- Cost: ").append(s.metrics().requests()).append(" requests, ").append(s.metrics().billableCalls())
                .append(" billable calls, ").append(s.metrics().promptTokens()).append(" prompt + ")
                .append(s.metrics().completionTokens()).append(" completion tokens\n");
        s.metrics().measurements().forEach((name, value) ->
                md.append("- Measured: ").append(name).append(": ").append(String.format(java.util.Locale.ROOT, "%.1f", value)).append('\n'));
        for (String error : s.runErrors()) {
            md.append("- Run error: ").append(error).append('\n');
        }

        md.append("\n| Level | passed | failed | broken | skipped |\n|---|---|---|---|---|\n");
        for (Map.Entry<String, Map<String, Integer>> level : s.totals().entrySet()) {
            Map<String, Integer> c = level.getValue();
            md.append("| ").append(level.getKey()).append(" | ").append(c.get(CheckOutcome.PASSED)).append(" | ")
                    .append(c.get(CheckOutcome.FAILED)).append(" | ").append(c.get(CheckOutcome.BROKEN)).append(" | ")
                    .append(c.get(CheckOutcome.SKIPPED)).append(" |\n");
        }

        var notPassed = s.requirements().stream()
                .filter(r -> r.status().equals(CheckOutcome.FAILED) || r.status().equals(CheckOutcome.BROKEN)).toList();
        if (!notPassed.isEmpty()) {
            md.append("\n## What failed\n\n");
            for (RequirementResult r : notPassed) {
                md.append("- **").append(r.id()).append("** ").append(r.level()).append(' ').append(r.status()).append(": ")
                        .append(r.title()).append("\n  - ").append(oneLine(r.reason())).append('\n');
            }
        }

        var observed = s.requirements().stream().flatMap(r -> r.checks().stream()).filter(c -> c.observation() != null).toList();
        if (!observed.isEmpty()) {
            md.append("\n## Observed behaviour\n\n");
            observed.forEach(c -> md.append("- ").append(String.join(", ", c.requirements())).append(" ").append(c.check())
                    .append(": ").append(oneLine(c.observation())).append('\n'));
        }

        md.append("\n## Requirements\n\n| ID | Level | Status | Requirement |\n|---|---|---|---|\n");
        for (RequirementResult r : s.requirements()) {
            md.append("| ").append(r.id()).append(" | ").append(r.level()).append(" | ").append(r.status()).append(" | ")
                    .append(oneLine(r.title())).append(" |\n");
        }
        return md.toString();
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace('\n', ' ');
    }
}
