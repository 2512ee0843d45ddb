package org.oaiconformance.contract.run;

import org.oaiconformance.reference.ReferenceTarget;
import org.oaiconformance.contract.settings.SettingsError;
import org.oaiconformance.contract.settings.TargetSettings;
import org.testng.annotations.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

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
        try (ReferenceTarget target = ReferenceTarget.start(org.oaiconformance.reference.Switch.MODELS_PUBLIC)) {
            SettingsError error = expectThrows(SettingsError.class,
                    () -> Preflight.probe(remote(target.baseUrl(), "sk-wrong-key-123456", "openrouter")));
            assertTrue(error.getMessage().startsWith("CONFORMANCE_API_KEY") && error.getMessage().contains("/key"), error.getMessage());
        }
    }

    /** A TLS port spoken to in plain HTTP, or a web page at the wrong path, is not the API: the base URL is wrong. */
    @Test
    public void anAnswerThatIsNotTheTargetsJsonNamesTheBaseUrl() throws Exception {
        for (int status : new int[] {400, 404, 200}) {
            com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                    new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
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

    /** A JSON 404 is the target's own answer (no models route, say): the run goes on and the checks judge it. */
    @Test
    public void aJsonErrorFromTheTargetIsNotASettingsError() {
        try (ReferenceTarget target = ReferenceTarget.start()) {
            Preflight.probe(remote(target.baseUrl() + "/nowhere", target.apiKey()));
        }
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
             org.oaiconformance.proof.HostileFront front = org.oaiconformance.proof.HostileFront.before(
                     target, org.oaiconformance.proof.Hostility.REFUSES_H2C_UPGRADE)) {
            Preflight.probe(remote(front.baseUrl(), target.apiKey()));
        }
    }

    /** A head, then a body that never ends: the whole exchange is bounded, not only the wait for the head. */
    @Test(timeOut = 15_000)
    public void aTargetThatStallsMidBodyEndsTheProbeOnTime() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            Thread stalling = new Thread(() -> {
                try (java.net.Socket client = server.accept()) {
                    client.getInputStream().read(new byte[4096]);
                    client.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
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
            long seconds = java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
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
}
