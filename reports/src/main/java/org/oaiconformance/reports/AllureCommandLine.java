package org.oaiconformance.reports;

import org.oaiconformance.contract.secrets.ChildEnvironment;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Allure 2's command line (unpacked from the Maven registry into target/) in its own JVM, with a deadline. */
final class AllureCommandLine {
    private static final long DEADLINE_SECONDS = 180;
    private final Path home;

    AllureCommandLine(Path home) {
        this.home = home;
    }

    /** One self-contained index.html that opens from disk. */
    void generateSingleFile(Path results, Path output) throws IOException, InterruptedException {
        run(List.of("generate", "--single-file", "--clean", "--report-name", "OpenAI-compatible API conformance", "-o", output.toString(),
                results.toString()));
    }

    /** A plain (multi-file) report: the one that writes the history/ folder trends are built from. */
    void generate(Path results, Path output) throws IOException, InterruptedException {
        run(List.of("generate", "--clean", "-o", output.toString(), results.toString()));
    }

    private void run(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // as the check JVMs: C1 only and no verification of Allure's own pinned jars (docs/performance.md)
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:+IgnoreUnrecognizedVMOptions", "-XX:+UnlockDiagnosticVMOptions",
                "-XX:-BytecodeVerificationRemote", "-classpath", home.resolve("lib") + "/*" + File.pathSeparator + home.resolve("lib/config"),
                "io.qameta.allure.CommandLine"));
        command.addAll(arguments);
        ProcessBuilder builder = ChildEnvironment.forDriver(command).inheritIO();
        builder.environment().put("APP_HOME", home.toString());
        Process process = builder.start();
        if (!process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("Allure did not finish the report within " + DEADLINE_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("Allure failed to generate the report (exit " + process.exitValue() + ")");
        }
    }
}
