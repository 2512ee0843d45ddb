package org.oaiconformance.reports;

import org.oaiconformance.contract.outcome.Status;
import org.oaiconformance.contract.catalogue.RequirementCatalogue;
import org.oaiconformance.contract.outcome.CheckOutcome;
import org.oaiconformance.contract.run.ModuleRun;
import org.oaiconformance.contract.settings.Profile;
import org.oaiconformance.contract.settings.Setting;
import org.oaiconformance.contract.settings.SettingsError;
import org.oaiconformance.contract.settings.TargetSettings;
import org.oaiconformance.contract.summary.ConformanceSummary;
import org.oaiconformance.contract.summary.SummaryBuilder;
import org.oaiconformance.contract.summary.SummaryMarkdown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Turns what the check modules recorded into the run's deliverables: {@code conformance-summary.json} and {@code .md},
 * {@code badge.json}, and one self-contained Allure report with the verdict on top with environment, categories and executor. With a history folder it also
 * carries Allure's trend data and the previous summary from night to night. It never fails the build on a verdict;
 * {@link VerdictGate} does, after everything is written.
 * Arguments: outcomes dir, Allure results dir, output dir, suite version, Allure command-line home.
 */
public final class ReportBuilder {

    private ReportBuilder() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path outcomes = Path.of(args[0]);
        Path results = Path.of(args[1]);
        Path out = Path.of(args[2]);
        AllureCommandLine allure = new AllureCommandLine(Path.of(args[4]));
        String historySetting = Setting.HISTORY_DIR.read();
        History history = historySetting == null ? null : new History(Path.of(historySetting));

        List<ModuleRun> runs = ModuleRun.readAll(outcomes);
        boolean strict = Boolean.parseBoolean(Setting.STRICT.read());
        ConformanceSummary summary = SummaryBuilder.build(RequirementCatalogue.load(), runs, strict, args[3], profile());
        if (history != null) {
            summary = history.compareWithPrevious(summary);
        }
        Files.createDirectories(out);
        summary.write(out.resolve("conformance-summary.json"));
        Files.writeString(out.resolve("conformance-summary.md"), SummaryMarkdown.render(summary));
        Headline headline = Headline.of(summary);
        Badge.write(headline, out.resolve("badge.json"));
        Badge.writeModels(summary, out.resolve("badges"));

        Files.createDirectories(results);
        AllureExtras.writeEnvironment(summary, results);
        AllureExtras.writeCategories(results);
        AllureExtras.writeExecutor(System.getenv(), results);
        AllureExtras.writeResultsForUncheckedRequirements(summary, results);
        if (history != null) {
            history.restoreAllureHistory(results);
        }
        long allureStart = System.nanoTime();
        allure.generateSingleFile(results, out.resolve("allure-report"));
        Files.writeString(out.resolve("report-timings.json"), "{\"allureSingleFileMs\": " + (System.nanoTime() - allureStart) / 1_000_000 + "}\n");
        ReportBanner.addTo(out.resolve("allure-report").resolve("index.html"), headline,
                summary.target() == null ? "" : summary.target().baseUrl() + ", profile " + summary.target().profile());
        if (history != null) {
            Path data = out.resolve("allure-report-data");
            allure.generate(results, data); // the single file embeds its history; the trend data comes from a plain report
            history.save(summary, data);
        }
        printVerdict(summary, out);
    }

    /** The profile the run was judged by, for the summary; null when the settings cannot be read here. */
    private static Profile profile() {
        try {
            return TargetSettings.fromEnvironment().profile();
        } catch (SettingsError unreadable) {
            return null;
        }
    }

    private static void printVerdict(ConformanceSummary summary, Path out) {
        long checked = summary.requirements().stream().filter(r -> r.checks() != null && !r.checks().isEmpty()).count();
        long passed = summary.requirements().stream().filter(r -> r.status().equals(Status.PASSED)).count();
        System.out.println();
        System.out.println("[conformance] " + summary.verdict().toUpperCase(Locale.ROOT) + " (" + summary.result() + "): " + passed
                + " of " + checked + " checked requirements passed; " + summary.metrics().billableCalls() + " billable calls, "
                + (summary.metrics().promptTokens() + summary.metrics().completionTokens()) + " tokens");
        summary.requirements().stream()
                .filter(r -> r.status().equals(Status.FAILED) || r.status().equals(Status.BROKEN))
                .forEach(r -> System.out.println("[conformance]   " + r.id() + " " + r.level() + " " + r.status() + ": " + org.oaiconformance.contract.secrets.SecretMasker.maskLine(r.reason())));
        if (summary.changes() != null && summary.changes().previousRunAt() == null) {
            System.out.println("[conformance] history: first run kept in " + Setting.HISTORY_DIR.read());
        } else if (summary.changes() != null) {
            System.out.println("[conformance] since " + summary.changes().previousRunAt() + ": newly failing " + summary.changes().newlyFailing()
                    + ", newly passing " + summary.changes().newlyPassing());
        }
        System.out.println("[conformance] summary: " + out.resolve("conformance-summary.md"));
        System.out.println("[conformance] report:  " + out.resolve("allure-report").resolve("index.html"));
    }
}
