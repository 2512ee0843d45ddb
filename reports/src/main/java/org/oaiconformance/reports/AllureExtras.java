package org.oaiconformance.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.TestResult;
import org.oaiconformance.contract.catalogue.RequirementCatalogue;
import org.oaiconformance.contract.json.Json;
import org.oaiconformance.contract.outcome.Markup;
import org.oaiconformance.contract.summary.ConformanceSummary;
import org.oaiconformance.contract.summary.RequirementResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;

/** What the Allure report shows besides the checks' own results: environment, categories, executor, gaps. */
final class AllureExtras {
    private static final ObjectMapper JSON = Json.MAPPER;

    private AllureExtras() {
    }

    /** The Environment widget: where and what was tested, never a credential. */
    static void writeEnvironment(ConformanceSummary summary, Path results) throws IOException {
        Properties env = new Properties();
        if (summary.target() != null) {
            // Allure 2.34 renders environment values as HTML: escaped here (see Markup)
            env.setProperty("Target", Markup.html(summary.target().baseUrl()));
            env.setProperty("Profile", Markup.html(summary.target().profile()));
            env.setProperty("Model", Markup.html(String.valueOf(summary.target().model())));
            if (summary.models().size() > 1) {
                env.setProperty("Models", Markup.html(summary.models().stream().map(m -> m.model() + ": " + m.verdict())
                        .collect(Collectors.joining(", ")) + " (" + summary.modelsConformant() + " of " + summary.models().size()
                        + " conformant)"));
            }
        }
        env.setProperty("Verdict", summary.verdict() + " (" + summary.result() + ")");
        env.setProperty("Suite version", summary.suiteVersion());
        env.setProperty("Java", System.getProperty("java.version"));
        env.setProperty("Billable calls", String.valueOf(summary.metrics().billableCalls()));
        summary.sdkVersions().forEach((sdk, version) -> env.setProperty("SDK " + Markup.html(sdk), Markup.html(version)));
        try (var writer = Files.newBufferedWriter(results.resolve("environment.properties"))) {
            env.store(writer, "written by the conformance suite; holds no credentials");
        }
    }

    /** Categories: non-conformance per family first, then the run's own trouble (target unreachable, harness errors). */
    static void writeCategories(Path results) throws IOException {
        ArrayNode categories = JSON.createArrayNode();
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
        Json.PRETTY.writeValue(results.resolve("categories.json").toFile(), categories);
    }

    /** The Executor widget, when the run happens in CI: which pipeline, which run, a link to it. */
    static void writeExecutor(Map<String, String> env, Path results) throws IOException {
        ObjectNode executor = JSON.createObjectNode();
        if ("true".equals(env.get("GITHUB_ACTIONS"))) {
            String runUrl = env.getOrDefault("GITHUB_SERVER_URL", "https://github.com") + "/" + env.get("GITHUB_REPOSITORY")
                    + "/actions/runs/" + env.get("GITHUB_RUN_ID");
            executor.put("name", "GitHub Actions").put("type", "github")
                    .put("buildName", env.getOrDefault("GITHUB_WORKFLOW", "conformance") + " #" + env.getOrDefault("GITHUB_RUN_NUMBER", "?"))
                    .put("buildUrl", runUrl).put("reportName", "OpenAI-compatible API conformance");
            String runNumber = env.get("GITHUB_RUN_NUMBER");
            if (runNumber != null && runNumber.matches("\\d+")) {
                executor.put("buildOrder", Long.parseLong(runNumber));
            }
        } else if (env.get("CI") != null) {
            executor.put("name", "CI").put("type", "ci").put("buildName", "conformance run").put("reportName", "OpenAI-compatible API conformance");
        } else {
            return;
        }
        Json.PRETTY.writeValue(results.resolve("executor.json").toFile(), executor);
    }

    /**
     * Requirements no check judged (untestable ones, or ones whose module did not run) still get a result in the
     * report, skipped or broken with the reason, so the report shows every gap the summary shows.
     */
    static void writeResultsForUncheckedRequirements(ConformanceSummary summary, Path results) {
        FileSystemResultsWriter writer = new FileSystemResultsWriter(results);
        RequirementCatalogue catalogue = RequirementCatalogue.load();
        for (RequirementResult r : summary.requirements()) {
            if (r.checks() != null && !r.checks().isEmpty()) {
                continue;
            }
            Status status = r.status() == org.oaiconformance.contract.outcome.Status.SKIPPED ? Status.SKIPPED : Status.BROKEN; // qualified: the suite's Status beside Allure's
            long now = System.currentTimeMillis();
            writer.write(new TestResult().setUuid(UUID.randomUUID().toString())
                    .setHistoryId(r.id()).setName(r.id() + ": not checked in this run").setFullName("catalogue." + r.id())
                    .setStatus(status).setStart(now).setStop(now)
                    .setStatusDetails(new StatusDetails().setMessage(r.reason()))
                    .setDescription(r.id() + " " + r.level() + ": " + r.title() + " Source: " + r.source())
                    .setLabels(List.of(label("requirement", r.id()), label("level", r.level()), label("family", r.family()),
                            label("epic", r.family() + " - " + catalogue.familyName(r.family())),
                            label("feature", r.id() + " (" + r.level() + ")"), label("story", r.title()),
                            label("parentSuite", "catalogue"), label("suite", "requirements without a check result"))));
        }
    }

    private static Label label(String name, String value) {
        return new Label().setName(name).setValue(value);
    }
}
