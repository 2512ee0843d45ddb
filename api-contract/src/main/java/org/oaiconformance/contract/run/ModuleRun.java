package org.oaiconformance.contract.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.oaiconformance.contract.json.Json;
import org.oaiconformance.contract.metrics.RunMetrics;
import org.oaiconformance.contract.outcome.CheckOutcome;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What one module's test JVM found, written as {@code <outcomes dir>/<module>.json} and read by the reports
 * module. This file, not the console or the Allure results, is what the verdict is computed from.
 *
 * @param runError      set when the module could not run its checks at all (bad settings, target unreachable)
 * @param checksStartMs when the first check started, epoch ms (0: none ran); with {@code checksEndMs}, the span the
 *                      checks took, without the JVM's start-up and the target session's set-up
 */
public record ModuleRun(String module, TargetInfo target, String startedAt, long durationMs,
                        RunMetrics.Snapshot metrics, String runError, List<CheckOutcome> outcomes, Map<String, String> sdkVersions,
                        long checksStartMs, long checksEndMs, Map<String, Long> timings) {

    public ModuleRun {
        sdkVersions = sdkVersions == null ? Map.of() : Map.copyOf(sdkVersions);
        timings = timings == null ? Map.of() : Map.copyOf(timings);
    }
    private static final ObjectMapper JSON = Json.MAPPER;

    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Json.PRETTY.writeValue(dir.resolve(module + ".json").toFile(), this);
    }

    public static List<ModuleRun> readAll(Path dir) throws IOException {
        List<ModuleRun> runs = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return runs;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                runs.add(JSON.readValue(file.toFile(), ModuleRun.class));
            }
        }
        return runs;
    }
}
