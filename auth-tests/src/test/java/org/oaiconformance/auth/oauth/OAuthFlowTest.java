package org.oaiconformance.auth.oauth;

import org.testng.annotations.Test;

import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

public class OAuthFlowTest {
    private static final String KEY = "sk-or-v1-d0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2";

    /** A target's GET key can only point the suite at a listed key whose label shows this key's own start and end. */
    @Test
    public void onlyALabelShowingThisKeysOwnEndsIdentifiesIt() {
        assertTrue(OAuthFlow.labelShows("sk-or-v1-d0b...0d1e2", KEY));
        assertTrue(OAuthFlow.labelShows("sk-or-v1-d...d1e2", KEY));
        assertFalse(OAuthFlow.labelShows("sk-or-v1-fff...aaa", KEY), "another key's label");
        assertFalse(OAuthFlow.labelShows("Production key", KEY), "a name, not a masked key");
        assertFalse(OAuthFlow.labelShows("...", KEY), "nothing of the key shown");
        assertFalse(OAuthFlow.labelShows(null, KEY));
        assertFalse(OAuthFlow.labelShows(KEY, KEY), "not masked at all");
    }
}
