package org.oaiconformance.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.oaiconformance.contract.catalogue.RequirementCatalogue;
import org.oaiconformance.contract.run.CheckOutcome;
import org.oaiconformance.contract.run.ModuleRun;
import org.oaiconformance.contract.settings.Setting;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.TestResult;
import org.oaiconformance.contract.summary.ConformanceSummary;
import org.oaiconformance.contract.summary.RequirementResult;
import org.oaiconformance.contract.summary.SummaryBuilder;
import org.oaiconformance.contract.summary.SummaryMarkdown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * Reads what the test modules recorded and writes {@code conformance-summary.json} and {@code .md}, plus the
 * Allure environment and categories the HTML report shows. It never fails the build; {@link VerdictGate} does.
 * Arguments: outcomes dir, Allure results dir, output dir, suite version.
 */
public final class SummaryWriter {

    private SummaryWriter() {
    }

    public static void main(String[] args) throws IOException {
        Path outcomes = Path.of(args[0]);
        Path allureResults = Path.of(args[1]);
        Path out = Path.of(args[2]);
        boolean strict = Boolean.parseBoolean(Setting.STRICT.read());

        List<ModuleRun> runs = ModuleRun.readAll(outcomes);
        ConformanceSummary summary = SummaryBuilder.build(RequirementCatalogue.load(), runs, strict, args[3]);
        Files.createDirectories(out);
        summary.write(out.resolve("conformance-summary.json"));
        Files.writeString(out.resolve("conformance-summary.md"), SummaryMarkdown.render(summary));

        Files.createDirectories(allureResults);
        writeEnvironment(summary, allureResults.resolve("environment.properties"));
        writeCategories(allureResults.resolve("categories.json"));
        writeResultsForUncheckedRequirements(summary, allureResults);
        printVerdict(summary, out);
    }

    private static void writeEnvironment(ConformanceSummary summary, Path file) throws IOException {
        Properties env = new Properties();
        if (summary.target() != null) {
            env.setProperty("Target", summary.target().baseUrl());
            env.setProperty("Profile", summary.target().profile());
            env.setProperty("Model", String.valueOf(summary.target().model()));
        }
        env.setProperty("Verdict", summary.verdict());
        env.setProperty("Suite version", summary.suiteVersion());
        env.setProperty("Java", System.getProperty("java.version"));
        env.setProperty("Billable calls", String.valueOf(summary.metrics().billableCalls()));
        try (var writer = Files.newBufferedWriter(file)) {
            env.store(writer, "written by the conformance suite; holds no credentials");
        }
    }

    /** Allure categories: non-conformance per family first, then the run's own trouble. */
    private static void writeCategories(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode categories = json.createArrayNode();
        for (Map.Entry<String, String> family : RequirementCatalogue.load().families().entrySet()) {
            ObjectNode category = categories.addObject();
            category.put("name", "Non-conformance: " + family.getKey() + " (" + family.getValue() + ")");
            category.putArray("matchedStatuses").add("failed");
            category.put("messageRegex", "(?s)\\[" + family.getKey() + "-\\d{3}\\].*");
        }
        ObjectNode unreachable = categories.addObject();
        unreachable.put("name", "Target unreachable or settings wrong (could not judge)");
        unreachable.putArray("matchedStatuses").add("broken");
        unreachable.put("messageRegex", "(?s).*(CONFORMANCE_|Connect|connect|timed out|Timeout|refused|UnknownHost|SSL).*");
        ObjectNode harness = categories.addObject();
        harness.put("name", "Harness errors (could not judge)");
        harness.putArray("matchedStatuses").add("broken");
        json.writeValue(file.toFile(), categories);
    }

    /**
     * Requirements no check judged (untestable ones, or ones whose module did not run) still get a result in the
     * report, skipped or broken with the reason, so the report shows every gap the summary shows.
     */
    private static void writeResultsForUncheckedRequirements(ConformanceSummary summary, Path allureResults) {
        FileSystemResultsWriter writer = new FileSystemResultsWriter(allureResults);
        RequirementCatalogue catalogue = RequirementCatalogue.load();
        for (RequirementResult r : summary.requirements()) {
            if (r.checks() != null && !r.checks().isEmpty()) {
                continue;
            }
            Status status = r.status().equals(CheckOutcome.SKIPPED) ? Status.SKIPPED : Status.BROKEN;
            long now = System.currentTimeMillis();
            TestResult result = new TestResult().setUuid(UUID.randomUUID().toString())
                    .setHistoryId(r.id()).setName(r.id() + ": not checked in this run").setFullName("catalogue." + r.id())
                    .setStatus(status).setStart(now).setStop(now)
                    .setStatusDetails(new StatusDetails().setMessage(r.reason()))
                    .setDescription(r.id() + " " + r.level() + ": " + r.title() + " Source: " + r.source())
                    .setLabels(List.of(label("requirement", r.id()), label("level", r.level()), label("family", r.family()),
                            label("epic", r.family() + " - " + catalogue.familyName(r.family())),
                            label("feature", r.id() + " (" + r.level() + ")"), label("story", r.title()),
                            label("parentSuite", "catalogue"), label("suite", "requirements without a check result")));
            writer.write(result);
        }
    }

    private static Label label(String name, String value) {
        return new Label().setName(name).setValue(value);
    }

    private static void printVerdict(ConformanceSummary summary, Path out) {
        long testable = summary.requirements().stream().filter(r -> r.checks() != null && !r.checks().isEmpty()).count();
        long passed = summary.requirements().stream().filter(r -> r.status().equals(CheckOutcome.PASSED)).count();
        System.out.println();
        System.out.println("[conformance] " + summary.verdict().toUpperCase(java.util.Locale.ROOT) + ": " + passed + " of "
                + testable + " checked requirements passed; " + summary.metrics().billableCalls() + " billable calls, "
                + (summary.metrics().promptTokens() + summary.metrics().completionTokens()) + " tokens");
        summary.requirements().stream()
                .filter(r -> r.status().equals(CheckOutcome.FAILED) || r.status().equals(CheckOutcome.BROKEN))
                .forEach(r -> System.out.println("[conformance]   " + r.id() + " " + r.level() + " " + r.status() + ": " + r.reason()));
        System.out.println("[conformance] summary: " + out.resolve("conformance-summary.md"));
        System.out.println("[conformance] report:  " + out.resolve("allure-report").resolve("index.html"));
    }
}
