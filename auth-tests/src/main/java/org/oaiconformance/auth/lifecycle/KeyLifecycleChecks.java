package org.oaiconformance.auth.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import org.oaiconformance.auth.bearer.RefusalCase;
import org.oaiconformance.contract.catalogue.Verifies;
import org.oaiconformance.contract.check.ConformanceChecks;
import org.oaiconformance.contract.check.Expect;
import org.oaiconformance.contract.http.Credentials;
import org.oaiconformance.contract.http.Exchange;
import org.oaiconformance.contract.json.ErrorEnvelope;
import org.oaiconformance.contract.keys.KeyJanitor;
import org.oaiconformance.contract.keys.ManagedKey;
import org.oaiconformance.contract.outcome.Observations;
import org.oaiconformance.contract.settings.Profile;
import org.oaiconformance.contract.settings.Setting;
import org.testng.SkipException;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
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
        JsonNode error = errorOf(exchange);
        String limitSource = error.path("metadata").path("limit_source").asText(null);
        Observations.record("refused with HTTP " + exchange.status() + (expected.statuses().size() > 1 ? " (the profile accepts "
                + expected.describe() + ")" : "") + (limitSource != null ? ", limit_source " + limitSource : ""));
        if (!expected.accepts(exchange.status())) {
            Expect.fail(exchange, "expected HTTP " + expected.describe() + " for a key over its credit limit, as the '"
                    + session().profile().name() + "' profile documents");
        }
        // The refusal must name quota or credits as the profile documents, by code or by type: OpenAI puts
        // insufficient_quota in both, servers with numeric codes (429) keep it in type. The code's JSON type is ERR-003's.
        if (expected.code() != null && !expected.code().equals(error.path("code").asText()) && !expected.code().equals(error.path("type").asText())) {
            Expect.fail(exchange, "expected error.code or error.type '" + expected.code() + "' as the profile documents");
        }
    }

    /**
     * How far ahead KEY-007's key expires: ten times what creating a key took (enough to see it work first, on a slow
     * target too), within 0.5 to 5 s, so a fast target costs the run little waiting.
     */
    private static Duration expiresAhead(Duration createTook) {
        return Duration.ofMillis(Math.max(500, Math.min(5_000, createTook.toMillis() * 10)));
    }

    /**
     * Verifies: KEY-007 (docs/evidence.md#r15: expires_at). A key made to expire a few seconds ahead works, then is polled
     * until refused. If this fails, check that expires_at is enforced where keys are authenticated, caches included.
     */
    @Test
    @Verifies("KEY-007")
    public void required_key007_keyPastItsExpiryIsRefusedWithinTheWindow() throws InterruptedException {
        requireKeyApi();
        long createStart = System.nanoTime();
        session().keys().create("timing", null); // how long this target takes to make a key sets how far ahead the next expires
        Duration ahead = expiresAhead(Duration.ofNanos(System.nanoTime() - createStart));
        Instant expiresAt = Instant.now().plus(ahead);
        ManagedKey key;
        try {
            key = session().keys().createExpiring("expiring", expiresAt);
        } catch (IllegalStateException refused) {
            throw new SkipException("cannot judge: the key API did not create a key expiring in " + ahead.toMillis() + " ms ("
                    + refused.getMessage() + ")");
        }
        Exchange before = probe(bearer(key));
        if (before.status() / 100 != 2) {
            throw new SkipException("cannot judge: the key was refused before its expiry (HTTP " + before.status() + "): see KEY-001");
        }
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis()));
        long start = System.nanoTime();
        Duration window = session().revocationWindow();
        var refusal = awaitRefusal(bearer(key), window);
        if (refusal.isEmpty()) {
            Observations.record("still accepted " + window.toSeconds() + " s after its expires_at");
            Expect.fail(probe(bearer(key)), "expected the key to be refused within " + window.toSeconds() + " s after its expires_at");
        }
        Observations.record(String.format(Locale.ROOT, "refused %.1f s after its expires_at", (System.nanoTime() - start) / 1e9));
        Expect.refused(refusal.get(), Set.of(401));
        Expect.errorEnvelope(refusal.get());
    }

    /**
     * Verifies: KEY-008 (docs/evidence.md#r15: GET /api/v1/key). A key made with a known credit limit asks GET key about
     * itself. If this fails, label the key masked (first and last characters) and report the limit it was created with.
     */
    @Test
    @Verifies("KEY-008")
    public void recommended_key008_keyInfoDescribesTheKeyWithoutRevealingIt() {
        String path = session().profile().keyInfo();
        if (path == null) {
            throw new SkipException("the '" + session().profile().name() + "' profile documents no route that describes the calling key");
        }
        boolean created = session().provisioner().canCreate();
        String secret = created ? session().keys().create("info", null).secret() : target().validKeyValue();
        Exchange info = target().get(path, Credentials.bearer(secret, created ? "a key made with a credit limit" : "the valid key"));
        if (info.status() / 100 != 2) {
            if (created) {
                throw new SkipException("cannot judge: GET " + path + " refused the new key (HTTP " + info.status() + "): see KEY-001");
            }
            Expect.fail(info, "expected GET " + path + " to describe the calling key (2xx)");
        }
        if (revealsSecret(info.body(), secret, session().profile().issuedKeyPrefix())) {
            Expect.fail(info, "expected the answer to describe the key without revealing it; it holds the key (masked here)");
        }
        JsonNode limit = info.json().path("data").path("limit");
        Observations.record("data.limit " + limit);
        if (created && !(limit.isNumber() && Math.abs(limit.asDouble() - KeyJanitor.DEFAULT_CREDIT_LIMIT) < 1e-9)) {
            Expect.fail(info, "expected data.limit " + KeyJanitor.DEFAULT_CREDIT_LIMIT + ", the credit limit the key was created with");
        }
    }

    /**
     * Verifies: SEC-003 (docs/evidence.md#r15). Every key the target issues starts with the documented prefix, the part
     * of secret scanning a suite can see. If this fails, issue keys with one fixed prefix so scanners can match them.
     */
    @Test
    @Verifies("SEC-003")
    public void recommended_sec003_issuedKeysCarryTheDocumentedPrefix() {
        String prefix = session().profile().issuedKeyPrefix();
        if (prefix == null) {
            throw new SkipException("the '" + session().profile().name() + "' profile documents no prefix for the keys the target issues");
        }
        requireKeyApi();
        ManagedKey key = session().keys().create("prefix", null);
        Observations.record("a key issued through the key API " + (key.secret().startsWith(prefix) ? "starts" : "does not start") + " with " + prefix);
        if (!key.secret().startsWith(prefix)) {
            throw Expect.failure("expected every key the target issues to start with '" + prefix + "', as the '" + session().profile().name()
                    + "' profile documents (secret scanners match that prefix); the key created through the key API does not");
        }
    }

    /**
     * Whether a text holds the secret part of a key (after its documented public prefix), or any 12-character run of it:
     * a label that masks less than it should. OpenRouter's own label, {@code sk-or-v1-d0b...e2d}, shows the public
     * prefix and three characters at each end, and passes.
     */
    static boolean revealsSecret(String text, String key, String publicPrefix) {
        if (text == null) {
            return false;
        }
        String secret = publicPrefix != null && key.startsWith(publicPrefix) ? key.substring(publicPrefix.length()) : key;
        int run = Math.min(12, secret.length());
        for (int i = 0; i + run <= secret.length(); i++) {
            if (text.contains(secret.substring(i, i + run))) {
                return true;
            }
        }
        return false;
    }

    private void requireKeyApi() {
        if (!session().provisioner().canCreate()) {
            throw new SkipException("needs keys made for the check: set " + Setting.MANAGEMENT_KEY.env() + " for a profile with a key API");
        }
    }

    /** Verifies: KEY-006 (docs/evidence.md#r15). If this fails, keep management keys away from inference routes. */
    @Test
    @Verifies("KEY-006")
    public void required_key006_managementKeyCannotCallChatCompletions() {
        Credentials management = session().provisioner().managementKey().orElseThrow(() -> new SkipException(
                "no management key; set " + Setting.MANAGEMENT_KEY.env() + " for a profile with a key API"));
        Exchange exchange = chat(management);
        if (exchange.status() != 401 && exchange.status() != 403) {
            Expect.refused(exchange, Set.of(401, 403));
        }
    }

    /**
     * The shared shape of KEY-002 and KEY-003: create a key, see it work, revoke it, then poll until it is refused
     * (with 401) within the window, measuring how long that took. Without a key API, a key revoked by hand is used.
     */
    private void revokedKeyIsRefused(String requirement, String action, Consumer<ManagedKey> revoke, String staticKey, Setting staticSetting) {
        if (!session().provisioner().canCreate()) {
            Exchange exchange = probe(staticKey(staticKey, staticSetting, "the configured " + staticSetting.maskLabel()));
            Expect.refused(exchange, Set.of(401));
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
        Observations.record(String.format(Locale.ROOT, "refused %.1f s after %s", seconds, action));
        Expect.refused(refusal.get(), Set.of(401));
    }

    private static JsonNode errorOf(Exchange exchange) {
        return ErrorEnvelope.errorObjectIn(exchange.body());
    }

    private static Credentials bearer(ManagedKey key) {
        return Credentials.bearer(key.secret(), "the key '" + key.name() + "'");
    }

    private Credentials staticKey(String value, Setting setting, String description) {
        if (value == null) {
            throw new SkipException("the '" + session().profile().name() + "' profile has no key API here; set " + setting.env()
                    + " to " + setting.description().toLowerCase(Locale.ROOT) + " Or set " + Setting.MANAGEMENT_KEY.env()
                    + " where the target has a key API.");
        }
        return Credentials.bearer(value, description);
    }
}
