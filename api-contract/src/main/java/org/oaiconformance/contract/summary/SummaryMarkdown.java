package org.oaiconformance.contract.summary;

import org.oaiconformance.contract.catalogue.Level;
import org.oaiconformance.contract.outcome.Markup;
import org.oaiconformance.contract.outcome.Status;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link ConformanceSummary} as {@code conformance-summary.md}: readable in a minute. */
public final class SummaryMarkdown {

    private SummaryMarkdown() {
    }

    public static String render(ConformanceSummary s) {
        StringBuilder md = new StringBuilder();
        md.append("# Conformance: ").append(s.verdictWords()).append("\n\n").append(s.counts()).append(".\n\n");
        if (s.target() != null) {
            md.append("- Target: ").append(oneLine(s.target().baseUrl())).append('\n');
            md.append("- Profile: ").append(oneLine(s.target().profile())).append(s.models().size() > 1
                    ? " · models: " + s.modelsConformant() + " of " + s.models().size() + " conformant"
                    : " · model: " + oneLine(s.target().model())).append('\n');
            if (!s.target().notJudged().isEmpty()) {
                md.append("- Not judged (").append(s.target().notJudged().size()).append("):\n");
                s.target().notJudged().forEach(note -> md.append("  - ").append(oneLine(note)).append('\n'));
            }
        }
        md.append("- Build: ").append(s.buildFails() ? "fails (" + oneLine(s.buildReason()) + ")" : "passes")
                .append(s.strict() ? " · strict mode" : "").append('\n');
        md.append("- Cost: ").append(s.metrics().requests()).append(" requests, ").append(s.metrics().billableCalls())
                .append(" billable calls, ").append(s.metrics().promptTokens()).append(" prompt + ")
                .append(s.metrics().completionTokens()).append(" completion tokens\n");
        s.metrics().measurements().forEach((name, value) ->
                md.append("- Measured: ").append(name).append(": ").append(String.format(Locale.ROOT, "%.1f", value)).append('\n'));
        for (String key : s.metrics().keysLeftBehind()) {
            md.append("- **Key left behind**: ").append(oneLine(key)).append('\n');
        }
        for (String error : s.runErrors()) {
            md.append("- Run error: ").append(oneLine(error)).append('\n');
        }
        if (s.changes() != null && s.changes().previousRunAt() == null) {
            md.append("\nThe history folder had no earlier run; the next run will list what changed.\n");
        } else if (s.changes() != null) {
            md.append("\n## Since the previous run (").append(s.changes().previousRunAt()).append(")\n\n");
            md.append("- Newly failing: ").append(listOrNone(s.changes().newlyFailing())).append('\n');
            md.append("- Newly passing: ").append(listOrNone(s.changes().newlyPassing())).append('\n');
        }

        md.append('\n');
        table(md, "Level", s.totals());
        md.append('\n');
        table(md, "Family", s.families());

        if (!s.sdkMatrix().isEmpty()) {
            List<String> ids = s.sdkMatrix().values().stream().flatMap(m -> m.keySet().stream()).distinct().sorted().toList();
            md.append("\n## SDK × check\n\n| SDK | ").append(String.join(" | ", ids)).append(" |\n|---|")
                    .append("---|".repeat(ids.size())).append('\n');
            s.sdkMatrix().forEach((row, statuses) -> md.append("| ").append(oneLine(row)).append(" | ")
                    .append(String.join(" | ", ids.stream().map(id -> statuses.containsKey(id) ? statuses.get(id).id() : "n/a").toList())).append(" |\n"));
        }

        if (s.models().size() > 1) {
            modelTable(md, s.models());
        }

        var notPassed = s.requirements().stream().filter(r -> r.status().failedOrBroken())
                .sorted(Comparator.comparingInt(r -> Level.valueOf(r.level()).ordinal())).toList();
        if (!notPassed.isEmpty()) {
            md.append("\n## What failed\n\n");
            for (RequirementResult r : notPassed) {
                md.append("- **").append(r.id()).append("** ").append(r.level()).append(' ').append(r.statusWords()).append(": ")
                        .append(r.title()).append("\n  - ").append(oneLine(r.reason())).append('\n');
            }
        }
        List<RequirementResult> inPart = s.requirements().stream().filter(RequirementResult::judgedInPart).toList();
        if (!inPart.isEmpty()) {
            md.append("\n## Passed in part\n\n");
            inPart.forEach(r -> md.append("- ").append(r.id()).append(' ').append(r.level()).append(": ").append(oneLine(r.reason())).append('\n'));
        }
        if (!s.skipped().isEmpty()) {
            md.append("\n## Skipped\n\n");
            s.skipped().forEach(k -> md.append("- ").append(k.id()).append(' ').append(k.level()).append(": ").append(oneLine(k.reason())).append('\n'));
        }

        var observed = s.requirements().stream().flatMap(r -> r.checks().stream()).filter(c -> c.observation() != null).toList();
        if (!observed.isEmpty()) {
            md.append("\n## Observed behaviour\n\n");
            observed.forEach(c -> md.append("- ").append(String.join(", ", c.requirements())).append(" ").append(c.check())
                    .append(": ").append(oneLine(c.observation())).append('\n'));
        }

        md.append("\n## Requirements\n\n| ID | Level | Status | Requirement |\n|---|---|---|---|\n");
        for (RequirementResult r : s.requirements()) {
            md.append("| ").append(r.id()).append(" | ").append(r.level()).append(" | ").append(r.status())
                    .append(r.judgedInPart() ? " (in part)" : "").append(" | ")
                    .append(oneLine(r.title())).append(" |\n");
        }
        return md.toString();
    }

    private static void table(StringBuilder md, String heading, Map<String, Map<String, Integer>> counts) {
        md.append("| ").append(heading).append(" | passed | failed | broken | skipped |\n|---|---|---|---|---|\n");
        counts.forEach((group, c) -> md.append("| ").append(group).append(" | ").append(c.get(Status.PASSED.id())).append(" | ")
                .append(c.get(Status.FAILED.id())).append(" | ").append(c.get(Status.BROKEN.id())).append(" | ")
                .append(c.get(Status.SKIPPED.id())).append(" |\n"));
    }

    private static String listOrNone(List<String> ids) {
        return ids.isEmpty() ? "none" : String.join(", ", ids);
    }

    /** Text from the target, a recording or the settings, rendered as itself: never as links, images or HTML. */
    /** Requirement × model: each model's verdict, then its status for every requirement judged per model. */
    private static void modelTable(StringBuilder md, List<ModelVerdict> models) {
        md.append("\n## Per model\n\n| Requirement | ").append(String.join(" | ", models.stream().map(m -> oneLine(m.model())).toList()))
                .append(" |\n|---|").append("---|".repeat(models.size())).append('\n');
        md.append("| **verdict** | ").append(String.join(" | ", models.stream().map(m -> "**" + m.verdict() + "**").toList())).append(" |\n");
        md.append("| billable calls | ").append(String.join(" | ", models.stream().map(m -> String.valueOf(m.billableCalls())).toList())).append(" |\n");
        List<String> ids = models.stream().flatMap(m -> m.requirements().stream().map(ModelVerdict.Requirement::id)).distinct().toList();
        for (String id : ids) {
            md.append("| ").append(id).append(" | ").append(String.join(" | ", models.stream().map(m -> cell(m, id)).toList())).append(" |\n");
        }
        models.stream().filter(m -> m.notServed() != null).forEach(m -> md.append("\n- ").append(oneLine(m.notServed())).append('\n'));
    }

    /** passed, failed, broken, "not supported" (a skip because the model declined an optional feature), skipped, or n/a. */
    private static String cell(ModelVerdict model, String id) {
        return model.requirements().stream().filter(r -> r.id().equals(id)).findFirst().map(r -> r.status() == Status.SKIPPED
                && r.reason() != null && r.reason().startsWith("not supported") ? "not supported" : r.status().id()).orElse("n/a");
    }

    private static String oneLine(String text) {
        return Markup.markdown(text);
    }
}
