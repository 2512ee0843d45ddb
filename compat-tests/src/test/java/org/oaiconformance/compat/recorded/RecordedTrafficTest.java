package org.oaiconformance.compat.recorded;

import org.oaiconformance.compat.chat.ChatCompletionChecks;
import org.oaiconformance.compat.errors.ProvokedErrorChecks;
import org.oaiconformance.compat.models.ModelsListChecks;
import org.oaiconformance.compat.stream.StreamingChecks;
import org.oaiconformance.contract.catalogue.Level;
import org.oaiconformance.contract.catalogue.RequirementCatalogue;
import org.oaiconformance.contract.outcome.Status;
import org.oaiconformance.contract.secrets.SecretMasker;
import org.oaiconformance.contract.settings.Profile;
import org.oaiconformance.proof.ProofRun;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

/**
 * The CHAT, STREAM and ERR checks over answers recorded from live providers (VCR cassettes from pydantic-ai's test
 * suite; see recordings/PROVENANCE.md): real, conforming traffic must fail no MUST requirement, and every requirement
 * the recording holds an answer for must pass. No deviation is documented: none of these recordings breaks a
 * requirement. A requirement the recording has no answer for is skipped, naming what to record.
 */
public class RecordedTrafficTest {
    private static final Set<String> COMPLETION = Set.of("CHAT-001", "CHAT-002", "CHAT-003", "CHAT-004", "CHAT-006");
    private static final Set<String> STREAM = Set.of("STREAM-001", "STREAM-002", "STREAM-003", "STREAM-004", "STREAM-005");
    private static final Set<String> UNKNOWN_MODEL = Set.of("ERR-001", "ERR-002", "ERR-003", "ERR-004");

    @DataProvider
    public Object[][] recordings() {
        return new Object[][] {
                {"openai", union(COMPLETION, STREAM)}, // the stream is followed by a moderation chunk without choices
                {"openrouter", union(COMPLETION, STREAM)}, // ': OPENROUTER PROCESSING' comments; usage beside one empty delta
                {"groq", union(COMPLETION, UNKNOWN_MODEL)}, // 404 model_not_found
                {"deepseek", union(COMPLETION, STREAM)}, // "usage": null on every chunk, usage on the finishing one
                {"zai", union(COMPLETION, STREAM)},
                {"cerebras", COMPLETION}};
    }

    @Test(dataProvider = "recordings")
    public void recordedTrafficFailsNoRequirementAndPassesWhatItHoldsAnswersFor(String provider, Set<String> judged) {
        ProofRun run = ProofRun.overRecording(List.of(Path.of("src/test/resources/recordings", provider)), Profile.load("generic"),
                ChatCompletionChecks.class, StreamingChecks.class, ProvokedErrorChecks.class, ModelsListChecks.class);
        RequirementCatalogue catalogue = RequirementCatalogue.load();
        run.statusByRequirement().forEach((id, status) -> {
            assertTrue(!status.equals(Status.FAILED) && !status.equals(Status.BROKEN),
                    provider + ": " + id + " (" + catalogue.get(id).level() + ") is " + status + ": " + run.outcomes());
            if (judged.contains(id)) {
                assertEquals(status, Status.PASSED, provider + ": " + id + " has a recorded answer: " + run.outcomes());
            }
        });
        assertTrue(run.outcomes().stream().filter(o -> o.status().equals(Status.SKIPPED))
                .allMatch(o -> o.message().contains("the recording holds no exchange for") || o.message().contains("see ")
                        || o.message().startsWith("needs a live target")
                        || o.message().contains("profile")), "every skip says why: " + run.outcomes());
        assertTrue(catalogue.all().stream().filter(r -> r.level() == Level.MUST).count() > 0);
    }

    /** A recording's answers go through the same judgement: a recorded deviation fails its requirement. */
    @Test
    public void aRecordedDeviationFailsItsRequirement() throws Exception {
        Path dir = Files.createTempDirectory("recording");
        Files.writeString(dir.resolve("tool-calls-null.yaml"), """
                interactions:
                - request:
                    method: POST
                    uri: https://gateway.example/v1/chat/completions
                    headers: {authorization: [Bearer gsk_recorded0123456789abcdef]}
                    body: {string: '{"model":"m","messages":[{"role":"user","content":"hi"}]}'}
                  response:
                    status: {code: 200, message: OK}
                    headers: {content-type: [application/json]}
                    body: {string: '{"id":"c1","object":"chat.completion","created":1700000000,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":null},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}'}
                """);
        ProofRun run = ProofRun.overRecording(List.of(dir), Profile.load("generic"), ChatCompletionChecks.class);
        assertEquals(run.statusByRequirement().get("CHAT-001"), Status.FAILED, run.outcomes().toString());
        assertTrue(!SecretMasker.mask("key gsk_recorded0123456789abcdef").contains("recorded0123"),
                "a key the recording carries is registered with the masker as the recording is read");
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
