package org.oaiconformance.auth.lifecycle;

import org.oaiconformance.contract.http.TargetClient;
import org.oaiconformance.contract.keys.KeyJanitor;
import org.oaiconformance.contract.keys.ManagementApiProvisioner;
import org.oaiconformance.contract.settings.BaseUrl;
import org.oaiconformance.proof.ProofRun;
import org.oaiconformance.reference.ReferenceTarget;
import org.testng.annotations.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
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

    /**
     * SIGTERM while a request hangs (a CI cancel, which kills about 10 s later): the hook first cuts the requests in
     * flight, then deletes, so every key is gone within 8 s — not after the hanging request's 120 s deadline.
     */
    @Test(timeOut = 120_000)
    public void sigtermWithARequestInFlightDeletesTheRunsKeysWithin8Seconds() throws Exception {
        try (ReferenceTarget target = ReferenceTarget.start(Set.of(), 0, null, Duration.ofSeconds(60))) {
            Process run = startLifecycleRun(target, "1"); // one request at a time: the hanging one holds the only permit
            awaitSuiteKey(target, run);
            target.stalling("/key", Duration.ofSeconds(100)); // KEY-003's next poll (the auth probe, GET /key) hangs
            long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (target.stalledInFlight() == 0) {
                assertTrue(System.nanoTime() < waitUntil, "no request of the run hung; the scenario did not happen");
                Thread.sleep(50);
            }
            long start = System.nanoTime();
            run.destroy(); // SIGTERM
            while (!suiteKeys(target).isEmpty() && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(8)) {
                Thread.sleep(50);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(suiteKeys(target).isEmpty(), "keys left " + seconds + " s after SIGTERM: " + suiteKeys(target));
            assertTrue(run.waitFor(10, TimeUnit.SECONDS), "the run did not end after SIGTERM");
        }
    }

    /** Every key a run creates carries a small credit limit and its own expiry, so one no clean-up reached is capped and dies. */
    @Test
    public void everyKeyTheSuiteCreatesIsCappedAndExpires() {
        try (ReferenceTarget target = ReferenceTarget.start()) {
            KeyJanitor janitor = new KeyJanitor(new ManagementApiProvisioner(new TargetClient(BaseUrl.parse(target.baseUrl()), target.apiKey(),
                    Map.of(), 5_000, 10_000), target.adminKey()), Duration.ofMinutes(15));
            janitor.create("capped", null);
            var created = target.keys().list().stream().filter(k -> k.name().startsWith(janitor.runPrefix())).findFirst().orElseThrow();
            assertTrue(created.limit() != null && created.limit() <= KeyJanitor.DEFAULT_CREDIT_LIMIT, "limit " + created.limit());
            assertTrue(created.expiresAt() != null && !created.expiresAt().isAfter(janitor.keysExpireAt())
                    && created.expiresAt().isAfter(Instant.now().plus(Duration.ofMinutes(15))), "expires " + created.expiresAt());
            janitor.deleteAll();
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
                    Map.of(), 5_000, 10_000), target.adminKey()), Duration.ofMinutes(15));
            assertTrue(later.sweepLeftoversAsOf(LocalDateTime.now(ZoneOffset.UTC).plusHours(1)) > 0);
            assertTrue(suiteKeys(target).isEmpty(), "keys left after the next run: " + suiteKeys(target));
        }
    }

    private static Process startLifecycleRun(ReferenceTarget target) throws Exception {
        return startLifecycleRun(target, null);
    }

    private static Process startLifecycleRun(ReferenceTarget target, String concurrency) throws Exception {
        Path output = Files.createTempDirectory("killed-run");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", classpath, "-Dallure.results.directory=" + output.resolve("allure"),
                // KEY-003 disables its key and then polls; the slow revocation keeps the key listed and the run busy.
                "org.testng.TestNG", "-d", output.resolve("testng").toString(),
                "-methods", KeyLifecycleChecks.class.getName() + ".required_key003_disabledKeyIsRefusedWithinTheWindow");
        builder.environment().put("CONFORMANCE_BASE_URL", target.baseUrl());
        builder.environment().put("CONFORMANCE_API_KEY", target.apiKey());
        builder.environment().put("CONFORMANCE_MANAGEMENT_KEY", target.adminKey());
        builder.environment().put("CONFORMANCE_PROFILE", "reference");
        builder.environment().put("CONFORMANCE_MODEL", ReferenceTarget.MODEL);
        if (concurrency != null) {
            builder.environment().put("CONFORMANCE_CONCURRENCY", concurrency);
        }
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
