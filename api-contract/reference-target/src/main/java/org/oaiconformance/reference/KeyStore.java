package org.oaiconformance.reference;

import org.oaiconformance.contract.secrets.InventedSecrets;
import org.oaiconformance.contract.wire.OpenAiWire;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reference target's in-memory API keys, shaped like OpenRouter's key records. Disabling and deleting take
 * effect after a configurable delay, as on real gateways where revocation propagates through caches.
 */
public final class KeyStore {

    /** One key. {@code hash} identifies it in admin routes; {@code secret} is what clients send. */
    public record ApiKey(String hash, String name, String secret, boolean disabled, Double limit, Instant createdAt, Instant expiresAt) {
        ApiKey withDisabled(boolean value) {
            return new ApiKey(hash, name, secret, value, limit, createdAt, expiresAt);
        }

        /** Past its {@code expires_at}: refused like a revoked key. */
        public boolean expired() {
            return expiresAt != null && !Instant.now().isBefore(expiresAt);
        }

        public boolean exhausted() {
            return limit != null && limit <= 0;
        }
    }

    /** What a secret is to the target right now. */
    public enum Standing { ACTIVE, REVOKED, UNKNOWN }

    private final Map<String, ApiKey> byHash = new ConcurrentHashMap<>();
    /** Secrets of deleted or disabled keys → when the refusal takes effect. */
    private final Map<String, Instant> revokedAt = new ConcurrentHashMap<>();
    private final Duration revocationDelay;
    /** Secrets of keys deleted without revocation: gone from every list, still accepted. */
    private final Set<String> ghosts = ConcurrentHashMap.newKeySet();

    /** What created keys' secrets start with: sk-ref-v1- unless a test wants keys of another shape. */
    private final String createdKeyPrefix;
    /** False for the EXPIRY_IGNORED deviation: a key past its expires_at keeps working. */
    private volatile boolean honourExpiry = true;

    void ignoreExpiry() {
        honourExpiry = false;
    }

    public KeyStore(Duration revocationDelay) {
        this(revocationDelay, "sk-ref-v1-");
    }

    public KeyStore(Duration revocationDelay, String createdKeyPrefix) {
        this.revocationDelay = revocationDelay;
        this.createdKeyPrefix = createdKeyPrefix;
    }

    public ApiKey create(String name, Double limit) {
        return create(name, limit, null);
    }

    public synchronized ApiKey create(String name, Double limit, Instant expiresAt) {
        // A label shows 4 random characters; a real gateway's shows more. Two keys of one store never share one, so a
        // client that finds its key by label (OAuthFlow) never meets a collision the target made up.
        String secret;
        do {
            secret = InventedSecrets.random(createdKeyPrefix);
        } while (labelTaken(maskedLabel(secret)));
        return add(name, secret, limit, expiresAt);
    }

    private boolean labelTaken(String label) {
        return byHash.values().stream().anyMatch(k -> maskedLabel(k.secret()).equals(label));
    }

    /** Adds a key whose secret the caller chose (a standalone target started with a known key). */
    public ApiKey add(String name, String secret) {
        return add(name, secret, null, null);
    }

    private ApiKey add(String name, String secret, Double limit, Instant expiresAt) {
        String hash = InventedSecrets.random("").substring(0, 32);
        ApiKey key = new ApiKey(hash, name, secret, false, limit, Instant.now(), expiresAt);
        byHash.put(hash, key);
        return key;
    }

    /** The key with this secret if it is usable: known, and not revoked (or revoked too recently to have propagated). */
    public Optional<ApiKey> findActive(String secret) {
        Instant revoked = revokedAt.get(secret);
        if (revoked != null && !Instant.now().isBefore(revoked)) {
            return Optional.empty();
        }
        Optional<ApiKey> live = byHash.values().stream().filter(k -> k.secret().equals(secret)).findFirst();
        if (live.isPresent()) {
            return live.filter(k -> !k.expired() || !honourExpiry);
        }
        return revoked != null || ghosts.contains(secret)
                ? Optional.of(new ApiKey("", "deleted", secret, false, null, Instant.EPOCH, null)) : Optional.empty();
    }

    public Standing standing(String secret) {
        if (findActive(secret).isPresent()) {
            return Standing.ACTIVE;
        }
        boolean expired = byHash.values().stream().anyMatch(k -> k.secret().equals(secret) && k.expired());
        return revokedAt.containsKey(secret) || expired ? Standing.REVOKED : Standing.UNKNOWN;
    }

    /** Marks a key disabled; with {@code revoke} false the flag is recorded but the key keeps working (a deviation). */
    public Optional<ApiKey> setDisabled(String hash, boolean disabled, boolean revoke) {
        ApiKey key = byHash.computeIfPresent(hash, (h, k) -> k.withDisabled(disabled));
        if (key != null && revoke) {
            if (disabled) {
                revokedAt.put(key.secret(), Instant.now().plus(revocationDelay));
            } else {
                revokedAt.remove(key.secret());
            }
        }
        return Optional.ofNullable(key);
    }

    /** Deletes a key; with {@code revoke} false it leaves every list but keeps working (a deviation). */
    public boolean delete(String hash, boolean revoke) {
        ApiKey key = byHash.remove(hash);
        if (key != null && revoke) {
            revokedAt.putIfAbsent(key.secret(), Instant.now().plus(revocationDelay));
        } else if (key != null) {
            ghosts.add(key.secret());
        }
        return key != null;
    }

    /** Refuses a key at once while every record still shows it enabled (the NEW_KEYS_INACTIVE deviation). */
    void refuseSilently(String secret) {
        revokedAt.put(secret, Instant.EPOCH);
    }

    /** A key as OpenRouter labels it in lists and in GET /key: its first 10 and last 4 characters. */
    public static String maskedLabel(String secret) {
        return OpenAiWire.keyLabel(secret);
    }

    public List<ApiKey> list() {
        return List.copyOf(byHash.values());
    }
}
