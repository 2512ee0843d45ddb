package org.oaiconformance.reports;

import org.oaiconformance.contract.catalogue.Level;
import org.oaiconformance.contract.catalogue.RequirementCatalogue;
import org.oaiconformance.contract.outcome.Markup;
import org.oaiconformance.contract.run.ModuleRun;
import org.oaiconformance.contract.secrets.SecretMasker;
import org.oaiconformance.contract.settings.SettingsError;
import org.oaiconformance.contract.settings.TargetSettings;
import org.oaiconformance.contract.summary.ConformanceSummary;
import org.oaiconformance.contract.summary.SummaryBuilder;
import org.oaiconformance.contract.summary.SummaryMarkdown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

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

    /** Arguments: outcomes dir, Allure results dir, output dir, suite version, Allure command-line home. */
    public static void main(String[] args) throws IOException, InterruptedException {
        TargetSettings settings;
        try {
            settings = TargetSettings.fromEnvironment();
        } catch (SettingsError e) {
            System.err.println("[conformance] cannot report: " + Markup.console(e.getMessage()));
            throw e;
        }
        build(new Folders(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), Path.of(args[2])), args[3], Path.of(args[4]), settings);
    }

    /**
     * Where a run's deliverables come from and go.
     *
     * @param outcomes what the check modules recorded
     * @param results  Allure's results folder
     * @param out      where the summary, badges and report are written
     * @param shownAs  where the reader will find them (the runnable jar writes into a fresh folder, then moves it there)
     */
    public record Folders(Path outcomes, Path results, Path out, Path shownAs) {
    }

    /** Writes every deliverable of the run into {@code folders.out()} and prints the verdict; returns the summary. */
    public static ConformanceSummary build(Folders folders, String suiteVersion, Path allureHome, TargetSettings settings)
            throws IOException, InterruptedException {
        AllureCommandLine allure = new AllureCommandLine(allureHome);
        Path out = folders.out();
        Path results = folders.results();
        History history = settings.reporting().historyDir() == null ? null : new History(settings.reporting().historyDir());

        List<ModuleRun> runs = ModuleRun.readAll(folders.outcomes());
        ConformanceSummary summary = SummaryBuilder.build(RequirementCatalogue.load(), runs, settings.strict(),
                settings.reporting().requireComplete(), suiteVersion, settings.profile());
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
        printVerdict(summary, folders.shownAs(), settings.reporting().historyDir());
        return summary;
    }

    private static void printVerdict(ConformanceSummary summary, Path out, Path historyDir) {
        System.out.println();
        System.out.println("[conformance] " + summary.verdictWords() + ": " + summary.counts() + "; " + summary.metrics().billableCalls()
                + " billable calls, " + (summary.metrics().promptTokens() + summary.metrics().completionTokens()) + " tokens");
        // MUST first, then SHOULD; a MAY the target does not do last, and named so
        summary.requirements().stream()
                .filter(r -> r.status().failedOrBroken())
                .sorted(Comparator.comparingInt(r -> Level.valueOf(r.level()).ordinal()))
                .forEach(r -> System.out.println("[conformance]   " + r.id() + " " + r.level() + " " + r.statusWords() + ": "
                        + Markup.console(SecretMasker.maskLine(r.reason()))));
        summary.metrics().keysLeftBehind().forEach(key -> System.out.println("[conformance] KEY LEFT BEHIND: " + Markup.console(key)));
        if (summary.changes() != null && summary.changes().previousRunAt() == null) {
            System.out.println("[conformance] history: first run kept in " + historyDir);
        } else if (summary.changes() != null) {
            System.out.println("[conformance] since " + summary.changes().previousRunAt() + ": newly failing "
                    + words(summary.changes().newlyFailing()) + ", newly passing " + words(summary.changes().newlyPassing()));
        }
        System.out.println("[conformance] summary: " + out.resolve("conformance-summary.md"));
        System.out.println("[conformance] report:  " + out.resolve("allure-report").resolve("index.html"));
    }

    private static String words(List<String> ids) {
        return ids.isEmpty() ? "none" : String.join(", ", ids);
    }
}
