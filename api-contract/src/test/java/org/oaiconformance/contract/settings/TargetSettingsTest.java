package org.oaiconformance.contract.settings;

import org.oaiconformance.contract.run.TargetSession;
import org.oaiconformance.contract.secrets.SecretMasker;
import org.testng.annotations.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

public class TargetSettingsTest {

    /** Hermetic: only the given environment, no system properties, whatever the machine has set. */
    private static TargetSettings resolve(Map<String, String> env) {
        return TargetSettings.resolve(env, Map.of());
    }

    @Test
    public void noBaseUrlMeansTheEmbeddedReferenceTarget() {
        TargetSettings settings = resolve(Map.of());
        assertTrue(settings.embedded());
        assertEquals(settings.profile().name(), "reference");
        assertEquals(settings.model(), "reference-small");
    }

    @Test
    public void baseUrlKeepsItsPathPrefixWithOrWithoutTrailingSlash() {
        for (String url : new String[] {"https://openrouter.ai/api/v1", "https://openrouter.ai/api/v1/"}) {
            TargetSettings settings = resolve(Map.of("CONFORMANCE_BASE_URL", url,
                    "CONFORMANCE_API_KEY", "sk-test-key-123456", "CONFORMANCE_MODEL", "openai/gpt-4o-mini"));
            assertEquals(settings.baseUrl().origin(), "https://openrouter.ai:443");
            assertEquals(settings.baseUrl().pathPrefix(), "/api/v1");
            assertEquals(settings.baseUrl().url("/models"), "https://openrouter.ai:443/api/v1/models");
            assertEquals(settings.profile().name(), "generic");
        }
    }

    /**
     * A key without a base URL is a target forgotten (an empty Action input, a variable lost on the way): judging the
     * embedded reference target then would be a green that never touched the gateway.
     */
    @Test
    public void aKeyWithoutABaseUrlIsRefusedRatherThanJudgingTheReferenceTarget() {
        for (String key : new String[] {"CONFORMANCE_API_KEY", "CONFORMANCE_MANAGEMENT_KEY", "CONFORMANCE_REVOKED_KEY", "CONFORMANCE_OAUTH_CODE"}) {
            Map<String, String> env = new HashMap<>(Map.of(key, "sk-test-key-123456"));
            if (key.equals("CONFORMANCE_OAUTH_CODE")) {
                env.put("CONFORMANCE_OAUTH_CODE_VERIFIER", "verifier-test-123456");
            }
            SettingsError error = expectThrows(SettingsError.class, () -> resolve(env));
            assertTrue(error.getMessage().startsWith("CONFORMANCE_BASE_URL (-Dtarget.baseUrl): is not set, but " + key + " is")
                    && error.getMessage().contains("embedded reference target"), error.getMessage());
            assertTrue(!error.getMessage().contains("sk-test-key"), "the key is never shown");
        }
        assertTrue(resolve(Map.of("CONFORMANCE_STRICT", "true")).embedded(), "without keys, the reference target is judged");
    }

    @Test
    public void booleanSettingsTakeTrueOrFalseOnly() {
        assertTrue(resolve(Map.of("CONFORMANCE_REQUIRE_COMPLETE", "TRUE")).reporting().requireComplete());
        SettingsError error = expectThrows(SettingsError.class, () -> resolve(Map.of("CONFORMANCE_STRICT", "yes")));
        assertTrue(error.getMessage().startsWith("CONFORMANCE_STRICT") && error.getMessage().contains("'yes' is not true or false"),
                error.getMessage());
    }

    @Test
    public void remoteTargetWithoutKeyNamesTheKeySetting() {
        SettingsError error = expectThrows(SettingsError.class,
                () -> resolve(Map.of("CONFORMANCE_BASE_URL", "https://llm.onerouter.pro/v1")));
        assertTrue(error.getMessage().startsWith("CONFORMANCE_API_KEY (-Dtarget.apiKey): "), error.getMessage());
        assertEquals(error.getStackTrace().length, 0, "a settings error is a message, not a trace");
    }

    @Test
    public void malformedUrlsNameTheUrlSetting() {
        for (String url : new String[] {"openrouter.ai/api/v1", "ftp://x/v1", "http://", "https://user:pw@host/v1", "http://h/v1?x=1", "ht tp://x"}) {
            SettingsError error = expectThrows(SettingsError.class, () -> resolve(Map.of("CONFORMANCE_BASE_URL", url,
                    "CONFORMANCE_API_KEY", "sk-test-key-123456")));
            assertTrue(error.getMessage().startsWith("CONFORMANCE_BASE_URL"), url + " -> " + error.getMessage());
            assertTrue(!error.getMessage().contains("pw@"), "credentials in a URL are not echoed");
        }
    }

    /** Raw input is never quoted: a wrong URL, a header typo or a bad number may hold the key itself. */
    @Test
    public void settingsErrorsNeverQuoteWhatMayBeAKey() {
        String secret = "9f8e7d6c5b4a39281706f5e4";
        Map<String, Map<String, String>> cases = Map.of(
                "CONFORMANCE_BASE_URL", Map.of("CONFORMANCE_BASE_URL", "https://gateway.example/v1?key=" + secret, "CONFORMANCE_API_KEY", "sk-test-key-123456"),
                "CONFORMANCE_BASE_URL (bad character)", Map.of("CONFORMANCE_BASE_URL", "https://gateway.example/v1 " + secret, "CONFORMANCE_API_KEY", "sk-test-key-123456"),
                "CONFORMANCE_EXTRA_HEADERS", Map.of("CONFORMANCE_EXTRA_HEADERS", "api-key=" + secret),
                "CONFORMANCE_CONCURRENCY", Map.of("CONFORMANCE_CONCURRENCY", secret));
        cases.forEach((name, env) -> {
            SettingsError error = expectThrows(SettingsError.class, () -> resolve(env));
            assertTrue(error.getMessage().startsWith(name.split(" ")[0]), name + " -> " + error.getMessage());
            assertTrue(!error.getMessage().contains(secret.substring(0, 6)), "quoted raw input: " + error.getMessage());
        });
        SettingsError header = expectThrows(SettingsError.class, () -> resolve(Map.of("CONFORMANCE_EXTRA_HEADERS", "X-Title: a; api-key=" + secret)));
        assertTrue(header.getMessage().contains("pair 2"), "names the position: " + header.getMessage());
        SettingsError number = expectThrows(SettingsError.class, () -> resolve(Map.of("CONFORMANCE_CONCURRENCY", "ten")));
        assertTrue(number.getMessage().contains("'ten'"), "a plain word is still quoted: " + number.getMessage());
    }

    /** Loopback is a literal loopback address or exactly localhost; a name that merely starts with 127. is any host. */
    @Test
    public void onlyLiteralLoopbackMayBeCleartext() {
        for (String url : new String[] {"http://127.0.0.1:8080/v1", "http://127.1.2.3/v1", "http://localhost:4000/v1", "http://LOCALHOST/v1", "http://[::1]:8080/v1"}) {
            assertTrue(BaseUrl.parse(url).isLoopback(), url);
        }
        for (String url : new String[] {"http://127.attacker.example/v1", "http://127.0.0.1.nip.io/v1", "http://localhost.example/v1", "http://127.0.0.1.example/v1"}) {
            assertTrue(!BaseUrl.parse(url).isLoopback(), url);
            SettingsError error = expectThrows(SettingsError.class, () -> resolve(Map.of("CONFORMANCE_BASE_URL", url,
                    "CONFORMANCE_API_KEY", "sk-test-key-123456", "CONFORMANCE_MODEL", "m")));
            assertTrue(error.getMessage().contains("plain http://"), url + " -> " + error.getMessage());
        }
    }

    /** A recording that does not parse is named by where, never by its text (the offending token may be a recorded key). */
    @Test
    public void anUnreadableRecordingIsNamedByPositionNotByItsText() throws Exception {
        Path har = Files.createTempFile("broken", ".har");
        String secret = "gsk_" + "a1b2c3d4e5f6a7b8c9d0e1f2";
        Files.writeString(har, "{\"log\": {\"entries\": [\n  " + secret + "]}}");
        try {
            SettingsError error = expectThrows(SettingsError.class, () -> TargetSession.loadRecording(
                    resolve(Map.of("CONFORMANCE_RECORDING", har.toString()))));
            assertTrue(error.getMessage().startsWith("CONFORMANCE_RECORDING") && error.getMessage().contains("line 2"), error.getMessage());
            assertTrue(!error.getMessage().contains("a1b2c3"), error.getMessage());
        } finally {
            Files.delete(har);
        }
    }

    @Test
    public void unknownProfileListsTheKnownOnes() {
        SettingsError error = expectThrows(SettingsError.class, () -> resolve(Map.of("CONFORMANCE_PROFILE", "nope")));
        assertEquals(error.getMessage(), "CONFORMANCE_PROFILE (-Dtarget.profile): unknown profile 'nope'; known: reference, generic, openai, openrouter, infron (or give your own with CONFORMANCE_PROFILE_FILE)");
    }

    @Test
    public void genericProfileNeedsAModel() {
        SettingsError error = expectThrows(SettingsError.class, () -> resolve(Map.of(
                "CONFORMANCE_BASE_URL", "http://127.0.0.1:9/v1", "CONFORMANCE_API_KEY", "sk-test-key-123456")));
        assertTrue(error.getMessage().startsWith("CONFORMANCE_MODEL"), error.getMessage());
    }

    @Test
    public void keyMayComeFromAFile() throws Exception {
        Path file = Files.createTempFile("key", ".txt");
        Files.writeString(file, "sk-from-file-123456\n");
        TargetSettings settings = resolve(Map.of("CONFORMANCE_BASE_URL", "http://127.0.0.1:9/v1",
                "CONFORMANCE_API_KEY_FILE", file.toString(), "CONFORMANCE_MODEL", "m"));
        assertEquals(settings.apiKey(), "sk-from-file-123456");
        Files.delete(file);
    }

    @Test
    public void aUserProfileFileIsUsedAndABrokenOneNamesItsSetting() throws Exception {
        Path file = Files.createTempFile("profile", ".json");
        Files.writeString(file, "{\"name\": \"my-gateway\", \"defaultModel\": \"m-1\", \"numericErrorCode\": true,"
                + " \"unknownModel\": {\"status\": 400}, \"deviations\": {\"AUTH-017\": \"no CORS\"}}");
        TargetSettings settings = resolve(Map.of("CONFORMANCE_BASE_URL", "http://127.0.0.1:9/v1", "CONFORMANCE_API_KEY", "sk-test-key-123456",
                "CONFORMANCE_PROFILE_FILE", file.toString()));
        assertEquals(settings.profile().name(), "my-gateway");
        assertEquals(settings.model(), "m-1");
        assertEquals(settings.profile().unknownModel().status(), 400);
        assertEquals(settings.profile().deviations().get("AUTH-017"), "no CORS");
        Files.writeString(file, "not json");
        SettingsError error = expectThrows(SettingsError.class, () -> resolve(Map.of("CONFORMANCE_PROFILE_FILE", file.toString())));
        assertTrue(error.getMessage().startsWith("CONFORMANCE_PROFILE_FILE"), error.getMessage());
        Files.delete(file);
    }

    @Test
    public void systemPropertyOverridesEnvironment() {
        TargetSettings settings = TargetSettings.resolve(Map.of("CONFORMANCE_MODEL", "from-env"), Map.of("target.model", "from-property"));
        assertEquals(settings.model(), "from-property");
    }

    @Test
    public void badTimeoutNamesItsSetting() {
        SettingsError error = expectThrows(SettingsError.class, () -> resolve(Map.of("CONFORMANCE_READ_TIMEOUT_MS", "soon")));
        assertTrue(error.getMessage().startsWith("CONFORMANCE_READ_TIMEOUT_MS"), error.getMessage());
    }

    @Test
    public void extraHeadersParseAndSecretLookingValuesAreMasked() {
        Map<String, String> headers = ExtraHeaders.parse("HTTP-Referer: https://example.org; X-Title: Conformance\nx-portkey-api-key: pk-9f8e7d6c5b4a");
        assertEquals(headers.get("HTTP-Referer"), "https://example.org");
        assertEquals(headers.get("X-Title"), "Conformance");
        assertEquals(SecretMasker.mask("pk-9f8e7d6c5b4a"), "[masked header x-portkey-api-key]");
        assertNull(ExtraHeaders.parse(null).get("x"));
        expectThrows(SettingsError.class, () -> ExtraHeaders.parse("Authorization: Bearer x"));
        expectThrows(SettingsError.class, () -> ExtraHeaders.parse("no colon here"));
    }

    private static Map<String, String> remoteWith(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("CONFORMANCE_BASE_URL", "https://gateway.example/v1",
                "CONFORMANCE_API_KEY", "sk-test-key-123456", "CONFORMANCE_MODEL", "m"));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        env.values().removeIf(String::isEmpty);
        return env;
    }

    /** OpenRouter calls them management keys now: the new name is read, the former one still works, and two different keys are refused. */
    @Test
    public void theManagementKeyGoesByItsCurrentNameAndItsFormerOne() {
        assertEquals(resolve(remoteWith("CONFORMANCE_MANAGEMENT_KEY", "sk-mgmt-key-123456")).managementKey(), "sk-mgmt-key-123456");
        assertEquals(resolve(remoteWith("CONFORMANCE_PROVISIONING_KEY", "sk-mgmt-key-123456")).managementKey(), "sk-mgmt-key-123456");
        assertEquals(resolve(remoteWith("CONFORMANCE_MANAGEMENT_KEY", "sk-mgmt-key-123456", "CONFORMANCE_PROVISIONING_KEY", "sk-mgmt-key-123456"))
                .managementKey(), "sk-mgmt-key-123456");
        SettingsError both = expectThrows(SettingsError.class, () -> resolve(remoteWith("CONFORMANCE_MANAGEMENT_KEY", "sk-mgmt-key-123456",
                "CONFORMANCE_PROVISIONING_KEY", "sk-other-key-654321")));
        assertTrue(both.getMessage().startsWith("CONFORMANCE_MANAGEMENT_KEY") && !both.getMessage().contains("123456"), both.getMessage());
    }

    /** Keys of shapes the sk- pattern does not know, read from files, are masked all the same, as is their Basic form. */
    @Test
    public void keysReadFromFilesAreMaskedWhateverTheirShape() throws Exception {
        String groq = "gsk_" + "Q3v9Lx2mPz8Rt5Wn1Ky7Hb4Jc6Df0Ga";
        String azure = "9f8e7d6c5b4a39281706f5e4d3c2b1a0";
        Path apiKeyFile = Files.createTempFile("api-key", ".txt");
        Path provisioningFile = Files.createTempFile("provisioning-key", ".txt");
        Files.writeString(apiKeyFile, groq + "\n");
        Files.writeString(provisioningFile, azure);
        try {
            TargetSettings settings = resolve(remoteWith("CONFORMANCE_API_KEY", "", "CONFORMANCE_API_KEY_FILE", apiKeyFile.toString(),
                    "CONFORMANCE_PROVISIONING_KEY_FILE", provisioningFile.toString()));
            assertEquals(settings.apiKey(), groq);
            assertEquals(settings.managementKey(), azure);
            String basic = Base64.getEncoder().encodeToString(("conformance:" + groq).getBytes());
            String text = SecretMasker.mask("{\"k\": \"" + groq + "\", \"m\": \"" + azure
                    + "\"} Authorization: Basic " + basic + " x" + basic);
            assertTrue(!text.contains(groq.substring(4, 16)) && !text.contains(azure.substring(0, 12)) && !text.contains(basic.substring(16, 28)),
                    text);
        } finally {
            Files.delete(apiKeyFile);
            Files.delete(provisioningFile);
        }
    }

    /** A pasted key with a stray character is one line naming the setting and the position, never the key. */
    @Test
    public void keysWithLineBreaksControlOrNonAsciiCharactersNameTheSettingNotTheKey() throws Exception {
        for (String bad : new String[] {"sk-abc\ndef-123456", "sk-abc\u0007def-123456", "sk-abc\u200bdef-123456", "sk-abc def-123456"}) {
            SettingsError error = expectThrows(SettingsError.class, () -> resolve(remoteWith("CONFORMANCE_API_KEY", bad)));
            assertTrue(error.getMessage().startsWith("CONFORMANCE_API_KEY (") && error.getMessage().contains("at character 7 of"), error.getMessage());
            assertTrue(!error.getMessage().contains("abc") && error.getMessage().lines().count() == 1, error.getMessage());
            SettingsError provisioning = expectThrows(SettingsError.class, () -> resolve(remoteWith("CONFORMANCE_PROVISIONING_KEY", bad)));
            assertTrue(provisioning.getMessage().startsWith("CONFORMANCE_PROVISIONING_KEY ("), provisioning.getMessage());
        }
        Path file = Files.createTempFile("key", ".txt");
        Files.writeString(file, "sk-abc\u200bdef-123456\n");
        try {
            SettingsError error = expectThrows(SettingsError.class, () -> resolve(remoteWith("CONFORMANCE_API_KEY", "",
                    "CONFORMANCE_API_KEY_FILE", file.toString())));
            assertTrue(error.getMessage().startsWith("CONFORMANCE_API_KEY_FILE") && error.getMessage().contains("non-ASCII"), error.getMessage());
        } finally {
            Files.delete(file);
        }
        SettingsError header = expectThrows(SettingsError.class, () -> resolve(remoteWith("CONFORMANCE_EXTRA_HEADERS", "X-Title: caf\u00e9")));
        assertTrue(header.getMessage().startsWith("CONFORMANCE_EXTRA_HEADERS") && header.getMessage().contains("X-Title"), header.getMessage());
    }

    @Test
    public void keysTooShortToMaskAreRefused() {
        SettingsError error = expectThrows(SettingsError.class, () -> resolve(remoteWith("CONFORMANCE_API_KEY", "abc12")));
        assertTrue(error.getMessage().startsWith("CONFORMANCE_API_KEY") && error.getMessage().contains("5 characters"), error.getMessage());
    }

    /** Plain http:// is for loopback; elsewhere it needs an explicit opt-in, since the key would travel in the clear. */
    @Test
    public void cleartextToARemoteHostNeedsAnOptIn() {
        SettingsError error = expectThrows(SettingsError.class, () -> resolve(remoteWith("CONFORMANCE_BASE_URL", "http://gateway.example/v1")));
        assertTrue(error.getMessage().startsWith("CONFORMANCE_BASE_URL") && error.getMessage().contains("CONFORMANCE_ALLOW_HTTP"), error.getMessage());
        assertTrue(resolve(remoteWith("CONFORMANCE_BASE_URL", "http://gateway.example/v1", "CONFORMANCE_ALLOW_HTTP", "true")).baseUrl().isCleartext());
        for (String loopback : new String[] {"http://127.0.0.1:8089/v1", "http://localhost:8089/v1", "http://[::1]:8089/v1"}) {
            assertEquals(resolve(remoteWith("CONFORMANCE_BASE_URL", loopback)).baseUrl().toString(), BaseUrl.parse(loopback).toString());
        }
    }

    @Test
    public void aHugeRunDeadlineIsRefusedNotOverflowed() {
        SettingsError error = expectThrows(SettingsError.class, () -> resolve(Map.of("CONFORMANCE_RUN_DEADLINE_S", "3000000")));
        assertTrue(error.getMessage().startsWith("CONFORMANCE_RUN_DEADLINE_S") && error.getMessage().contains("86400"), error.getMessage());
        assertEquals(resolve(Map.of("CONFORMANCE_RUN_DEADLINE_S", "86400")).limits().deadlineSeconds(), 86_400);
        expectThrows(SettingsError.class, () -> resolve(Map.of("CONFORMANCE_RUN_DEADLINE_S", "99999999999")));
    }

    /** CONFORMANCE_MODELS: the first listed model is the run's; wrong forms are refused naming the setting. */
    @Test
    public void severalModelsAreListedOrSelectedAndWrongFormsNameTheSetting() {
        Map<String, String> remote = Map.of("CONFORMANCE_BASE_URL", "https://openrouter.ai/api/v1", "CONFORMANCE_API_KEY", "sk-test-key-123456",
                "CONFORMANCE_MODELS", "a/one, b/two,a/one", "CONFORMANCE_MODEL_FEATURES", "b/two=tools,json_schema;a/one=none");
        assertEquals(resolve(remote).model(), "a/one", "the first listed model is the run's, with no CONFORMANCE_MODEL");
        ModelSelection listed = ModelSelection.parse("a/one, b/two,a/one", null, 5, "b/two=tools,json_schema;a/one=none", false);
        assertEquals(listed.listed(), List.of("a/one", "b/two"));
        assertEquals(listed.claims(), Map.of("b/two", List.of("tools", "json_schema"), "a/one", List.of()));
        ModelSelection selected = ModelSelection.parse("models:^openai/", null, 2, null, false);
        assertEquals(selected.resolve(List.of("openai/a", "anthropic/b", "openai/c", "openai/d")), List.of("openai/a", "openai/c"));
        assertEquals(ModelSelection.parse(null, "m", 5, null, false).listed(), List.of("m"));
        assertTrue(expectThrows(SettingsError.class, () -> selected.resolve(List.of("meta/x"))).getMessage()
                .startsWith("CONFORMANCE_MODELS"));
        for (Map<String, String> wrong : List.of(Map.of("CONFORMANCE_MODELS", "models:(["), Map.of("CONFORMANCE_MODELS", "a,b,c",
                "CONFORMANCE_MAX_MODELS", "2"), Map.of("CONFORMANCE_MODELS", " , "), Map.of("CONFORMANCE_MODEL_FEATURES", "a=teleport"),
                Map.of("CONFORMANCE_MODEL_FEATURES", "tools"), Map.of("CONFORMANCE_SDK_ALL_MODELS", "yes"))) {
            SettingsError error = expectThrows(SettingsError.class, () -> resolve(wrong));
            String named = wrong.keySet().stream().filter(k -> !k.equals("CONFORMANCE_MAX_MODELS")).findFirst().orElseThrow();
            assertTrue(error.getMessage().startsWith(named), wrong + ": " + error.getMessage());
        }
    }

    /** A profile's per-model claims replace its features for that model only. */
    @Test
    public void aModelsOwnClaimsReplaceTheProfilesForThatModelOnly() {
        Profile profile = Profile.load("openrouter").withModelFeatures(Map.of("meta/llama", List.of("tools")));
        assertEquals(profile.forModel("meta/llama").features(), List.of("tools"));
        assertEquals(profile.forModel("openai/gpt-4o-mini").features(), profile.features());
    }
}
