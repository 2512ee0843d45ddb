package org.oaiconformance.contract.secrets;

import org.testng.annotations.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

/** What a real child process sees when the suite's environment holds keys and a developer's OpenAI settings. */
public class ChildEnvironmentTest {
    private static final Map<String, String> POLLUTED = Map.of("CONFORMANCE_API_KEY", "sk-do-not-leak-123456",
            "CONFORMANCE_PROVISIONING_KEY", "sk-do-not-leak-admin-123456", "OPENAI_BASE_URL", "https://elsewhere.example/v1",
            "OPENAI_ORG_ID", "org-x", "OPENAI_PROJECT_ID", "proj-x", "NODE_OPTIONS", "--require /tmp/x.js", "PYTHONPATH", "/tmp",
            "PIP_INDEX_URL", "https://mirror.example/simple", "HTTPS_PROXY", "http://proxy.example:3128", "MY_TOKEN", "t0ken-123456");

    private static Set<String> variablesSeenBy(ProcessBuilder builder) throws IOException, InterruptedException {
        Process process = builder.redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(process.waitFor(), 0);
        return out.lines().map(line -> line.substring(0, Math.max(0, line.indexOf('=')))).collect(Collectors.toSet());
    }

    private static ProcessBuilder pollutedEnv() {
        ProcessBuilder builder = new ProcessBuilder(List.of("env"));
        builder.environment().putAll(POLLUTED); // as if this JVM's environment held them
        return builder;
    }

    @Test
    public void aDriverGetsNoKeyNoOpenAiSettingAndNoInjectedCode() throws Exception {
        Set<String> seen = variablesSeenBy(ChildEnvironment.keep(pollutedEnv(), false));
        assertTrue(seen.contains("PATH"), seen.toString());
        for (String name : POLLUTED.keySet()) {
            assertTrue(!seen.contains(name), name + " reached a driver: " + seen);
        }
    }

    @Test
    public void anInstallAlsoGetsTheRegistrySettingsButNoKey() throws Exception {
        Set<String> seen = variablesSeenBy(ChildEnvironment.keep(pollutedEnv(), true));
        assertTrue(seen.contains("PIP_INDEX_URL") && seen.contains("HTTPS_PROXY"), seen.toString());
        for (String name : List.of("CONFORMANCE_API_KEY", "CONFORMANCE_PROVISIONING_KEY", "OPENAI_BASE_URL", "OPENAI_ORG_ID", "MY_TOKEN")) {
            assertTrue(!seen.contains(name), name + " reached an install: " + seen);
        }
    }
}
