package org.oaiconformance.compat;

import org.oaiconformance.compat.chat.ChatCompletionChecks;
import org.oaiconformance.compat.embeddings.EmbeddingChecks;
import org.oaiconformance.compat.errors.ProvokedErrorChecks;
import org.oaiconformance.compat.responses.ResponsesChecks;
import org.oaiconformance.compat.sdk.SdkChecks;
import org.oaiconformance.compat.sdk.SdkEmbeddingChecks;
import org.oaiconformance.compat.sdk.SdkResponsesChecks;
import org.oaiconformance.compat.stream.StreamingChecks;
import org.oaiconformance.contract.outcome.CheckOutcome;
import org.oaiconformance.contract.outcome.Status;
import org.oaiconformance.contract.settings.Profile;
import org.oaiconformance.proof.ChecksProof;
import org.oaiconformance.proof.ProofRun;
import org.oaiconformance.reference.ReferenceTarget;
import org.oaiconformance.reference.Switch;
import org.testng.Assert;
import org.testng.annotations.Test;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.testng.Assert.assertEquals;

/** Proves the chat, streaming and error checks fail on each matching deviation and pass on every legal variant. */
public class ChatChecksProofTest extends ChecksProof {

    @Override
    protected Class<?> aCheckOfTheModule() {
        return ChatCompletionChecks.class;
    }


    /** A failed contract check tells the reviewer which schema rule failed and shows the offending JSON. */
    @Test
    public void aSchemaFailureNamesTheSchemaPathAndQuotesTheOffendingJson() {
        ProofRun run = ProofRun.against(Set.of(Switch.CREATED_AS_STRING), ChatCompletionChecks.class);
        String message = run.outcomes().stream().filter(o -> o.requirements().contains("CHAT-002")).findFirst().orElseThrow().message();
        Assert.assertTrue(message.contains("/created: string found, integer expected")
                && message.contains("chat-completion.json#/$defs/unixSeconds/type") && message.contains("offending JSON: {"), message);
    }

    /**
     * OpenRouter ends a stream that fails mid-way with a chunk whose choice says finish_reason "error" beside the error
     * object: legal under a profile that documents it (openrouter's midStreamFinishReason), failed under one that does
     * not (the reference profile, as openai).
     */
    @Test
    public void finishReasonErrorOnAFailedStreamIsLegalOnlyWhereTheProfileDocumentsIt() {
        Profile reference = Profile.load("reference");
        Profile documented = reference.withMidStreamFailure(reference.midStreamErrorModel(), "error");
        ProofRun legal = ProofRun.against(Set.of(Switch.MIDSTREAM_FINISH_REASON_ERROR), documented,
                StreamingChecks.class);
        assertEquals(legal.statusByRequirement().get("STREAM-006"), Status.PASSED, legal.outcomes().toString());
        assertEquals(Profile.load("openrouter").midStreamFinishReason(), "error");
    }

    /**
     * A pause before a stream's first chunk is legal (a model thinks) and is reported: each stream's longest silence is an
     * observation, since proxies cut connections silent for 60 s or more. Keep-alive comments during the same pause, as
     * OpenRouter sends them, leave only short silences.
     */
    @Test
    public void eachStreamsLongestSilenceIsObservedAndKeepAliveCommentsShortenIt() {
        double silent = longestSilence(ProofRun.against(Set.of(Switch.STREAM_SILENT_START), StreamingChecks.class));
        double keptAlive = longestSilence(ProofRun.against(Set.of(Switch.STREAM_KEEP_ALIVE), StreamingChecks.class));
        Assert.assertTrue(silent >= 0.8, "a 0.8 s pause observed as " + silent + " s");
        Assert.assertTrue(keptAlive < 0.6, "comments every 0.2 s observed as a silence of " + keptAlive + " s");
    }

    private static double longestSilence(ProofRun run) {
        Matcher figure = Pattern.compile("longest silence in the stream (\\d+\\.\\d) s").matcher(
                run.outcomes().stream().map(CheckOutcome::observation).filter(Objects::nonNull).reduce("", String::concat));
        double longest = -1;
        while (figure.find()) {
            longest = Math.max(longest, Double.parseDouble(figure.group(1)));
        }
        Assert.assertTrue(longest >= 0, "no stream silence was observed: " + run.outcomes());
        return longest;
    }

    /**
     * A target that cuts a stream whenever another request arrives (the switch waits half a second for one) has its cut
     * streams asked again alone: the plain stream's checks and every SDK row pass on the whole answer, and the cut is
     * reported as an observation. Without the re-ask, STREAM-004 and SDK-002 failed here, row by row as timing fell.
     */
    @Test
    public void aStreamCutByAConcurrentRequestIsJudgedOnTheAnswerAskedAlone() {
        ProofRun run = ProofRun.against(Set.of(Switch.STREAM_CUT_BY_CONCURRENT_REQUEST),
                StreamingChecks.class, SdkChecks.class);
        for (String id : new String[] {"STREAM-001", "STREAM-002", "STREAM-003", "STREAM-004", "SDK-002"}) {
            assertEquals(run.statusByRequirement().get(id), Status.PASSED, id + ": " + run.outcomes());
        }
        Assert.assertTrue(run.outcomes().stream().anyMatch(o -> o.observation() != null
                && o.observation().contains("the target breaks streams under concurrent load")), "no cut was reported: " + run.outcomes());
    }

    /**
     * Each SDK row fails on its own, not only in aggregate: with refusals served as 500 every row misses its
     * authentication error, and the SDKs that retry 5xx (openai-java, openai-node, openai-python) send 3 requests where
     * curl and the legacy 0.28 SDK send 1; with string error bodies no row can show the server's message.
     */
    @Test
    public void everySdkRowFailsOnTheDeviationsThatBreakIt() {
        String[] rows = {"openai-java", "openai-node", "openai-python", "openai-python-0.28", "curl"};
        ProofRun served500 = ProofRun.against(Set.of(Switch.UNAUTHORIZED_AS_500), SdkChecks.class);
        for (String row : rows) {
            assertEquals(rowStatus(served500, "SDK-003", row), Status.FAILED, row + ": " + served500.outcomes());
        }
        for (String retrying : new String[] {"openai-java", "openai-node", "openai-python"}) {
            assertEquals(rowStatus(served500, "SDK-005", retrying), Status.FAILED, retrying + ": " + served500.outcomes());
        }
        assertEquals(rowStatus(served500, "SDK-005", "curl"), Status.PASSED, "curl never retries");
        assertEquals(rowStatus(served500, "SDK-005", "openai-python-0.28"), Status.PASSED, "0.28 does not retry");
        ProofRun stringErrors = ProofRun.against(Set.of(Switch.ERROR_AS_STRING), SdkChecks.class);
        for (String row : rows) {
            assertEquals(rowStatus(stringErrors, "SDK-003", row), Status.FAILED, row + ": " + stringErrors.outcomes());
        }
    }

    /**
     * Embeddings break SDK rows the raw float checks cannot see: a server that ignores encoding_format base64 hands
     * openai-node (which decodes whatever comes as base64) garbage, while openai-python takes the floats as they are;
     * big-endian base64 breaks both, the rows that ask for base64. openai-java 4.101.0, curl and openai 0.28 get floats.
     */
    @Test
    public void embeddingsBreakExactlyTheSdkRowsThatDecodeBase64() {
        ProofRun ignored = ProofRun.against(Set.of(Switch.EMBEDDINGS_BASE64_IGNORED), SdkEmbeddingChecks.class);
        ProofRun bigEndian = ProofRun.against(Set.of(Switch.EMBEDDINGS_BASE64_BIG_ENDIAN), SdkEmbeddingChecks.class);
        Map<String, Status[]> expected = Map.of(
                "openai-node", new Status[] {Status.FAILED, Status.FAILED},
                "openai-python", new Status[] {Status.PASSED, Status.FAILED},
                "openai-java", new Status[] {Status.PASSED, Status.PASSED},
                "openai-python-0.28", new Status[] {Status.PASSED, Status.PASSED},
                "curl", new Status[] {Status.PASSED, Status.PASSED});
        expected.forEach((row, statuses) -> {
            assertEquals(rowStatus(ignored, "SDK-011", row), statuses[0], row + " with base64 ignored: " + ignored.outcomes());
            assertEquals(rowStatus(bigEndian, "SDK-011", row), statuses[1], row + " with big-endian base64: " + bigEndian.outcomes());
        });
    }

    /**
     * Embeddings are optional where the profile does not claim them: a 501 (llama-server without --embeddings) or 404
     * there skips the family, saying so; and a profile that names no embedding model skips it, naming the setting.
     */
    @Test
    public void embeddingsAreSkippedWhereTheyAreNeitherClaimedNorConfigured() {
        ProofRun notServed = ProofRun.against(Set.of(Switch.EMBEDDINGS_NOT_IMPLEMENTED), referenceClaimingNone(f -> f.startsWith("embedding")),
                EmbeddingChecks.class, SdkEmbeddingChecks.class);
        assertSkippedSaying(notServed, "not supported by this target: POST embeddings answered HTTP 501", "EMB-001", "EMB-002",
                "EMB-003", "EMB-004", "EMB-005", "SDK-011");
        assertEquals(notServed.statusByRequirement().get("EMB-006"), Status.PASSED, "the 401s come before the 501: " + notServed.outcomes());
        Profile noModel = Profile.load("generic").withFeatures(List.of("embeddings"));
        ProofRun unnamed = ProofRun.against(Set.of(), new Profile(noModel.name(), noModel.description(), noModel.exampleBaseUrl(),
                        "reference-small", false, noModel.creditLimit(), noModel.unknownModel(), null, noModel.keyManagement(),
                        noModel.authProbe(), noModel.modelsPublic(), noModel.extraHeaders(), noModel.deviations(), noModel.features()),
                EmbeddingChecks.class);
        assertSkippedSaying(unnamed, "set CONFORMANCE_EMBEDDING_MODEL", "EMB-001", "EMB-002", "EMB-003", "EMB-004", "EMB-005", "EMB-006");
    }

    /** The Responses API is optional where the profile does not claim it: a 404 there skips the family, saying so. */
    @Test
    public void theResponsesApiIsSkippedWhereItIsNeitherClaimedNorServed() {
        ProofRun notServed = ProofRun.against(Set.of(Switch.RESPONSES_NOT_SERVED), referenceClaimingNone(f -> f.equals("responses")),
                ResponsesChecks.class, SdkResponsesChecks.class);
        assertSkippedSaying(notServed, "not supported by this target: POST responses answered HTTP 404", "RESP-001", "RESP-002",
                "RESP-003", "RESP-004", "RESP-005", "RESP-006", "RESP-007", "RESP-008", "RESP-009", "RESP-010", "RESP-011", "RESP-012",
                "RESP-013", "RESP-014", "SDK-012");
    }

    /**
     * A Responses stream breaks the SDK rows whose helpers need what is missing, as the SDKs' own code does: openai-node
     * and openai-python find each delta's item by output_index and content_index, and build on a response.created that
     * comes first; openai-node also builds on its snapshot's output; openai-java's accumulator copes with both; curl joins
     * the deltas itself, so a lost delta breaks it alone. openai 0.28 has no Responses API: no cell at all.
     */
    @Test
    public void responsesStreamsBreakExactlyTheSdkRowsWhoseHelpersNeedWhatIsMissing() {
        Map<Switch, List<String>> failing = Map.of(
                Switch.RESPONSES_STREAM_WITHOUT_INDEXES, List.of("openai-node", "openai-python"),
                Switch.RESPONSES_STREAM_BARE_SNAPSHOT, List.of("openai-node"),
                Switch.RESPONSES_STREAM_OUT_OF_ORDER, List.of("openai-node", "openai-python"),
                Switch.RESPONSES_STREAM_DELTA_LOST, List.of("curl"));
        failing.forEach((deviation, rows) -> {
            ProofRun run = ProofRun.against(Set.of(deviation), SdkResponsesChecks.class);
            for (String row : List.of("openai-java", "openai-node", "openai-python", "curl")) {
                assertEquals(rowStatus(run, "SDK-012", row), rows.contains(row) ? Status.FAILED : Status.PASSED, row + " with " + deviation
                        + ": " + run.outcomes());
            }
            assertEquals(rowStatus(run, "SDK-012", "openai-python-0.28"), null, "0.28 has no Responses API: " + run.outcomes());
        });
    }

    /** The reference profile without the features {@code dropped} matches. */
    private static Profile referenceClaimingNone(Predicate<String> dropped) {
        Profile reference = Profile.load("reference");
        return reference.withFeatures(reference.features().stream().filter(dropped.negate()).toList());
    }

    private static void assertSkippedSaying(ProofRun run, String reason, String... requirements) {
        for (String id : requirements) {
            Assert.assertTrue(run.outcomes().stream().filter(o -> o.requirements().contains(id)).allMatch(o ->
                    o.status() == Status.SKIPPED && o.message() != null && o.message().contains(reason)), id + ": " + run.outcomes());
        }
    }

    /**
     * A gateway that routes by header (Portkey's x-portkey-provider) answers 400 without it: with the header configured,
     * every SDK row sends it on every call and passes; without it, every row fails, so the header is what made the
     * difference. The header's ordinary value is never masked.
     */
    @Test
    public void everySdkRowSendsTheConfiguredExtraHeaders() {
        String[] rows = {"openai-java", "openai-node", "openai-python", "openai-python-0.28", "curl"};
        try (ReferenceTarget target = ReferenceTarget.start(Set.of()).requiringHeader("x-portkey-provider", "openai")) {
            ProofRun with = ProofRun.againstTarget(target, Map.of("x-portkey-provider", "openai"), SdkChecks.class);
            ProofRun without = ProofRun.againstTarget(target, Map.of(), SdkChecks.class);
            for (String row : rows) {
                for (String requirement : new String[] {"SDK-001", "SDK-002", "SDK-006"}) {
                    assertEquals(rowStatus(with, requirement, row), Status.PASSED, row + " " + requirement + ": " + with.outcomes());
                }
                assertEquals(rowStatus(without, "SDK-001", row), Status.FAILED, row + " without the header: " + without.outcomes());
            }
            Assert.assertTrue(with.outcomes().stream().noneMatch(o -> o.check().contains("[masked")), with.outcomes().toString());
        }
    }

    /**
     * The seed providers' documented error shape, a numeric error.code: openai-java's code() throws inside the
     * application's error handler, so its row fails SDK-010; the Python, Node, 0.28 and curl rows read it, and every row
     * reads string codes (the conforming target).
     */
    @Test
    public void aNumericErrorCodeFailsSdk010OnTheJavaRowAlone() {
        ProofRun numeric = ProofRun.against(Set.of(Switch.NUMERIC_ERROR_CODE), SdkChecks.class);
        ProofRun strings = ProofRun.against(Set.of(), SdkChecks.class);
        assertEquals(rowStatus(numeric, "SDK-010", "openai-java"), Status.FAILED, numeric.outcomes().toString());
        Assert.assertTrue(numeric.outcomes().stream().anyMatch(o -> o.sdk() != null && o.sdk().startsWith("openai-java ")
                && o.requirements().contains("SDK-010") && o.message().contains("code() threw OpenAIInvalidDataException")), numeric.outcomes().toString());
        for (String row : new String[] {"openai-node", "openai-python", "openai-python-0.28", "curl"}) {
            assertEquals(rowStatus(numeric, "SDK-010", row), Status.PASSED, row + " with numeric codes: " + numeric.outcomes());
        }
        for (String row : new String[] {"openai-java", "openai-node", "openai-python", "openai-python-0.28", "curl"}) {
            assertEquals(rowStatus(strings, "SDK-010", row), Status.PASSED, row + " with string codes: " + strings.outcomes());
        }
    }

    private static Status rowStatus(ProofRun run, String requirement, String row) {
        return run.outcomes().stream().filter(o -> o.requirements().contains(requirement) && o.sdk() != null && o.sdk().startsWith(row + " "))
                .map(CheckOutcome::status).findFirst().orElse(null);
    }

    /** A numeric error.code is legal only where the profile documents it: under a strict profile it fails ERR-003. */
    @Test
    public void numericErrorCodeFailsErr003UnderAProfileThatDoesNotAllowIt() {
        Profile strict = Profile.load("generic");
        Profile withModel = new Profile(strict.name(), strict.description(), strict.exampleBaseUrl(), "reference-small",
                false, strict.creditLimit(), strict.unknownModel(), null, strict.keyManagement(), strict.authProbe(),
                strict.modelsPublic(), strict.extraHeaders(), strict.deviations(), strict.features());
        ProofRun run = ProofRun.against(Set.of(Switch.NUMERIC_ERROR_CODE), withModel, ProvokedErrorChecks.class);
        assertEquals(run.statusByRequirement().get("ERR-003"), Status.FAILED, run.outcomes().toString());
    }
}
