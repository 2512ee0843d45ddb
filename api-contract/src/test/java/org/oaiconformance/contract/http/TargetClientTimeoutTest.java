package org.oaiconformance.contract.http;

import org.oaiconformance.contract.settings.BaseUrl;
import org.testng.annotations.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;

import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

public class TargetClientTimeoutTest {

    /** A target that accepts the connection and never answers must not hang a check: the read timeout ends it. */
    @Test(timeOut = 10_000)
    public void aSilentTargetEndsInTheReadTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (Socket ignored = silent.accept()) {
                    Thread.sleep(5_000);
                } catch (Exception done) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            TargetClient client = new TargetClient(BaseUrl.parse("http://127.0.0.1:" + silent.getLocalPort() + "/v1"),
                    "sk-timeout-test-1234", Map.of(), 1_000, 700);
            long start = System.nanoTime();
            Exception thrown = expectThrows(Exception.class, () -> client.get("/models", Credentials.none()));
            Throwable cause = thrown;
            while (cause.getCause() != null && !(cause instanceof TargetUnavailable)) {
                cause = cause.getCause();
            }
            assertTrue(cause instanceof TargetUnavailable && cause.getMessage().contains("read timeout of 700 ms (CONFORMANCE_READ_TIMEOUT_MS)"),
                    String.valueOf(cause));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 3_000, "took " + millis + " ms");
        }
    }
}
