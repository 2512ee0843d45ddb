package org.oaiconformance.contract.http;

import org.oaiconformance.contract.settings.BaseUrl;
import org.testng.annotations.Test;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;

import static org.testng.Assert.assertTrue;
import static org.testng.Assert.fail;

/**
 * Hostile answers end within bounds, with a one-line reason, instead of hanging or filling memory: a target that broke
 * an answer it began is {@link TargetMisbehaved}; one that never completed an answer's head is {@link TargetUnavailable}.
 */
public class BoundedExchangeTest {

    /** Serves one connection with the given behaviour on a loopback port, then stops. */
    private static void withServer(Consumer<OutputStream> behaviour, Consumer<Integer> test) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread thread = new Thread(() -> {
                try (Socket socket = server.accept()) {
                    socket.getInputStream().read(new byte[8192]);
                    behaviour.accept(socket.getOutputStream());
                } catch (Exception done) {
                    // the client gave up, as it should
                }
            });
            thread.setDaemon(true);
            thread.start();
            test.accept(server.getLocalPort());
        }
    }

    private static Throwable rootOf(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && !(cause instanceof TargetMisbehaved) && !(cause instanceof TargetUnavailable)) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static void expectMisbehaved(int port, long deadlineMs, long maxBytes, String reason) {
        expect(TargetMisbehaved.class, port, deadlineMs, maxBytes, reason);
    }

    private static void expect(Class<? extends Exception> kind, int port, long deadlineMs, long maxBytes, String reason) {
        TargetClient client = new TargetClient(BaseUrl.parse("http://127.0.0.1:" + port + "/v1"), "sk-bounded-test-1234",
                Map.of(), 1_000, 5_000, deadlineMs, maxBytes);
        long start = System.nanoTime();
        try {
            client.get("/models", Credentials.none());
            fail("expected the exchange to be cut off");
        } catch (Exception e) {
            Throwable root = rootOf(e);
            assertTrue(kind.isInstance(root) && root.getMessage().contains(reason), String.valueOf(root));
        }
        assertTrue((System.nanoTime() - start) / 1_000_000 < deadlineMs + 3_000, "the bound was not kept");
    }

    @Test(timeOut = 20_000)
    public void aStreamThatNeverEndsIsCutAtTheDeadline() throws Exception {
        withServer(out -> {
            try {
                out.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                byte[] event = "data: {\"x\":1}\n\n".getBytes(StandardCharsets.US_ASCII);
                byte[] chunk = (Integer.toHexString(event.length) + "\r\n" + new String(event, StandardCharsets.US_ASCII) + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < 1_000; i++) { // one event every 100 ms: never silent long enough for the read timeout
                    out.write(chunk);
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (Exception done) {
                // cut off
            }
        }, port -> expectMisbehaved(port, 1_500, 1 << 20, "request deadline"));
    }

    @Test(timeOut = 20_000)
    public void headersDrippedAByteAtATimeAreCutAtTheDeadlineAsNoAnswer() throws Exception {
        withServer(out -> {
            try {
                for (byte b : "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n".getBytes(StandardCharsets.US_ASCII)) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(300);
                }
            } catch (Exception done) {
                // cut off
            }
        }, port -> expect(TargetUnavailable.class, port, 1_500, 1 << 20, "no complete answer head within the request deadline"));
    }

    @Test(timeOut = 20_000)
    public void anAnswerLargerThanTheCapIsNotRead() throws Exception {
        withServer(out -> {
            try {
                int size = 10 << 20;
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + size + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                byte[] block = new byte[64 * 1024];
                Arrays.fill(block, (byte) ' ');
                for (int sent = 0; sent < size; sent += block.length) {
                    out.write(block);
                }
            } catch (Exception done) {
                // cut off
            }
        }, port -> expectMisbehaved(port, 10_000, 1 << 20, "larger than"));
    }
}
