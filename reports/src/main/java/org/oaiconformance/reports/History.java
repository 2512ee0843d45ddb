package org.oaiconformance.reports;

import org.oaiconformance.contract.summary.ConformanceSummary;
import org.oaiconformance.contract.summary.SummaryBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * A folder kept between runs ({@code CONFORMANCE_HISTORY_DIR}): the previous run's summary, to list what newly failed
 * and passed, and Allure's history data, so the report's trend graphs span nights.
 */
final class History {
    private static final String SUMMARY = "conformance-summary.json";
    private static final String ALLURE_HISTORY = "allure-history";
    private final Path dir;

    History(Path dir) {
        this.dir = dir;
    }

    ConformanceSummary compareWithPrevious(ConformanceSummary current) throws IOException {
        Path previous = dir.resolve(SUMMARY);
        if (!Files.exists(previous)) {
            return current.withChanges(new ConformanceSummary.Changes(null, List.of(), List.of()));
        }
        return current.withChanges(SummaryBuilder.changes(ConformanceSummary.read(previous), current));
    }

    /** Puts the kept Allure history where Allure looks for it: results/history. */
    void restoreAllureHistory(Path results) throws IOException {
        copyTree(dir.resolve(ALLURE_HISTORY), results.resolve("history"));
    }

    /** Keeps this run's summary and the history data of the report just generated. */
    void save(ConformanceSummary summary, Path report) throws IOException {
        Files.createDirectories(dir);
        summary.write(dir.resolve(SUMMARY));
        copyTree(report.resolve("history"), dir.resolve(ALLURE_HISTORY));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
