package org.oaiconformance.contract.run;

import org.oaiconformance.contract.outcome.Markup;
import org.oaiconformance.contract.settings.BaseUrl;
import org.oaiconformance.contract.settings.Setting;
import org.oaiconformance.contract.settings.SettingsError;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * The preflight's few requests, on the JDK's own client (the check client's REST Assured start-up would cost seconds
 * before the first line): each bounded as a whole, body included; a target that cannot be reached is a settings error
 * naming the base URL.
 */
final class PreflightClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(6);
    /** The whole exchange, body included: a target that sends a head and then stalls mid-body ends the probe too. */
    private static final Duration DEADLINE = Duration.ofSeconds(8);
    private static final int MAX_BODY = 64 * 1024;

    /** What the target answered; the body is cut at 64 KiB. */
    record Answer(int status, String contentType, String body) {
        boolean complete() {
            return body.length() < MAX_BODY;
        }
    }

    private final BaseUrl baseUrl;
    private final Map<String, String> extraHeaders;
    private final HttpClient client;

    PreflightClient(BaseUrl baseUrl, Map<String, String> extraHeaders, int connectTimeoutMs) {
        this.baseUrl = baseUrl;
        this.extraHeaders = extraHeaders;
        // HTTP/1.1, as every other client of the suite speaks on cleartext: the JDK's default HTTP/2 would send an h2c
        // upgrade with every http:// request, which some gateways (Portkey's) refuse with an empty 400.
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(Math.min(connectTimeoutMs, TIMEOUT.toMillis())))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    BaseUrl baseUrl() {
        return baseUrl;
    }

    /** GET a path of the API with the key. */
    Answer get(String path, String key) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl.url(path))).GET().header("Authorization", "Bearer " + key));
    }

    /** POST a JSON body without credentials: an API refuses it (401 or 400), a wrong path answers 404. */
    Answer postWithoutKey(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl.url(path))).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"));
    }

    private Answer send(HttpRequest.Builder builder) {
        extraHeaders.forEach(builder::header);
        HttpRequest request = builder.timeout(TIMEOUT).build();
        try {
            return withinDeadline(() -> {
                HttpResponse<InputStream> head = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream in = head.body()) {
                    return new Answer(head.statusCode(), head.headers().firstValue("Content-Type").orElse(""),
                            new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8));
                }
            });
        } catch (TimeoutException e) {
            throw unreachable("connected, but the answer was not complete within " + DEADLINE.toSeconds() + " s");
        } catch (HttpConnectTimeoutException e) {
            throw unreachable("no connection within " + client.connectTimeout().orElseThrow().toMillis() + " ms");
        } catch (HttpTimeoutException e) {
            throw unreachable("connected, but no answer within " + TIMEOUT.toSeconds() + " s");
        } catch (ConnectException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw unreachable(cause instanceof UnresolvedAddressException ? "unknown host" : "connection refused");
        } catch (SSLException e) {
            throw new SettingsError(Setting.BASE_URL, "TLS with " + baseUrl + " failed (" + e.getMessage()
                    + "). If the target's certificate is not publicly trusted, pass a trust store that holds it: "
                    + "-Djavax.net.ssl.trustStore=/path/to/truststore.jks -Djavax.net.ssl.trustStorePassword=...");
        } catch (UnknownHostException e) {
            throw unreachable("unknown host");
        } catch (IOException e) {
            throw unreachable(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable("interrupted");
        }
    }

    private interface Exchange {
        Answer run() throws IOException, InterruptedException;
    }

    /** Runs the exchange on a daemon thread and gives up on it at {@link #DEADLINE}, interrupting it. */
    private static Answer withinDeadline(Exchange exchange) throws IOException, InterruptedException, TimeoutException {
        FutureTask<Answer> task = new FutureTask<>(exchange::run);
        Thread thread = new Thread(task, "oai-conformance-preflight");
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    private SettingsError unreachable(String why) {
        return new SettingsError(Setting.BASE_URL, "cannot reach " + baseUrl + " (" + Markup.console(why)
                + "). Check the URL and that the target is up; unset it to run against the embedded reference target.");
    }
}
