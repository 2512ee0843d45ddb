package org.oaiconformance.auth.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import org.oaiconformance.auth.bearer.RefusalCase;
import org.oaiconformance.contract.catalogue.Verifies;
import org.oaiconformance.contract.check.ConformanceChecks;
import org.oaiconformance.contract.check.Expect;
import org.oaiconformance.contract.http.Credentials;
import org.oaiconformance.contract.http.Exchange;
import org.oaiconformance.contract.keys.ManagedKey;
import org.oaiconformance.contract.run.Observations;
import org.oaiconformance.contract.metrics.RunMetrics;
import org.oaiconformance.contract.settings.Setting;
import org.oaiconformance.contract.settings.Profile;
import org.testng.SkipException;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Keys over their life: a new key works; once deleted or disabled it is refused within the propagation window;
 * a revoked key looks like an unknown one; a key over its credit limit and the management key cannot run a model.
 *
 * <p>Where the profile has a key API and a management key is set, each check creates its own key (named for this run
 * and always deleted); otherwise it uses the keys given in the settings, or is skipped naming the variable to set.
 * Key probes use the profile's auth probe, which runs no model.
 */
public class KeyLifecycleChecks extends ConformanceChecks {
    /** Keys of earlier runs that are certainly over (their names say until when) and died before their clean-up. */
    @BeforeClass(alwaysRun = true)
    public void sweepLeftoversOfEarlierRuns() {
        int swept = session().keys().sweepLeftovers();
        if (swept > 0) {
            System.out.println("[conformance] deleted " + swept + " key(s) left by earlier runs");
        }
    }

    /** Verifies: KEY-001. If this fails, check that a key is usable as soon as the key API returns it. */
    @Test
    @Verifies("KEY-001")
    public void required_key001_newKeyIsAccepted() {
        ManagedKey key = session().keys().create("new", null);
        Exchange exchange = probe(bearer(key));
        if (exchange.status() / 100 != 2) {
            Expect.fail(exchange, "expected a newly created key to be accepted (2xx)");
        }
    }

    /** Verifies: KEY-002 (docs/evidence.md#r3). If this fails, check how long deletions take to reach the auth cache. */
    @Test
    @Verifies("KEY-002")
    public void required_key002_deletedKeyIsRefusedWithinTheWindow() {
        revokedKeyIsRefused("KEY-002", "delete", session().keys()::delete, session().staticKeys().revoked(), Setting.REVOKED_KEY);
    }

    /** Verifies: KEY-003 (docs/evidence.md#r15). If this fails, check that the disabled flag is read on every request. */
    @Test
    @Verifies("KEY-003")
    public void required_key003_disabledKeyIsRefusedWithinTheWindow() {
        revokedKeyIsRefused("KEY-003", "disable", session().provisioner()::disable, session().staticKeys().disabled(), Setting.DISABLED_KEY);
    }

    /**
     * A revoked key gets the same status, error.type and error.code as a key the target never issued.
     * Verifies: KEY-004 (docs/evidence.md#r3). If this fails, answer revoked keys through the same error path as unknown ones.
     */
    @Test
    @Verifies("KEY-004")
    public void recommended_key004_revokedKeyLooksLikeAnUnknownKey() {
        Credentials revoked;
        if (session().provisioner().canCreate()) {
            ManagedKey key = session().keys().create("revoked-envelope", null);
            session().keys().delete(key);
            revoked = bearer(key);
            if (!awaitRefusal(revoked, session().revocationWindow()).isPresent()) {
                throw new SkipException("the deleted key was never refused within the window: see KEY-002");
            }
        } else {
            revoked = staticKey(session().staticKeys().revoked(), Setting.REVOKED_KEY, "the configured revoked key");
        }
        Exchange revokedAnswer = probe(revoked);
        Exchange unknownAnswer = probe(RefusalCase.unknownKey().credentials());
        if (revokedAnswer.status() != unknownAnswer.status()) {
            Expect.fail(revokedAnswer, "expected the status an unknown key gets (" + unknownAnswer.status() + ")");
        }
        JsonNode revokedError = errorOf(revokedAnswer);
        JsonNode unknownError = errorOf(unknownAnswer);
        for (String member : new String[] {"type", "code"}) {
            if (!Objects.equals(revokedError.get(member), unknownError.get(member))) {
                Expect.fail(revokedAnswer, "expected error." + member + " " + unknownError.get(member)
                        + " as for an unknown key, found " + revokedError.get(member));
            }
        }
    }

    /**
     * Verifies: KEY-005 (docs/evidence.md#openrouter-guide: credit limits; docs/evidence.md#r14). One chat request, refused, so no inference.
     * If this fails, check that the credit limit is enforced before the request is routed to a model.
     */
    @Test
    @Verifies("KEY-005")
    public void required_key005_keyOverItsRefusalIsRefusedWithTheProfileStatus() {
        Credentials exhausted;
        if (session().provisioner().canCreate()) {
            exhausted = bearer(session().keys().create("exhausted", 0.0));
            Exchange works = probe(exhausted);
            if (works.status() / 100 != 2) {
                throw new SkipException("cannot judge: the new key is refused even where no credit is spent (HTTP " + works.status() + "): see KEY-001");
            }
        } else {
            exhausted = staticKey(session().staticKeys().exhausted(), Setting.EXHAUSTED_KEY, "the configured exhausted key");
        }
        Profile.Refusal expected = session().profile().creditLimit();
        Exchange exchange = chat(exhausted);
        Observations.record("refused with HTTP " + exchange.status() + (expected.statuses().size() > 1 ? " (the profile accepts "
                + expected.describe() + ")" : ""));
        if (!expected.accepts(exchange.status())) {
            Expect.fail(exchange, "expected HTTP " + expected.describe() + " for a key over its credit limit, as the '"
                    + session().profile().name() + "' profile documents");
        }
        if (expected.code() != null) {
            JsonNode code = errorOf(exchange).path("code");
            if (!code.asText().equals(expected.code())) {
                Expect.fail(exchange, "expected error.code '" + expected.code() + "' as the profile documents");
            }
        }
    }

    /** Verifies: KEY-006 (docs/evidence.md#r15). If this fails, keep management keys away from inference routes. */
    @Test
    @Verifies("KEY-006")
    public void required_key006_managementKeyCannotCallChatCompletions() {
        Credentials management = session().provisioner().managementKey().orElseThrow(() -> new SkipException(
                "no management key; set " + Setting.PROVISIONING_KEY.env() + " for a profile with a key API"));
        Exchange exchange = chat(management);
        if (exchange.status() != 401 && exchange.status() != 403) {
            Expect.refused(exchange, java.util.Set.of(401, 403));
        }
    }

    /**
     * The shared shape of KEY-002 and KEY-003: create a key, see it work, revoke it, then poll until it is refused
     * (with 401) within the window, measuring how long that took. Without a key API, a key revoked by hand is used.
     */
    private void revokedKeyIsRefused(String requirement, String action, Consumer<ManagedKey> revoke, String staticKey, Setting staticSetting) {
        if (!session().provisioner().canCreate()) {
            Exchange exchange = probe(staticKey(staticKey, staticSetting, "the configured " + staticSetting.maskLabel()));
            Expect.refused(exchange, java.util.Set.of(401));
            return;
        }
        ManagedKey key = session().keys().create(action, null);
        Exchange before = probe(bearer(key));
        if (before.status() / 100 != 2) {
            throw new SkipException("cannot judge: the new key was refused before it was revoked (HTTP " + before.status() + "): see KEY-001");
        }
        long start = System.nanoTime();
        revoke.accept(key);
        Duration window = session().revocationWindow();
        var refusal = awaitRefusal(bearer(key), window);
        if (refusal.isEmpty()) {
            Observations.record("still accepted " + window.toSeconds() + " s after " + action);
            Expect.fail(probe(bearer(key)), "expected the key to be refused within " + window.toSeconds() + " s after " + action);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        metrics().measure(requirement + " seconds from " + action + " to refusal", seconds);
        Observations.record(String.format(java.util.Locale.ROOT, "refused %.1f s after %s", seconds, action));
        Expect.refused(refusal.get(), java.util.Set.of(401));
    }

    private static JsonNode errorOf(Exchange exchange) {
        return org.oaiconformance.contract.json.ErrorEnvelope.errorObjectIn(exchange.body());
    }

    private static Credentials bearer(ManagedKey key) {
        return Credentials.bearer(key.secret(), "the key '" + key.name() + "'");
    }

    private Credentials staticKey(String value, Setting setting, String description) {
        if (value == null) {
            throw new SkipException("the '" + session().profile().name() + "' profile has no key API here; set " + setting.env()
                    + " to " + setting.description().toLowerCase(java.util.Locale.ROOT) + " Or set " + Setting.PROVISIONING_KEY.env()
                    + " where the target has a key API.");
        }
        return Credentials.bearer(value, description);
    }
}
