package org.oaiconformance.auth.oauth;

import org.oaiconformance.contract.catalogue.Verifies;
import org.oaiconformance.contract.check.ConformanceChecks;
import org.oaiconformance.contract.check.Expect;
import org.oaiconformance.contract.http.Credentials;
import org.oaiconformance.contract.http.Exchange;
import org.oaiconformance.contract.outcome.Observations;
import org.oaiconformance.contract.run.TargetSession;
import org.oaiconformance.contract.settings.Setting;
import org.oaiconformance.contract.wire.Feature;
import org.testng.SkipException;
import org.testng.annotations.Test;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Keys made through OpenRouter's OAuth PKCE flow (feature {@code oauth}; docs/evidence.md#oauth-pkce): the exchange
 * refuses what it must (an unknown code, a wrong verifier, a code used twice) with a 4xx and the error envelope, never a
 * key; an approved code gives an ordinary key that works and, deleted with the management key, stops working. The flow
 * is walked once per run ({@link OAuthFlow}); each check judges its part. No request here runs a model.
 */
public class OAuthChecks extends ConformanceChecks {
    private static final Map<TargetSession, OAuthFlow> FLOWS = new WeakHashMap<>();

    private OAuthFlow flow() {
        if (session().profile().oauth() == null || !session().profile().claims(Feature.OAUTH)) {
            throw new SkipException("not claimed: the '" + session().profile().name() + "' profile documents no OAuth PKCE flow"
                    + " (a profile with \"oauth\" that claims the feature 'oauth' runs these checks)");
        }
        synchronized (FLOWS) {
            return FLOWS.computeIfAbsent(session(), OAuthFlow::run);
        }
    }

    /** Verifies: OAUTH-001. If this fails, answer an unknown code with 400 invalid_grant in the error envelope. */
    @Test
    @Verifies("OAUTH-001")
    public void required_oauth001_unknownCodeIsRefused() {
        refusedWithoutAKey(flow().unknownCode, "a code it never issued");
    }

    /** Verifies: OAUTH-002 (RFC 7636 §4.6). If this fails, compare the verifier with the challenge, by the method the code was issued with. */
    @Test
    @Verifies("OAUTH-002")
    public void required_oauth002_wrongVerifierIsRefused() {
        OAuthFlow flow = flow();
        if (flow.wrongVerifierSkip != null) {
            throw new SkipException(flow.wrongVerifierSkip);
        }
        for (Exchange attempt : flow.wrongVerifiers) {
            refusedWithoutAKey(attempt, "a wrong code_verifier (for an S256 challenge: a random one, and the challenge itself as a plain verifier)");
        }
    }

    /** Verifies: OAUTH-003. If this fails, answer an approved exchange with {key, user_id}, a key usable at once. */
    @Test
    @Verifies("OAUTH-003")
    public void required_oauth003_approvedCodeGivesAWorkingKey() {
        OAuthFlow flow = flow();
        if (flow.exchangeSkip != null) {
            throw new SkipException(flow.exchangeSkip);
        }
        Exchange exchanged = flow.exchanged;
        if (flow.key == null || !exchanged.json().path("user_id").isTextual()) {
            Expect.fail(exchanged, "expected 200 with {key, user_id} for an approved code and its verifier");
        }
        if (flow.keyWorks.status() / 100 != 2) {
            Expect.fail(flow.keyWorks, "expected the key from the OAuth exchange to work as a Bearer key");
        }
        String prefix = session().profile().issuedKeyPrefix();
        Observations.record(flow.managed != null ? "the key was found in the key API and is deleted at the run's end"
                : "the key could not be found through the key API (" + (session().provisioner().canCreate() ? "not listed under its label"
                : "no " + Setting.MANAGEMENT_KEY.env()) + "): delete it in the target's dashboard");
        if (prefix != null && !flow.key.startsWith(prefix)) {
            Expect.fail(exchanged, "expected the key to start with '" + prefix + "', as the profile documents for every key the target issues");
        }
    }

    /** Verifies: OAUTH-004 (RFC 6749 §4.1.2). If this fails, mark a code used once it is exchanged, and refuse it after. */
    @Test
    @Verifies("OAUTH-004")
    public void required_oauth004_codeUsedTwiceIsRefused() {
        OAuthFlow flow = flow();
        if (flow.exchangeSkip != null) {
            throw new SkipException(flow.exchangeSkip);
        }
        if (flow.key == null) {
            throw new SkipException("cannot judge: the approved code gave no key the first time: see OAUTH-003");
        }
        refusedWithoutAKey(flow.reused, "a code that was already exchanged");
    }

    /** Verifies: OAUTH-005 (docs/evidence.md#r3). If this fails, check that deleting an OAuth key reaches the auth cache like any key's. */
    @Test
    @Verifies("OAUTH-005")
    public void required_oauth005_deletedOAuthKeyIsRefusedWithinTheWindow() {
        OAuthFlow flow = flow();
        if (flow.key == null) {
            throw new SkipException(flow.exchangeSkip != null ? flow.exchangeSkip : "cannot judge: the approved code gave no key: see OAUTH-003");
        }
        if (flow.managed == null) {
            throw new SkipException(session().provisioner().canCreate()
                    ? "cannot judge: the OAuth key was not found in the key API by the label GET key gives it: see KEY-008"
                    : "needs the OAuth key in the key API to delete it: set " + Setting.MANAGEMENT_KEY.env()
                    + " (the key is then found by the label GET key gives it)");
        }
        long start = System.nanoTime();
        session().keys().delete(flow.managed);
        var window = session().revocationWindow();
        var refusal = awaitRefusal(Credentials.bearer(flow.key, "the deleted OAuth key"), window);
        if (refusal.isEmpty()) {
            Expect.fail(probe(Credentials.bearer(flow.key, "the deleted OAuth key")), "expected the OAuth key to be refused within "
                    + window.toSeconds() + " s after it was deleted");
        }
        Observations.record(String.format(Locale.ROOT, "refused %.1f s after delete", (System.nanoTime() - start) / 1e9));
        Expect.refused(refusal.get(), Set.of(401));
    }

    /** A refusal of the exchange: a 4xx (never a 5xx: SDKs and apps retry those), the error envelope, and no key. */
    private static void refusedWithoutAKey(Exchange exchange, String what) {
        if (OAuthFlow.keyIn(exchange) != null) {
            Expect.fail(exchange, "expected " + what + " to be refused; the exchange handed out a key (masked here; the run deletes it"
                    + " where it can)");
        }
        if (exchange.status() / 100 != 4) {
            Expect.fail(exchange, "expected a 4xx (RFC 6749 §5.2: 400 invalid_grant) for " + what);
        }
        Expect.errorEnvelope(exchange);
    }
}
