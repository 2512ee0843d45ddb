package org.oaiconformance.standalone;

import org.oaiconformance.auth.bearer.BearerAuthChecks;
import org.oaiconformance.compat.chat.ChatCompletionChecks;
import org.oaiconformance.contract.check.CheckRegistry;
import org.oaiconformance.contract.http.Watchdog;
import org.oaiconformance.contract.outcome.Markup;
import org.oaiconformance.contract.run.ConformanceListener;
import org.oaiconformance.contract.run.Preflight;
import org.oaiconformance.contract.run.RunLock;
import org.oaiconformance.contract.secrets.SecretMasker;
import org.oaiconformance.contract.settings.Setting;
import org.oaiconformance.contract.settings.SettingsError;
import org.oaiconformance.contract.settings.TargetSettings;
import org.oaiconformance.contract.summary.ConformanceSummary;
import org.oaiconformance.reports.ReportBuilder;
import org.testng.TestNG;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code java -jar openai-conformance-VERSION.jar}: the same run as {@code ./mvnw verify}, without a clone. Settings
 * as there (environment, or a flag per setting); preflight, every check class in one TestNG run in this JVM, then the
 * same summary, badge and single-file report, written into the folder the user names, and the same verdict as the
 * exit status.
 */
public final class ConformanceMain {
    static final int CONFORMANT = 0;
    static final int NOT_CONFORMANT = 1;
    static final int FIX_A_SETTING = 2;
    static final int SUITE_FAILED = 3;
    /** Conformant, but a MUST requirement was skipped and CONFORMANCE_REQUIRE_COMPLETE asks for a complete verdict. */
    static final int INCOMPLETE = 4;
    /** Beyond the run's deadline: the checks stop at 90% of it, so this only ends a run something else hangs. */
    private static final long BACKSTOP_MARGIN_MS = 120_000;

    private ConformanceMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Properties build = buildProperties();
        Flags flags;
        try {
            flags = Flags.parse(args);
        } catch (Flags.BadCommandLine e) {
            System.err.println("[conformance] " + e.getMessage());
            return FIX_A_SETTING;
        }
        if (flags.help()) {
            System.out.print(Flags.usage());
            return CONFORMANT;
        }
        if (flags.version()) {
            System.out.println("openai-conformance " + build.getProperty("version"));
            return CONFORMANT;
        }
        flags.apply();
        try {
            return judge(flags.out().toAbsolutePath().normalize(), build);
        } catch (SettingsError e) {
            // one line, whatever the target put in what the message quotes (a Content-Type, an I/O error)
            System.err.println("[conformance] cannot start: " + Markup.console(e.getMessage()));
            return FIX_A_SETTING;
        } catch (Exception e) {
            System.err.println("[conformance] the suite failed: " + Markup.console(SecretMasker.maskLine(String.valueOf(e.getMessage()))));
            return SUITE_FAILED;
        }
    }

    private static int judge(Path out, Properties build) throws Exception {
        Cache cache = Cache.forVersion(build.getProperty("version"));
        System.setProperty(TargetSettings.SDK_DIR_PROPERTY, cache.sdkFolder().toString()); // before the one resolution of the settings
        TargetSettings settings = TargetSettings.fromEnvironment();
        Preflight.check(settings); // a setting to fix ends the run before anything is written
        Path work = prepare(out);
        System.setProperty("allure.results.directory", work.resolve("allure-results").toString());
        System.setProperty(ConformanceListener.OUTCOMES_DIR_PROPERTY, work.resolve("outcomes").toString());
        System.setProperty(ConformanceListener.MODULE_PROPERTY, "standalone");
        Watchdog.after(settings.limits().deadlineSeconds() * 1000L + BACKSTOP_MARGIN_MS, () -> {
            System.err.println("[conformance] the run outlived its deadline (" + Setting.RUN_DEADLINE_S.env() + ") and was stopped");
            Runtime.getRuntime().halt(SUITE_FAILED);
        });

        TestNG testng = new TestNG(false);
        testng.setTestClasses(checkClasses());
        testng.setOutputDirectory(work.resolve("testng").toString());
        testng.setVerbose(0);
        testng.run();

        // The report is built in a fresh folder of the run's own, then moved into --out: nothing is written through a
        // link someone placed there (Allure's clean would empty the folder a link named).
        Path staging = Files.createTempDirectory(work, "report-");
        ConformanceSummary summary = ReportBuilder.build(new ReportBuilder.Folders(work.resolve("outcomes"), work.resolve("allure-results"),
                staging, out), build.getProperty("version"), cache.allureHome(build.getProperty("allure")), settings);
        publish(staging, out);
        if (!summary.buildFails()) {
            return CONFORMANT;
        }
        System.err.println("[conformance] " + summary.verdict() + ": " + summary.buildReason() + ". See " + out.resolve("conformance-summary.md"));
        return ConformanceSummary.INCOMPLETE_REASON.equals(summary.buildReason()) ? INCOMPLETE : NOT_CONFORMANT;
    }

    /** Every check class of the suite: in this jar, or in the check modules' jars on a class path. */
    static Class<?>[] checkClasses() {
        Set<Class<?>> classes = new LinkedHashSet<>(CheckRegistry.listBeside(BearerAuthChecks.class));
        classes.addAll(CheckRegistry.listBeside(ChatCompletionChecks.class));
        return classes.stream().sorted(Comparator.comparing(Class::getName)).toArray(Class<?>[]::new);
    }

    /**
     * The output folder, holding this run's work folder (locked, emptied). A folder with other files in it is refused,
     * so a mistyped --out never mixes a report into someone's files; so is a symbolic link, as the folder or in it, so
     * nothing the run writes or cleans lands where a link points.
     */
    static Path prepare(Path out) throws IOException {
        if (Files.isSymbolicLink(out)) {
            throw new SettingsError("--out " + out + " is a symbolic link; name a folder of its own");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new SettingsError("--out " + out + " is a file; name a folder");
        }
        Files.createDirectories(out);
        try (Stream<Path> entries = Files.list(out)) {
            List<Path> all = entries.toList();
            List<String> links = all.stream().filter(Files::isSymbolicLink).map(p -> p.getFileName().toString()).sorted().toList();
            if (!links.isEmpty()) {
                throw new SettingsError("--out " + out + " holds a symbolic link (" + links.get(0) + "); the report never writes through one:"
                        + " remove it, or name an empty or new folder");
            }
            List<String> foreign = all.stream().map(p -> p.getFileName().toString()).filter(name -> !REPORT_FILES.contains(name)).sorted().toList();
            if (!foreign.isEmpty()) {
                throw new SettingsError("--out " + out + " holds files that are not a conformance report (" + String.join(", ",
                        foreign.subList(0, Math.min(3, foreign.size()))) + "); name an empty or new folder");
            }
        }
        Path work = out.resolve(".run");
        String holder = RunLock.acquire(work);
        if (holder != null) {
            throw new SettingsError("--out " + out + " is in use by another run (" + holder + "); name another folder");
        }
        for (String folder : List.of("outcomes", "allure-results", "testng")) {
            deleteTree(work.resolve(folder));
        }
        return work;
    }

    /** What a run writes into --out: a folder holding only these is a report of an earlier run, replaced by this one. */
    private static final Set<String> REPORT_FILES = Set.of(".run", "conformance-summary.json", "conformance-summary.md", "badge.json",
            "badges", "allure-report", "allure-report-data", "report-timings.json");

    /** Moves what the report builder wrote into --out, replacing an earlier run's report (links in it were refused). */
    private static void publish(Path staging, Path out) throws IOException {
        try (Stream<Path> entries = Files.list(staging)) {
            for (Path made : entries.toList()) {
                Path target = out.resolve(made.getFileName().toString());
                if (Files.isSymbolicLink(target)) {
                    throw new IOException("a symbolic link appeared in --out during the run: " + target);
                }
                deleteTree(target);
                Files.move(made, target, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        Files.delete(staging);
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static Properties buildProperties() {
        Properties properties = new Properties();
        try (InputStream in = ConformanceMain.class.getResourceAsStream("standalone.properties")) {
            properties.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("this jar lacks its standalone.properties", e);
        }
        return properties;
    }
}
