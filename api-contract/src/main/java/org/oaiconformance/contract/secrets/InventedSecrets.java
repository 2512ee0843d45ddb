package org.oaiconformance.contract.secrets;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random values the suite makes up: keys no target knows, model names no target serves, key hashes. */
public final class InventedSecrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private InventedSecrets() {
    }

    /** {@code prefix} followed by 48 random hex digits. */
    public static String random(String prefix) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    /** A key no target knows, registered with the masker (as {@code label}) before anything can print it. */
    public static String unknownKey(String prefix, String label) {
        String key = random(prefix);
        SecretMasker.register(key, label);
        return key;
    }
}
