package org.oaiconformance.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.oaiconformance.contract.run.EmbeddedTarget;
import org.oaiconformance.contract.secrets.InventedSecrets;
import org.oaiconformance.contract.secrets.SecretMasker;
import org.oaiconformance.contract.wire.OpenAiWire;
import org.oaiconformance.reference.BearerAuthenticator.Access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The suite's reference implementation of an OpenAI-compatible endpoint: a real HTTP server on 127.0.0.1 that
 * conforms to every requirement in the catalogue, unless a {@link Switch} turns one behaviour wrong.
 *
 * <p>Routes below {@code /v1}: {@code POST chat/completions} (JSON or SSE), {@code POST responses} (JSON or SSE), {@code POST embeddings}, {@code GET models}, and admin routes in
 * OpenRouter's shape that need the admin key: {@code GET|POST keys}, {@code PATCH|DELETE keys/{hash}}.
 */
public final class ReferenceTarget implements EmbeddedTarget {
    public static final String BASE_PATH = "/v1";
    /** Where common HTTP layers stop reading one header line (cpp-httplib, nginx's default large_client_header_buffers). */
    static final int HTTP_LAYER_HEADER_LIMIT = 8192;
    public static final String MODEL = "reference-small";
    /** Every model the target serves, the same way: the first is the default; the others let a run judge several models. */
    public static final List<String> MODELS = List.of(MODEL, "reference-medium", "reference-large", "reference-mini",
            "reference-max");
    /** Streams two chunks, then fails: the way to provoke a mid-stream error. */
    public static final String MIDSTREAM_ERROR_MODEL = "reference-small-midstream-error";

    private final HttpServer server;
    private final ExecutorService workers;
    private final Set<Switch> switches;
    private final Map<String, Set<Switch>> modelSwitches = new ConcurrentHashMap<>();
    private final OAuthCodes oauth;
    private final KeyStore keys;
    private final String apiKey;
    private final String adminKey;
    private final BearerAuthenticator authenticator;
    private final ChatCompletions chat = new ChatCompletions(MODEL);
    private final Embeddings embeddings = new Embeddings();
    private final Responses responses = new Responses(MODEL);
    private volatile long addedLatencyMs;
    private volatile Map.Entry<String, String> requiredHeader;
    /** Everything credential-bearing the target was sent (Authorization and x-api-key values, query strings), for tests. */
    private final Queue<String> received = new ConcurrentLinkedQueue<>();

    private ReferenceTarget(Set<Switch> switches, int port, String fixedKey, Duration revocationDelay, String fixedAdminKey,
                            String createdKeyPrefix) throws IOException {
        this.adminKey = fixedAdminKey != null && !fixedAdminKey.isBlank() ? fixedAdminKey : InventedSecrets.random("sk-ref-admin-");
        this.switches = switches.isEmpty() ? EnumSet.noneOf(Switch.class) : EnumSet.copyOf(switches);
        this.keys = new KeyStore(revocationDelay, this.switches.contains(Switch.ISSUED_KEYS_WITHOUT_PREFIX) ? "" : createdKeyPrefix);
        if (this.switches.contains(Switch.EXPIRY_IGNORED)) {
            keys.ignoreExpiry();
        }
        this.oauth = new OAuthCodes(keys, this.switches);
        SecretMasker.register(adminKey, "admin-key");
        this.apiKey = fixedKey != null ? keys.add("suite default key", fixedKey).secret() : keys.create("suite default key", null).secret();
        SecretMasker.register(apiKey, "api-key");
        this.authenticator = new BearerAuthenticator(keys, adminKey, apiKey);
        AtomicInteger threadNumber = new AtomicInteger();
        // Enough workers that a slow answer (added latency) never queues the others behind it.
        this.workers = Executors.newFixedThreadPool(64, r -> {
            Thread t = new Thread(r, "reference-target-" + threadNumber.incrementAndGet());
            t.setDaemon(true); // never keep a test JVM alive
            return t;
        });
        // The JDK's server writes a response's head and body apart; with Nagle's algorithm on, the body waits for the
        // client's delayed ACK, ~40 ms an answer. Read once, when the JDK's server classes first load.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a target on a free loopback port. */
    public static ReferenceTarget start(Set<Switch> switches) {
        return start(switches, 0, null, Duration.ZERO);
    }

    /**
     * Starts a target on the given loopback port (0: any free one) that accepts the given key (null: a new one), and
     * whose deleted or disabled keys are refused only after {@code revocationDelay}, like a gateway's caches.
     */
    public static ReferenceTarget start(Set<Switch> switches, int port, String fixedKey, Duration revocationDelay) {
        return start(switches, port, fixedKey, revocationDelay, null);
    }

    /** As above, with a chosen admin key (null: a new one). */
    public static ReferenceTarget start(Set<Switch> switches, int port, String fixedKey, Duration revocationDelay, String fixedAdminKey) {
        return start(switches, port, fixedKey, revocationDelay, fixedAdminKey, "sk-ref-v1-");
    }

    /** As above, with keys created through the key API starting with {@code createdKeyPrefix} (a key shape to test masking). */
    public static ReferenceTarget start(Set<Switch> switches, int port, String fixedKey, Duration revocationDelay, String fixedAdminKey,
                                        String createdKeyPrefix) {
        try {
            return new ReferenceTarget(switches, port, fixedKey, revocationDelay, fixedAdminKey, createdKeyPrefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the reference target on 127.0.0.1", e);
        }
    }

    public static ReferenceTarget start(Switch... switches) {
        return start(switches.length == 0 ? Set.of() : EnumSet.of(switches[0], switches));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + BASE_PATH;
    }

    /** A valid client key. */
    public String apiKey() {
        return apiKey;
    }

    /** The management key for the admin routes; it cannot call inference routes. */
    public String adminKey() {
        return adminKey;
    }

    public KeyStore keys() {
        return keys;
    }

    /**
     * What a target's failed-login log would hold: every Authorization and x-api-key value and query string it was
     * sent (request bodies are not kept). For the project's tests of what the suite sends.
     */
    public List<String> receivedCredentials() {
        return List.copyOf(received);
    }

    /**
     * Refuses every request without this header with 400, as a gateway that routes by header does (Portkey's
     * {@code x-portkey-provider}): a target the suite can only judge with {@code CONFORMANCE_EXTRA_HEADERS} set.
     */
    public ReferenceTarget requiringHeader(String name, String value) {
        this.requiredHeader = Map.entry(name, value);
        return this;
    }

    private volatile String stalledRoute;
    private volatile long stallMs;
    private final AtomicInteger stalledNow = new AtomicInteger();

    /** From now on, requests to this route (e.g. {@code /models}) hang this long before they are answered; others are not slowed. */
    public ReferenceTarget stalling(String route, Duration stall) {
        this.stallMs = stall.toMillis();
        this.stalledRoute = route;
        return this;
    }

    /** How many requests are hanging in {@link #stalling} right now. */
    public int stalledInFlight() {
        return stalledNow.get();
    }

    /** Makes every answer wait this long before it is worked out: a slow target on loopback. */
    /** Switches that apply to one of {@link #MODELS} only, as a gateway routes each model to its own upstream. */
    public ReferenceTarget withModelSwitches(String model, Set<Switch> deviations) {
        if (!MODELS.contains(model)) {
            throw new IllegalArgumentException("the reference target serves " + MODELS + ", not " + model);
        }
        modelSwitches.put(model, deviations.isEmpty() ? EnumSet.noneOf(Switch.class) : EnumSet.copyOf(deviations));
        return this;
    }

    public ReferenceTarget withAddedLatency(Duration latency) {
        this.addedLatencyMs = latency.toMillis();
        return this;
    }

    public Set<Switch> switches() {
        return Set.copyOf(switches);
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        exchange.getRequestHeaders().getOrDefault("Authorization", List.of()).forEach(received::add);
        exchange.getRequestHeaders().getOrDefault("X-api-key", List.of()).forEach(received::add);
        if (exchange.getRequestURI().getRawQuery() != null) {
            received.add(exchange.getRequestURI().getRawQuery());
        }
        Call call = new Call(exchange, switches, modelSwitches);
        chat.arrived();
        try {
            if (addedLatencyMs > 0) {
                Thread.sleep(addedLatencyMs);
            }
            String stalled = stalledRoute;
            if (stalled != null && exchange.getRequestURI().getRawPath().endsWith(stalled)) {
                stalledNow.incrementAndGet();
                try {
                    Thread.sleep(stallMs);
                } finally {
                    stalledNow.decrementAndGet();
                }
            }
            if (call.on(Switch.OVERSIZED_HEADER_BARE_400) && exchange.getRequestHeaders().getOrDefault("Authorization", List.of())
                    .stream().anyMatch(v -> v.length() > HTTP_LAYER_HEADER_LIMIT)) {
                call.bare(400); // as cpp-httplib (llama-server) and nginx refuse a header line beyond their limit
                return;
            }
            route(call, exchange.getRequestURI().getRawPath());
        } catch (Exception e) {
            if (!call.answered()) {
                try {
                    call.error(500, "server_error", null, null, "The reference target failed: " + e.getClass().getSimpleName());
                } catch (IOException ignored) {
                    // the client went away; nothing left to tell it
                }
            }
        } finally {
            exchange.close();
        }
    }

    private void route(Call call, String path) throws IOException {
        if (!path.startsWith(BASE_PATH + "/")) {
            call.error(404, "invalid_request_error", "not_found", null, "No route " + path + "; routes live below " + BASE_PATH);
            return;
        }
        String route = path.substring(BASE_PATH.length());
        var required = requiredHeader;
        if (required != null && !call.header(required.getKey()).contains(required.getValue())) {
            call.error(400, "invalid_request_error", null, null, "The " + required.getKey() + " header is required.");
            return;
        }
        if (call.on(Switch.ATTRIBUTION_HEADERS_400) && call.hasAttribution()) {
            call.error(400, "invalid_request_error", null, null, "Unknown header.");
            return;
        }
        if (call.method().equals("OPTIONS")) {
            if (call.on(Switch.PREFLIGHT_NEEDS_AUTH) && authenticator.admit(call, Access.CLIENT, null).isEmpty()) {
                return;
            }
            call.noContent("Authorization, Content-Type, " + String.join(", ", new TreeSet<>(OpenAiWire.ATTRIBUTION_HEADERS.keySet())));
            return;
        }
        if (route.equals("/chat/completions")) {
            if (allowed(call, "POST")) {
                chatCompletions(call);
            }
        } else if (route.equals("/responses") && !call.on(Switch.RESPONSES_NOT_SERVED)) {
            if (allowed(call, "POST")) {
                responses(call);
            }
        } else if (route.startsWith("/responses/") && !call.on(Switch.RESPONSES_NOT_SERVED)) {
            if (allowed(call, "GET") && authenticator.admit(call, Access.CLIENT, null).isPresent()) {
                responses.retrieve(call, route.substring("/responses/".length()));
            }
        } else if (route.equals("/embeddings") && !call.on(Switch.EMBEDDINGS_NOT_SERVED)) {
            if (allowed(call, "POST")) {
                embeddings(call);
            }
        } else if (route.equals("/models") && call.on(Switch.NO_MODELS_ROUTE)) {
            call.error(404, "invalid_request_error", "not_found", null, "No route " + path);
        } else if (route.equals("/models")) {
            if (allowed(call, "GET") && (call.on(Switch.MODELS_PUBLIC) || authenticator.admit(call, Access.CLIENT, null).isPresent())) {
                ObjectNode list = models(call.on(Switch.MODELS_WRONG_SHAPE), call.on(Switch.MODEL_ENTRIES_BARE));
                if (call.on(Switch.HOSTILE_MODEL_IDS) && !call.on(Switch.MODELS_WRONG_SHAPE)) {
                    HOSTILE_MODEL_IDS.forEach(id -> ((ArrayNode) list.path("data")).add(modelEntry(id, false)));
                }
                call.json(200, list);
            }
        } else if (route.startsWith("/models/") && !call.on(Switch.NO_MODEL_ROUTE) && !call.on(Switch.NO_MODELS_ROUTE)) {
            if (allowed(call, "GET") && (call.on(Switch.MODELS_PUBLIC) || authenticator.admit(call, Access.CLIENT, null).isPresent())) {
                String id = route.substring("/models/".length());
                if (MODELS.contains(id)) {
                    call.json(200, modelEntry(id, call.on(Switch.MODEL_ENTRIES_BARE)));
                } else {
                    call.error(404, "invalid_request_error", "model_not_found", "model", "The model '" + id + "' does not exist.");
                }
            }
        } else if (route.equals("/key")) {
            var key = allowed(call, "GET") ? authenticator.admit(call, Access.CLIENT, null) : Optional.<KeyStore.ApiKey>empty();
            if (key.isPresent()) {
                call.json(200, keyInfo(key.get(), switches));
            }
        } else if (route.equals("/auth")) {
            if (allowed(call, "GET")) {
                oauth.authorize(call);
            }
        } else if (route.equals("/auth/keys")) {
            if (allowed(call, "POST")) {
                oauth.exchange(call);
            }
        } else if (route.equals("/auth/keys/code")) {
            if (allowed(call, "POST") && authenticator.admit(call, Access.ADMIN, null).isPresent()) {
                oauth.createCode(call);
            }
        } else if (route.equals("/keys") || route.startsWith("/keys/")) {
            if (authenticator.admit(call, Access.ADMIN, null).isPresent()) {
                new KeyAdminRoutes(keys, switches).handle(call, route);
            }
        } else {
            call.error(404, "invalid_request_error", "not_found", null, "No route " + path);
        }
    }

    /** Reads the body first (the stream flag decides how a refusal looks), then authenticates, then validates. */
    private void chatCompletions(Call call) throws IOException {
        byte[] body = call.body();
        if (body == null) {
            call.error(413, "invalid_request_error", null, null, "The request body is too large.");
            return;
        }
        JsonNode json = ChatCompletions.parseOrNull(body);
        if (json != null && json.has("api_key")) {
            received.add(json.path("api_key").asText());
        }
        call.streamRequested(json != null && json.path("stream").asBoolean(false));
        if (json == null && call.on(Switch.VALIDATE_BEFORE_AUTH)) {
            call.error(400, "invalid_request_error", null, null, "We could not parse the JSON body of your request.");
            return;
        }
        var key = authenticator.admit(call, Access.INFERENCE, json);
        if (key.isEmpty()) {
            return;
        }
        if (key.get().exhausted() && !call.on(Switch.CREDIT_LIMIT_IGNORED)) {
            if (call.on(Switch.CREDIT_LIMIT_AS_QUOTA_429)) {
                call.responseHeader("Retry-After", "1");
                call.error(429, "insufficient_quota", "insufficient_quota", null,
                        "You exceeded your current quota, please check your plan and billing details.");
            } else if (call.on(Switch.CREDIT_LIMIT_AS_403)) {
                call.error(403, "forbidden", "key_limit_exceeded", null, "Key limit exceeded (total limit)");
            } else {
                call.error(402, "insufficient_quota", "insufficient_credits", null,
                        "This key has reached its credit limit. Raise the limit or use another key.",
                        Map.of("limit_source", "openrouter_key_limit"));
            }
            return;
        }
        chat.handle(call, body);
    }

    /** The Responses API, authenticated as chat completions are (unless a switch opens the route). */
    private void responses(Call call) throws IOException {
        Optional<Admitted> admitted = admitted(call, Switch.RESPONSES_WITHOUT_AUTH);
        if (admitted.isPresent()) {
            responses.handle(call, admitted.get().json());
        }
    }

    /** Authenticated as chat completions are (unless a switch opens the route), then answered. */
    private void embeddings(Call call) throws IOException {
        Optional<Admitted> admitted = admitted(call, Switch.EMBEDDINGS_WITHOUT_AUTH);
        if (admitted.isEmpty()) {
            return;
        }
        JsonNode json = admitted.get().json();
        if (call.on(Switch.EMBEDDINGS_NOT_IMPLEMENTED)) {
            call.error(501, "not_supported_error", null, null, "This server does not support embeddings. Start it with `--embeddings`");
            return;
        }
        embeddings.handle(call, json);
    }

    /** A request body let through: its JSON, or null when it is not JSON (the route's validation answers that). */
    private record Admitted(JsonNode json) {
    }

    /**
     * The body of a request to a model route beyond chat, read and authenticated as chat's is (unless {@code opened}
     * is on); empty once the request has been answered (too large, refused).
     */
    private Optional<Admitted> admitted(Call call, Switch opened) throws IOException {
        byte[] body = call.body();
        if (body == null) {
            call.error(413, "invalid_request_error", null, null, "The request body is too large.");
            return Optional.empty();
        }
        JsonNode json = ChatCompletions.parseOrNull(body);
        if (!call.on(opened) && authenticator.admit(call, Access.INFERENCE, json).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Admitted(json));
    }

    /** OpenRouter's GET /key: what the calling key is, its label masked as OpenRouter masks it. */
    private static ObjectNode keyInfo(KeyStore.ApiKey key, Set<Switch> switches) {
        ObjectNode root = Call.JSON.createObjectNode();
        ObjectNode data = root.putObject("data");
        data.put("label", switches.contains(Switch.KEY_INFO_REVEALS_KEY) ? key.secret() : KeyStore.maskedLabel(key.secret()));
        if (key.limit() == null || switches.contains(Switch.KEY_INFO_WRONG_LIMIT)) {
            data.putNull("limit");
            data.putNull("limit_remaining");
        } else {
            data.put("limit", key.limit());
            data.put("limit_remaining", key.limit());
        }
        data.putNull("limit_reset");
        data.put("usage", 0);
        data.put("is_free_tier", false);
        data.put("is_management_key", false);
        data.put("is_provisioning_key", false);
        if (key.expiresAt() == null) {
            data.putNull("expires_at");
        } else {
            data.put("expires_at", key.expiresAt().toString());
        }
        return root;
    }

    private static boolean allowed(Call call, String method) throws IOException {
        if (call.method().equals(method)) {
            return true;
        }
        if (call.on(Switch.WRONG_METHOD_404)) {
            call.error(404, "invalid_request_error", "not_found", null, "Not found.");
            return false;
        }
        call.error(405, "invalid_request_error", "method_not_allowed", null, call.method() + " is not allowed here; use " + method);
        return false;
    }

    /** What {@link Switch#HOSTILE_MODEL_IDS} lists: each would run script, forge a CI annotation or retitle a terminal. */
    public static final List<String> HOSTILE_MODEL_IDS = List.of(
            "x://\"><img src=x onerror=\"document.body.id='xss'+'ran'\">",
            "reference-m\n::error title=Injected::forged by a model id",
            "reference-\u001b]0;retitled\u0007m");

    private static ObjectNode models(boolean wrongShape, boolean bare) {
        ObjectNode root = Call.JSON.createObjectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray(wrongShape ? "models" : "data");
        MODELS.forEach(id -> data.add(modelEntry(id, bare)));
        return root;
    }

    private static ObjectNode modelEntry(String id, boolean bare) {
        ObjectNode model = Call.JSON.createObjectNode();
        model.put("id", id);
        if (!bare) {
            model.put("object", "model");
            model.put("created", 1_767_225_600L);
            model.put("owned_by", "oai-conformance");
        }
        model.put("context_length", ChatCompletions.CONTEXT_LENGTH); // as OpenRouter lists it
        return model;
    }

    /** Admin routes, OpenRouter's shape: keys are addressed by hash and the secret is shown once, at creation. */
    private record KeyAdminRoutes(KeyStore keys, Set<Switch> switches) {
        /** Small, so the suite's listing is seen to page; OpenRouter documents no page size. */
        static final int PAGE_SIZE = 3;

        void handle(Call call, String route) throws IOException {
            String hash = route.startsWith("/keys/") ? route.substring("/keys/".length()) : null;
            switch (call.method() + (hash == null ? "" : " {hash}")) {
                case "GET" -> list(call);
                case "POST" -> create(call);
                case "PATCH {hash}" -> {
                    JsonNode body = Call.JSON.readTree(call.body());
                    var updated = keys.setDisabled(hash, body.path("disabled").asBoolean(false), !switches.contains(Switch.DISABLE_IGNORED));
                    if (updated.isEmpty()) {
                        call.error(404, "invalid_request_error", "not_found", null, "No key " + hash);
                    } else {
                        ObjectNode root = Call.JSON.createObjectNode();
                        root.set("data", describe(updated.get()));
                        call.json(200, root);
                    }
                }
                case "DELETE {hash}" -> {
                    if (keys.delete(hash, !switches.contains(Switch.DELETE_IGNORED))) {
                        call.json(200, Call.JSON.createObjectNode().put("deleted", true));
                    } else {
                        call.error(404, "invalid_request_error", "not_found", null, "No key " + hash);
                    }
                }
                default -> call.error(405, "invalid_request_error", "method_not_allowed", null, call.method() + " is not allowed here");
            }
        }

        /** OpenRouter's listing: disabled keys only with include_disabled=true, a page at a time from offset. */
        private void list(Call call) throws IOException {
            boolean includeDisabled = call.queryParameter("include_disabled").map("true"::equalsIgnoreCase).orElse(false);
            int offset;
            try {
                offset = Integer.parseInt(call.queryParameter("offset").orElse("0"));
            } catch (NumberFormatException e) {
                call.error(400, "invalid_request_error", null, "offset", "'offset' must be a whole number.");
                return;
            }
            ObjectNode root = Call.JSON.createObjectNode();
            ArrayNode data = root.putArray("data");
            keys.list().stream().filter(k -> includeDisabled || !k.disabled())
                    .sorted(Comparator.comparing(KeyStore.ApiKey::createdAt).thenComparing(KeyStore.ApiKey::hash))
                    .skip(Math.max(0, offset)).limit(PAGE_SIZE).forEach(k -> data.add(describe(k)));
            call.json(200, root);
        }

        private void create(Call call) throws IOException {
            JsonNode body = Call.JSON.readTree(call.body());
            String name = body == null ? "" : body.path("name").asText("");
            if (name.isBlank()) {
                call.error(400, "invalid_request_error", "missing_required_parameter", "name", "'name' is required.");
                return;
            }
            JsonNode limit = body.path("limit");
            Instant expiresAt = null;
            if (body.hasNonNull("expires_at")) {
                try {
                    expiresAt = Instant.parse(body.path("expires_at").asText());
                } catch (DateTimeParseException e) {
                    call.error(400, "invalid_request_error", null, "expires_at", "'expires_at' must be an ISO 8601 time in UTC.");
                    return;
                }
            }
            KeyStore.ApiKey key = keys.create(name, limit.isNumber() ? limit.asDouble() : null, expiresAt);
            if (switches.contains(Switch.NEW_KEYS_INACTIVE)) {
                keys.refuseSilently(key.secret()); // listed as enabled, refused all the same
            }
            // The suite must register the secret itself, as it must with any real key API: nothing here does it for it.
            if (switches.contains(Switch.KEY_CREATE_500_AFTER_COMMIT)) {
                call.error(500, "server_error", null, null, "Internal error.");
                return;
            }
            ObjectNode root = Call.JSON.createObjectNode();
            root.set("data", describe(key));
            root.put("key", key.secret());
            call.json(201, root);
        }

        private static ObjectNode describe(KeyStore.ApiKey key) {
            ObjectNode node = Call.JSON.createObjectNode();
            node.put("hash", key.hash());
            node.put("name", key.name());
            node.put("label", KeyStore.maskedLabel(key.secret()));
            node.put("disabled", key.disabled());
            if (key.limit() == null) {
                node.putNull("limit");
            } else {
                node.put("limit", key.limit());
            }
            node.put("created_at", key.createdAt().toString());
            if (key.expiresAt() == null) {
                node.putNull("expires_at");
            } else {
                node.put("expires_at", key.expiresAt().toString());
            }
            return node;
        }
    }
}
