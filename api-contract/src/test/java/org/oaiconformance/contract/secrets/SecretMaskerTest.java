package org.oaiconformance.contract.secrets;

import org.oaiconformance.contract.settings.ExtraHeaders;
import org.testng.annotations.Test;

import java.util.Base64;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

public class SecretMaskerTest {

    @Test
    public void registeredSecretIsReplacedByItsLabelEverywhere() {
        SecretMasker.register("distinctive-secret-4711", "api-key");
        String masked = SecretMasker.mask("key=distinctive-secret-4711 and again distinctive-secret-4711");
        assertEquals(masked, "key=[masked api-key] and again [masked api-key]");
        SecretMasker.register("a-much-longer-distinctive-secret-0815-abcdef", "long-key");
        assertEquals(SecretMasker.mask("<a-much-longer-distinctive-secret-0815-abcdef>"), "<[masked long-key]>");
    }

    @Test
    public void unregisteredCredentialAfterASchemeIsMasked() {
        assertEquals(SecretMasker.mask("Authorization: Bearer abcdefgh12345678"), "Authorization: Bearer [masked]");
        assertEquals(SecretMasker.mask("Basic Y29uZm9ybWFuY2U6eA=="), "Basic [masked]");
    }

    @Test
    public void authParamsAndProseAreNotMasked() {
        assertEquals(SecretMasker.mask("WWW-Authenticate: Bearer realm=\"reference\""), "WWW-Authenticate: Bearer realm=\"reference\"");
        assertEquals(SecretMasker.mask("The Bearer token is empty."), "The Bearer token is empty.");
    }

    @Test
    public void keyShapedStringsAreMaskedEvenWhenUnknown() {
        String masked = SecretMasker.mask("{\"message\":\"bad key sk-or-v1-0123456789abcdef0123\"}");
        assertFalse(masked.contains("0123456789abcdef"), masked);
        assertTrue(masked.contains("[masked sk-key]"), masked);
    }

    @Test
    public void splitTruncatedAndPartialKeysAreMaskedToo() {
        String key = "pk-live-0f79222ceb7723d10c169c11646709d8";
        SecretMasker.register(key, "api-key");
        String split = SecretMasker.mask("Bearer " + key.substring(0, 14) + " " + key.substring(14));
        assertFalse(split.contains("ceb7723d10c169"), split);
        String truncated = SecretMasker.mask("got " + key.substring(0, key.length() - 1) + " end");
        assertFalse(truncated.contains("ceb7723d10c169"), truncated);
        assertTrue(truncated.endsWith(" end"), truncated);
        assertEquals(SecretMasker.mask("pk-live- alone"), "pk-live- alone", "a short shared prefix is no secret");
    }

    @Test
    public void shortValuesAreNotRegistered() {
        SecretMasker.register("abc", "tiny");
        assertEquals(SecretMasker.mask("abc"), "abc");
    }

    @Test
    public void maskedThrowableKeepsItsKindAndLosesTheSecret() {
        SecretMasker.register("another-secret-0815", "api-key");
        Throwable assertion = MaskedException.mask(new AssertionError("got another-secret-0815"));
        assertTrue(assertion instanceof AssertionError);
        assertEquals(assertion.getMessage(), "got [masked api-key]");
        Throwable other = MaskedException.mask(new IllegalStateException("x", new RuntimeException("another-secret-0815")));
        assertFalse(String.valueOf(other.getCause().getMessage()).contains("another-secret-0815"));
    }

    /** A routing header's value is an ordinary word: masking it would garble the report and the summary's SDK names. */
    @Test
    public void headerValuesAreSecretByTheWordsOfTheirNameOrTheirShapeNotBySubstrings() {
        assertFalse(SecretMasker.looksSecret("x-portkey-provider", "openai"));
        assertFalse(SecretMasker.looksSecret("X-Title", "Nightly conformance"));
        assertFalse(SecretMasker.looksSecret("HTTP-Referer", "https://example.org"));
        assertFalse(SecretMasker.looksSecret("x-keyboard-layout", "dvorak"));
        assertTrue(SecretMasker.looksSecret("x-portkey-api-key", "pk-1"));
        assertTrue(SecretMasker.looksSecret("X-Auth-Token", "abc"));
        assertTrue(SecretMasker.looksSecret("Cookie", "session=1"));
        assertTrue(SecretMasker.looksSecret("api_key", "x"));
        assertTrue(SecretMasker.looksSecret("x-virtual", "vk-0123456789abcdefghij"), "token-shaped values are secrets by shape");
        ExtraHeaders.parse("x-portkey-provider: openai");
        assertEquals(SecretMasker.mask("openai-java, openai-node"), "openai-java, openai-node");
    }

    @Test
    public void aSecretsBase64FormIsMaskedWhereverItSitsInEncodedText() {
        String secret = "gsk_q9W2e8R4t6Y1u3I5o7P0aSdFgHjK";
        SecretMasker.register(secret, "groq-key");
        for (String prefix : new String[] {"", "a:", "ab:", "user:"}) {
            String encoded = Base64.getEncoder().encodeToString((prefix + secret).getBytes());
            String masked = SecretMasker.mask("{\"credentials\": \"" + encoded + "\"}"); // no scheme before it: only registration masks it
            assertFalse(masked.contains(encoded.substring(8, 28)), prefix + " -> " + masked);
        }
    }
}
