package org.oaiconformance.contract.check;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.oaiconformance.contract.catalogue.Verifies;
import org.oaiconformance.contract.http.ChatRequests;
import org.oaiconformance.contract.http.Credentials;
import org.oaiconformance.contract.http.Exchange;
import org.oaiconformance.contract.http.TargetClient;
import org.oaiconformance.contract.metrics.RunMetrics;
import org.oaiconformance.contract.metrics.Timings;
import org.oaiconformance.contract.outcome.CurrentModel;
import org.oaiconformance.contract.recording.ReplayRound;
import org.oaiconformance.contract.run.TargetSession;
import org.oaiconformance.contract.settings.Setting;
import org.oaiconformance.contract.wire.Feature;
import org.testng.IHookCallBack;
import org.testng.IHookable;
import org.testng.ITestResult;
import org.testng.Reporter;
import org.testng.SkipException;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Base of every check class: the target session this run talks to, and the requests checks share. Getting the
 * session may fail with a settings error, which breaks the check (the suite could not judge) rather than failing it.
 * A check whose requirement the profile documents as a deviation is skipped with the profile's note.
 */
public abstract class ConformanceChecks implements IHookable {
    public static final String CHAT = "/chat/completions";

    /** What a check class asks once and judges in several checks, per model and replay round (one round when live). */
    private final Map<String, Asked> asked = new ConcurrentHashMap<>();
    /** One lock per question: one model's question never waits for another's answer. */
    private final Map<String, Object> asking = new ConcurrentHashMap<>();

    private record Asked(Object value, Exception failure, Set<String> answeredBy) {
        /** Rethrows the very exception the first caller met, checked ones included, as REST Assured threw it. */
        @SuppressWarnings("unchecked")
        static <E extends Exception> RuntimeException sneaky(Exception failure) throws E {
            throw (E) failure;
        }
    }

    /**
     * Over a recording, a check that judges recorded answers runs once per recorded answer of its kinds
     * ({@link RecordedRounds}); live, it runs once.
     */
    @Override
    public void run(IHookCallBack callBack, ITestResult result) {
        TargetSession session;
        try {
            session = TargetSession.current();
        } catch (RuntimeException unreadableSettings) {
            callBack.runTestMethod(result); // the check reports it
            return;
        }
        if (!ModelInvocations.applies(getClass(), session)) {
            judge(callBack, result, session);
            return;
        }
        String model = ModelInvocations.next(this, result, session.models());
        CurrentModel.during(model, () -> judge(callBack, result, session));
    }

    private static void judge(IHookCallBack callBack, ITestResult result, TargetSession session) {
        if (!session.replaying() || !judgedFromRecordings(runningCheck())) {
            callBack.runTestMethod(result);
            return;
        }
        RecordedRounds.judge(callBack, result, session.replayRounds());
    }

    /**
     * Asks once (per replay round) and gives every later caller the same answer, or the same exception: requests
     * several checks judge are sent once. The recorded exchanges that answered are credited to each caller's round.
     */
    @SuppressWarnings("unchecked")
    protected <T> T once(String name, Supplier<T> ask) {
        Integer round = ReplayRound.current();
        String model = CurrentModel.get();
        String key = (model == null ? "" : model + ": ") + (round == null ? name : name + " #" + round);
        Asked answer;
        synchronized (asking.computeIfAbsent(key, k -> new Object())) {
            answer = asked.get(key);
            if (answer == null) {
                Set<String> before = ReplayRound.answeredSoFar();
                Object value = null;
                Exception failure = null;
                try {
                    value = ask.get();
                } catch (Exception e) { // REST Assured rethrows I/O exceptions unchecked
                    failure = e;
                }
                Set<String> answeredBy = new LinkedHashSet<>(ReplayRound.answeredSoFar());
                answeredBy.removeAll(before);
                answer = new Asked(value, failure, answeredBy);
                asked.put(key, answer);
            }
        }
        ReplayRound.answeredBy(answer.answeredBy());
        if (answer.failure() != null) {
            throw Asked.sneaky(answer.failure());
        }
        return (T) answer.value();
    }

    protected TargetSession session() {
        TargetSession session = TargetSession.current();
        String model = CurrentModel.get();
        if (model != null && session.notServed(model) != null) {
            throw new SkipException("not served: " + session.notServed(model));
        }
        skipIfProfileDocumentsADeviation(session);
        skipIfARecordingCannotJudgeIt(session);
        return session;
    }

    /** Families a recording can judge: what a recorded answer shows. Auth, keys and SDK rows need a live target. */
    private static final List<String> JUDGED_FROM_RECORDINGS = List.of("CHAT-", "STREAM-", "ERR-", "RESP-001", "RESP-002",
            "RESP-003", "RESP-004", "RESP-005");

    private static void skipIfARecordingCannotJudgeIt(TargetSession session) {
        Verifies verifies = runningCheck();
        if (!session.replaying() || verifies == null) {
            return;
        }
        for (String id : verifies.value()) {
            if (JUDGED_FROM_RECORDINGS.stream().noneMatch(id::startsWith)) {
                throw new SkipException("needs a live target: " + id + " cannot be judged from a recording ("
                        + Setting.RECORDING.env() + " is set)");
            }
        }
    }

    private static boolean judgedFromRecordings(Verifies verifies) {
        return verifies != null && Arrays.stream(verifies.value()).allMatch(id -> JUDGED_FROM_RECORDINGS.stream().anyMatch(id::startsWith));
    }

    private static Verifies runningCheck() {
        ITestResult current = Reporter.getCurrentTestResult();
        Method method = current == null ? null : current.getMethod().getConstructorOrMethod().getMethod();
        return method == null ? null : method.getAnnotation(Verifies.class);
    }

    /** This run's cost and timing figures. */
    protected RunMetrics metrics() {
        return session().metrics();
    }

    protected TargetClient target() {
        return session().client();
    }

    protected String model() {
        return session().model();
    }

    /** A non-stream chat completion with these credentials: one short message, a small max_tokens. */
    protected Exchange chat(Credentials credentials) {
        return target().post(CHAT, credentials, ChatRequests.minimal(model()));
    }

    protected Exchange chatStream(Credentials credentials) {
        return target().post(CHAT, credentials, ChatRequests.streaming(model()));
    }

    /**
     * Skips a check whose request a recording cannot tell apart from another (a developer message, a parameter), so
     * that a recorded answer to a different question is never judged as the answer to this one.
     */
    protected void needsALiveTarget(String what) {
        if (session().replaying()) {
            throw new SkipException("needs a live target: a recording does not show " + what + " ("
                    + Setting.RECORDING.env() + " is set)");
        }
    }

    /**
     * Chat completions with the configured key. A stream that came back cut short (no choice finished) is asked again
     * with nothing else of the run in flight, and that answer is the one judged ({@link AskedAlone}); a recording is
     * judged as recorded.
     */
    protected Exchange postChat(String body) {
        Exchange first = target().post(CHAT, target().validKey(), body);
        if (session().replaying() || !CutStream.isCut(first)) {
            return first;
        }
        return AskedAlone.ifCut(first, CutStream::isCut, () -> target().post(CHAT, target().validKey(), body), target().courtesy(),
                CutStream::describe);
    }

    /**
     * Chat completions with a body that fails validation (no messages) and these credentials and headers: the auth
     * outcome on the route that matters, with no inference. Compare two of these rather than expect one status.
     */
    protected Exchange chatAuthOutcome(Credentials credentials, Map<String, String> headers) {
        return target().send(io.restassured.http.Method.POST, CHAT, credentials, ChatRequests.withoutMessages(model()), headers); // qualified: reflect's Method is imported
    }

    /** GET the profile's auth probe: an endpoint that needs a valid key and runs no model (models, or OpenRouter's /key). */
    protected Exchange probe(Credentials credentials) {
        return target().get(session().profile().authProbe(), credentials);
    }

    /**
     * A chat request that uses an optional feature, with the configured key: the answer when it was served; skipped
     * or failed as {@link OptionalFeatures#served} says when it was not.
     */
    protected Exchange askWith(Feature feature, String body) {
        Exchange exchange = postChat(body);
        OptionalFeatures.served(exchange, feature, session().profile());
        return exchange;
    }

    /**
     * Polls the auth probe until the key stops working, as a revoked key's refusal propagates through a gateway's
     * caches; the refusing answer, or empty once the window passed. Polls run on the check's own thread, so each probe
     * is attached to the check, and the time between polls counts in the check's chain of waits.
     */
    protected Optional<Exchange> awaitRefusal(Credentials key, Duration window) {
        AtomicReference<Exchange> last = new AtomicReference<>();
        long start = System.nanoTime();
        long requestsBefore = metrics().currentChainMillis();
        try {
            Awaitility.await().atMost(window).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(POLL).until(() -> {
                last.set(probe(key));
                return last.get().status() / 100 != 2;
            });
            return Optional.of(last.get());
        } catch (ConditionTimeoutException stillAccepted) {
            return Optional.empty();
        } finally {
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            metrics().waited(Math.max(0, elapsed - (metrics().currentChainMillis() - requestsBefore)));
            Timings.add("polling revoked keys (summed over checks)", elapsed);
        }
    }

    private static final Duration POLL = Duration.ofMillis(500);

    private static void skipIfProfileDocumentsADeviation(TargetSession session) {
        Verifies verifies = runningCheck();
        if (verifies == null) {
            return;
        }
        for (String id : verifies.value()) {
            String note = session.profile().deviations().get(id);
            if (note != null) {
                throw new SkipException("the '" + session.profile().name() + "' profile documents a deviation from " + id + ": " + note);
            }
        }
    }
}
