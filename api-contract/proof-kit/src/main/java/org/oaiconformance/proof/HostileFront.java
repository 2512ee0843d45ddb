package org.oaiconformance.proof;

import org.oaiconformance.contract.json.Json;
import org.oaiconformance.reference.ReferenceTarget;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A raw TCP front on 127.0.0.1 before a {@link ReferenceTarget}, misbehaving in one {@link Hostility}: what no HTTP
 * server library will do on purpose (reset, never answer, answer in another protocol, drip). Requests it spares are
 * passed to the target one per connection. Closing it closes every connection it holds.
 */
public final class HostileFront implements AutoCloseable {
    static final int HUGE_BODY_BYTES = 10 * 1024 * 1024;
    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private final ReferenceTarget target;
    private final Hostility hostility;
    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hostile-front");
        t.setDaemon(true);
        return t;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private HostileFront(ReferenceTarget target, Hostility hostility) throws IOException {
        this.target = target;
        this.hostility = hostility;
        this.server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        connections.submit(this::accept);
    }

    /** A front on a free loopback port before {@code target}; the caller closes both. */
    public static HostileFront before(ReferenceTarget target, Hostility hostility) {
        try {
            return new HostileFront(target, hostility);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the hostile front on 127.0.0.1", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort() + ReferenceTarget.BASE_PATH;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                open.add(client);
                connections.submit(() -> serve(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            byte[] head = readHead(client.getInputStream());
            if (head == null) {
                return;
            }
            String headText = new String(head, StandardCharsets.ISO_8859_1);
            byte[] body = client.getInputStream().readNBytes(contentLength(headText));
            boolean stream = new String(body, StandardCharsets.UTF_8).replace(" ", "").contains("\"stream\":true");
            if (hostility == Hostility.REFUSES_H2C_UPGRADE) {
                if (headText.toLowerCase(Locale.ROOT).contains("\r\nupgrade:")) {
                    client.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                } else {
                    forward(client, head, body, Long.MAX_VALUE);
                }
                return;
            }
            if (!hostility.everyRequest() && !stream) {
                forward(client, head, body, Long.MAX_VALUE);
                return;
            }
            misbehave(client, head, body);
        } catch (IOException | InterruptedException ignored) {
            // the client gave up or the front closed: either way this connection is over
        } finally {
            open.remove(client);
        }
    }

    private void misbehave(Socket client, byte[] head, byte[] body) throws IOException, InterruptedException {
        OutputStream out = client.getOutputStream();
        switch (hostility) {
            case NEVER_ANSWERS -> {
                while (!closed && client.getInputStream().read() >= 0) {
                    // hold the connection until the client or the front gives up
                }
            }
            case RESETS_THE_CONNECTION -> client.setSoLinger(true, 0); // closing now sends RST
            case HUGE_BODY -> {
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + HUGE_BODY_BYTES
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                byte[] block = new byte[64 * 1024];
                Arrays.fill(block, (byte) ' ');
                out.write('{');
                for (int sent = 1; sent < HUGE_BODY_BYTES && !closed; sent += block.length) {
                    out.write(block, 0, Math.min(block.length, HUGE_BODY_BYTES - sent));
                }
            }
            case NOT_HTTP -> {
                out.write("SSH-2.0-OpenSSH_9.6p1 Debian-4\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            case DRIPS_HEADERS -> {
                byte[] answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
                        .getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < answer.length && !closed; i++) {
                    out.write(answer[i]);
                    out.flush();
                    Thread.sleep(1000);
                }
            }
            case CLOSES_MID_STREAM -> forward(client, head, body, 1);
            case REFUSES_H2C_UPGRADE -> throw new IllegalStateException("served above");
            case INJECTS_WORKFLOW_COMMANDS -> injectWorkflowCommands(out, new String(body, StandardCharsets.UTF_8).replace(" ", "").contains("\"stream\":true"));
        }
    }

    /** What a hostile target writes to forge CI log lines and steer terminals, once decoded from JSON. */
    public static final String INJECTED = "Invalid key\n::error title=Injected by target::forged\n::warning::second line\r\n"
            + "::stop-commands::pause\n\u001b[2J\u001b]0;title\u0007\u2028::add-mask::x\u009b31m";

    /** A chat completion (or a stream of one) whose every string, and the body around it, carries {@link #INJECTED}. */
    private static void injectWorkflowCommands(OutputStream out, boolean stream) throws IOException {
        String text = Json.MAPPER.writeValueAsString(INJECTED);
        String completion = "{\"id\":" + text + ",\"object\":\"chat.completion\",\"created\":1,\"model\":" + text
                + ",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + text + "},\"finish_reason\":"
                + text + "}],\"error\":{\"message\":" + text + ",\"type\":" + text + ",\"code\":" + text + "}}";
        String answer = stream ? "data: " + completion + "\n\n" + INJECTED + "\n\ndata: [DONE]\n\n" : completion + "\n" + INJECTED;
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: " + (stream ? "text/event-stream" : "application/json") + "\r\nContent-Length: "
                + bytes.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }

    /**
     * Sends the request to the target over a connection of its own and copies the answer back; with
     * {@code eventsToPass} finite, the connection is closed once that many events of the body have passed.
     */
    private void forward(Socket client, byte[] head, byte[] body, long eventsToPass) throws IOException {
        URI base = URI.create(target.baseUrl());
        try (Socket upstream = new Socket(base.getHost(), base.getPort())) {
            OutputStream toTarget = upstream.getOutputStream();
            toTarget.write(withConnectionClose(new String(head, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1));
            toTarget.write(body);
            toTarget.flush();
            InputStream fromTarget = upstream.getInputStream();
            OutputStream out = client.getOutputStream();
            byte[] answerHead = readHead(fromTarget);
            if (answerHead == null) {
                return;
            }
            out.write(withConnectionClose(new String(answerHead, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1));
            long events = 0;
            int previous = -1;
            for (int b = fromTarget.read(); b >= 0; b = fromTarget.read()) {
                out.write(b);
                if (b == '\n' && previous == '\n' && ++events >= eventsToPass) {
                    out.flush();
                    return; // closed mid-body: no closing chunk ever comes
                }
                previous = b == '\r' ? previous : b;
            }
            out.flush();
        }
    }

    /** The same head, asking for the connection to close after this exchange: one request per connection. */
    private static String withConnectionClose(String head) {
        StringBuilder rewritten = new StringBuilder();
        for (String line : head.split("\r\n")) {
            if (!line.isEmpty() && !line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                rewritten.append(line).append("\r\n");
            }
        }
        return rewritten.append("Connection: close\r\n\r\n").toString();
    }

    /** The bytes up to and including the blank line that ends a head; null when the stream ends first. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4 && head.size() < MAX_HEAD_BYTES) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toByteArray();
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring("content-length:".length()).strip());
            }
        }
        return 0;
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
        connections.shutdownNow();
    }
}
