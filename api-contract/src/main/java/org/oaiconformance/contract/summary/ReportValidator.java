package org.oaiconformance.contract.summary;

import com.fasterxml.jackson.databind.JsonNode;
import org.oaiconformance.contract.catalogue.Requirement;
import org.oaiconformance.contract.catalogue.RequirementCatalogue;
import org.oaiconformance.contract.json.Json;
import org.oaiconformance.contract.outcome.Markup;
import org.oaiconformance.contract.outcome.Status;
import org.oaiconformance.contract.schema.ContractSchema;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Checks a published conformance report (docs/publishing.md) the way a reviewer of a submission would: the
 * ConformanceReport against its JSON Schema; against the catalogue of the suite version that made it (every
 * requirement present once, with the catalogue's level); the verdict and the totals recomputed from the statuses; and
 * beside it a README.md naming the target's version and the command that reproduces it.
 * Arguments: this suite's version, then files or folders (folders are searched for conformance-summary.json).
 */
public final class ReportValidator {
    static final String REPORT = "conformance-summary.json";

    private ReportValidator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args[1].isBlank()) {
            System.err.println("[conformance] validate-report: name the reports to check: scripts/validate-report PATH...");
            System.exit(2);
        }
        List<Path> reports = new ArrayList<>();
        for (String given : args[1].split(File.pathSeparator)) {
            reports.addAll(find(Path.of(given)));
        }
        if (reports.isEmpty()) {
            System.err.println("[conformance] validate-report: no " + REPORT + " under " + Markup.console(args[1].replace(File.pathSeparator, ", ")));
            System.exit(2);
        }
        int invalid = 0;
        for (Path report : reports) {
            List<String> problems = problems(report, args[0], RequirementCatalogue.load());
            // a submitted report is untrusted: what it holds (model ids, file names) is printed flattened, one line each
            System.out.println((problems.isEmpty() ? "valid:   " : "INVALID: ") + Markup.console(report.toString()));
            problems.forEach(p -> System.out.println("  - " + Markup.console(p)));
            invalid += problems.isEmpty() ? 0 : 1;
        }
        System.exit(invalid == 0 ? 0 : 1);
    }

    /** Version 2's models: each model's requirements in the catalogue at their level, its verdict recomputed from them. */
    static List<String> modelProblems(JsonNode summary, RequirementCatalogue catalogue) {
        List<String> problems = new ArrayList<>();
        for (JsonNode model : summary.path("models")) {
            String name = model.path("model").asText();
            Map<String, Status> statuses = new HashMap<>();
            for (JsonNode result : model.path("requirements")) {
                String id = result.path("id").asText();
                Requirement requirement = catalogue.find(id).orElse(null);
                if (requirement == null || !requirement.level().name().equals(result.path("level").asText())) {
                    problems.add("model " + name + ": " + id + (requirement == null ? " is not in the catalogue" : " is "
                            + result.path("level").asText() + " in the report, " + requirement.level() + " in the catalogue"));
                    continue;
                }
                statuses.put(id, Status.valueOf(result.path("status").asText().toUpperCase(Locale.ROOT)));
            }
            String said = model.path("verdict").asText();
            String verdict = SummaryBuilder.verdict(catalogue, statuses);
            if (!said.equals(ModelVerdict.NOT_SERVED) && !said.equals(verdict)) {
                problems.add("model " + name + ": the verdict says " + said + ", its statuses make it " + verdict);
            }
        }
        return problems;
    }

    private static List<Path> find(Path given) throws IOException {
        if (Files.isRegularFile(given)) {
            return List.of(given);
        }
        if (!Files.isDirectory(given)) {
            System.err.println("[conformance] validate-report: " + Markup.console(given.toString()) + " does not exist");
            System.exit(2);
        }
        try (Stream<Path> files = Files.walk(given)) {
            return files.filter(f -> f.getFileName().toString().equals(REPORT)).sorted().toList();
        }
    }

    /** Why this report cannot be trusted as published; empty when it can. */
    public static List<String> problems(Path report, String suiteVersion, RequirementCatalogue catalogue) throws IOException {
        List<String> problems = new ArrayList<>();
        String text = Files.readString(report);
        ContractSchema.CONFORMANCE_SUMMARY.violations(text).forEach(v -> problems.add("schema: " + v));
        if (!problems.isEmpty()) {
            return problems;
        }
        JsonNode summary = Json.parse(text);
        String madeWith = summary.path("suiteVersion").asText();
        if (!madeWith.equals(suiteVersion)) {
            problems.add("made with suite " + madeWith + ", this is " + suiteVersion + ": validate it with the validator of " + madeWith
                    + " (its catalogue)");
            return problems;
        }
        Path folder = report.toAbsolutePath().getParent();
        Path versionFolder = folder.getParent(); // conformance/reports/<suite version>/<target>/
        if (versionFolder != null && versionFolder.getParent() != null && "reports".equals(String.valueOf(versionFolder.getParent().getFileName()))
                && !madeWith.equals(String.valueOf(versionFolder.getFileName()))) {
            problems.add("published under version " + versionFolder.getFileName() + " but made with " + madeWith);
        }
        Map<String, Status> statuses = new HashMap<>();
        Map<String, Map<String, Integer>> totals = new TreeMap<>();
        for (JsonNode result : summary.path("requirements")) {
            String id = result.path("id").asText();
            Requirement requirement = catalogue.find(id).orElse(null);
            if (requirement == null) {
                problems.add(id + " is not in the catalogue of " + suiteVersion);
                continue;
            }
            if (!requirement.level().name().equals(result.path("level").asText())) {
                problems.add(id + " is " + result.path("level").asText() + " in the report, " + requirement.level() + " in the catalogue");
            }
            Status status = Status.valueOf(result.path("status").asText().toUpperCase(Locale.ROOT));
            if (statuses.put(id, status) != null) {
                problems.add(id + " appears twice");
            }
            totals.computeIfAbsent(requirement.level().name(), k -> new TreeMap<>()).merge(status.id(), 1, Integer::sum);
        }
        Set<String> missing = new TreeSet<>();
        catalogue.all().stream().map(Requirement::id).filter(id -> !statuses.containsKey(id)).forEach(missing::add);
        if (!missing.isEmpty()) {
            problems.add("requirements of the catalogue missing from the report: " + missing);
        }
        String verdict = SummaryBuilder.verdict(catalogue, statuses);
        if (!verdict.equals(summary.path("verdict").asText())) {
            problems.add("the verdict says " + summary.path("verdict").asText() + ", the statuses make it " + verdict);
        }
        summary.path("totals").fields().forEachRemaining(level -> level.getValue().fields().forEachRemaining(count -> {
            int counted = totals.getOrDefault(level.getKey(), Map.of()).getOrDefault(count.getKey(), 0);
            if (count.getValue().asInt() != counted) {
                problems.add("totals." + level.getKey() + "." + count.getKey() + " says " + count.getValue().asInt() + ", the statuses count " + counted);
            }
        }));
        problems.addAll(modelProblems(summary, catalogue));
        Path readme = folder.resolve("README.md");
        if (!Files.isRegularFile(readme)) {
            problems.add("no README.md beside it (the target's version and the command that reproduces the run)");
        } else {
            String about = Files.readString(readme);
            if (!about.toLowerCase(Locale.ROOT).contains("target version")) {
                problems.add("README.md does not name the target's version (a 'Target version:' line)");
            }
            if (!about.contains("mvnw") || !about.contains("verify")) {
                problems.add("README.md does not give the command that reproduces the run (./mvnw verify with its settings)");
            }
        }
        return problems;
    }
}
