package org.oaiconformance.contract.recording;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves a recording on 127.0.0.1 as if it were the target: each request of the suite is answered by a recorded
 * exchange of the same {@link RequestKind}, with the recorded status, headers and body. A request the recording has
 * no answer for gets a 404 marked {@value #MISS_HEADER}, which the suite's client turns into a skipped check naming
 * what the recording lacks.
 */
public final class ReplayTarget implements AutoCloseable {
    public static final String MISS_HEADER = "X-Conformance-Replay-Miss";
    /** On every replayed answer, naming the recorded exchange: nothing was billed for it. */
    public static final String REPLAYED_HEADER = "X-Conformance-Replayed";
    /**
     * On a replayed completion: the max_tokens (or max_completion_tokens) the recorded request sent, or {@code none}.
     * A recorded cut is judged against the recorded request's own limit, never the suite's.
     */
    public static final String RECORDED_MAX_TOKENS_HEADER = "X-Conformance-Recorded-Max-Tokens";
    /** Hop-by-hop and framing headers are the replay server's own; the recorded body is already decoded. */
    private static final Set<String> NOT_REPLAYED = Set.of("content-length", "transfer-encoding", "content-encoding", "connection",
            "keep-alive", "alt-svc", "strict-transport-security", "set-cookie");

    private final Recording recording;
    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(16, r -> {
        Thread t = new Thread(r, "replay-target");
        t.setDaemon(true);
        return t;
    });
    private final String apiKey = "sk-replay-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));

    private ReplayTarget(Recording recording) throws IOException {
        this.recording = recording;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
    }

    public static ReplayTarget serve(Recording recording) {
        try {
            return new ReplayTarget(recording);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the replay target on 127.0.0.1", e);
        }
    }

    /** The base URL: the path prefix is the one the suite adds, {@code /v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** The key that stands for the recorded requests' own key; any other is a refused key. */
    public String apiKey() {
        return apiKey;
    }

    public Recording recording() {
        return recording;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            List<String> authorization = exchange.getRequestHeaders().getOrDefault("Authorization", List.of());
            boolean authorized = authorization.size() == 1 && authorization.get(0).equals("Bearer " + apiKey);
            RequestKind kind = RequestKind.ofRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), body, authorized);
            RecordedExchange answer = find(kind, round(exchange.getRequestHeaders().getFirst(ReplayRound.HEADER)));
            if (answer == null) {
                byte[] miss = ("{\"error\":{\"message\":\"the recording holds no exchange for " + kind.description()
                        + "\",\"type\":\"replay_miss\"}}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set(MISS_HEADER, kind.description());
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(404, miss.length);
                exchange.getResponseBody().write(miss);
                return;
            }
            answer.responseHeaders().forEach((name, value) -> {
                if (!NOT_REPLAYED.contains(name)) {
                    exchange.getResponseHeaders().set(name, value);
                }
            });
            exchange.getResponseHeaders().set(REPLAYED_HEADER, answer.source());
            Integer limit = RequestKind.recordedLimit(answer);
            exchange.getResponseHeaders().set(RECORDED_MAX_TOKENS_HEADER, limit == null ? "none" : String.valueOf(limit));
            byte[] bytes = answer.responseBody() == null ? new byte[0] : answer.responseBody().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        }
    }

    /** The round's recorded exchange of a kind that may answer this one: the n-th of them, or none past the last. */
    private RecordedExchange find(RequestKind kind, int round) {
        List<RecordedExchange> answering = answering(kind);
        return round < answering.size() ? answering.get(round) : null;
    }

    /** Every recorded exchange that may answer a request of this kind, best kind first, in file and entry order. */
    private List<RecordedExchange> answering(RequestKind kind) {
        if (kind == RequestKind.OTHER) {
            return List.of();
        }
        List<RecordedExchange> found = new ArrayList<>();
        for (RequestKind answering : kind.answeredBy()) {
            for (RecordedExchange recorded : recording.exchanges()) {
                if (RequestKind.ofRecorded(recorded) == answering) {
                    found.add(recorded);
                }
            }
        }
        return found;
    }

    /** How many rounds judge every recorded answer: as many as the most frequent kind has exchanges. */
    public int rounds() {
        int most = 1;
        for (RequestKind kind : RequestKind.values()) {
            most = Math.max(most, answering(kind).size());
        }
        return most;
    }

    private static int round(String header) {
        try {
            return header == null ? 0 : Math.max(0, Integer.parseInt(header.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
