package org.oaiconformance.contract.recording;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.oaiconformance.contract.json.Json;
import org.oaiconformance.contract.secrets.SecretMasker;
import org.oaiconformance.contract.settings.SettingsError;
import org.oaiconformance.contract.wire.ModelIds;
import org.yaml.snakeyaml.LoaderOptions;

import java.io.IOException;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Exchanges recorded from a live service, for judging it offline: HAR 1.2 files (browser devtools, mitmproxy), vcrpy
 * cassettes (YAML, with {@code body.string}, binary bodies, or pydantic-ai's {@code parsed_body}) and Ruby VCR cassettes
 * ({@code http_interactions}). Compressed bodies are decoded as their Content-Encoding says (gzip, deflate, br).
 * Credentials the recorded requests carried are registered with the masker as the file is read, so a recorded key
 * never reaches a report. In a folder, a file that is not a recording is set aside, named, and the rest is read.
 */
public final class Recording {
    private static final ObjectMapper JSON = Json.MAPPER;
    /**
     * The largest YAML cassette read, in bytes and characters: SnakeYAML's own default (3 MiB) refuses the long streamed
     * cassettes real suites record; larger files are refused before parsing, naming this limit.
     */
    static final int MAX_YAML_CHARS = 16 * 1024 * 1024;
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder().loaderOptions(yamlLimits()).build());
    /** What a recorded model must look like to be shown in reports: a model id, never markup or a sentence. */
    /** Request headers whose values are credentials. */
    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "api-key", "x-api-key", "cookie", "proxy-authorization");

    /** The file names a folder is read for. */
    static final String READ_EXTENSIONS = ".har, .json, .yaml, .yml";

    private final List<RecordedExchange> exchanges;
    private final String description;
    private final List<String> notJudged;

    private Recording(List<RecordedExchange> exchanges, String description, List<String> notJudged) {
        this.exchanges = List.copyOf(exchanges);
        this.description = description;
        this.notJudged = List.copyOf(notJudged);
    }

    /**
     * Reads files and folders (every .har, .json, .yaml and .yml file in them). A file named on its own must be a
     * recording; in a folder, one that is not (another format, another extension) is set aside and named.
     */
    public static Recording load(List<Path> sources) throws IOException {
        List<RecordedExchange> all = new ArrayList<>();
        List<String> setAside = new ArrayList<>();
        int read = 0;
        for (Path source : sources) {
            if (!Files.isDirectory(source)) {
                all.addAll(read(source, setAside));
                read++;
                continue;
            }
            List<Path> files;
            try (Stream<Path> listed = Files.list(source)) {
                files = listed.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path file : files) {
                if (!file.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(har|json|ya?ml)$")) {
                    setAside.add(file.getFileName() + ": not read (the formats read are " + READ_EXTENSIONS + ")");
                    continue;
                }
                try {
                    all.addAll(read(file, setAside));
                    read++;
                } catch (IOException | RuntimeException unreadable) {
                    setAside.add(file.getFileName() + ": not read (" + whyUnreadable(unreadable) + ")");
                }
            }
        }
        if (all.isEmpty()) {
            throw new NotARecording("no recorded exchange in " + read + " file(s) read" + (setAside.isEmpty() ? ""
                    : "; set aside: " + String.join("; ", setAside.subList(0, Math.min(3, setAside.size())))
                    + (setAside.size() > 3 ? "; and " + (setAside.size() - 3) + " more" : "")));
        }
        for (RecordedExchange exchange : all) {
            if (RequestKind.ofRecorded(exchange) == RequestKind.OTHER) {
                setAside.add(exchange.source() + ": not judged (" + RequestKind.whyNotJudged(exchange) + ")");
            }
        }
        return new Recording(all, read == 1 && sources.size() == 1 && !Files.isDirectory(sources.get(0)) ? sources.get(0).toString()
                : read + " files from " + sources, setAside);
    }

    /** The files and recorded exchanges set aside, each with why: what a reviewer must know was not judged. */
    public List<String> notJudged() {
        return notJudged;
    }

    private static LoaderOptions yamlLimits() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_YAML_CHARS);
        return options;
    }

    /**
     * Why a recording could not be read, in words fit for the console: the file's own text is never quoted (a parse
     * error's message holds the offending token, which may be a recorded key), only where the problem is.
     */
    public static String whyUnreadable(Exception e) {
        if (e instanceof JsonProcessingException parse) {
            var where = parse.getLocation();
            return "a file is not valid " + (parse.getClass().getName().contains("yaml") ? "YAML" : "JSON")
                    + (where == null || where.getLineNr() < 0 ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr());
        }
        if (e instanceof NoSuchFileException || e instanceof AccessDeniedException) {
            return "cannot open " + SettingsError.quote(e.getMessage());
        }
        return e instanceof NotARecording ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** The suite's own words about a file that is not a recording: safe to show. */
    static final class NotARecording extends IOException {
        NotARecording(String message) {
            super(message);
        }
    }

    public List<RecordedExchange> exchanges() {
        return exchanges;
    }

    public String description() {
        return description;
    }

    /** How many exchanges of each kind the recording holds, for the run's first line. */
    public Map<RequestKind, Integer> kinds() {
        Map<RequestKind, Integer> counts = new EnumMap<>(RequestKind.class);
        exchanges.forEach(e -> counts.merge(RequestKind.ofRecorded(e), 1, Integer::sum));
        return counts;
    }

    /**
     * The model the recorded chat requests asked for most recently, or null; only a value shaped like a model id counts,
     * since it is shown in the report's environment and summaries (a recording is untrusted input).
     */
    public String model() {
        String model = null;
        for (RecordedExchange exchange : exchanges) {
            try {
                JsonNode body = exchange.requestBody() == null ? null : JSON.readTree(exchange.requestBody());
                if (body != null && body.path("model").isTextual() && ModelIds.isSafe(body.path("model").asText())) {
                    model = body.path("model").asText();
                }
            } catch (IOException notJson) {
                // not a chat request
            }
        }
        return model;
    }

    private static List<RecordedExchange> read(Path file, List<String> setAside) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
        if (yaml && Files.size(file) > MAX_YAML_CHARS) { // refused before parsing: SnakeYAML is slow on huge scalars
            throw new NotARecording(file.getFileName() + " is larger than the " + (MAX_YAML_CHARS >> 20) + " MiB a YAML cassette may be;"
                    + " split it, or record HAR (JSON), which has no such limit");
        }
        JsonNode root = name.endsWith(".yaml") || name.endsWith(".yml") ? YAML.readTree(file.toFile()) : JSON.readTree(file.toFile());
        if (root != null && root.path("log").path("entries").isArray()) {
            return har(root.path("log").path("entries"), file.getFileName().toString(), setAside);
        }
        if (root != null && root.path("interactions").isArray()) {
            return cassette(root.path("interactions"), file.getFileName().toString(), setAside);
        }
        if (root != null && root.path("http_interactions").isArray()) {
            return rubyCassette(root.path("http_interactions"), file.getFileName().toString(), setAside);
        }
        throw new NotARecording(file.getFileName() + " is neither a HAR file (log.entries) nor a VCR cassette (interactions,"
                + " http_interactions)");
    }

    private static List<RecordedExchange> har(JsonNode entries, String fileName, List<String> setAside) {
        List<RecordedExchange> exchanges = new ArrayList<>();
        int number = 0;
        for (JsonNode entry : entries) {
            number++;
            JsonNode request = entry.path("request");
            JsonNode response = entry.path("response");
            Map<String, String> requestHeaders = new LinkedHashMap<>();
            request.path("headers").forEach(h -> requestHeaders.put(h.path("name").asText().toLowerCase(Locale.ROOT), h.path("value").asText()));
            registerCredentials(requestHeaders);
            Map<String, String> responseHeaders = new LinkedHashMap<>();
            response.path("headers").forEach(h -> responseHeaders.put(h.path("name").asText().toLowerCase(Locale.ROOT), h.path("value").asText()));
            JsonNode content = response.path("content");
            String text = content.path("text").isTextual() ? content.path("text").asText() : null;
            if (text != null && "base64".equals(content.path("encoding").asText())) {
                try {
                    text = BodyDecoding.text(Base64.getMimeDecoder().decode(text), responseHeaders.get("content-encoding"));
                } catch (BodyDecoding.Undecodable e) {
                    setAside.add(fileName + " #" + number + ": not judged (" + e.getMessage() + ")");
                    continue;
                }
            }
            if (!responseHeaders.containsKey("content-type") && content.path("mimeType").isTextual()) {
                responseHeaders.put("content-type", content.path("mimeType").asText());
            }
            String body = request.path("postData").path("text").isTextual() ? request.path("postData").path("text").asText() : null;
            exchanges.add(new RecordedExchange(request.path("method").asText("GET").toUpperCase(Locale.ROOT), pathOf(request.path("url").asText()),
                    body, response.path("status").asInt(), responseHeaders, text, fileName + " #" + number));
        }
        return exchanges;
    }

    private static List<RecordedExchange> cassette(JsonNode interactions, String fileName, List<String> setAside) throws IOException {
        return interactions(interactions, fileName, setAside, Recording::vcrpyBody);
    }

    /** Ruby's VCR: the same shape under {@code http_interactions}, bodies as {@code string} or {@code base64_string}. */
    private static List<RecordedExchange> rubyCassette(JsonNode interactions, String fileName, List<String> setAside) throws IOException {
        return interactions(interactions, fileName, setAside, Recording::rubyBody);
    }

    private interface BodyReader {
        String read(JsonNode message, String contentEncoding) throws IOException;
    }

    private static List<RecordedExchange> interactions(JsonNode interactions, String fileName, List<String> setAside, BodyReader bodies)
            throws IOException {
        List<RecordedExchange> exchanges = new ArrayList<>();
        int entry = 0;
        for (JsonNode interaction : interactions) {
            entry++;
            JsonNode request = interaction.path("request");
            JsonNode response = interaction.path("response");
            Map<String, String> requestHeaders = headers(request.path("headers"));
            registerCredentials(requestHeaders);
            Map<String, String> responseHeaders = headers(response.path("headers"));
            JsonNode status = response.path("status");
            String source = fileName + " #" + entry;
            try {
                exchanges.add(new RecordedExchange(request.path("method").asText("GET").toUpperCase(Locale.ROOT),
                        pathOf(request.path("uri").asText()), bodies.read(request, requestHeaders.get("content-encoding")),
                        status.isObject() ? status.path("code").asInt() : status.asInt(), responseHeaders,
                        bodies.read(response, responseHeaders.get("content-encoding")), source));
            } catch (BodyDecoding.Undecodable e) {
                setAside.add(source + ": not judged (" + e.getMessage() + ")");
            }
        }
        return exchanges;
    }

    /**
     * vcrpy: {@code body: {string: ...}} or {@code body: "..."}, binary ({@code !!binary}) when the bytes were
     * compressed; pydantic-ai: {@code parsed_body: <the JSON as YAML>}.
     */
    private static String vcrpyBody(JsonNode message, String contentEncoding) throws IOException {
        if (message.has("parsed_body")) {
            return JSON.writeValueAsString(message.get("parsed_body"));
        }
        JsonNode body = message.path("body");
        JsonNode text = body.isObject() ? body.path("string") : body;
        return text.isBinary() ? BodyDecoding.text(text.binaryValue(), contentEncoding)
                : text.isTextual() ? BodyDecoding.text(text.asText(), contentEncoding) : null;
    }

    private static String rubyBody(JsonNode message, String contentEncoding) throws IOException {
        JsonNode body = message.path("body");
        if (body.path("base64_string").isTextual()) {
            return BodyDecoding.text(Base64.getMimeDecoder().decode(body.path("base64_string").asText()), contentEncoding);
        }
        return body.path("string").isTextual() ? BodyDecoding.text(body.path("string").asText(), contentEncoding) : null;
    }

    /** A cassette's headers: name → list of values (or one value); lower-case names, first values. */
    private static Map<String, String> headers(JsonNode headers) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> header = it.next();
            JsonNode value = header.getValue().isArray() ? header.getValue().path(0) : header.getValue();
            map.put(header.getKey().toLowerCase(Locale.ROOT), value.asText());
        }
        return map;
    }

    private static void registerCredentials(Map<String, String> requestHeaders) {
        requestHeaders.forEach((name, value) -> {
            if (CREDENTIAL_HEADERS.contains(name) || SecretMasker.looksSecret(name, value)) {
                SecretMasker.register(value.replaceFirst("(?i)^(Bearer|Basic|Token)\\s+", ""), "recorded " + name);
            }
        });
    }

    private static String pathOf(String url) {
        try {
            String path = URI.create(url.strip()).getRawPath();
            return path == null ? "" : path;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }
}
