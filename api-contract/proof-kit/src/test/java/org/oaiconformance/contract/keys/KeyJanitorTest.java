package org.oaiconformance.contract.keys;

import org.oaiconformance.contract.http.TargetClient;
import org.oaiconformance.contract.settings.BaseUrl;
import org.oaiconformance.reference.KeyStore;
import org.oaiconformance.reference.ReferenceTarget;
import org.oaiconformance.reference.Switch;
import org.testng.annotations.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

/** The janitor against a key API holding the user's keys beside the suite's: what it deletes, and what it never touches. */
public class KeyJanitorTest {
    private static final LocalDateTime NOW = LocalDateTime.of(2026, 12, 1, 12, 0, 0);

    private static KeyJanitor janitorFor(ReferenceTarget target, Duration deadline) {
        TargetClient client = new TargetClient(BaseUrl.parse(target.baseUrl()), target.apiKey(), Map.of(), 5_000, 10_000);
        return new KeyJanitor(new ManagementApiProvisioner(client, target.adminKey()), deadline);
    }

    private static List<String> names(ReferenceTarget target) {
        return target.keys().list().stream().map(KeyStore.ApiKey::name).sorted().toList();
    }

    @Test
    public void onlyNamesInTheExactFormatWhoseExpiryPassedAreLeftovers() {
        assertTrue(KeyJanitor.isExpiredLeftover("oai-conformance-20261201-100000-a1b2-until-20261201-103000-new", NOW));
        assertFalse(KeyJanitor.isExpiredLeftover("oai-conformance-20261201-100000-a1b2-until-20261201-115500-new", NOW),
                "within the clock-skew allowance");
        assertFalse(KeyJanitor.isExpiredLeftover("oai-conformance-20261201-100000-a1b2-until-20261202-100000-new", NOW),
                "a concurrent, longer run's live key");
        assertTrue(KeyJanitor.isExpiredLeftover("oai-conformance-20261128-100000-a1b2-exhausted", NOW), "an older suite version's key, 2 days old");
        assertFalse(KeyJanitor.isExpiredLeftover("oai-conformance-20261201-100000-a1b2-exhausted", NOW), "an older version's key, 2 hours old");
        for (String theirs : List.of("oai-conformance-nightly", "oai-conformance-team-ci", "oai-conformance-20261128-100000-zzzz-new",
                "oai-conformance-20261128-100000-a1b2-my-own-key", "oai-conformance-20261128-100000-a1b2-until-20261128-103000-New",
                "oai-conformance-20261128-100000-a1b2-until-20261128-103000-new-", "x-oai-conformance-20261128-100000-a1b2-new",
                "oai-conformance-20261399-100000-a1b2-until-20261128-103000-new")) {
            assertFalse(KeyJanitor.isExpiredLeftover(theirs, NOW), theirs + " is not a name this suite makes");
        }
    }

    @Test
    public void sweepDeletesExpiredSuiteKeysOnEveryPageDisabledOnesIncludedAndNothingElse() {
        try (ReferenceTarget target = ReferenceTarget.start()) {
            KeyStore keys = target.keys();
            LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
            List<String> users = List.of("oai-conformance-nightly", "oai-conformance-team-ci", "production", "oai-conformance-2026-staging");
            users.forEach(n -> keys.create(n, null));
            String live = "oai-conformance-" + stamp(now.minusMinutes(5)) + "-0abc-until-" + stamp(now.plusHours(2)) + "-new";
            keys.create(live, null);
            for (int i = 0; i < 7; i++) { // more than one page of the listing
                keys.create("oai-conformance-" + stamp(now.minusHours(3)) + "-1abc-until-" + stamp(now.minusHours(2)) + "-delete-" + i, null);
            }
            var disabled = keys.create("oai-conformance-" + stamp(now.minusHours(3)) + "-2abc-until-" + stamp(now.minusHours(2)) + "-disable", null);
            keys.setDisabled(disabled.hash(), true, true);

            int swept = janitorFor(target, Duration.ofMinutes(15)).sweepLeftovers();

            assertEquals(swept, 8);
            List<String> expected = new ArrayList<>(users);
            expected.add(live);
            expected.add("suite default key");
            assertEquals(names(target), expected.stream().sorted().toList());
        }
    }

    @Test
    public void aKeyWhoseCreateFailedAfterTheCommitIsDeletedAtTheEnd() {
        try (ReferenceTarget target = ReferenceTarget.start(Switch.KEY_CREATE_500_AFTER_COMMIT)) {
            KeyJanitor janitor = janitorFor(target, Duration.ofMinutes(15));
            assertThrows(IllegalStateException.class, () -> janitor.create("new", null));
            assertEquals(names(target).stream().filter(n -> n.startsWith(janitor.runPrefix())).count(), 1L, "the key API did commit it");
            target.keys().create(janitor.runPrefix().replace("-until-", "-until-x") + "new", null); // not this run's exact prefix

            janitor.deleteAll();

            assertEquals(names(target).stream().filter(n -> n.startsWith(janitor.runPrefix())).toList(), List.of());
            assertEquals(names(target).size(), 2, "the default key and the look-alike stay: " + names(target));
        }
    }

    @Test
    public void theRunsNamesCarryItsExpiry() {
        KeyJanitor janitor = new KeyJanitor(new DashboardKeys("t"), NOW, Duration.ofSeconds(900));
        assertTrue(janitor.runPrefix().matches("oai-conformance-20261201-120000-[0-9a-f]{8}-until-20261201-122500-"), janitor.runPrefix());
        assertFalse(KeyJanitor.isExpiredLeftover(janitor.runPrefix() + "new", NOW.plusMinutes(30)));
        assertTrue(KeyJanitor.isExpiredLeftover(janitor.runPrefix() + "new", NOW.plusMinutes(36)));
    }

    private static String stamp(LocalDateTime time) {
        return time.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }

    /**
     * On SIGTERM a CI runner gives a job about 10 s: twenty keys at 400 ms a request are deleted side by side, within 5 s
     * (one by one they took 8 s and more).
     */
    @Test(timeOut = 60_000)
    public void twentyKeysAtFourHundredMillisecondsAreDeletedWithinFiveSeconds() {
        try (ReferenceTarget target = ReferenceTarget.start()) {
            KeyJanitor janitor = janitorFor(target, Duration.ofMinutes(10));
            for (int i = 0; i < 20; i++) {
                janitor.create("parallel-" + i, null);
            }
            target.withAddedLatency(Duration.ofMillis(400));
            long start = System.nanoTime();
            janitor.deleteAll();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < 5_000, "took " + millis + " ms");
            assertTrue(names(target).stream().noneMatch(n -> n.startsWith(KeyJanitor.PREFIX)), names(target).toString());
        }
    }
}
