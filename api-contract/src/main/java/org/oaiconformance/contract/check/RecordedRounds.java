package org.oaiconformance.contract.check;

import io.qameta.allure.Allure;
import io.qameta.allure.model.StepResult;
import org.oaiconformance.contract.http.NotRecorded;
import org.oaiconformance.contract.outcome.Failure;
import org.oaiconformance.contract.outcome.JudgedOutcome;
import org.oaiconformance.contract.outcome.Markup;
import org.oaiconformance.contract.outcome.Observations;
import org.oaiconformance.contract.outcome.RunningCheck;
import org.oaiconformance.contract.outcome.Status;
import org.oaiconformance.contract.recording.ReplayRound;
import org.oaiconformance.contract.secrets.SecretMasker;
import org.testng.IHookCallBack;
import org.testng.ITestResult;
import org.testng.SkipException;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A check over a recording, judged on every recorded answer of the kinds it asks for: run once per round (round n is
 * answered by the n-th recorded exchange of each kind), each round an Allure step named by the exchanges that
 * answered it. It fails if any round failed, naming each failing exchange by file and entry; passes if a round was
 * judged and none failed; is skipped if no round could be judged. What was judged is noted as an observation.
 */
final class RecordedRounds {
    /** The failing exchanges a message names before it says how many more there are. */
    private static final int NAMED = 5;

    private RecordedRounds() {
    }

    private record Round(String answeredBy, Throwable thrown) {
    }

    static void judge(IHookCallBack callBack, ITestResult result, int rounds) {
        List<String> passed = new ArrayList<>();
        List<Round> failed = new ArrayList<>();
        String skipped = null;
        for (int n = 0; n < rounds; n++) {
            Round round = run(callBack, result, n);
            if (round.thrown() == null) {
                passed.add(round.answeredBy());
            } else if (round.thrown() instanceof SkipException skip) {
                skipped = skipped == null ? skip.getMessage() : skipped;
                if (skip instanceof NotRecorded && round.answeredBy() == null) {
                    break; // nothing of the kinds this check asks for is left to answer the next rounds
                }
            } else {
                failed.add(round);
            }
        }
        result.setAttribute(JudgedOutcome.ATTRIBUTE, verdict(result, passed, failed, skipped));
    }

    private static Round run(IHookCallBack callBack, ITestResult result, int n) {
        String step = UUID.randomUUID().toString();
        Allure.getLifecycle().startStep(step, new StepResult().setName("recorded answers, round " + (n + 1)));
        ReplayRound.begin(n);
        result.setThrowable(null);
        Throwable thrown;
        Set<String> sources;
        try {
            callBack.runTestMethod(result);
        } finally {
            thrown = result.getThrowable();
            sources = ReplayRound.end();
        }
        while (thrown instanceof InvocationTargetException wrapped && wrapped.getCause() != null) {
            thrown = wrapped.getCause(); // TestNG's hook callback hands over the reflective wrapper
        }
        String answeredBy = sources.isEmpty() ? null : String.join(", ", sources.stream().sorted().toList());
        io.qameta.allure.model.Status status = thrown == null ? io.qameta.allure.model.Status.PASSED // qualified: Allure's Status beside ours
                : thrown instanceof SkipException ? io.qameta.allure.model.Status.SKIPPED // qualified: Allure's Status beside ours
                : Failure.of(thrown) != null && Failure.of(thrown).status() == Status.FAILED ? io.qameta.allure.model.Status.FAILED // qualified: Allure's
                : io.qameta.allure.model.Status.BROKEN; // qualified: Allure's Status beside ours
        String name = "recorded answer" + (answeredBy == null ? " (round " + (n + 1) + "): none of its kind left" : ": " + answeredBy);
        Allure.getLifecycle().updateStep(step, s -> s.setName(Markup.html(SecretMasker.maskLine(name))).setStatus(status));
        Allure.getLifecycle().stopStep(step);
        return new Round(answeredBy, thrown);
    }

    private static JudgedOutcome verdict(ITestResult result, List<String> passed, List<Round> failed, String skipped) {
        int judged = passed.size() + failed.size();
        if (judged == 0) {
            return new JudgedOutcome(ITestResult.SKIP, new SkipException(skipped == null ? "no recorded answer to judge" : skipped));
        }
        List<String> requirements = RunningCheck.requirementsOf(result);
        String requirement = requirements.isEmpty() ? RunningCheck.OUTSIDE_A_CHECK : requirements.get(0);
        if (failed.isEmpty()) {
            Observations.record("judged on " + judged + " recorded answer" + (judged == 1 ? "" : "s") + ": " + named(passed));
            return new JudgedOutcome(ITestResult.SUCCESS, null);
        }
        boolean anyFailed = failed.stream().anyMatch(r -> Failure.of(r.thrown()) != null && Failure.of(r.thrown()).status() == Status.FAILED);
        StringBuilder text = new StringBuilder("on " + failed.size() + " of " + judged + " recorded answers: ");
        for (int i = 0; i < Math.min(NAMED, failed.size()); i++) {
            Round round = failed.get(i);
            Failure failure = Failure.of(round.thrown());
            text.append(i == 0 ? "" : "; ").append('[').append(round.answeredBy() == null ? "no recorded answer" : round.answeredBy())
                    .append("] ").append(failure != null ? failure.text() : String.valueOf(round.thrown().getMessage()));
        }
        if (failed.size() > NAMED) {
            text.append("; and ").append(failed.size() - NAMED).append(" more");
        }
        List<String> failing = failed.stream().map(r -> r.answeredBy() == null ? "a round no recorded answer reached" : r.answeredBy()).toList();
        Observations.record("judged on " + judged + " recorded answer" + (judged == 1 ? "" : "s") + "; failed on " + named(failing));
        Throwable thrown = new Failure(requirement, anyFailed ? Status.FAILED : Status.BROKEN, text.toString()).toThrowable();
        thrown.setStackTrace(failed.get(0).thrown().getStackTrace());
        return new JudgedOutcome(ITestResult.FAILURE, thrown);
    }

    private static String named(List<String> sources) {
        List<String> known = sources.stream().filter(Objects::nonNull).toList();
        return known.size() <= NAMED ? String.join("; ", known)
                : String.join("; ", known.subList(0, NAMED)) + "; and " + (known.size() - NAMED) + " more";
    }
}
