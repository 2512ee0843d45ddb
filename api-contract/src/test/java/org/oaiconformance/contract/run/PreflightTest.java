package org.oaiconformance.contract.run;

import org.oaiconformance.contract.reference.ReferenceTarget;
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
        return TargetSettings.resolve(Map.of("CONFORMANCE_BASE_URL", baseUrl, "CONFORMANCE_API_KEY", key,
                "CONFORMANCE_MODEL", ReferenceTarget.MODEL), Map.of());
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
