package org.oaiconformance.auth.lifecycle;

import org.oaiconformance.contract.keys.KeyJanitor;
import org.oaiconformance.contract.proof.ProofRun;
import org.oaiconformance.contract.http.TargetClient;
import org.oaiconformance.contract.keys.ManagementApiProvisioner;
import org.oaiconformance.contract.settings.BaseUrl;
import org.oaiconformance.contract.reference.ReferenceTarget;
import org.testng.annotations.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

/**
 * A run killed in the middle of the key lifecycle checks leaves no suite-created key behind: on SIGTERM its shutdown
 * hook deletes them; after SIGKILL (no hook) a run after the killed run's expiry sweeps them, while a run started at
 * once leaves them alone (the killed run could be a live concurrent one). The run under test is a real child JVM running
 * a lifecycle check against a reference target in this JVM, whose slow revocation keeps the child busy mid-lifecycle.
 */
public class KilledRunCleanupTest {

    @Test(timeOut = 120_000)
    public void sigtermDuringTheLifecycleChecksDeletesTheRunsKeys() throws Exception {
        try (ReferenceTarget target = ReferenceTarget.start(Set.of(), 0, null, Duration.ofSeconds(60))) {
            Process run = startLifecycleRun(target);
            awaitSuiteKey(target, run);
            run.destroy(); // SIGTERM
            assertTrue(run.waitFor(60, TimeUnit.SECONDS), "the run did not end after SIGTERM");
            assertTrue(suiteKeys(target).isEmpty(), "keys left after SIGTERM: " + suiteKeys(target));
        }
    }

    @Test(timeOut = 120_000)
    public void afterSigkillTheNextRunSweepsTheLeftovers() throws Exception {
        try (ReferenceTarget target = ReferenceTarget.start(Set.of(), 0, null, Duration.ofSeconds(60))) {
            Process run = startLifecycleRun(target);
            awaitSuiteKey(target, run);
            run.destroyForcibly(); // SIGKILL: no hook runs
            assertTrue(run.waitFor(30, TimeUnit.SECONDS));
            assertFalse(suiteKeys(target).isEmpty(), "a SIGKILLed run should have left its keys; the scenario did not happen");

            // A run started now must leave the killed run's keys alone: for all it knows, that run is still going.
            ProofRun.againstTarget(target, Duration.ofSeconds(2), KeyLifecycleChecks.class);
            assertFalse(suiteKeys(target).isEmpty(), "a run deleted keys whose creator's expiry had not passed");
            // A run after the killed run's expiry (its deadline, 900 s, plus grace, written in the key's name) sweeps them.
            KeyJanitor later = new KeyJanitor(new ManagementApiProvisioner(new TargetClient(BaseUrl.parse(target.baseUrl()), target.apiKey(),
                    java.util.Map.of(), 5_000, 10_000), target.adminKey()), Duration.ofMinutes(15));
            assertTrue(later.sweepLeftoversAsOf(LocalDateTime.now(ZoneOffset.UTC).plusHours(1)) > 0);
            assertTrue(suiteKeys(target).isEmpty(), "keys left after the next run: " + suiteKeys(target));
        }
    }

    private static Process startLifecycleRun(ReferenceTarget target) throws Exception {
        Path output = Files.createTempDirectory("killed-run");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", classpath, "-Dallure.results.directory=" + output.resolve("allure"),
                // KEY-003 disables its key and then polls; the slow revocation keeps the key listed and the run busy.
                "org.testng.TestNG", "-d", output.resolve("testng").toString(),
                "-methods", KeyLifecycleChecks.class.getName() + ".required_key003_disabledKeyIsRefusedWithinTheWindow");
        builder.environment().put("CONFORMANCE_BASE_URL", target.baseUrl());
        builder.environment().put("CONFORMANCE_API_KEY", target.apiKey());
        builder.environment().put("CONFORMANCE_PROVISIONING_KEY", target.adminKey());
        builder.environment().put("CONFORMANCE_PROFILE", "reference");
        builder.environment().put("CONFORMANCE_MODEL", ReferenceTarget.MODEL);
        builder.redirectErrorStream(true).redirectOutput(output.resolve("console.log").toFile());
        return builder.start();
    }

    /** Waits until the run has created a key and is busy with it. */
    private static void awaitSuiteKey(ReferenceTarget target, Process run) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (suiteKeys(target).isEmpty()) {
            assertTrue(run.isAlive(), "the run ended before creating a key");
            assertTrue(System.nanoTime() < deadline, "the run created no key within 60 s");
            Thread.sleep(100);
        }
        Thread.sleep(500);
    }

    private static List<String> suiteKeys(ReferenceTarget target) {
        return ProofRun.suiteKeysOn(target);
    }

}
