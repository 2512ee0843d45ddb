package org.oaiconformance.compat.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.oaiconformance.contract.run.RunMetrics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The official Node SDK ({@code openai} from npm, pinned by {@code src/test/sdk/node/package-lock.json}), installed into
 * {@code target/sdk/node} with {@code npm ci} on first use and run as one long-lived {@code node} process per JVM: each
 * call is one JSON line in and one out, keys included, so no key is ever on a command line.
 */
public final class NodeSdkDriver implements SdkDriver {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SOURCES = Path.of("src", "test", "sdk", "node");
    private static final AtomicInteger IDS = new AtomicInteger();
    private static NodeProcess shared;
    private static String unavailable;

    private final String baseUrl;
    private final Duration deadline;
    private final NodeProcess node;

    private NodeSdkDriver(String baseUrl, Duration deadline, NodeProcess node) {
        this.baseUrl = baseUrl;
        this.deadline = deadline;
        this.node = node;
    }

    /** The Node row, or a skipped row that names what to install when Node.js or the SDK cannot be had. */
    public static synchronized SdkDriver find(String baseUrl, Duration deadline) {
        if (shared == null && unavailable == null) {
            try {
                shared = NodeProcess.start(Path.of(System.getProperty("basedir", ".")));
            } catch (IOException | InterruptedException | RuntimeException e) {
                unavailable = e.getMessage();
            }
        }
        return shared != null ? new NodeSdkDriver(baseUrl, deadline, shared)
                : MissingRuntime.of("openai-node", "install Node.js 20+ with npm (" + unavailable + ")");
    }

    @Override
    public String name() {
        return "openai-node";
    }

    @Override
    public String version() {
        return node.version;
    }

    @Override
    public String toString() {
        return name() + " " + version();
    }

    @Override
    public SdkAnswer complete(String apiKey, String model, Map<String, String> headers, int retries) {
        return call("complete", apiKey, model, headers, retries);
    }

    @Override
    public SdkAnswer stream(String apiKey, String model) {
        return call("stream", apiKey, model, Map.of(), 0);
    }

    @Override
    public String errorClassFor(int status) {
        return switch (status) {
            case 400 -> "BadRequestError";
            case 401 -> "AuthenticationError";
            case 403 -> "PermissionDeniedError";
            case 404 -> "NotFoundError";
            case 409 -> "ConflictError";
            case 422 -> "UnprocessableEntityError";
            case 429 -> "RateLimitError";
            default -> status >= 500 ? "InternalServerError" : "APIError";
        };
    }

    private SdkAnswer call(String op, String apiKey, String model, Map<String, String> headers, int retries) {
        ObjectNode request = JSON.createObjectNode().put("id", IDS.incrementAndGet()).put("op", op).put("baseURL", baseUrl)
                .put("apiKey", apiKey).put("model", model).put("maxRetries", retries).put("deadlineMs", deadline.toMillis());
        ObjectNode headerNode = request.putObject("headers");
        headers.forEach(headerNode::put);
        JsonNode answer = node.send(request, deadline.plusSeconds(10));
        if (answer == null) {
            return new SdkAnswer("DriverTimeout", null, "the Node SDK driver did not answer in time", 0, null, null, 0);
        }
        int attempts = answer.path("attempts").asInt(0);
        String errorClass = answer.path("errorClass").asText(null);
        Integer status = answer.path("status").isInt() ? answer.path("status").asInt() : null;
        // The SDK's requests, metered like the suite's own: a successful call is one billable request.
        for (int i = 0; i < attempts; i++) {
            int code = errorClass == null && i == attempts - 1 ? 200 : status == null ? 0 : status;
            RunMetrics.record("POST", baseUrl + "/chat/completions", code, "", 0);
        }
        RunMetrics.recordTokens(answer.path("promptTokens").asLong(0), answer.path("completionTokens").asLong(0));
        return new SdkAnswer(errorClass, status, answer.path("message").asText(null), attempts, answer.path("content").asText(null),
                answer.path("finishReason").asText(null), answer.path("chunks").asInt(0));
    }

    /** One node process running driver.mjs, shared by every call of the JVM. */
    private static final class NodeProcess {
        private final Process process;
        private final OutputStream in;
        private final BufferedReader out;
        private final ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "node-sdk-reader");
            t.setDaemon(true);
            return t;
        });
        private String version = "unknown";

        private NodeProcess(Process process) {
            this.process = process;
            this.in = process.getOutputStream();
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        static NodeProcess start(Path module) throws IOException, InterruptedException {
            Path dir = module.resolve("target").resolve("sdk").resolve("node");
            install(module.resolve(SOURCES), dir);
            Process process = new ProcessBuilder("node", "driver.mjs").directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            NodeProcess node = new NodeProcess(process);
            String ready = node.readLine(Duration.ofSeconds(30));
            if (ready == null) {
                throw new IOException("the Node SDK driver did not start");
            }
            node.version = JSON.readTree(ready).path("version").asText("unknown");
            return node;
        }

        /** Copies the pinned package files and runs {@code npm ci} when the installed SDK is missing or stale. */
        private static void install(Path sources, Path dir) throws IOException, InterruptedException {
            Files.createDirectories(dir);
            boolean stale = !Files.isDirectory(dir.resolve("node_modules").resolve("openai"))
                    || !Files.exists(dir.resolve("package-lock.json"))
                    || Files.mismatch(sources.resolve("package-lock.json"), dir.resolve("package-lock.json")) != -1;
            for (String file : new String[] {"package.json", "package-lock.json", "driver.mjs"}) {
                Files.copy(sources.resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            if (stale) {
                Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error").directory(dir.toFile())
                        .redirectErrorStream(true).redirectOutput(dir.resolve("npm-ci.log").toFile()).start();
                if (!npm.waitFor(180, TimeUnit.SECONDS) || npm.exitValue() != 0) {
                    npm.destroyForcibly();
                    throw new IOException("npm ci failed; see " + dir.resolve("npm-ci.log"));
                }
            }
        }

        synchronized JsonNode send(ObjectNode request, Duration timeout) {
            try {
                in.write((request.toString() + "\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
                String line = readLine(timeout);
                return line == null ? null : JSON.readTree(line);
            } catch (IOException e) {
                return null;
            }
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
