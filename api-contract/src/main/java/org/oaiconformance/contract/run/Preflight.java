package org.oaiconformance.contract.run;

import org.oaiconformance.contract.settings.Setting;
import org.oaiconformance.contract.settings.SettingsError;
import org.oaiconformance.contract.settings.TargetSettings;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;

/**
 * Runs once before any check (Maven's pre-integration-test phase): resolves the settings and, for a remote target,
 * sends one GET of the profile's auth probe (OpenRouter: {@code /key}; elsewhere {@code /models}) with the configured
 * key, which runs no model. A problem ends the run at once with one message that names the setting to fix: a 401
 * means the configured key is wrong (the user's to fix, not the target's non-conformance), and an answer that is not
 * JSON (an HTML page, a TLS port's plain-HTTP complaint) means the base URL does not point at the API.
 */
public final class Preflight {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(6);

    private Preflight() {
    }

    public static void main(String[] args) {
        try {
            check();
        } catch (SettingsError e) {
            System.err.println("[conformance] cannot start: " + e.getMessage());
            throw e;
        }
    }

    private static void check() {
        TargetSettings settings = TargetSettings.fromEnvironment();
        if (settings.replaying()) {
            var recording = TargetSession.loadRecording(settings);
            System.out.println("[conformance] target: recording " + recording.description() + " (" + recording.exchanges().size()
                    + " exchanges: " + recording.kinds() + "; profile " + settings.profile().name() + ")");
            return;
        }
        if (settings.embedded()) {
            System.out.println("[conformance] target: the embedded reference target (profile " + settings.profile().name() + ")");
            return;
        }
        probe(settings);
        System.out.println("[conformance] target: " + settings.baseUrl() + " (profile " + settings.profile().name()
                + ", model " + settings.model() + ")");
    }

    private static final int MAX_PROBE_BODY = 64 * 1024;

    static void probe(TargetSettings settings) {
        String path = settings.profile().authProbe();
        String url = settings.baseUrl().url(path);
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(Math.min(settings.connectTimeoutMs(), PROBE_TIMEOUT.toMillis())))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(PROBE_TIMEOUT).GET()
                .header("Authorization", "Bearer " + settings.apiKey());
        settings.extraHeaders().forEach(builder::header);
        int status;
        String contentType;
        String body;
        try {
            HttpResponse<java.io.InputStream> answer = client.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
            status = answer.statusCode();
            contentType = answer.headers().firstValue("Content-Type").orElse("");
            try (java.io.InputStream in = answer.body()) {
                body = new String(in.readNBytes(MAX_PROBE_BODY), java.nio.charset.StandardCharsets.UTF_8);
            }
        } catch (HttpConnectTimeoutException e) {
            throw unreachable(settings, "no connection within " + client.connectTimeout().orElseThrow().toMillis() + " ms");
        } catch (HttpTimeoutException e) {
            throw unreachable(settings, "connected, but no answer within " + PROBE_TIMEOUT.toSeconds() + " s");
        } catch (ConnectException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw unreachable(settings, cause instanceof UnresolvedAddressException ? "unknown host" : "connection refused");
        } catch (SSLException e) {
            throw new SettingsError(Setting.BASE_URL, "TLS with " + settings.baseUrl() + " failed (" + e.getMessage()
                    + "). If the target's certificate is not publicly trusted, pass a trust store that holds it: "
                    + "-Djavax.net.ssl.trustStore=/path/to/truststore.jks -Djavax.net.ssl.trustStorePassword=...");
        } catch (UnknownHostException e) {
            throw unreachable(settings, "unknown host");
        } catch (IOException e) {
            throw unreachable(settings, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(settings, "interrupted");
        }
        if (status == 401) {
            throw new SettingsError(Setting.API_KEY, "the target refused the configured key (HTTP 401 on GET "
                    + settings.baseUrl().pathPrefix() + path + "); check that it is a valid, enabled key for " + settings.baseUrl());
        }
        boolean emptySuccess = status / 100 == 2 && body.isBlank(); // a 204 from the probe is an answer too
        if (status / 100 != 5 && !emptySuccess && !isJson(contentType, body)) {
            throw new SettingsError(Setting.BASE_URL, "GET " + settings.baseUrl().pathPrefix() + path + " answered HTTP " + status
                    + (contentType.isEmpty() ? "" : " " + contentType.split(";")[0].strip()) + ", not the JSON an OpenAI-compatible API"
                    + " sends; check the path prefix (e.g. /v1 or /api/v1) and the scheme (https:// for a TLS port)");
        }
    }

    /** The target's own answer: JSON, labelled so or not (some servers label JSON text/plain). */
    private static boolean isJson(String contentType, String body) {
        String trimmed = body.strip();
        if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) {
            return false;
        }
        try {
            org.oaiconformance.contract.json.Json.MAPPER.readTree(trimmed);
            return true;
        } catch (java.io.IOException truncatedOrNotJson) {
            return trimmed.length() >= MAX_PROBE_BODY && contentType.toLowerCase(java.util.Locale.ROOT).contains("json");
        }
    }

    private static SettingsError unreachable(TargetSettings settings, String why) {
        return new SettingsError(Setting.BASE_URL, "cannot reach " + settings.baseUrl() + " (" + why
                + "). Check the URL and that the target is up; unset it to run against the embedded reference target.");
    }
}
