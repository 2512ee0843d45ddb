package org.oaiconformance.reports;

import org.testng.annotations.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

/**
 * Every child process the suite starts while it judges a target (SDK drivers, their installs, curl, Allure) is built
 * by ChildEnvironment, so none inherits the keys or a developer's OpenAI settings. The project's own tests (files
 * named *Test.java) may start processes of their own.
 */
public class ChildProcessesTest {

    @Test
    public void noChildProcessIsBuiltOutsideTheAllowListedEnvironment() throws IOException {
        Path root = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."));
        if (!Files.exists(root.resolve("api-contract"))) {
            root = Path.of("..");
        }
        List<Path> offenders;
        try (Stream<Path> files = Files.walk(root)) {
            offenders = files.filter(p -> p.toString().endsWith(".java") && !p.toString().contains("/target/"))
                    .filter(p -> !p.getFileName().toString().endsWith("Test.java") && !p.getFileName().toString().equals("ChildEnvironment.java"))
                    .filter(p -> read(p).contains("new ProcessBuilder(")).toList();
        }
        assertEquals(offenders, List.of(), "build child processes with ChildEnvironment");
        assertTrue(read(root.resolve("compat-tests/src/main/java/org/oaiconformance/compat/sdk/CurlDriver.java")).contains("\"curl\", \"-q\""),
                "curl must be told to skip ~/.curlrc");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
