package org.oaiconformance.auth.lifecycle;

import org.testng.annotations.Test;

import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

public class KeyInfoRuleTest {
    private static final String KEY = "sk-or-v1-d0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2";

    /** OpenRouter's own label shows the public prefix and a few characters: legal. The key, or 12 of its secret characters, is not. */
    @Test
    public void aLabelMayShowThePublicPrefixButNotTheSecret() {
        assertFalse(KeyLifecycleChecks.revealsSecret("{\"data\":{\"label\":\"sk-or-v1-d0b...1e2\"}}", KEY, "sk-or-v1-"));
        assertTrue(KeyLifecycleChecks.revealsSecret("{\"data\":{\"label\":\"" + KEY + "\"}}", KEY, "sk-or-v1-"));
        assertTrue(KeyLifecycleChecks.revealsSecret("{\"data\":{\"label\":\"sk-or-v1-d0b1c2d3e4f5a6...\"}}", KEY, "sk-or-v1-"));
    }
}
