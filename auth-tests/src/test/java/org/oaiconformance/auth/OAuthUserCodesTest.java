package org.oaiconformance.auth;

import org.oaiconformance.auth.oauth.OAuthChecks;
import org.oaiconformance.contract.outcome.Status;
import org.oaiconformance.contract.secrets.Pkce;
import org.oaiconformance.contract.settings.Profile;
import org.oaiconformance.contract.settings.TargetSettings;
import org.oaiconformance.contract.wire.OpenAiWire;
import org.oaiconformance.proof.ProofRun;
import org.oaiconformance.reference.ReferenceTarget;
import org.oaiconformance.reference.Switch;
import org.testng.annotations.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

/**
 * The OAuth checks as they run against a real gateway: a person approved the codes (here, the reference target's
 * authorization step, called as a browser would, stands in), and the suite gets only the codes and verifiers, as
 * CONFORMANCE_OAUTH_CODE and CONFORMANCE_OAUTH_CODE_VERIFIER give them.
 */
public class OAuthUserCodesTest {
    private static final HttpClient BROWSER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    public void twoApprovedCodesJudgeEveryOAuthRequirementAndLeaveNoKey() throws Exception {
        try (ReferenceTarget target = ReferenceTarget.start()) {
            ProofRun run = ProofRun.against(target, asAGateway(), prepared(target, 2), OAuthChecks.class);
            for (String id : List.of("OAUTH-001", "OAUTH-002", "OAUTH-003", "OAUTH-004", "OAUTH-005")) {
                assertEquals(run.statusByRequirement().get(id), Status.PASSED, id + ": " + run.outcomes());
            }
            assertEquals(run.keysLeft(), List.of(), "keys left");
        }
    }

    /** The first of two codes is spent on the S256 challenge sent back as a plain verifier: a target that takes it fails. */
    @Test
    public void aTargetThatTakesTheChallengeAsAPlainVerifierFailsOAuth002WithUserCodes() throws Exception {
        try (ReferenceTarget target = ReferenceTarget.start(Switch.OAUTH_PLAIN_DOWNGRADE)) {
            ProofRun run = ProofRun.against(target, asAGateway(), prepared(target, 2), OAuthChecks.class);
            assertEquals(run.statusByRequirement().get("OAUTH-002"), Status.FAILED, run.outcomes().toString());
            assertEquals(run.statusByRequirement().get("OAUTH-003"), Status.PASSED, run.outcomes().toString());
            assertEquals(run.keysLeft(), List.of(), "the key the downgraded exchange handed out is deleted too");
        }
    }

    /**
     * Without a management key (keys kept in a dashboard) the key the OAuth exchange gave cannot be deleted by the run:
     * the run names every such key, with its label and where to delete it, never leaving one silently.
     */
    @Test
    public void anOAuthKeyTheRunCannotDeleteIsNamedNeverLeftSilently() throws Exception {
        try (ReferenceTarget target = ReferenceTarget.start()) {
            ProofRun run = ProofRun.against(target, withoutAKeyApi(), prepared(target, 2), OAuthChecks.class);
            long oauthKeysLeft = run.keysLeft().stream().filter(OpenAiWire.OAUTH_KEY_NAME::equals).count();
            assertTrue(oauthKeysLeft > 0, "the deviation leaves the OAuth key undeletable: " + run.keysLeft());
            assertEquals(run.keysNamedLeftBehind().size(), oauthKeysLeft, "every OAuth key left is named: " + run.keysNamedLeftBehind());
            run.keysNamedLeftBehind().forEach(line -> assertTrue(line.contains("labelled sk-ref-v1-") && line.contains("delete it"), line));
        }
    }

    /** One code: the wrong-verifier check needs a second and says so; without codes, the checks say how to get one. */
    @Test
    public void withFewerCodesTheChecksThatNeedThemSaySo() throws Exception {
        try (ReferenceTarget target = ReferenceTarget.start()) {
            ProofRun one = ProofRun.against(target, asAGateway(), prepared(target, 1), OAuthChecks.class);
            assertEquals(one.statusByRequirement().get("OAUTH-002"), Status.SKIPPED, one.outcomes().toString());
            assertTrue(one.outcomes().stream().anyMatch(o -> o.requirements().contains("OAUTH-002") && o.message().contains("second approved code")));
            assertEquals(one.statusByRequirement().get("OAUTH-003"), Status.PASSED, one.outcomes().toString());
            ProofRun none = ProofRun.against(target, asAGateway(), new TargetSettings.StaticKeys(null, null, null), OAuthChecks.class);
            assertEquals(none.statusByRequirement().get("OAUTH-001"), Status.PASSED, none.outcomes().toString());
            assertTrue(none.outcomes().stream().filter(o -> o.requirements().contains("OAUTH-003"))
                    .allMatch(o -> o.status() == Status.SKIPPED && o.message().contains("scripts/oauth-pkce")), none.outcomes().toString());
        }
    }

    /**
     * OpenRouter's code route (POST auth/keys/code) with the management key: codes without a browser, and keys that carry
     * the run's name, limit and expiry - deleted by the run even where GET key reveals the key and no label can be matched.
     */
    @Test
    public void theCodeRouteMakesCodesWithTheManagementKeyAndTheRunDeletesTheirKeys() {
        for (Switch deviation : new Switch[] {null, Switch.KEY_INFO_REVEALS_KEY}) {
            try (ReferenceTarget target = deviation == null ? ReferenceTarget.start() : ReferenceTarget.start(deviation)) {
                ProofRun run = ProofRun.against(target, withTheCodeRoute(), new TargetSettings.StaticKeys(null, null, null), OAuthChecks.class);
                for (String id : List.of("OAUTH-001", "OAUTH-002", "OAUTH-003", "OAUTH-004", "OAUTH-005")) {
                    assertEquals(run.statusByRequirement().get(id), Status.PASSED, deviation + " " + id + ": " + run.outcomes());
                }
                assertEquals(run.keysLeft(), List.of(), deviation + ": keys left");
                assertEquals(run.keysNamedLeftBehind(), List.of(), deviation + ": nothing to name, nothing left");
            }
        }
    }

    /** As {@link #asAGateway()}, where keys live in a dashboard: no key API for the run to delete a key with. */
    private static Profile withoutAKeyApi() {
        Profile gateway = asAGateway();
        return new Profile(gateway.name(), gateway.description(), gateway.exampleBaseUrl(), gateway.defaultModel(),
                gateway.numericErrorCode(), gateway.creditLimit(), gateway.unknownModel(), gateway.midStreamErrorModel(),
                "static", gateway.authProbe(), gateway.modelsPublic(), gateway.extraHeaders(), gateway.deviations(),
                gateway.features(), gateway.issuedKeyPrefix(), gateway.keyInfo(), gateway.oauth(), gateway.contextOverflowCode(),
                gateway.midStreamFinishReason(), gateway.embeddingModel());
    }

    /** As {@link #asAGateway()}, with OpenRouter's code route for a management key. */
    private static Profile withTheCodeRoute() {
        Profile gateway = asAGateway();
        return new Profile(gateway.name(), gateway.description(), gateway.exampleBaseUrl(), gateway.defaultModel(),
                gateway.numericErrorCode(), gateway.creditLimit(), gateway.unknownModel(), gateway.midStreamErrorModel(),
                gateway.keyManagement(), gateway.authProbe(), gateway.modelsPublic(), gateway.extraHeaders(), gateway.deviations(),
                gateway.features(), gateway.issuedKeyPrefix(), gateway.keyInfo(),
                new Profile.OAuth("/auth", gateway.oauth().exchange(), false, "/auth/keys/code"), gateway.contextOverflowCode(),
                gateway.midStreamFinishReason(), gateway.embeddingModel());
    }

    /** The reference profile, but its authorization step is a person's to approve, as on OpenRouter. */
    private static Profile asAGateway() {
        Profile reference = Profile.load("reference");
        return new Profile(reference.name(), reference.description(), reference.exampleBaseUrl(), reference.defaultModel(),
                reference.numericErrorCode(), reference.creditLimit(), reference.unknownModel(), reference.midStreamErrorModel(),
                reference.keyManagement(), reference.authProbe(), reference.modelsPublic(), reference.extraHeaders(), reference.deviations(),
                reference.features(), reference.issuedKeyPrefix(), reference.keyInfo(),
                new Profile.OAuth("/auth", reference.oauth().exchange(), false), reference.contextOverflowCode(),
                reference.midStreamFinishReason(), reference.embeddingModel());
    }

    /** Codes approved as a user would (the URL scripts/oauth-pkce prints, opened), with their verifiers. */
    private static TargetSettings.StaticKeys prepared(ReferenceTarget target, int count) throws Exception {
        List<String> codes = new ArrayList<>();
        List<String> verifiers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String verifier = Pkce.verifier();
            URI authorize = URI.create(target.baseUrl() + "/auth?callback_url=http://localhost:3000/cb&code_challenge=" + Pkce.s256(verifier)
                    + "&code_challenge_method=S256");
            String location = BROWSER.send(HttpRequest.newBuilder(authorize).build(), HttpResponse.BodyHandlers.discarding())
                    .headers().firstValue("Location").orElseThrow();
            codes.add(location.substring(location.indexOf("code=") + 5));
            verifiers.add(verifier);
        }
        return new TargetSettings.StaticKeys(null, null, null, new TargetSettings.OAuthGrants(codes, verifiers, "S256"));
    }
}
