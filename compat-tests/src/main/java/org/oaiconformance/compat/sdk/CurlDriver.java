package org.oaiconformance.compat.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.oaiconformance.compat.responses.ResponseStream;
import org.oaiconformance.compat.tools.StreamedAnswer;
import org.oaiconformance.contract.http.Courtesy;
import org.oaiconformance.contract.http.EmbeddingRequests;
import org.oaiconformance.contract.http.ResponsesRequests;
import org.oaiconformance.contract.json.ErrorEnvelope;
import org.oaiconformance.contract.json.Json;
import org.oaiconformance.contract.secrets.ChildEnvironment;
import org.oaiconformance.contract.sse.SseEvent;
import org.oaiconformance.contract.sse.SseParser;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code curl}, replaying the request the guides show (Infron's: a system and a user message; OpenRouter's optional
 * HTTP-Referer and X-Title). The key and headers reach curl through {@code --config -} on its standard input, never
 * its command line, which other users of the machine could read. curl makes one request and never retries.
 */
public final class CurlDriver implements SdkDriver {
    private static final ObjectMapper JSON = Json.MAPPER;
    private static final String STATUS_MARK = "\n--curl-status:";

    private final String baseUrl;
    private final Duration deadline;
    private final String version;
    private final Courtesy courtesy;
    /** curl processes running now, so the run's deadline can end them. */
    private final Set<Process> running = ConcurrentHashMap.newKeySet();

    private CurlDriver(String baseUrl, Duration deadline, String version, Courtesy courtesy) {
        this.baseUrl = baseUrl;
        this.deadline = deadline;
        this.version = version;
        this.courtesy = courtesy;
    }

    /** curl, or null when it is not installed. */
    public static CurlDriver find(String baseUrl, Duration deadline, Courtesy courtesy) {
        try {
            Process process = ChildEnvironment.forDriver(List.of("curl", "-q", "--version")).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0
                    ? new CurlDriver(baseUrl, deadline, out.split("\\s+").length > 1 ? out.split("\\s+")[1] : "unknown", courtesy) : null;
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }

    @Override
    public String name() {
        return "curl";
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public String toString() {
        return name() + " " + version;
    }

    @Override
    public SdkAnswer complete(String apiKey, String model, Map<String, String> headers, int retries) {
        Result result = run(CHAT, apiKey, body(model, false), headers);
        if (result.status() / 100 != 2) {
            return error(result);
        }
        try {
            JsonNode completion = JSON.readTree(result.body());
            JsonNode choice = completion.path("choices").path(0);
            JsonNode usage = completion.path("usage");
            courtesy.metrics().recordTokens(usage.path("prompt_tokens").asLong(0), usage.path("completion_tokens").asLong(0));
            return new SdkAnswer(null, null, null, 1, choice.path("message").path("content").asText(null),
                    choice.path("finish_reason").asText(null), 0);
        } catch (IOException notJson) {
            return new SdkAnswer("InvalidJson", result.status(), "the answer is not JSON", 1, null, null, 0);
        }
    }

    @Override
    public SdkAnswer stream(String apiKey, String model, Map<String, String> headers) {
        Result result = run(CHAT, apiKey, body(model, true), headers);
        if (result.status() / 100 != 2) {
            return error(result);
        }
        List<SseEvent> events = SseParser.parseAll(result.body());
        StringBuilder content = new StringBuilder();
        String finish = null;
        int chunks = 0;
        for (SseEvent event : events) {
            if (event.data().equals("[DONE]")) {
                return new SdkAnswer(null, null, null, 1, content.toString(), finish, chunks);
            }
            try {
                JsonNode chunk = JSON.readTree(event.data());
                chunks++;
                for (JsonNode choice : chunk.path("choices")) {
                    content.append(choice.path("delta").path("content").asText(""));
                    finish = choice.path("finish_reason").isTextual() ? choice.path("finish_reason").asText() : finish;
                }
            } catch (IOException notJson) {
                return new SdkAnswer("InvalidChunk", result.status(), "an event is not JSON", 1, content.toString(), finish, chunks);
            }
        }
        return new SdkAnswer("StreamNotEnded", result.status(), "no 'data: [DONE]'", 1, content.toString(), finish, chunks);
    }

    /** The raw request as the raw checks send it; curl's users read the JSON (or join the stream) themselves. */
    @Override
    public SdkAnswer feature(FeatureCall call, String apiKey, String body, Map<String, String> headers) {
        String path = switch (call) {
            case EMBEDDINGS -> EmbeddingRequests.PATH;
            case RESPONSES_STREAM -> ResponsesRequests.PATH;
            default -> CHAT;
        };
        Result result = run(path, apiKey, body, headers);
        if (result.status() / 100 != 2) {
            return error(result);
        }
        if (call == FeatureCall.EMBEDDINGS) {
            return vectors(result);
        }
        if (call == FeatureCall.RESPONSES_STREAM) {
            return responseText(result);
        }
        if (call == FeatureCall.TOOL_STREAM) {
            return joined(result);
        }
        JsonNode choice;
        try {
            JsonNode completion = JSON.readTree(result.body());
            JsonNode usage = completion.path("usage");
            courtesy.metrics().recordTokens(usage.path("prompt_tokens").asLong(0), usage.path("completion_tokens").asLong(0));
            choice = completion.path("choices").path(0);
            if (call == FeatureCall.STRUCTURED) {
                JSON.readTree(choice.path("message").path("content").asText("")); // a curl user's next step: parse the JSON
            }
        } catch (IOException notJson) {
            return new SdkAnswer("InvalidJson", result.status(), call == FeatureCall.STRUCTURED ? "the content is not JSON"
                    : "the answer is not JSON", 1, null, null, 0);
        }
        ArrayNode calls = JSON.createArrayNode();
        for (JsonNode tool : choice.path("message").path("tool_calls")) {
            calls.addObject().put("id", tool.path("id").asText(null)).put("type", tool.path("type").asText(null))
                    .put("name", tool.path("function").path("name").asText(null)).set("arguments", tool.path("function").path("arguments"));
        }
        return new SdkAnswer(null, null, null, 1, choice.path("message").path("content").asText(null),
                choice.path("finish_reason").asText(null), 0, calls);
    }

    private static SdkAnswer joined(Result result) {
        StreamedAnswer answer = StreamedAnswer.of(result.body());
        if (!answer.problems.isEmpty()) {
            return new SdkAnswer("UnjoinableStream", result.status(), answer.problems.get(0), 1, null, null, 0);
        }
        if (!answer.done) {
            return new SdkAnswer("StreamNotEnded", result.status(), "no 'data: [DONE]'", 1, null, null, 0);
        }
        ArrayNode calls = JSON.createArrayNode();
        answer.toolCalls.getOrDefault(0, Map.of()).values().forEach(call -> calls.addObject().put("id", call.id).put("type", call.type)
                .put("name", call.name).put("arguments", call.arguments.toString()));
        StringBuilder content = answer.content.get(0);
        return new SdkAnswer(null, null, null, 1, content == null ? null : content.toString(), answer.finishReasons.get(0), 0, calls);
    }

    /**
     * A Responses stream as a curl user reads it: the output_text deltas joined, parsed as JSON, and the status of the
     * terminal event's response (response.completed, .incomplete or .failed), whatever the events' other members.
     */
    private SdkAnswer responseText(Result result) {
        StringBuilder text = new StringBuilder();
        int events = 0;
        for (SseEvent event : SseParser.parseAll(result.body())) {
            JsonNode data;
            try {
                data = JSON.readTree(event.data());
            } catch (IOException notJson) {
                return new SdkAnswer("InvalidEvent", result.status(), "an event is not JSON", 1, text.toString(), null, events);
            }
            events++;
            String type = data.path("type").asText();
            if (type.equals("response.output_text.delta")) {
                text.append(data.path("delta").asText(""));
            }
            if (ResponseStream.TERMINAL.contains(type)) {
                JsonNode usage = data.path("response").path("usage");
                courtesy.metrics().recordTokens(usage.path("input_tokens").asLong(0), usage.path("output_tokens").asLong(0));
                try {
                    JSON.readTree(text.toString()); // a curl user's next step: parse the JSON
                } catch (IOException notJson) {
                    return new SdkAnswer("InvalidJson", result.status(), "the joined output_text is not JSON", 1, text.toString(), null, events);
                }
                return new SdkAnswer(null, null, null, 1, text.toString(), data.path("response").path("status").asText(null), events);
            }
        }
        return new SdkAnswer("StreamNotEnded", result.status(), "no response.completed, .incomplete or .failed event", 1, text.toString(), null, events);
    }

    /** curl has no exception classes: the row's "error" is the HTTP status it printed. */
    @Override
    public String errorClassFor(int status) {
        return "HTTP " + status;
    }

    private static SdkAnswer error(Result result) {
        if (result.status() == 0) {
            return new SdkAnswer("CurlFailed", null, result.body(), 1, null, null, 0);
        }
        var envelope = ErrorEnvelope.in(result.body());
        String message = envelope.flatMap(e -> e.message()).orElse(result.body());
        // curl's user reads the body as JSON, as the guides show: the fields are whatever the error object holds.
        var fields = JSON.createObjectNode();
        envelope.ifPresent(e -> List.of("code", "type", "param").forEach(name -> fields.set(name, e.error().get(name))));
        fields.put("thrown", envelope.isPresent() ? null : "the body holds no error object to read");
        return new SdkAnswer("HTTP " + result.status(), result.status(), message.lines().findFirst().orElse(""), 1, null, null, 0)
                .withErrorFields(fields);
    }

    private static String body(String model, boolean stream) {
        ObjectNode body = JSON.createObjectNode().put("model", model);
        body.putArray("messages").add(JSON.createObjectNode().put("role", "system").put("content", "You are a helpful assistant."))
                .add(JSON.createObjectNode().put("role", "user").put("content", "Hello!"));
        body.put("max_tokens", 16);
        if (stream) {
            body.put("stream", true);
        }
        return body.toString();
    }

    private record Result(int status, String body) {
    }

    private static final String CHAT = "/chat/completions";

    /** The embeddings a curl user reads from the JSON: each datum's embedding, in the order sent. */
    private SdkAnswer vectors(Result result) {
        try {
            JsonNode answer = JSON.readTree(result.body());
            courtesy.metrics().recordTokens(answer.path("usage").path("prompt_tokens").asLong(0), 0);
            ArrayNode vectors = JSON.createArrayNode();
            answer.path("data").forEach(datum -> vectors.add(datum.path("embedding")));
            return new SdkAnswer(null, null, null, 1, vectors.toString(), null, 0);
        } catch (IOException notJson) {
            return new SdkAnswer("InvalidJson", result.status(), "the answer is not JSON", 1, null, null, 0);
        }
    }

    private Result run(String path, String apiKey, String body, Map<String, String> headers) {
        return courtesy.during(() -> runNow(path, apiKey, body, headers), null, () -> running.forEach(Process::destroyForcibly));
    }

    private Result runNow(String path, String apiKey, String body, Map<String, String> headers) {
        StringBuilder config = new StringBuilder();
        config.append("url = ").append(quote(baseUrl + path)).append('\n');
        config.append("header = ").append(quote("Content-Type: application/json")).append('\n');
        config.append("header = ").append(quote("Authorization: Bearer " + apiKey)).append('\n');
        headers.forEach((name, value) -> config.append("header = ").append(quote(name + ": " + value)).append('\n'));
        config.append("data-binary = ").append(quote(body)).append('\n');
        long seconds = Math.max(1, deadline.toSeconds());
        try {
            // -q first: no ~/.curlrc may add headers, a proxy or another key.
            Process process = ChildEnvironment.forDriver(List.of("curl", "-q", "--silent", "--show-error", "--no-buffer", "--max-time",
                    String.valueOf(seconds), "--write-out", STATUS_MARK + "%{http_code}", "--config", "-")).redirectErrorStream(true).start();
            running.add(process);
            try (OutputStream in = process.getOutputStream()) {
                in.write(config.toString().getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(seconds + 5, TimeUnit.SECONDS);
            running.remove(process);
            int mark = out.lastIndexOf(STATUS_MARK);
            int status = mark < 0 ? 0 : Integer.parseInt(out.substring(mark + STATUS_MARK.length()).strip());
            String answer = mark < 0 ? out.strip() : out.substring(0, mark);
            courtesy.metrics().record("POST", baseUrl + path, status, "");
            return new Result(status, answer);
        } catch (IOException | InterruptedException | NumberFormatException e) {
            return new Result(0, "curl could not run: " + e.getMessage());
        }
    }

    /** A curl config string: double quotes, with backslash and quote escaped. */
    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
