package org.oaiconformance.compat;

import org.oaiconformance.compat.chat.ChatCompletionChecks;
import org.oaiconformance.compat.sdk.ProcessSdkDriver;
import org.oaiconformance.contract.check.CheckRegistry;
import org.oaiconformance.contract.http.Courtesy;
import org.oaiconformance.contract.outcome.CheckOutcome;
import org.oaiconformance.contract.outcome.Status;
import org.oaiconformance.contract.settings.TargetSettings;
import org.oaiconformance.proof.HostileFront;
import org.oaiconformance.proof.Hostility;
import org.oaiconformance.proof.ProofRun;
import org.oaiconformance.proof.ReferenceSessions;
import org.oaiconformance.reference.ReferenceTarget;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

/**
 * Every check of this module — the SDK rows included — against a target that breaks below the contract: each run ends
 * well inside a bound, every affected check ends failed or broken (or skipped, naming the check that reports the
 * cause) with a one-line reason, and which of the two it is follows who is at fault: broken when the target gave
 * nothing to judge, failed when it broke an answer it had begun. The checks here use a 1 s request deadline.
 */
public class HostileTargetTest {
    /** Every check class of this module, found by the registry: a new one faces the hostile fronts too. */
    private static final Class<?>[] CHECKS = CheckRegistry.checksBeside(ChatCompletionChecks.class);
    private static final Duration REQUEST_DEADLINE = Duration.ofSeconds(1);
    /**
     * Every check waits at most a few request deadlines, side by side; but an SDK process serves its calls in turn, so
     * the slowest row (openai 0.28: ten SDK checks, each up to about 4 s against a target that drips its head, and the
     * SDKs' own retries with backoff against one that resets) sets it: 38 to 61 s seen on the 2-core machine. Without
     * the deadlines a target that never answers holds a run forever.
     */
    private static final Duration BOUND = Duration.ofSeconds(90);

    /**
     * The SDK rows installed and started before any run is timed: on a fresh clone the first row to start installs its
     * SDK (npm, pip: tens of seconds), which is not what the bound measures.
     */
    @BeforeClass
    public void sdkRowsStartedBeforeTheClockRuns() {
        for (var row : List.of(ProcessSdkDriver.NODE, ProcessSdkDriver.PYTHON,
                ProcessSdkDriver.PYTHON_LEGACY)) {
            ProcessSdkDriver.find(row, TargetSettings.builder().build()
                            .judging().sdkFolder(), "http://127.0.0.1:9/v1", Duration.ofSeconds(5),
                    Courtesy.unlimited());
        }
    }

    @DataProvider
    public Object[][] nothingToJudge() {
        return new Object[][] {{Hostility.NEVER_ANSWERS}, {Hostility.RESETS_THE_CONNECTION}, {Hostility.NOT_HTTP},
                {Hostility.DRIPS_HEADERS}};
    }

    @Test(dataProvider = "nothingToJudge")
    public void aTargetThatGivesNothingToJudgeBreaksEveryCheckAndFailsNone(Hostility hostility) {
        List<CheckOutcome> outcomes = runThrough(hostility);
        for (CheckOutcome outcome : outcomes) {
            assertFalse(outcome.status().equals(Status.PASSED) || outcome.status().equals(Status.FAILED),
                    hostility + ": " + outcome);
            assertOneLineReason(outcome);
        }
        assertTrue(outcomes.stream().anyMatch(o -> o.status().equals(Status.BROKEN)), hostility + ": " + outcomes);
    }

    @Test
    public void aBodyTooLargeToReadFailsTheChecksThatReadItAndPassesNone() {
        List<CheckOutcome> outcomes = runThrough(Hostility.HUGE_BODY);
        outcomes.forEach(HostileTargetTest::assertOneLineReason);
        assertTrue(outcomes.stream().noneMatch(o -> o.status().equals(Status.PASSED)), outcomes.toString());
        CheckOutcome shape = outcome(outcomes, "CHAT-001");
        assertEquals(shape.status(), Status.FAILED, shape.toString());
        assertTrue(shape.message().contains("larger than the " + (4 << 20) + " bytes the suite reads"), shape.message());
    }

    @Test
    public void aStreamCutOffFailsTheStreamChecksAndSparesTheRest() {
        List<CheckOutcome> outcomes = runThrough(Hostility.CLOSES_MID_STREAM);
        outcomes.forEach(HostileTargetTest::assertOneLineReason);
        CheckOutcome stream = outcome(outcomes, "STREAM-001");
        assertEquals(stream.status(), Status.FAILED, stream.toString());
        assertTrue(stream.message().contains("closed the connection before its answer was complete"), stream.message());
        CheckOutcome streamedCap = outcome(outcomes, "CHAT-009"); // max_completion_tokens is judged streamed too
        assertEquals(streamedCap.status(), Status.FAILED, streamedCap.toString());
        assertTrue(streamedCap.message().contains("closed the connection before its answer was complete"), streamedCap.message());
        Map<String, Status> others = outcomes.stream().filter(o -> o.requirements().stream().anyMatch(id -> id.startsWith("CHAT-") || id.startsWith("ERR-")))
                .filter(o -> !o.requirements().contains("CHAT-009"))
                .collect(Collectors.toMap(CheckOutcome::check, CheckOutcome::status));
        assertTrue(!others.isEmpty() && others.values().stream().allMatch(Status.PASSED::equals), others.toString());
    }

    /**
     * A gateway on loopback that refuses HTTP/2 cleartext upgrades (Portkey's) is judged like any other: no client of
     * the suite — REST Assured, the SDK rows — asks for one, so nothing fails or breaks on it.
     */
    @Test
    public void aTargetThatRefusesHttp2UpgradesIsJudgedLikeAnyOther() {
        List<CheckOutcome> outcomes = runThrough(Hostility.REFUSES_H2C_UPGRADE, Duration.ofSeconds(5), BOUND);
        assertTrue(outcomes.stream().noneMatch(o -> o.status().failedOrBroken()), outcomes.toString());
        assertTrue(outcomes.stream().filter(o -> o.status().equals(Status.PASSED)).count() > outcomes.size() / 2, outcomes.toString());
    }

    /**
     * A target's text (chat content, error messages, ids, raw body) holding {@code ::error::} lines and escape sequences
     * is quoted in failures, but never on a line of its own and never as a control character: a GitHub runner would run
     * such a line as a workflow command, a terminal would obey the escape.
     */
    @Test
    public void aTargetsTextNeverStartsALineOfItsOwnInAFailureOrTheConsole() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        List<CheckOutcome> outcomes;
        try {
            System.setOut(new PrintStream(new TeeStream(out, console), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new TeeStream(err, console), true, StandardCharsets.UTF_8));
            outcomes = runThrough(Hostility.INJECTS_WORKFLOW_COMMANDS);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        for (CheckOutcome outcome : outcomes) {
            String message = String.valueOf(outcome.message());
            assertTrue(message.codePoints().noneMatch(HostileTargetTest::unsafe), "a control character in: " + outcome);
        }
        assertTrue(outcomes.stream().anyMatch(o -> String.valueOf(o.message()).contains("::error title=Injected by target")),
                "no failure quotes the target's text, so this test proves nothing: " + outcomes);
        for (String line : console.toString(StandardCharsets.UTF_8).split("\\R")) {
            assertFalse(line.stripLeading().startsWith("::") || line.contains("\u001b"), "a forged console line: " + line);
        }
    }

    private static boolean unsafe(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    /** Writes to the console as usual and keeps a copy. */
    private static final class TeeStream extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        TeeStream(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }

    /**
     * With requests that could each take 60 s, a run whose deadline is 5 s stops its checks at 4.5 s: the ones in
     * flight are cut, the rest send nothing, and every one of them is broken naming the deadline's setting.
     */
    @Test
    public void theRunDeadlineEndsEveryUnfinishedCheckAsBrokenAtOnce() {
        List<CheckOutcome> outcomes = ReferenceSessions.withRunDeadline(Duration.ofSeconds(5),
                () -> runThrough(Hostility.NEVER_ANSWERS, Duration.ofSeconds(60), Duration.ofSeconds(12)));
        for (CheckOutcome outcome : outcomes) {
            assertTrue(outcome.status().equals(Status.BROKEN) || outcome.status().equals(Status.SKIPPED), outcome.toString());
            assertOneLineReason(outcome);
        }
        assertTrue(outcomes.stream().filter(o -> o.status().equals(Status.BROKEN))
                .allMatch(o -> o.message().contains("CONFORMANCE_RUN_DEADLINE_S")), outcomes.toString());
    }

    private static List<CheckOutcome> runThrough(Hostility hostility) {
        return runThrough(hostility, REQUEST_DEADLINE, BOUND);
    }

    private static List<CheckOutcome> runThrough(Hostility hostility, Duration requestDeadline, Duration bound) {
        long start = System.nanoTime();
        try (ReferenceTarget target = ReferenceTarget.start(Set.of()); HostileFront front = HostileFront.before(target, hostility)) {
            List<CheckOutcome> outcomes = ProofRun.throughFront(target, front, requestDeadline, CHECKS).outcomes();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(bound) < 0, hostility + " took " + took.toSeconds() + " s");
            assertFalse(outcomes.isEmpty(), hostility + ": no check ran");
            return outcomes;
        }
    }

    private static CheckOutcome outcome(List<CheckOutcome> outcomes, String requirement) {
        return outcomes.stream().filter(o -> o.requirements().contains(requirement)).findFirst().orElseThrow();
    }

    private static void assertOneLineReason(CheckOutcome outcome) {
        if (!outcome.status().equals(Status.PASSED)) {
            assertTrue(outcome.message() != null && !outcome.message().contains("\n") && outcome.message().length() < 400,
                    "not one short line: " + outcome);
        }
    }
}
