package org.oaiconformance.auth;

import org.oaiconformance.auth.bearer.BearerAuthChecks;
import org.oaiconformance.auth.bearer.EndpointRefusalChecks;
import org.oaiconformance.auth.bearer.KeyFormChecks;
import org.oaiconformance.auth.bearer.RefusalResponseChecks;
import org.oaiconformance.auth.errors.ErrorEnvelopeChecks;
import org.oaiconformance.auth.lifecycle.KeyLifecycleChecks;
import org.oaiconformance.auth.secrets.SecretEchoChecks;
import org.oaiconformance.contract.catalogue.RequirementCatalogue;
import org.oaiconformance.contract.check.ConformanceChecks;
import org.oaiconformance.contract.outcome.Status;
import org.oaiconformance.contract.secrets.SecretMasker;
import org.oaiconformance.contract.settings.Profile;
import org.oaiconformance.contract.summary.ConformanceSummary;
import org.oaiconformance.contract.summary.SummaryBuilder;
import org.oaiconformance.proof.ChecksProof;
import org.oaiconformance.proof.ProofRun;
import org.oaiconformance.proof.ReferenceSessions;
import org.oaiconformance.reference.ReferenceTarget;
import org.oaiconformance.reference.Switch;
import org.testng.annotations.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.testng.Assert.assertTrue;

/** Proves the auth checks fail on each matching deviation of the reference target and pass otherwise. */
public class AuthChecksProofTest extends ChecksProof {

    @Override
    protected Class<?> aCheckOfTheModule() {
        return BearerAuthChecks.class;
    }


    /** A gateway whose revocations take a few seconds to propagate conforms, and the seconds are measured. */
    @Test
    public void realisticRevocationDelayPassesAndIsMeasured() {
        ProofRun run = ProofRun.against(Set.of(), Duration.ofSeconds(2), Duration.ofSeconds(10), KeyLifecycleChecks.class);
        run.statusByRequirement().forEach((id, status) -> assertTrue(status.equals(Status.PASSED), id + ": " + run.outcomes()));
        assertTrue(run.outcomes().stream().filter(o -> o.requirements().contains("KEY-002")).anyMatch(o -> o.observation() != null
                && o.observation().matches("refused [23]\\.\\d s after delete")), "KEY-002 measures about 2 s: " + run.outcomes());
    }

    /**
     * A run cut at its deadline while its keys wait out a slow revocation still deletes them: the clean-up's requests
     * go out after the deadline stopped every other request.
     */
    @Test
    public void aRunCutAtItsDeadlineLeavesNoKey() {
        ProofRun run = ReferenceSessions.withRunDeadline(Duration.ofSeconds(4),
                () -> ProofRun.against(Set.of(), Duration.ofSeconds(60), Duration.ofSeconds(30), KeyLifecycleChecks.class));
        assertTrue(run.outcomes().stream().anyMatch(o -> o.status().equals(Status.BROKEN)
                && o.message().contains("CONFORMANCE_RUN_DEADLINE_S")), "the deadline cut no check: " + run.outcomes());
        assertTrue(run.keysLeft().isEmpty(), "keys left after a run cut at its deadline: " + run.keysLeft());
    }

    /**
     * Serving a request with two Authorization headers is what most servers do: a SHOULD failure, a conformant verdict,
     * and which key the server used is on record.
     */
    @Test
    public void twoAuthorizationHeadersServedFailsOnlyASHOULDAndRecordsWhichKeyWasUsed() {
        for (var wins : Map.of(Switch.FIRST_AUTHORIZATION_WINS, "first",
                Switch.LAST_AUTHORIZATION_WINS, "last").entrySet()) {
            ProofRun run = ProofRun.against(Set.of(wins.getKey()), BearerAuthChecks.class);
            assertTrue(run.statusByRequirement().get("AUTH-010").equals(Status.FAILED), run.outcomes().toString());
            assertTrue(SummaryBuilder.verdict(RequirementCatalogue.load(),
                    run.statusByRequirement()).equals(ConformanceSummary.CONFORMANT));
            assertTrue(run.outcomes().stream().anyMatch(o -> ("served, using the " + wins.getValue() + " header's key").equals(o.observation())),
                    run.outcomes().toString());
        }
    }

    /**
     * Each profile's documented answer to a key over its credit limit passes KEY-005, and the status is on record:
     * OpenAI's 429 insufficient_quota is judged at once (never waited out as a rate limit), OpenRouter's 403 too.
     */
    @Test
    public void creditLimitRefusalsPassUnderTheProfilesThatDocumentThem() {
        var reference = Profile.load("reference");
        for (var entry : Map.of(Switch.CREDIT_LIMIT_AS_QUOTA_429,
                        new Profile.Refusal(429, "insufficient_quota"),
                Switch.CREDIT_LIMIT_AS_403,
                        new Profile.Refusal(List.of(402, 403), null)).entrySet()) {
            var profile = new Profile("as-documented", "", null, reference.defaultModel(), true,
                    entry.getValue(), reference.unknownModel(), null, reference.keyManagement(), reference.authProbe(), false, null, null, null);
            long start = System.nanoTime();
            ProofRun run = ProofRun.against(Set.of(entry.getKey()), profile, KeyLifecycleChecks.class);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(run.statusByRequirement().get("KEY-005").equals(Status.PASSED), entry.getKey() + ": " + run.outcomes());
            int status = entry.getValue().code() != null ? 429 : 403;
            assertTrue(run.outcomes().stream().anyMatch(o -> o.observation() != null && o.observation().startsWith("refused with HTTP " + status)),
                    run.outcomes().toString());
            assertTrue(millis < 5_000, entry.getKey() + " took " + millis + " ms: was the quota refusal waited out?");
        }
    }

    /**
     * OpenAI's refusal with a numeric code (429, type insufficient_quota, code 429) still names the quota, by its type:
     * KEY-005 passes (the code's JSON type is ERR-003's matter), and OpenRouter's limit_source is on record.
     */
    @Test
    public void aQuotaRefusalWithANumericCodePassesKey005ByItsType() {
        var reference = Profile.load("reference");
        var profile = new Profile("as-documented", "", null, reference.defaultModel(), true,
                new Profile.Refusal(429, "insufficient_quota"), reference.unknownModel(), null,
                reference.keyManagement(), reference.authProbe(), false, null, null, null);
        ProofRun run = ProofRun.against(Set.of(Switch.CREDIT_LIMIT_AS_QUOTA_429,
                Switch.NUMERIC_ERROR_CODE), profile, KeyLifecycleChecks.class);
        assertTrue(run.statusByRequirement().get("KEY-005").equals(Status.PASSED), run.outcomes().toString());
        ProofRun openrouter = ProofRun.against(Set.of(), KeyLifecycleChecks.class);
        assertTrue(openrouter.outcomes().stream().anyMatch(o -> o.observation() != null && o.observation().contains("limit_source openrouter_key_limit")),
                openrouter.outcomes().toString());
    }

    /**
     * A target with no models route, judged by a profile whose auth probe is GET models (the generic one): no auth
     * requirement fails for it; the missing route is CHAT-007's business alone.
     */
    @Test
    public void aMissingModelsRouteFailsNoAuthRequirement() {
        var reference = Profile.load("reference");
        var modelsProbe = new Profile("models-probe", "", null, reference.defaultModel(), true,
                reference.creditLimit(), reference.unknownModel(), null, reference.keyManagement(), "/models", false, null, null, null);
        ProofRun run = ProofRun.against(Set.of(Switch.NO_MODELS_ROUTE), modelsProbe,
                BearerAuthChecks.class, KeyFormChecks.class, RefusalResponseChecks.class, EndpointRefusalChecks.class);
        run.statusByRequirement().forEach((id, status) -> assertTrue(!status.equals(Status.FAILED) && !status.equals(Status.BROKEN),
                id + " is " + status + " on a target without a models route: " + run.outcomes()));
        assertTrue(run.statusByRequirement().get("AUTH-018").equals(Status.PASSED), run.outcomes().toString());
    }

    /**
     * A target's failed-login log keeps what it was sent. Where a throwaway key can be made, no altered copy of the
     * configured key (a character added or removed, split, raw, under Basic, in x-api-key or a body) reaches the
     * target: every value that holds part of it is the key itself, under a Bearer scheme.
     */
    @Test
    public void nearCopiesOfTheConfiguredKeyNeverReachTheTargetWhereAThrowawayKeyCanBeMade() {
        try (ReferenceTarget target = ReferenceTarget.start(Set.of())) {
            ProofRun run = ProofRun.againstTarget(target, Duration.ofSeconds(1), BearerAuthChecks.class, KeyFormChecks.class,
                    EndpointRefusalChecks.class, ErrorEnvelopeChecks.class);
            assertTrue(run.statusByRequirement().values().stream().allMatch(Status.PASSED::equals), run.outcomes().toString());
            String key = target.apiKey();
            String distinctive = key.substring(key.length() - 20, key.length() - 8);
            for (String sent : target.receivedCredentials()) {
                String decoded = sent.matches("(?i)basic\\s+.*") ? decodeBasic(sent) : sent;
                if (decoded.contains(distinctive)) {
                    assertTrue(sent.matches("(?i)bearer " + Pattern.quote(key)),
                            "an altered copy of the configured key reached the target: " + SecretMasker.mask(sent)
                                    .replace(key, "<KEY>"));
                }
            }
        }
    }

    /** Without a management key and with CONFORMANCE_SEND_KEY_VARIANTS=false, the checks that need variants step aside, naming the setting. */
    @Test
    public void keyVariantsCanBeTurnedOff() {
        var reference = Profile.load("reference");
        var noKeyApi = new Profile("no-key-api", "", null, reference.defaultModel(), true,
                reference.creditLimit(), reference.unknownModel(), null, "static", reference.authProbe(), false, null, null, null);
        ProofRun run = ProofRun.against(Set.of(), noKeyApi, false, BearerAuthChecks.class, KeyFormChecks.class);
        for (String id : new String[] {"AUTH-006", "AUTH-007", "AUTH-011", "AUTH-013"}) {
            assertTrue(run.outcomes().stream().filter(o -> o.requirements().contains(id)).allMatch(o -> o.status().equals(Status.SKIPPED)
                    && (o.message().contains("CONFORMANCE_SEND_KEY_VARIANTS") || o.message().contains("needs a throwaway key"))),
                    id + ": " + run.outcomes());
        }
        assertTrue(run.statusByRequirement().get("AUTH-004").equals(Status.PASSED), run.outcomes().toString());
    }

    private static String decodeBasic(String header) {
        try {
            return new String(Base64.getDecoder().decode(header.replaceFirst("(?i)^basic\\s+", "").strip()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return header;
        }
    }

    /** The proofs find the module's check classes themselves: every class that holds a check is among them. */
    @Test
    public void theProofsFindEveryCheckClassOfTheModule() {
        Set<Class<?>> found = Set.of(checks());
        assertTrue(found.containsAll(Set.of(BearerAuthChecks.class, KeyFormChecks.class, RefusalResponseChecks.class,
                EndpointRefusalChecks.class, ErrorEnvelopeChecks.class, KeyLifecycleChecks.class,
                SecretEchoChecks.class)), found.toString());
        assertTrue(found.stream().allMatch(ConformanceChecks.class::isAssignableFrom), found.toString());
    }
}
