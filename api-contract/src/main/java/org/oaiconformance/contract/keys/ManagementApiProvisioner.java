package org.oaiconformance.contract.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.Method;
import org.oaiconformance.contract.http.Credentials;
import org.oaiconformance.contract.http.Exchange;
import org.oaiconformance.contract.http.PathSegments;
import org.oaiconformance.contract.http.TargetClient;
import org.oaiconformance.contract.secrets.SecretMasker;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OpenRouter's key management API, driven by a management key (formerly "provisioning key"): {@code POST /keys} with a
 * name, a credit limit and an {@code expires_at}, {@code PATCH /keys/{hash}} to disable, {@code DELETE /keys/{hash}},
 * {@code GET /keys?include_disabled=true&offset=} (disabled keys are left out of the list unless asked for).
 * Paths are relative to the target's base URL ({@code https://openrouter.ai/api/v1}).
 */
public final class ManagementApiProvisioner implements KeyProvisioner {
    /** A bound on listing, not a page size: pages are read until one is empty, whatever size the API gives them. */
    private static final int MAX_PAGES = 500;

    private final TargetClient client;
    private final Credentials management;

    public ManagementApiProvisioner(TargetClient client, String managementKey) {
        this.client = client;
        this.management = Credentials.bearer(managementKey, "the management key");
        SecretMasker.register(managementKey, "management-key");
    }

    @Override
    public boolean canCreate() {
        return true;
    }

    @Override
    public ManagedKey create(String name, Double creditLimit, Instant expiresAt) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("name", name);
        if (creditLimit != null) {
            body.put("limit", creditLimit);
        }
        if (expiresAt != null) { // OpenRouter: ISO 8601 in UTC; the key is refused from then on, whoever forgets it
            body.put("expires_at", expiresAt.truncatedTo(ChronoUnit.MILLIS).toString());
        }
        Exchange exchange = expect2xx(client.sendForSecret(Method.POST, "/keys", management, body.toString(), "/key",
                "created key '" + name + "'"), "create a key");
        JsonNode root = exchange.json();
        String secret = root.path("key").asText(null);
        String hash = root.path("data").path("hash").asText(null);
        if (secret == null || hash == null) {
            throw new IllegalStateException("the key API's answer to POST /keys has no 'key' or no 'data.hash': " + exchange.excerpt());
        }
        return new ManagedKey(hash, name, secret);
    }

    @Override
    public void disable(ManagedKey key) {
        expect2xx(client.send(Method.PATCH, keyPath(key), management, "{\"disabled\":true}"), "disable " + key);
    }

    /** The key's route: its hash comes from the target, so it is sent only as one plain path segment. */
    private static String keyPath(ManagedKey key) {
        if (!PathSegments.isSafe(key.handle())) {
            throw new IllegalStateException("the key API named key " + key.name() + " by a hash that is not one plain path segment;"
                    + " it was not sent (delete the key by hand)");
        }
        return "/keys/" + key.handle();
    }

    @Override
    public void delete(ManagedKey key) {
        Exchange exchange = client.send(Method.DELETE, keyPath(key), management, null);
        if (exchange.status() != 404) { // already gone is what we wanted
            expect2xx(exchange, "delete " + key);
        }
    }

    @Override
    public List<ManagedKey> list() {
        Map<String, ManagedKey> keys = new LinkedHashMap<>();
        for (int page = 0; page < MAX_PAGES; page++) {
            Exchange exchange = expect2xx(client.get("/keys?include_disabled=true&offset=" + keys.size(), management), "list keys");
            JsonNode data = exchange.json().path("data");
            int before = keys.size();
            data.forEach(k -> keys.putIfAbsent(k.path("hash").asText(),
                    new ManagedKey(k.path("hash").asText(), k.path("name").asText(), null, k.path("label").asText(null))));
            if (keys.size() == before) { // an empty page, or an API that ignores the offset: nothing more to learn
                return List.copyOf(keys.values());
            }
        }
        throw new IllegalStateException("the key API listed more than " + MAX_PAGES + " pages of keys; not sweeping an account that large");
    }

    @Override
    public Optional<Credentials> managementKey() {
        return Optional.of(management);
    }

    /** The key API is the suite's tool here, not the subject: a failure breaks the check rather than failing it. */
    private static Exchange expect2xx(Exchange exchange, String what) {
        if (exchange.status() / 100 != 2) {
            throw new IllegalStateException("could not " + what + " through the key API: HTTP " + exchange.status() + " " + exchange.excerpt());
        }
        return exchange;
    }
}
