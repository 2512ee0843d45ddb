package org.oaiconformance.compat.recorded;

import org.oaiconformance.auth.errors.ErrorEnvelopeChecks;
import org.oaiconformance.compat.chat.ChatCompletionChecks;
import org.oaiconformance.compat.errors.ProvokedErrorChecks;
import org.oaiconformance.compat.models.ModelsListChecks;
import org.oaiconformance.compat.responses.ResponsesChecks;
import org.oaiconformance.compat.stream.StreamingChecks;
import org.oaiconformance.contract.outcome.CheckOutcome;
import org.oaiconformance.contract.outcome.Status;
import org.oaiconformance.contract.recording.Recording;
import org.oaiconformance.contract.settings.Profile;
import org.oaiconformance.proof.ProofRun;
import org.testng.annotations.Test;

import java.nio.file.Path;
import java.util.List;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

/**
 * Recordings made for each way a folder of real traffic was misjudged (src/test/resources/made-recordings, written by
 * its make.py in the shapes vcrpy, Ruby's VCR and a browser's HAR export write): each verdict is the recording's own.
 */
public class MadeRecordingsTest {
    private static final Path MADE = Path.of("src/test/resources/made-recordings");

    private static ProofRun judge(String folder) {
        return ProofRun.overRecording(List.of(MADE.resolve(folder)), Profile.load("generic"), ChatCompletionChecks.class,
                StreamingChecks.class, ProvokedErrorChecks.class, ModelsListChecks.class, ErrorEnvelopeChecks.class);
    }

    private static CheckOutcome outcome(ProofRun run, String id, Status status) {
        return run.outcomes().stream().filter(o -> o.requirements().contains(id) && o.status() == status).findFirst()
                .orElseThrow(() -> new AssertionError(id + " has no " + status + " outcome: " + run.outcomes()));
    }

    /** A second file's stream without chunk ids fails STREAM-003, named by file and entry; the first file's passes. */
    @Test
    public void everyRecordedAnswerIsJudgedAndTheFailingOneIsNamed() {
        ProofRun run = judge("every-exchange");
        assertEquals(run.statusByRequirement().get("STREAM-003"), Status.FAILED, run.outcomes().toString());
        CheckOutcome failed = outcome(run, "STREAM-003", Status.FAILED);
        assertTrue(failed.message().contains("b_second_model.yaml #1") && failed.message().contains("on 1 of 2 recorded answers")
                && failed.message().contains("non-empty string"), failed.message());
        assertTrue(!failed.message().contains("a_first_model.yaml"), failed.message());
        assertEquals(run.statusByRequirement().get("STREAM-001"), Status.PASSED);
        assertTrue(outcome(run, "STREAM-001", Status.PASSED).observation().contains("judged on 2 recorded answers"),
                outcome(run, "STREAM-001", Status.PASSED).observation());
    }

    /** A recorded cut is judged against the recorded request's own max_tokens; without one, CHAT-005 is skipped saying why. */
    @Test
    public void aRecordedCutIsJudgedByItsOwnRequestsLimit() {
        assertEquals(judge("own-limit").statusByRequirement().get("CHAT-005"), Status.PASSED);
        ProofRun none = judge("no-limit");
        assertEquals(none.statusByRequirement().get("CHAT-005"), Status.SKIPPED);
        assertTrue(outcome(none, "CHAT-005", Status.SKIPPED).message().contains("sent no max_tokens"));
    }

    /** "eos" is no finish reason clients know: the completion is judged, and CHAT-003 fails; "stop": null uses no stop. */
    @Test
    public void aCompletionWithAnUnknownFinishReasonIsJudged() {
        ProofRun run = judge("unknown-finish");
        assertEquals(run.statusByRequirement().get("CHAT-003"), Status.FAILED, run.outcomes().toString());
        assertTrue(outcome(run, "CHAT-003", Status.FAILED).message().contains("eos.yaml #1"));
    }

    /** vcrpy's gzip bodies are decoded: the stream and the completion are judged and pass. */
    @Test
    public void compressedCassettesAreDecoded() {
        ProofRun run = judge("gzip");
        for (String id : List.of("CHAT-001", "CHAT-003", "STREAM-001", "STREAM-002", "STREAM-003", "STREAM-004")) {
            assertEquals(run.statusByRequirement().get(id), Status.PASSED, id + ": " + run.outcomes());
        }
    }

    /** Ruby's VCR is read beside vcrpy; a .httprr file and a YAML file that is no cassette are set aside, each named. */
    @Test
    public void aFolderIsReadWhateverElseItHolds() throws Exception {
        Recording recording = Recording.load(List.of(MADE.resolve("mixed-folder")));
        assertEquals(recording.exchanges().size(), 2);
        String notJudged = String.join("\n", recording.notJudged());
        assertTrue(notJudged.contains("go_client.httprr: not read (the formats read are .har, .json, .yaml, .yml)"), notJudged);
        assertTrue(notJudged.contains("settings.yaml: not read (") && notJudged.contains("http_interactions"), notJudged);
        ProofRun run = judge("mixed-folder");
        assertEquals(run.statusByRequirement().get("CHAT-001"), Status.PASSED, run.outcomes().toString());
        assertEquals(run.statusByRequirement().get("STREAM-001"), Status.PASSED, run.outcomes().toString());
    }

    /** A recorded refusal is held to ERR-003; a bad key answered 400 is set aside, and the recording says so. */
    @Test
    public void recordedRefusalsAreHeldToTheErrorCodeRule() throws Exception {
        ProofRun run = judge("refusals");
        assertEquals(run.statusByRequirement().get("ERR-003"), Status.FAILED, run.outcomes().toString());
        assertTrue(outcome(run, "ERR-003", Status.FAILED).message().contains("browser.har #1"));
        String notJudged = String.join("\n", Recording.load(List.of(MADE.resolve("refusals"))).notJudged());
        assertTrue(notJudged.contains("browser.har #2: not judged (POST /v1/chat/completions answered HTTP 400 for no cause"), notJudged);
    }

    /**
     * Responses exchanges are their own kinds: a string input, message items, a cut judged at its own request's
     * max_output_tokens, and streams, each judged from every recorded answer; the stream numbered by nothing fails
     * RESP-004 alone, named by its file. What needs a live target (refusals, tools, stored state) is skipped, saying so.
     */
    @Test
    public void responsesExchangesAreJudgedAsTheirOwnKinds() {
        ProofRun run = ProofRun.overRecording(List.of(MADE.resolve("responses")), Profile.load("generic"),
                ResponsesChecks.class);
        for (String id : List.of("RESP-001", "RESP-002", "RESP-003", "RESP-005")) {
            assertEquals(run.statusByRequirement().get(id), Status.PASSED, id + ": " + run.outcomes());
        }
        CheckOutcome unnumbered = outcome(run, "RESP-004", Status.FAILED);
        assertTrue(unnumbered.message().contains("b_unnumbered_stream.yaml #1") && unnumbered.message().contains("sequence_number")
                && !unnumbered.message().contains("a_openai_python.yaml"), unnumbered.message());
        for (String id : List.of("RESP-006", "RESP-007", "RESP-010", "RESP-011", "RESP-013")) {
            assertTrue(outcome(run, id, Status.SKIPPED).message().contains("needs a live target"), id + ": " + run.outcomes());
        }
    }
}
