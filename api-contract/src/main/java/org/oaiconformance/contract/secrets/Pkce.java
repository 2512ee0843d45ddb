package org.oaiconformance.contract.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** OAuth PKCE (RFC 7636): a verifier, and its S256 challenge. Used by the OAuth checks and the reference target's flow. */
public final class Pkce {
    private Pkce() {
    }

    /** A fresh code_verifier: 64 characters from the unreserved set, within RFC 7636 §4.1's 43 to 128. */
    public static String verifier() {
        return InventedSecrets.random("").substring(0, 40) + InventedSecrets.random("").substring(0, 24);
    }

    /** base64url(SHA-256(verifier)) without padding: the S256 transform of RFC 7636 §4.2. */
    public static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
