package org.oaiconformance.auth.oauth;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.Method;
import org.oaiconformance.contract.http.Credentials;
import org.oaiconformance.contract.http.Exchange;
import org.oaiconformance.contract.json.Json;
import org.oaiconformance.contract.keys.KeyJanitor;
import org.oaiconformance.contract.keys.ManagedKey;
import org.oaiconformance.contract.run.TargetSession;
import org.oaiconformance.contract.secrets.InventedSecrets;
import org.oaiconformance.contract.secrets.Pkce;
import org.oaiconformance.contract.secrets.SecretMasker;
import org.oaiconformance.contract.settings.Profile;
import org.oaiconformance.contract.settings.TargetSettings;
import org.oaiconformance.contract.wire.OpenAiWire;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One pass through OpenRouter's OAuth PKCE flow, made once per run and judged by every OAUTH check: codes come from a
 * target whose authorization step approves on its own (the reference target: fresh codes for each attempt), or from
 * a user who approved them (CONFORMANCE_OAUTH_CODE), each of which is exchanged at most once as intended — a code
 * sent with a wrong verifier is never the code then exchanged for the key, since a server may spend a code on a
 * failed attempt. Every key an answer hands out is masked from its arrival and, where a management key can find it
 * in the key API, deleted at the run's end.
 */
final class OAuthFlow {
    /** Where a self-approving authorization step sends the code; never contacted. */
    private static final String CALLBACK = "http://127.0.0.1:9/oai-conformance-callback";

    /** An approved code, the verifier it was made with, and its challenge. */
    record Grant(String code, String verifier, String method) {
        String challenge() {
            return method.equals("plain") ? verifier : Pkce.s256(verifier);
        }
    }

    final Exchange unknownCode;
    final List<Exchange> wrongVerifiers = new ArrayList<>();
    final String wrongVerifierSkip;
    final Exchange exchanged;
    final Exchange reused;
    final String exchangeSkip;
    /** The key the approved code gave, or null. */
    final String key;
    /** The auth probe with that key, made at once (before OAUTH-005 may delete it), or null. */
    final Exchange keyWorks;
    /** That key as the key API knows it (to delete it), or null when it could not be found there. */
    final ManagedKey managed;

    private final TargetSession session;
    private final Profile.OAuth oauth;

    private OAuthFlow(TargetSession session) {
        this.session = session;
        this.oauth = session.profile().oauth();
        this.unknownCode = exchange(new Grant("oai-conformance-unknown-" + InventedSecrets.random("").substring(0, 24),
                Pkce.verifier(), "S256"), "S256");
        List<Grant> given = userGrants(session.staticKeys().oauth());
        // Codes the suite can make itself: where the authorization step approves on its own, or where a management key
        // may make them on the code route (OpenRouter's POST auth/keys/code) - unless a user approved codes for this run.
        boolean mints = oauth.approvesItself() || (given.isEmpty() && makesCodes());
        if (mints) {
            Grant wrong = mint("S256");
            wrongVerifiers.add(exchange(new Grant(wrong.code(), Pkce.verifier(), "S256"), "S256"));
            Grant downgraded = mint("S256");
            wrongVerifiers.add(exchange(new Grant(downgraded.code(), downgraded.challenge(), "plain"), "plain"));
            wrongVerifierSkip = null;
        } else if (given.size() >= 2) {
            // The first code is spent on the strongest wrong verifier: its own S256 challenge sent back as a plain verifier.
            Grant spent = given.get(0);
            wrongVerifiers.add(spent.method().equals("S256") ? exchange(new Grant(spent.code(), spent.challenge(), "plain"), "plain")
                    : exchange(new Grant(spent.code(), Pkce.verifier(), "plain"), "plain"));
            wrongVerifierSkip = null;
        } else {
            wrongVerifierSkip = "needs a second approved code to spend on a wrong verifier (scripts/oauth-pkce makes two;"
                    + " give both in CONFORMANCE_OAUTH_CODE and their verifiers in CONFORMANCE_OAUTH_CODE_VERIFIER)";
        }
        Grant approved = mints ? mint("S256") : given.isEmpty() ? null : given.get(given.size() - 1);
        if (approved == null) {
            exchangeSkip = "needs a code a user approved: run scripts/oauth-pkce, open the URL it prints, approve, and set"
                    + " CONFORMANCE_OAUTH_CODE and CONFORMANCE_OAUTH_CODE_VERIFIER to what it shows";
            exchanged = null;
            reused = null;
        } else {
            exchangeSkip = null;
            exchanged = exchange(approved, approved.method());
            reused = exchange(approved, approved.method());
        }
        this.key = exchanged == null ? null : keyIn(exchanged);
        this.keyWorks = key == null ? null : session.client().get(session.profile().authProbe(),
                Credentials.bearer(key, "the key from the OAuth exchange"));
        this.managed = key == null ? null : adopt(key);
        wrongVerifiers.forEach(this::adoptAnyKey);
        adoptAnyKey(unknownCode);
        if (reused != null) {
            adoptAnyKey(reused);
        }
    }

    static OAuthFlow run(TargetSession session) {
        return new OAuthFlow(session);
    }

    /** The key an exchange's answer holds, or null. */
    static String keyIn(Exchange exchange) {
        if (exchange.status() / 100 != 2) {
            return null;
        }
        try {
            var key = Json.MAPPER.readTree(exchange.body()).path("key");
            return key.isTextual() && !key.asText().isBlank() ? key.asText() : null;
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }

    /**
     * Codes and verifiers are registered with the masker where they are secrets: a code the target issued ({@link #mint})
     * or the user approved (the settings register those). A code or verifier the suite made up for a probe is not: its
     * every 12-character piece would be masked wherever it appears, "oai-conformance-" in key names included.
     */
    private Exchange exchange(Grant grant, String method) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("code", grant.code()).put("code_verifier", grant.verifier())
                .put("code_challenge_method", method);
        return session.client().sendForSecret(Method.POST, oauth.exchange(), Credentials.none(), body.toString(), "/key", "oauth-key");
    }

    /** The profile names a code route and the run holds a management key to call it with. */
    private boolean makesCodes() {
        return oauth.codeRoute() != null && session.provisioner().canCreate() && session.provisioner().managementKey().isPresent();
    }

    /** A fresh code: from the authorization step where it approves on its own, else from the code route. */
    private Grant mint(String method) {
        return oauth.approvesItself() ? authorized(method) : madeOnTheCodeRoute(method);
    }

    /**
     * A code made with the management key on OpenRouter's {@code POST auth/keys/code}, no browser needed: its key will
     * carry this run's name (so the run deletes it like its own keys, whatever GET key answers), the run's small credit
     * limit and its expiry.
     */
    private Grant madeOnTheCodeRoute(String method) {
        String verifier = Pkce.verifier();
        Grant grant = new Grant(null, verifier, method);
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("callback_url", CALLBACK).put("code_challenge", grant.challenge())
                .put("code_challenge_method", method).put("limit", KeyJanitor.DEFAULT_CREDIT_LIMIT)
                .put("expires_at", session.keys().keysExpireAt().toString()).put("key_label", session.keys().nameFor("oauth"));
        Exchange made = session.client().send(Method.POST, oauth.codeRoute(), session.provisioner().managementKey().orElseThrow(),
                body.toString());
        String code = made.status() == 200 ? made.json().path("data").path("id").asText(null) : null;
        if (code == null || code.isBlank()) {
            throw new IllegalStateException("the code route (POST " + oauth.codeRoute() + ") answered HTTP " + made.status()
                    + " without data.id, the code");
        }
        SecretMasker.register(code, "oauth-code");
        SecretMasker.register(verifier, "oauth-code-verifier");
        return new Grant(code, verifier, method);
    }

    /** A fresh code from an authorization step that approves on its own: the code in the redirect's Location. */
    private Grant authorized(String method) {
        String verifier = Pkce.verifier();
        Grant grant = new Grant(null, verifier, method);
        // Not encoded here: REST Assured encodes the query once (the challenge is base64url, the callback a plain URL).
        String query = "?callback_url=" + CALLBACK + "&code_challenge=" + grant.challenge() + "&code_challenge_method=" + method;
        Exchange redirect = session.client().get(oauth.authorize() + query, Credentials.none());
        String location = redirect.response().header("Location");
        String code = location == null ? null : Arrays.stream(URI.create(location).getRawQuery().split("&"))
                .filter(p -> p.startsWith("code=")).map(p -> URLDecoder.decode(p.substring(5), StandardCharsets.UTF_8))
                .findFirst().orElse(null);
        if (code == null) {
            throw new IllegalStateException("the authorization step (GET " + oauth.authorize() + ") answered HTTP " + redirect.status()
                    + " without a code in its redirect");
        }
        SecretMasker.register(code, "oauth-code");
        SecretMasker.register(verifier, "oauth-code-verifier");
        return new Grant(code, verifier, method);
    }

    private static List<Grant> userGrants(TargetSettings.OAuthGrants given) {
        List<Grant> grants = new ArrayList<>();
        for (int i = 0; i < given.codes().size(); i++) {
            grants.add(new Grant(given.codes().get(i), given.verifiers().get(i), given.method()));
        }
        return grants;
    }

    /** A key an answer handed out where it should not have: still this run's to delete. */
    private void adoptAnyKey(Exchange exchange) {
        String stray = keyIn(exchange);
        if (stray != null) {
            adopt(stray);
        }
    }

    /**
     * Finds the key in the key API by the label GET key gives it, and hands it to the run's janitor, which deletes it at
     * the end (or on SIGTERM). Without a management key, or where the API does not list it, it cannot be deleted here.
     */
    private ManagedKey adopt(String secret) {
        String infoPath = session.profile().keyInfo();
        if (!session.provisioner().canCreate() || infoPath == null) {
            leftBehind(secret, "without a management key (CONFORMANCE_MANAGEMENT_KEY) the suite cannot delete it");
            return null;
        }
        Exchange info = session.client().get(infoPath, Credentials.bearer(secret, "the key from the OAuth exchange"));
        String label = info.status() / 100 == 2 ? info.json().path("data").path("label").asText(null) : null;
        // By the label GET key gives; failing that, by the label OpenRouter's lists give every key (a GET key that
        // misbehaves, KEY-008's matter, must not leave a key of this run behind).
        // Only an exact label that shows this very key's first and last characters ever matches, and only one listed key:
        // whatever GET key answers, a key this run did not obtain is never adopted, so never deleted.
        Set<String> labels = Stream.of(label, OpenAiWire.keyLabel(secret))
                .filter(l -> labelShows(l, secret)).collect(Collectors.toSet());
        List<ManagedKey> matching = session.keys().listed().stream().filter(k -> k.label() != null && labels.contains(k.label())).toList();
        Optional<ManagedKey> listed = matching.size() == 1 ? Optional.of(matching.get(0)) : Optional.empty();
        listed.ifPresent(k -> session.keys().adopt(new ManagedKey(k.handle(), k.name(), secret, k.label())));
        if (listed.isEmpty()) {
            leftBehind(secret, matching.isEmpty() ? "no key in the key list carries its label" : matching.size()
                    + " keys in the key list carry its label, and the suite never guesses which one to delete");
        }
        return listed.map(k -> new ManagedKey(k.handle(), k.name(), secret, k.label())).orElse(null);
    }

    /**
     * A key this run obtained and cannot delete is never left silently: the console and the summary name it by its label
     * (its first 10 and last 4 characters, as OpenRouter's key list shows it) and say how to delete it.
     */
    private void leftBehind(String secret, String why) {
        session.metrics().keyLeftBehind("the key the OAuth exchange gave, labelled " + OpenAiWire.keyLabel(secret)
                + ", is still on the account (" + why + "): delete it on the account's key page (OpenRouter: https://openrouter.ai/settings/keys)");
    }

    /** A masked label of this key: its visible start and end ({@code sk-or-v1-d0b...e2d}) are the key's own, 6 characters at least. */
    static boolean labelShows(String label, String secret) {
        if (label == null) {
            return false;
        }
        int dots = label.indexOf("...");
        if (dots < 0) {
            return false;
        }
        String start = label.substring(0, dots);
        String end = label.substring(dots + 3);
        return start.length() + end.length() >= 6 && start.length() + end.length() < secret.length()
                && secret.startsWith(start) && secret.endsWith(end);
    }

}
