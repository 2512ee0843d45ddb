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
 * sends one {@code GET models} with the configured key (no inference). A problem ends the run at once with one
 * message that names the setting to fix. Any HTTP answer counts as reachable; a 401 means the configured key is
 * wrong, which is the user's problem to fix, not the target's non-conformance.
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
        if (settings.embedded()) {
            System.out.println("[conformance] target: the embedded reference target (profile " + settings.profile().name() + ")");
            return;
        }
        probe(settings);
        System.out.println("[conformance] target: " + settings.baseUrl() + " (profile " + settings.profile().name()
                + ", model " + settings.model() + ")");
    }

    static void probe(TargetSettings settings) {
        String url = settings.baseUrl().url("/models");
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(Math.min(settings.connectTimeoutMs(), PROBE_TIMEOUT.toMillis())))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(PROBE_TIMEOUT).GET()
                .header("Authorization", "Bearer " + settings.apiKey());
        settings.extraHeaders().forEach(builder::header);
        int status;
        try {
            status = client.send(builder.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
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
                    + settings.baseUrl().pathPrefix() + "/models); check that it is a valid, enabled key for " + settings.baseUrl());
        }
    }

    private static SettingsError unreachable(TargetSettings settings, String why) {
        return new SettingsError(Setting.BASE_URL, "cannot reach " + settings.baseUrl() + " (" + why
                + "). Check the URL and that the target is up; unset it to run against the embedded reference target.");
    }
}
