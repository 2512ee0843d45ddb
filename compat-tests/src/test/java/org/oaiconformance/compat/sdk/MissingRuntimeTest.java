package org.oaiconformance.compat.sdk;

import org.oaiconformance.contract.settings.TargetSettings;
import org.testng.Assert;
import org.testng.SkipException;
import org.testng.annotations.Test;

import java.util.List;
import java.util.Map;

import static org.testng.Assert.expectThrows;

/** A missing runtime skips its row, naming what to install; demanded by CONFORMANCE_REQUIRE_SDKS, it breaks the row instead. */
public class MissingRuntimeTest {

    @Test
    public void aMissingRowIsSkippedNamingWhatToInstall() {
        SkipException skip = expectThrows(SkipException.class, () -> MissingRuntime.of("openai-node", "install Node.js 20+").stream("k", "m", Map.of()));
        Assert.assertTrue(skip.getMessage().contains("install Node.js 20+"), skip.getMessage());
    }

    @Test
    public void aDemandedRowThatCannotRunBreaks() {
        List<String> demanded = TargetSettings.resolve(
                Map.of("CONFORMANCE_REQUIRE_SDKS", "java, node,python"), Map.of()).judging().requiredSdks();
        expectThrows(IllegalStateException.class, () -> MissingRuntime.of("openai-node", "x").demandedBy(demanded).complete("k", "m", Map.of(), 0));
        expectThrows(IllegalStateException.class, () -> MissingRuntime.of("openai-python-0.28", "x").demandedBy(demanded)
                .stream("k", "m", Map.of()));
        expectThrows(SkipException.class, () -> MissingRuntime.CURL.demandedBy(demanded).stream("k", "m", Map.of()));
    }
}
