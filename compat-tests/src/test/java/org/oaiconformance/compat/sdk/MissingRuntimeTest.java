package org.oaiconformance.compat.sdk;

import org.testng.SkipException;
import org.testng.annotations.Test;

import java.util.Map;

import static org.testng.Assert.expectThrows;

/** A missing runtime skips its row, naming what to install; demanded by CONFORMANCE_REQUIRE_SDKS, it breaks the row instead. */
public class MissingRuntimeTest {

    @Test
    public void aMissingRowIsSkippedNamingWhatToInstall() {
        SkipException skip = expectThrows(SkipException.class, () -> MissingRuntime.of("openai-node", "install Node.js 20+").stream("k", "m", java.util.Map.of()));
        org.testng.Assert.assertTrue(skip.getMessage().contains("install Node.js 20+"), skip.getMessage());
    }

    @Test
    public void aDemandedRowThatCannotRunBreaks() {
        java.util.List<String> demanded = org.oaiconformance.contract.settings.TargetSettings.resolve(
                Map.of("CONFORMANCE_REQUIRE_SDKS", "java, node,python"), Map.of()).judging().requiredSdks();
        expectThrows(IllegalStateException.class, () -> MissingRuntime.of("openai-node", "x").demandedBy(demanded).complete("k", "m", Map.of(), 0));
        expectThrows(IllegalStateException.class, () -> MissingRuntime.of("openai-python-0.28", "x").demandedBy(demanded)
                .stream("k", "m", java.util.Map.of()));
        expectThrows(SkipException.class, () -> MissingRuntime.CURL.demandedBy(demanded).stream("k", "m", java.util.Map.of()));
    }
}
