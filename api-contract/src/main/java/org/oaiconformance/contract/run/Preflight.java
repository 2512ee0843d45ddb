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
    /** The whole exchange, body included: a target that sends a head and then stalls mid-body ends the probe too. */
    private static final Duration PROBE_DEADLINE = Duration.ofSeconds(8);

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

    public static void check() {
        TargetSettings settings = TargetSettings.fromEnvironment();
        if (settings.replaying()) {
            var recording = TargetSession.loadRecording(settings);
            System.out.println("[conformance] target: recording " + recording.description() + " (" + recording.exchanges().size()
                    + " exchanges: " + recording.kinds() + "; profile " + settings.profile().name() + ")"
                    + (recording.notJudged().isEmpty() ? "" : "; " + recording.notJudged().size()
                    + " files or exchanges set aside, each named in the summary"));
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
        // HTTP/1.1, as every other client of the suite speaks on cleartext: the JDK's default HTTP/2 would send an h2c
        // upgrade with every http:// request, which some gateways (Portkey's) refuse with an empty 400.
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(Math.min(settings.connectTimeoutMs(), PROBE_TIMEOUT.toMillis())))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(PROBE_TIMEOUT).GET()
                .header("Authorization", "Bearer " + settings.apiKey());
        settings.extraHeaders().forEach(builder::header);
        ProbeAnswer answer;
        try {
            answer = withinDeadline(() -> {
                HttpResponse<java.io.InputStream> head = client.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
                try (java.io.InputStream in = head.body()) {
                    return new ProbeAnswer(head.statusCode(), head.headers().firstValue("Content-Type").orElse(""),
                            new String(in.readNBytes(MAX_PROBE_BODY), java.nio.charset.StandardCharsets.UTF_8));
                }
            });
        } catch (java.util.concurrent.TimeoutException e) {
            throw unreachable(settings, "connected, but the answer was not complete within " + PROBE_DEADLINE.toSeconds() + " s");
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
        int status = answer.status();
        String contentType = answer.contentType();
        String body = answer.body();
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

    private record ProbeAnswer(int status, String contentType, String body) {
    }

    private interface Exchange {
        ProbeAnswer run() throws IOException, InterruptedException;
    }

    /** Runs the exchange on a daemon thread and gives up on it at {@link #PROBE_DEADLINE}, interrupting it. */
    private static ProbeAnswer withinDeadline(Exchange exchange) throws IOException, InterruptedException,
            java.util.concurrent.TimeoutException {
        java.util.concurrent.FutureTask<ProbeAnswer> task = new java.util.concurrent.FutureTask<>(exchange::run);
        Thread thread = new Thread(task, "oai-conformance-preflight");
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get(PROBE_DEADLINE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            task.cancel(true);
            throw e;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
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
