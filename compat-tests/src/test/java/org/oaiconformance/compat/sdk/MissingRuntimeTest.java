package org.oaiconformance.compat.sdk;

import org.testng.SkipException;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.Test;

import java.util.Map;

import static org.testng.Assert.expectThrows;

/** A missing runtime skips its row, naming what to install; demanded by -Dcompat.require, it breaks the row instead. */
public class MissingRuntimeTest {

    @AfterMethod
    public void forget() {
        System.clearProperty("compat.require");
    }

    @Test
    public void aMissingRowIsSkippedNamingWhatToInstall() {
        SkipException skip = expectThrows(SkipException.class, () -> MissingRuntime.of("openai-node", "install Node.js 20+").stream("k", "m", java.util.Map.of()));
        org.testng.Assert.assertTrue(skip.getMessage().contains("install Node.js 20+"), skip.getMessage());
    }

    @Test
    public void aDemandedRowThatCannotRunBreaks() {
        System.setProperty("compat.require", "java, node,python");
        expectThrows(IllegalStateException.class, () -> MissingRuntime.of("openai-node", "x").complete("k", "m", Map.of(), 0));
        expectThrows(IllegalStateException.class, () -> MissingRuntime.of("openai-python-0.28", "x").stream("k", "m", java.util.Map.of()));
        expectThrows(SkipException.class, () -> MissingRuntime.CURL.stream("k", "m", java.util.Map.of()));
    }
}
