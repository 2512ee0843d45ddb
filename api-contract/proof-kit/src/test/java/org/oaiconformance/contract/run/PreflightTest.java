package org.oaiconformance.contract.run;

import com.sun.net.httpserver.HttpServer;
import org.oaiconformance.contract.settings.SettingsError;
import org.oaiconformance.contract.settings.TargetSettings;
import org.oaiconformance.proof.HostileFront;
import org.oaiconformance.proof.Hostility;
import org.oaiconformance.reference.ReferenceTarget;
import org.oaiconformance.reference.Switch;
import org.testng.annotations.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

public class PreflightTest {

    private static TargetSettings remote(String baseUrl, String key) {
        return remote(baseUrl, key, "generic");
    }

    private static TargetSettings remote(String baseUrl, String key, String profile) {
        return TargetSettings.resolve(Map.of("CONFORMANCE_BASE_URL", baseUrl, "CONFORMANCE_API_KEY", key,
                "CONFORMANCE_MODEL", ReferenceTarget.MODEL, "CONFORMANCE_PROFILE", profile), Map.of());
    }

    /** Where the models list is public (OpenRouter), the probe is the profile's auth probe, so a wrong key still stops the run. */
    @Test
    public void aWrongKeyIsCaughtWhereTheModelsListIsPublic() {
        try (ReferenceTarget target = ReferenceTarget.start(Switch.MODELS_PUBLIC)) {
            SettingsError error = expectThrows(SettingsError.class,
                    () -> Preflight.probe(remote(target.baseUrl(), "sk-wrong-key-123456", "openrouter")));
            assertTrue(error.getMessage().startsWith("CONFORMANCE_API_KEY") && error.getMessage().contains("/key"), error.getMessage());
        }
    }

    /** A TLS port spoken to in plain HTTP, or a web page at the wrong path, is not the API: the base URL is wrong. */
    @Test
    public void anAnswerThatIsNotTheTargetsJsonNamesTheBaseUrl() throws Exception {
        for (int status : new int[] {400, 404, 200}) {
            HttpServer server = HttpServer.create(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                byte[] page = "<html><body>400 The plain HTTP request was sent to HTTPS port</body></html>".getBytes();
                exchange.getResponseHeaders().set("Content-Type", "text/html");
                exchange.sendResponseHeaders(status, page.length);
                exchange.getResponseBody().write(page);
                exchange.close();
            });
            server.start();
            try {
                SettingsError error = expectThrows(SettingsError.class, () -> Preflight.probe(remote(
                        "http://127.0.0.1:" + server.getAddress().getPort() + "/v1", "sk-any-key-123456")));
                assertTrue(error.getMessage().startsWith("CONFORMANCE_BASE_URL") && error.getMessage().contains("HTTP " + status + " text/html"),
                        error.getMessage());
            } finally {
                server.stop(0);
            }
        }
    }

    /** A wrong path prefix: the models route and the chat route both 404. One line names the prefix, before any check. */
    @Test
    public void aWrongPathPrefixEndsTheRunNamingThePrefix() {
        for (String profile : new String[] {"generic", "openrouter"}) {
            try (ReferenceTarget target = ReferenceTarget.start(Switch.MODELS_PUBLIC)) {
                SettingsError error = expectThrows(SettingsError.class, () -> Preflight.check(remote(target.baseUrl() + "/nowhere",
                        target.apiKey(), profile)));
                assertTrue(error.getMessage().startsWith("CONFORMANCE_BASE_URL") && error.getMessage().contains("path prefix")
                        && error.getMessage().contains("POST /v1/nowhere/chat/completions"), error.getMessage());
            }
        }
    }

    /** A target without GET models (a JSON 404 there) that serves chat is judged as it is: the checks say what it lacks. */
    @Test
    public void aTargetWithoutTheModelsRouteIsStillJudged() {
        try (ReferenceTarget target = ReferenceTarget.start(Switch.NO_MODELS_ROUTE)) {
            Preflight.check(remote(target.baseUrl(), target.apiKey()));
        }
    }

    /** A model the target does not serve ends the run in one line naming it and the nearest ids the target lists. */
    @Test
    public void aModelTheTargetDoesNotServeIsNamedWithTheNearestServedIds() {
        try (ReferenceTarget target = ReferenceTarget.start()) {
            SettingsError error = expectThrows(SettingsError.class, () -> Preflight.check(TargetSettings.resolve(Map.of(
                    "CONFORMANCE_BASE_URL", target.baseUrl(), "CONFORMANCE_API_KEY", target.apiKey(), "CONFORMANCE_MODEL", "small"), Map.of())));
            assertTrue(error.getMessage().startsWith("CONFORMANCE_MODEL ") && error.getMessage().contains("'small' is not served")
                    && error.getMessage().contains("nearest served: 'reference-small'"), error.getMessage());
        }
    }

    @Test
    public void aListedModelTheTargetDoesNotServeEndsTheRunToo() {
        try (ReferenceTarget target = ReferenceTarget.start()) {
            SettingsError error = expectThrows(SettingsError.class, () -> Preflight.check(TargetSettings.resolve(Map.of(
                    "CONFORMANCE_BASE_URL", target.baseUrl(), "CONFORMANCE_API_KEY", target.apiKey(),
                    "CONFORMANCE_MODELS", "reference-small,reference-.+"), Map.of())));
            assertTrue(error.getMessage().startsWith("CONFORMANCE_MODELS ") && error.getMessage().contains("'reference-.+' is not served")
                    && error.getMessage().contains("CONFORMANCE_MODELS='models:reference-.+'"), "a pattern without models: gets a hint: "
                    + error.getMessage());
            SettingsError refused = expectThrows(SettingsError.class, () -> TargetSettings.resolve(Map.of(
                    "CONFORMANCE_BASE_URL", target.baseUrl(), "CONFORMANCE_API_KEY", target.apiKey(), "CONFORMANCE_MODELS", "acme/.*"), Map.of()));
            assertTrue(refused.getMessage().contains("'acme/.*' is not a model id") && refused.getMessage().contains("'models:acme/.*'"),
                    "a pattern that is no id at all is refused with the hint before any request: " + refused.getMessage());
        }
    }

    @Test
    public void aSelectionThatMatchesNothingEndsTheRun() {
        try (ReferenceTarget target = ReferenceTarget.start()) {
            SettingsError error = expectThrows(SettingsError.class, () -> Preflight.check(TargetSettings.resolve(Map.of(
                    "CONFORMANCE_BASE_URL", target.baseUrl(), "CONFORMANCE_API_KEY", target.apiKey(), "CONFORMANCE_MODELS", "models:^nomatch"),
                    Map.of())));
            assertTrue(error.getMessage().startsWith("CONFORMANCE_MODELS ") && error.getMessage().contains("matches none"), error.getMessage());
        }
    }

    /** On the embedded target too: it serves its five models, and no other. */
    @Test
    public void theEmbeddedTargetsModelsAreCheckedLikeAnyOther() {
        SettingsError error = expectThrows(SettingsError.class, () -> Preflight.check(TargetSettings.resolve(Map.of(
                "CONFORMANCE_MODEL", "gpt-4o-mini"), Map.of())));
        assertTrue(error.getMessage().startsWith("CONFORMANCE_MODEL ") && error.getMessage().contains("'gpt-4o-mini' is not served"),
                error.getMessage());
        Preflight.check(TargetSettings.resolve(Map.of("CONFORMANCE_MODELS", "reference-small,reference-large"), Map.of()));
    }

    @Test
    public void aReachableTargetThatAcceptsTheKeyPasses() {
        try (ReferenceTarget target = ReferenceTarget.start()) {
            Preflight.probe(remote(target.baseUrl(), target.apiKey()));
        }
    }

    @Test
    public void aRefusedKeyIsASettingsErrorNamingTheKey() {
        try (ReferenceTarget target = ReferenceTarget.start()) {
            SettingsError error = expectThrows(SettingsError.class, () -> Preflight.probe(remote(target.baseUrl(), "sk-wrong-key-123456")));
            assertTrue(error.getMessage().startsWith("CONFORMANCE_API_KEY"), error.getMessage());
            assertTrue(!error.getMessage().contains("sk-wrong-key-123456"), "the message never holds the key");
        }
    }

    /** A gateway that refuses HTTP/2 cleartext upgrades (Portkey's) is probed in plain HTTP/1.1, as every client of the suite speaks. */
    @Test
    public void aTargetThatRefusesHttp2UpgradesIsProbedLikeAnyOther() {
        try (ReferenceTarget target = ReferenceTarget.start();
             HostileFront front = HostileFront.before(
                     target, Hostility.REFUSES_H2C_UPGRADE)) {
            Preflight.probe(remote(front.baseUrl(), target.apiKey()));
        }
    }

    /** A head, then a body that never ends: the whole exchange is bounded, not only the wait for the head. */
    @Test(timeOut = 15_000)
    public void aTargetThatStallsMidBodyEndsTheProbeOnTime() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            Thread stalling = new Thread(() -> {
                try (Socket client = server.accept()) {
                    client.getInputStream().read(new byte[4096]);
                    client.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"
                            .getBytes(StandardCharsets.US_ASCII));
                    client.getOutputStream().flush();
                    Thread.sleep(60_000);
                } catch (Exception ignored) {
                    // the test ended
                }
            });
            stalling.setDaemon(true);
            stalling.start();
            long start = System.nanoTime();
            SettingsError error = expectThrows(SettingsError.class, () -> Preflight.probe(remote(
                    "http://127.0.0.1:" + server.getLocalPort() + "/v1", "sk-any-key-123456")));
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertTrue(seconds <= 10, "took " + seconds + " s");
            assertTrue(error.getMessage().startsWith("CONFORMANCE_BASE_URL") && error.getMessage().contains("not complete within"),
                    error.getMessage());
        }
    }

    @Test(timeOut = 10_000)
    public void aClosedPortIsUnreachableNamingTheUrl() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        SettingsError error = expectThrows(SettingsError.class, () -> Preflight.probe(remote("http://127.0.0.1:" + port + "/v1", "sk-any-key-123456")));
        assertTrue(error.getMessage().startsWith("CONFORMANCE_BASE_URL") && error.getMessage().contains("connection refused"), error.getMessage());
    }

    /** A status line or header holding terminal escapes reaches the one line the run prints as text, never as ESC or BEL. */
    @Test(timeOut = 15_000)
    public void whatTheTargetPutsInItsHeadIsFlattenedInTheLine() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> {
                try (Socket client = server.accept()) {
                    client.getInputStream().read(new byte[4096]);
                    client.getOutputStream().write(("HTTP/1.1 404 Not Found\r\nContent-Type: text/html\u001b]0;retitled\u0007\r\n"
                            + "Content-Length: 4\r\nConnection: close\r\n\r\n<p/>").getBytes(StandardCharsets.ISO_8859_1));
                    client.getOutputStream().flush();
                } catch (Exception ignored) {
                    // the test ended
                }
            });
            answering.setDaemon(true);
            answering.start();
            SettingsError error = expectThrows(SettingsError.class, () -> Preflight.probe(remote(
                    "http://127.0.0.1:" + server.getLocalPort() + "/v1", "sk-any-key-123456")));
            assertTrue(error.getMessage().startsWith("CONFORMANCE_BASE_URL"), error.getMessage());
            assertTrue(error.getMessage().chars().noneMatch(c -> c == 0x1b || c == 0x07), error.getMessage());
        }
    }
}
