package org.oaiconformance.contract.run;

import org.oaiconformance.contract.metrics.CheckNames;
import org.oaiconformance.contract.metrics.RunMetrics;
import org.oaiconformance.contract.catalogue.Verifies;
import org.oaiconformance.contract.http.TargetMisbehaved;
import org.oaiconformance.contract.http.TargetUnavailable;
import org.oaiconformance.contract.secrets.MaskedException;
import org.oaiconformance.contract.secrets.SecretMasker;
import org.oaiconformance.contract.settings.Setting;
import org.oaiconformance.contract.settings.TargetSettings;
import org.testng.IExecutionListener;
import org.testng.IInvokedMethod;
import org.testng.IInvokedMethodListener;
import org.testng.ITestListener;
import org.testng.ITestResult;
import org.testng.SkipException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Registered with TestNG through the service loader, so every run of checks has it:
 * <ul>
 *   <li>masks every check's exception before any reporter (Allure, Failsafe) sees it;</li>
 *   <li>turns each check's result into a {@link CheckOutcome} for the requirements it {@link Verifies};</li>
 *   <li>at the end writes the module's {@link ModuleRun} when {@code conformance.outcomes.dir} is set, and stops
 *       the target session it opened.</li>
 * </ul>
 */
public final class ConformanceListener implements IExecutionListener, IInvokedMethodListener, ITestListener {
    public static final String OUTCOMES_DIR_PROPERTY = "conformance.outcomes.dir";
    public static final String MODULE_PROPERTY = "conformance.module";
    private static volatile List<CheckOutcome> lastExecution = List.of();

    private final List<CheckOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    private Instant startedAt = Instant.now();
    private final java.util.concurrent.atomic.AtomicLong firstCheckStart = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
    private final java.util.concurrent.atomic.AtomicLong lastCheckEnd = new java.util.concurrent.atomic.AtomicLong();

    /** The outcomes of the most recent TestNG run in this JVM; the project's own tests read them. */
    public static List<CheckOutcome> lastExecution() {
        return lastExecution;
    }

    /** Share of the run's deadline after which checks are stopped, leaving the rest to write results and the report. */
    private static final double CHECKS_SHARE_OF_DEADLINE = 0.9;
    private java.util.concurrent.ScheduledFuture<?> deadline;

    @Override
    public void onExecutionStart() {
        Setting.captureSecretProperties();
        startedAt = Instant.now();
        RunMetrics.reset();
        deadline = scheduleRunDeadline();
        outcomes.clear();
        firstCheckStart.set(Long.MAX_VALUE);
        lastCheckEnd.set(0);
    }

    @Override
    public void afterInvocation(IInvokedMethod method, ITestResult result) {
        if (result.getThrowable() != null) {
            result.setThrowable(MaskedException.mask(asFailureIfTheTargetMisbehaved(result)));
        }
    }

    /**
     * A target that broke a bound (an answer that never ends, or too large to read) broke the contract: the check
     * fails with the reason, naming its requirement. A target that gave nothing to judge (no answer, a reset, not
     * HTTP) leaves the check broken, with that reason as its one line instead of a stack of wrappers.
     */
    private static Throwable asFailureIfTheTargetMisbehaved(ITestResult result) {
        Throwable thrown = result.getThrowable();
        for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof TargetMisbehaved || cause instanceof TargetUnavailable) {
                Method method = result.getMethod().getConstructorOrMethod().getMethod();
                Verifies verifies = method == null ? null : method.getAnnotation(Verifies.class);
                String requirement = verifies == null ? "" : "[" + verifies.value()[0] + "] ";
                Throwable replacement;
                if (cause instanceof TargetMisbehaved) {
                    result.setStatus(ITestResult.FAILURE);
                    replacement = new AssertionError(requirement + cause.getMessage());
                } else {
                    replacement = new CouldNotJudge(requirement + "cannot judge: " + cause.getMessage());
                }
                replacement.setStackTrace(thrown.getStackTrace());
                return replacement;
            }
        }
        return thrown;
    }

    /** The check is broken: the target gave the suite nothing to judge. */
    static final class CouldNotJudge extends RuntimeException {
        CouldNotJudge(String message) {
            super(message);
        }
    }

    @Override
    public void onTestSuccess(ITestResult result) {
        record(result);
    }

    @Override
    public void onTestFailure(ITestResult result) {
        record(result);
    }

    @Override
    public void onTestSkipped(ITestResult result) {
        record(result);
    }

    @Override
    public void onTestFailedButWithinSuccessPercentage(ITestResult result) {
        record(result);
    }

    /**
     * At 90% of the run's deadline no request is sent any more and those in flight are cut: every check still running
     * ends at once, broken with the reason, and the module's results are written as usual with what finished.
     */
    private static java.util.concurrent.ScheduledFuture<?> scheduleRunDeadline() {
        int seconds = TargetSettings.RunLimits.DEFAULT.deadlineSeconds();
        try {
            String raw = Setting.RUN_DEADLINE_S.read();
            seconds = raw == null ? seconds : Math.min(Integer.parseInt(raw), TargetSettings.MAX_DEADLINE_SECONDS);
        } catch (NumberFormatException reportedElsewhere) {
            // the target session names the setting
        }
        String reason = "the run's deadline of " + seconds + " s (" + Setting.RUN_DEADLINE_S.env() + ") was near, so the suite stopped"
                + " its checks to write the report in time";
        return org.oaiconformance.contract.http.Watchdog.after((long) (seconds * 1000L * CHECKS_SHARE_OF_DEADLINE), () -> {
            System.err.println("[conformance] " + reason);
            TargetSession.stopRequests(reason);
        });
    }

    @Override
    public void onExecutionFinish() {
        if (deadline != null) {
            deadline.cancel(false);
        }
        lastExecution = List.copyOf(outcomes);
        try {
            String dir = System.getProperty(OUTCOMES_DIR_PROPERTY);
            if (dir != null && !dir.isBlank()) {
                String module = System.getProperty(MODULE_PROPERTY, "checks");
                new ModuleRun(module, TargetSession.currentInfo(), startedAt.toString(),
                        Instant.now().toEpochMilli() - startedAt.toEpochMilli(), RunMetrics.snapshot(),
                        TargetSession.openFailureMessage(), List.copyOf(outcomes), RunMetrics.sdkVersions(),
                        lastCheckEnd.get() == 0 ? 0 : firstCheckStart.get(), lastCheckEnd.get()).write(Path.of(dir));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the conformance outcomes", e);
        } finally {
            TargetSession.closeOpened();
        }
    }

    private void record(ITestResult result) {
        Method method = result.getMethod().getConstructorOrMethod().getMethod();
        Verifies verifies = method == null ? null : method.getAnnotation(Verifies.class);
        if (verifies == null) {
            return; // not a conformance check
        }
        firstCheckStart.accumulateAndGet(result.getStartMillis(), Math::min);
        lastCheckEnd.accumulateAndGet(result.getEndMillis(), Math::max);
        String status = statusOf(result);
        Throwable t = result.getThrowable();
        String message = status.equals(CheckOutcome.PASSED) ? null
                : t == null ? "not run: a setup step failed or was skipped" : SecretMasker.mask(firstLine(t));
        outcomes.add(new CheckOutcome(CheckNames.of(result), Arrays.asList(verifies.value()), status, message,
                result.getEndMillis() - result.getStartMillis(), Observations.drain()));
    }

    /** Allure's mapping, kept honest: assertion → failed, SkipException → skipped, anything else → broken. */
    static String statusOf(ITestResult result) {
        Throwable t = result.getThrowable();
        return switch (result.getStatus()) {
            case ITestResult.SUCCESS -> CheckOutcome.PASSED;
            case ITestResult.FAILURE, ITestResult.SUCCESS_PERCENTAGE_FAILURE ->
                    t instanceof AssertionError ? CheckOutcome.FAILED : CheckOutcome.BROKEN;
            case ITestResult.SKIP -> t instanceof SkipException ? CheckOutcome.SKIPPED : CheckOutcome.BROKEN;
            default -> CheckOutcome.BROKEN;
        };
    }

    private static String firstLine(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getName() : t.getMessage();
        if (!(t instanceof AssertionError) && !(t instanceof SkipException) && !(t instanceof CouldNotJudge) && t.getMessage() != null
                && !message.startsWith(t.getClass().getName())) {
            message = t.getClass().getSimpleName() + ": " + message;
        }
        return message.lines().findFirst().orElse(message);
    }
}
