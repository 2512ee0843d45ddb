package org.oaiconformance.contract.keys;

/**
 * A key as a key-management API knows it.
 *
 * @param handle how the API addresses it (OpenRouter: its hash)
 * @param secret what clients send; null when listed (APIs show it once, at creation)
 * @param label  how the API shows it masked in lists (OpenRouter: its first 10 and last 4 characters); null if unknown
 */
public record ManagedKey(String handle, String name, String secret, String label) {

    public ManagedKey(String handle, String name, String secret) {
        this(handle, name, secret, null);
    }

    @Override
    public String toString() {
        return name + " (" + handle + ")"; // never the secret
    }
}
