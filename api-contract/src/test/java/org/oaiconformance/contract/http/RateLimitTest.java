package org.oaiconformance.contract.http;

import org.oaiconformance.contract.settings.BaseUrl;
import org.testng.Assert;
import org.testng.annotations.Test;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

/** A 429 is waited out as its Retry-After asks and asked again, counted, and never handed to a check as the answer. */
public class RateLimitTest {

    private static final String SLOW_DOWN = "{}";

    /** Answers the first {@code limited} connections with 429 and {@code Retry-After: 1}, the rest with 200. */
    private static ServerSocket server(int limited) throws Exception {
        return server(limited, SLOW_DOWN);
    }

    /** As above, with this body on the 429s. */
    private static ServerSocket server(int limited, String body429) throws Exception {
        ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            for (int i = 0; !server.isClosed(); i++) {
                try (Socket socket = server.accept()) {
                    socket.getInputStream().read(new byte[8192]);
                    OutputStream out = socket.getOutputStream();
                    String answer = i < limited
                            ? "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 1\r\nContent-Type: application/json\r\nContent-Length: "
                                    + body429.length() + "\r\nConnection: close\r\n\r\n" + body429
                            : "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\nConnection: close\r\n\r\n{\"data\":[]}";
                    out.write(answer.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (Exception closed) {
                    return;
                }
            }
        });
        thread.setDaemon(true);
        thread.start();
        return server;
    }

    private static TargetClient client(ServerSocket server) {
        return new TargetClient(BaseUrl.parse("http://127.0.0.1:" + server.getLocalPort() + "/v1"), "sk-rate-limit-test-1234",
                Map.of(), 1_000, 5_000, 10_000, 1 << 20, new Courtesy(4, 0));
    }

    @Test(timeOut = 20_000)
    public void aRateLimitIsWaitedOutAndTheRealAnswerJudged() throws Exception {
        try (ServerSocket server = server(1)) {
            long start = System.nanoTime();
            TargetClient client = client(server);
            Exchange exchange = client.get("/models", Credentials.none());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(exchange.status(), 200);
            assertTrue(millis >= 1_000, "Retry-After: 1 was not honoured: " + millis + " ms");
            assertEquals(client.courtesy().metrics().snapshot().rateLimited(), 1);
        }
    }

    @Test(timeOut = 30_000)
    public void aTargetThatKeepsRateLimitingLeavesTheCheckNothingToJudge() throws Exception {
        try (ServerSocket server = server(Integer.MAX_VALUE)) {
            try {
                client(server).get("/models", Credentials.none());
                Assert.fail("expected the exchange to give up");
            } catch (Exception e) {
                Throwable cause = e;
                while (cause.getCause() != null && !(cause instanceof TargetUnavailable)) {
                    cause = cause.getCause();
                }
                assertTrue(cause instanceof TargetUnavailable && cause.getMessage().contains("kept answering 429"), String.valueOf(cause));
            }
        }
    }

    @Test
    public void requestsPerSecondAreSpacedOut() {
        Courtesy courtesy = new Courtesy(8, 5);
        long start = System.nanoTime();
        for (int i = 0; i < 6; i++) {
            courtesy.acquire().close();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= 900, "6 starts at 5 per second took only " + millis + " ms");
    }

    /** OpenAI's answer to a key over its quota is a 429 too: judged at once, never retried, and nobody pauses for it. */
    @Test(timeOut = 20_000)
    public void aQuotaRefusalIsTheAnswerNotARateLimit() throws Exception {
        String quota = "{\"error\":{\"message\":\"You exceeded your current quota.\",\"type\":\"insufficient_quota\","
                + "\"param\":null,\"code\":\"insufficient_quota\"}}";
        try (ServerSocket server = server(1, quota)) { // a retry would get the 200 that follows
            TargetClient client = client(server);
            Exchange exchange = client.get("/models", Credentials.none());
            assertEquals(exchange.status(), 429, "the quota refusal was retried");
            assertTrue(exchange.body().contains("You exceeded your current quota."), exchange.body());
            assertEquals(client.courtesy().metrics().snapshot().rateLimited(), 0, "a quota refusal counted as rate limiting");
        }
    }
}
