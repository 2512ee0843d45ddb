package org.oaiconformance.compat.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.oaiconformance.contract.http.Courtesy;
import org.oaiconformance.contract.json.Json;
import org.oaiconformance.contract.metrics.Timings;
import org.oaiconformance.contract.run.InstallManifest;
import org.oaiconformance.contract.secrets.ChildEnvironment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An official SDK of another runtime, pinned by a lock file shipped beside this class ({@code sdk/<row>/} in the jar),
 * installed on first use into {@code <sdk folder>/<row>} (never globally; by default the user's cache,
 * {@code ~/.cache/openai-conformance/sdk}, so {@code mvn clean} does not reinstall them) and run as one long-lived process per JVM: each call is one
 * JSON line in and one out, keys included, so no key is ever on a command line. Rows: the Node SDK, the current Python
 * SDK, and the legacy Python SDK 0.28 the Infron guide shows.
 */
public final class ProcessSdkDriver implements SdkDriver {
    private static final ObjectMapper JSON = Json.MAPPER;
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final Map<String, DriverProcess> RUNNING = new ConcurrentHashMap<>();
    private static final Map<String, String> UNAVAILABLE = new ConcurrentHashMap<>();
    /** One lock per row: rows install and start side by side, each only once. */
    private static final Map<String, Object> ROW_LOCKS = new ConcurrentHashMap<>();

    /**
     * How to install and start one runtime's driver, and what its SDK calls its errors.
     *
     * @param files       the row's pinned files, copied from the class path: its driver, the lock, and what the lock needs
     * @param install     shell-free commands run in the row's folder when the lock changed or nothing is installed
     * @param errorByStatus the SDK's error class per HTTP status; {@code 500} stands for every 5xx, {@code 0} for the rest
     */
    public record Row(String name, String dir, List<String> files, String lockFile, List<List<String>> install, String installedMarker,
                      List<String> command, Map<Integer, String> errorByStatus, String remedy) {
    }

    /** Wheels only, each checked against the lock's hashes: nothing is built or run at install time. */
    private static final List<List<String>> PIP_INSTALL = List.of(List.of("python3", "-m", "venv", "venv"), List.of("venv/bin/pip", "install",
            "-q", "--no-deps", "--require-hashes", "--only-binary", ":all:", "--no-input", "-r", "requirements.lock"));

    public static final Row NODE = new Row("openai-node", "node", List.of("driver.mjs", "package.json", "package-lock.json"), "package-lock.json",
            List.of(List.of("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error")), "node_modules/openai",
            List.of("node", "driver.mjs"), Map.of(400, "BadRequestError", 401, "AuthenticationError", 403, "PermissionDeniedError",
            404, "NotFoundError", 422, "UnprocessableEntityError", 429, "RateLimitError", 500, "InternalServerError", 0, "APIError"),
            "install Node.js 20+ with npm");
    public static final Row PYTHON = new Row("openai-python", "python", List.of("driver.py", "requirements.lock"), "requirements.lock",
            PIP_INSTALL,
            "venv/bin/python", List.of("venv/bin/python", "-B", "driver.py"), Map.of(400, "BadRequestError", 401, "AuthenticationError",
            403, "PermissionDeniedError", 404, "NotFoundError", 422, "UnprocessableEntityError", 429, "RateLimitError",
            500, "InternalServerError", 0, "APIStatusError"), "install Python 3.9+ with venv and pip");
    public static final Row PYTHON_LEGACY = new Row("openai-python-0.28", "python-legacy", List.of("driver.py", "requirements.lock"),
            "requirements.lock",
            PIP_INSTALL,
            "venv/bin/python", List.of("venv/bin/python", "-B", "driver.py"), Map.of(400, "InvalidRequestError", 401, "AuthenticationError",
            403, "PermissionError", 404, "InvalidRequestError", 429, "RateLimitError", 500, "APIError", 0, "APIError"),
            "install Python 3.9+ with venv and pip");

    private final Row row;
    private final Path sdkFolder;
    private final String baseUrl;
    private final Duration deadline;
    private final String version;
    private final Courtesy courtesy;

    private ProcessSdkDriver(Row row, Path sdkFolder, String baseUrl, Duration deadline, DriverProcess process, Courtesy courtesy) {
        this.row = row;
        this.sdkFolder = sdkFolder;
        this.baseUrl = baseUrl;
        this.deadline = deadline;
        this.version = process.version;
        this.courtesy = courtesy;
    }

    /** The row's live process: one that stopped answering was killed, so a fresh one is started. */
    private static DriverProcess live(Row row, Path sdkFolder) throws IOException, InterruptedException {
        synchronized (lockOf(row)) {
            return liveNow(row, sdkFolder);
        }
    }

    private static Object lockOf(Row row) {
        return ROW_LOCKS.computeIfAbsent(row.name(), name -> new Object());
    }

    private static DriverProcess liveNow(Row row, Path sdkFolder) throws IOException, InterruptedException {
        DriverProcess process = RUNNING.get(row.name());
        if (process == null || !process.process.isAlive()) {
            process = DriverProcess.start(row, sdkFolder);
            RUNNING.put(row.name(), process);
        }
        return process;
    }

    /**
     * The row, installed into {@code sdkFolder} (the run spec's) if need be, or a skipped row that names what to install
     * when its runtime or SDK cannot be had.
     */
    public static SdkDriver find(Row row, Path sdkFolder, String baseUrl, Duration deadline, Courtesy courtesy) {
        synchronized (lockOf(row)) {
            return findNow(row, sdkFolder, baseUrl, deadline, courtesy);
        }
    }

    private static SdkDriver findNow(Row row, Path sdkFolder, String baseUrl, Duration deadline, Courtesy courtesy) {
        if (!RUNNING.containsKey(row.name()) && !UNAVAILABLE.containsKey(row.name())) {
            try {
                long start = System.nanoTime();
                RUNNING.put(row.name(), DriverProcess.start(row, sdkFolder));
                courtesy.metrics().measure("SDK start-up seconds, " + row.name() + " (install if needed, then process start)",
                        (System.nanoTime() - start) / 1e9);
                Timings.first("SDK start " + row.name(), (System.nanoTime() - start) / 1_000_000);
            } catch (IOException | InterruptedException | RuntimeException e) {
                UNAVAILABLE.put(row.name(), String.valueOf(e.getMessage()));
            }
        }
        DriverProcess running = RUNNING.get(row.name());
        return running != null ? new ProcessSdkDriver(row, sdkFolder, baseUrl, deadline, running, courtesy)
                : MissingRuntime.of(row.name(), row.remedy() + " (" + UNAVAILABLE.get(row.name()) + ")");
    }

    @Override
    public String name() {
        return row.name();
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public String toString() {
        return name() + " " + version();
    }

    @Override
    public SdkAnswer complete(String apiKey, String model, Map<String, String> headers, int retries) {
        return call("complete", apiKey, model, headers, retries, null);
    }

    @Override
    public SdkAnswer stream(String apiKey, String model, Map<String, String> headers) {
        return call("stream", apiKey, model, headers, 0, null);
    }

    @Override
    public SdkAnswer feature(FeatureCall feature, String apiKey, String body, Map<String, String> headers) {
        return call(feature.op(), apiKey, Json.parse(body).path("model").asText(), headers, 0, body);
    }

    @Override
    public String errorClassFor(int status) {
        return row.errorByStatus().getOrDefault(status, row.errorByStatus().get(status >= 500 ? 500 : 0));
    }

    /** One call; {@code body}, when given, is the raw request the driver turns into its SDK's call. */
    private SdkAnswer call(String op, String apiKey, String model, Map<String, String> headers, int retries, String body) {
        ObjectNode request = JSON.createObjectNode().put("id", IDS.incrementAndGet()).put("op", op).put("baseURL", baseUrl)
                .put("apiKey", apiKey).put("model", model).put("maxRetries", retries).put("deadlineMs", deadline.toMillis());
        if (body != null) {
            request.set("body", Json.parse(body));
        }
        ObjectNode headerNode = request.putObject("headers");
        headers.forEach(headerNode::put);
        JsonNode answer;
        long sent = System.nanoTime();
        try {
            answer = live(row, sdkFolder).send(request, deadline.plusSeconds(10), courtesy, "the " + row.name() + " process");
            Timings.first("SDK first call " + row.name(), (System.nanoTime() - sent) / 1_000_000);
        } catch (IOException | InterruptedException e) {
            answer = null;
        }
        if (answer == null) {
            return new SdkAnswer("DriverTimeout", null, "the " + row.name() + " driver did not answer in time", 0, null, null, 0);
        }
        int attempts = answer.path("attempts").asInt(0);
        String errorClass = answer.path("errorClass").asText(null);
        Integer status = answer.path("status").isInt() ? answer.path("status").asInt() : null;
        // The SDK's requests, metered like the suite's own: a successful call is one billable request.
        for (int i = 0; i < attempts; i++) {
            int code = errorClass == null && i == attempts - 1 ? 200 : status == null ? 0 : status;
            courtesy.metrics().record("POST", baseUrl + (op.equals(FeatureCall.EMBEDDINGS.op()) ? "/embeddings" : "/chat/completions"), code, "");
        }
        courtesy.metrics().recordTokens(answer.path("promptTokens").asLong(0), answer.path("completionTokens").asLong(0));
        return new SdkAnswer(errorClass, status, answer.path("message").asText(null), attempts, answer.path("content").asText(null),
                answer.path("finishReason").asText(null), answer.path("chunks").asInt(0),
                answer.path("toolCalls").isArray() ? answer.path("toolCalls") : JSON.createArrayNode(),
                answer.path("errorFields").isObject() ? answer.path("errorFields") : null);
    }

    /** One driver process of a row, shared by every call of the JVM. */
    private static final class DriverProcess {
        private final Process process;
        private final OutputStream in;
        private final BufferedReader out;
        private final ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "node-sdk-reader");
            t.setDaemon(true);
            return t;
        });
        private String version = "unknown";

        private DriverProcess(Process process) {
            this.process = process;
            this.in = process.getOutputStream();
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        static DriverProcess start(Row row, Path sdkFolder) throws IOException, InterruptedException {
            Path dir = sdkFolder.resolve(row.dir());
            install(row, dir);
            Process process = ChildEnvironment.forDriver(row.command()).directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            DriverProcess node = new DriverProcess(process);
            String ready = node.readLine(Duration.ofSeconds(30));
            if (ready == null) {
                throw new IOException("the " + row.name() + " driver did not start");
            }
            node.version = JSON.readTree(ready).path("version").asText("unknown");
            return node;
        }

        /**
         * Copies the row's pinned files and installs them when nothing is installed yet or the lock changed. The lock is
         * stamped as installed only once every step succeeded, so an install cut short is redone, never taken as whole.
         */
        private static void install(Row row, Path dir) throws IOException, InterruptedException {
            InstallManifest.ownerOnlyFolder(dir.getParent());
            InstallManifest.ownerOnlyFolder(dir);
            byte[] lock = pinned(row, row.lockFile());
            Path stamp = dir.resolve(".installed-" + row.lockFile());
            String[] outside = notInTheManifest(row, stamp);
            boolean stale = !Files.exists(dir.resolve(row.installedMarker())) || !Files.exists(stamp)
                    || !Arrays.equals(lock, Files.readAllBytes(stamp));
            String changed = stale ? null : InstallManifest.difference(dir, outside);
            if (changed != null) { // code changed in the cache would run with the key on its stdin: never use it
                System.out.println("[conformance] the cached " + row.name() + " row cannot be trusted (" + changed + " since its install);"
                        + " reinstalling it");
                deleteTree(dir);
                InstallManifest.ownerOnlyFolder(dir);
                stale = true;
            }
            for (String file : row.files()) {
                Files.write(dir.resolve(file), pinned(row, file));
            }
            if (!stale) {
                return;
            }
            Files.deleteIfExists(stamp);
            long start = System.nanoTime();
            System.out.println("[conformance] installing the " + row.name() + " row into " + dir + " (first use of this lock file; "
                    + String.join(" ", row.install().get(row.install().size() - 1).subList(0, 2)) + ")");
            runInstallSteps(row, dir);
            Files.write(stamp, lock);
            InstallManifest.write(dir, outside);
            System.out.printf(Locale.ROOT, "[conformance] installed the %s row in %.0f s (%d MB)%n", row.name(),
                    (System.nanoTime() - start) / 1e9, sizeOf(dir) >> 20);
        }

        /** The row's own files (copied from the jar before every use), its install log and stamp: not what the install made. */
        private static String[] notInTheManifest(Row row, Path stamp) {
            List<String> names = new ArrayList<>(row.files());
            names.add("install.log");
            names.add(stamp.getFileName().toString());
            return names.toArray(String[]::new);
        }

        private static void deleteTree(Path dir) throws IOException {
            try (var paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }

        private static long sizeOf(Path dir) throws IOException {
            try (var files = Files.walk(dir)) {
                return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
            }
        }

        private static void runInstallSteps(Row row, Path dir) throws IOException, InterruptedException {
            for (List<String> step : row.install()) {
                Process install = ChildEnvironment.forInstall(step).directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("install.log").toFile()).start();
                if (!install.waitFor(300, TimeUnit.SECONDS) || install.exitValue() != 0) {
                    install.destroyForcibly();
                    throw new IOException(String.join(" ", step) + " failed; see " + dir.resolve("install.log"));
                }
            }
        }

        /** One of the row's files as this jar ships it. */
        private static byte[] pinned(Row row, String file) throws IOException {
            try (var in = ProcessSdkDriver.class.getResourceAsStream(row.dir() + "/" + file)) {
                if (in == null) {
                    throw new IOException("the suite's jar lacks " + row.dir() + "/" + file);
                }
                return in.readAllBytes();
            }
        }

        /** One call at a time: the permit is taken once it is this call's turn, so no permit waits idle. */
        synchronized JsonNode send(ObjectNode request, Duration timeout, Courtesy courtesy, String chain) {
            return courtesy.during(() -> {
                try {
                    in.write((request.toString() + "\n").getBytes(StandardCharsets.UTF_8));
                    in.flush();
                    String line = readLine(timeout);
                    return line == null ? null : JSON.readTree(line);
                } catch (IOException e) {
                    return null;
                }
            }, chain, process::destroyForcibly); // a call cut off by the run's deadline ends now; the next starts a new process
        }

        private String readLine(Duration timeout) {
            Future<String> line = reader.submit(out::readLine);
            try {
                return line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                line.cancel(true);
                process.destroyForcibly(); // a driver that stopped answering is not trusted with the next call
                return null;
            }
        }
    }
}
