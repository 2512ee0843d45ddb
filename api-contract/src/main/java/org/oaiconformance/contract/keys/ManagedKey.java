package org.oaiconformance.contract.keys;

/**
 * A key as a key-management API knows it.
 *
 * @param handle how the API addresses it (OpenRouter: its hash)
 * @param secret what clients send; null when listed (APIs show it once, at creation)
 */
public record ManagedKey(String handle, String name, String secret) {

    @Override
    public String toString() {
        return name + " (" + handle + ")"; // never the secret
    }
}
