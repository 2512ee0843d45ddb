package org.oaiconformance.contract.reference;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The reference target's in-memory API keys, shaped like OpenRouter's key records. */
public final class KeyStore {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One key. {@code hash} identifies it in admin routes; {@code secret} is what clients send. */
    public record ApiKey(String hash, String name, String secret, boolean disabled, Double limit, Instant createdAt) {
        ApiKey withDisabled(boolean value) {
            return new ApiKey(hash, name, secret, value, limit, createdAt);
        }
    }

    private final Map<String, ApiKey> byHash = new ConcurrentHashMap<>();

    public static String newSecret(String prefix) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    public ApiKey create(String name, Double limit) {
        return add(name, newSecret("sk-ref-v1-"), limit);
    }

    /** Adds a key whose secret the caller chose (a standalone target started with a known key). */
    public ApiKey add(String name, String secret) {
        return add(name, secret, null);
    }

    private ApiKey add(String name, String secret, Double limit) {
        String hash = newSecret("").substring(0, 32);
        ApiKey key = new ApiKey(hash, name, secret, false, limit, Instant.now());
        byHash.put(hash, key);
        return key;
    }

    /** The active key with this secret; disabled and deleted keys are not found. */
    public Optional<ApiKey> findActive(String secret) {
        return byHash.values().stream().filter(k -> k.secret().equals(secret) && !k.disabled()).findFirst();
    }

    public Optional<ApiKey> setDisabled(String hash, boolean disabled) {
        return Optional.ofNullable(byHash.computeIfPresent(hash, (h, k) -> k.withDisabled(disabled)));
    }

    public boolean delete(String hash) {
        return byHash.remove(hash) != null;
    }

    public List<ApiKey> list() {
        return List.copyOf(byHash.values());
    }
}
