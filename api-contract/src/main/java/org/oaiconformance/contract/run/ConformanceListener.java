package org.oaiconformance.contract.run;

import com.sun.management.OperatingSystemMXBean;
import org.oaiconformance.contract.catalogue.RequirementCatalogue;
import org.oaiconformance.contract.catalogue.Verifies;
import org.oaiconformance.contract.http.TargetMisbehaved;
import org.oaiconformance.contract.http.TargetUnavailable;
import org.oaiconformance.contract.metrics.CheckNames;
import org.oaiconformance.contract.metrics.Timings;
import org.oaiconformance.contract.outcome.CheckFailed;
import org.oaiconformance.contract.outcome.CheckOutcome;
import org.oaiconformance.contract.outcome.CouldNotJudge;
import org.oaiconformance.contract.outcome.Failure;
import org.oaiconformance.contract.outcome.JudgedOutcome;
import org.oaiconformance.contract.outcome.Observations;
import org.oaiconformance.contract.outcome.RunningCheck;
import org.oaiconformance.contract.outcome.SdkRow;
import org.oaiconformance.contract.outcome.Status;
import org.oaiconformance.contract.secrets.MaskedException;
import org.oaiconformance.contract.secrets.SecretMasker;
import org.oaiconformance.contract.settings.Setting;
import org.testng.IExecutionListener;
import org.testng.IInvokedMethod;
import org.testng.IInvokedMethodListener;
import org.testng.ITestListener;
import org.testng.ITestResult;
import org.testng.SkipException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

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
    private final AtomicLong firstCheckStart = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastCheckEnd = new AtomicLong();
    /** Check class → {first start, last end}, epoch ms. */
    private final Map<String, long[]> classSpans = new ConcurrentHashMap<>();

    /** The outcomes of the most recent TestNG run in this JVM; the project's own tests read them. */
    public static List<CheckOutcome> lastExecution() {
        return lastExecution;
    }


    /** The progress lines of a run that writes its outcomes (not of the project's own tests), or null. */
    private Progress progress;

    @Override
    public void onExecutionStart() {
        Setting.captureSecretProperties();
        startedAt = Instant.now();
        outcomes.clear();
        String dir = System.getProperty(OUTCOMES_DIR_PROPERTY);
        if (dir != null && !dir.isBlank()) {
            progress = new Progress(() -> {
                synchronized (outcomes) {
                    return List.copyOf(outcomes);
                }
            }, RequirementCatalogue.load().all().size());
        }
        firstCheckStart.set(Long.MAX_VALUE);
        lastCheckEnd.set(0);
    }

    @Override
    public void afterInvocation(IInvokedMethod method, ITestResult result) {
        JudgedOutcome.applyTo(result); // a check judged over every recorded answer
        if (result.getThrowable() != null) {
            result.setThrowable(masked(asFailureIfTheTargetMisbehaved(result)));
        }
    }

    /** A copy safe to report: the masked message; a {@link Failure} stays a Failure (with its text masked) for the summary to read. */
    private static Throwable masked(Throwable thrown) {
        Failure failure = Failure.of(thrown);
        if (failure == null) {
            return MaskedException.mask(thrown);
        }
        Throwable copy = failure.withText(SecretMasker.maskLine(failure.text())).toThrowable();
        copy.setStackTrace(thrown.getStackTrace());
        return copy;
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
                List<String> ids = RunningCheck.requirementsOf(result);
                String requirement = ids.isEmpty() ? RunningCheck.OUTSIDE_A_CHECK : ids.get(0);
                Throwable replacement;
                if (cause instanceof TargetMisbehaved) {
                    result.setStatus(ITestResult.FAILURE);
                    replacement = new CheckFailed(requirement, cause.getMessage());
                } else {
                    replacement = new CouldNotJudge(requirement, cause.getMessage());
                }
                replacement.setStackTrace(thrown.getStackTrace());
                return replacement;
            }
        }
        return thrown;
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

    @Override
    public void onExecutionFinish() {
        if (progress != null) {
            progress.close();
        }
        lastExecution = List.copyOf(outcomes);
        try {
            String dir = System.getProperty(OUTCOMES_DIR_PROPERTY);
            if (dir != null && !dir.isBlank()) {
                String module = System.getProperty(MODULE_PROPERTY, "checks");
                new ModuleRun(module, TargetSession.currentInfo(), startedAt.toString(),
                        Instant.now().toEpochMilli() - startedAt.toEpochMilli(), TargetSession.currentMetrics(),
                        TargetSession.openFailureMessage(), List.copyOf(outcomes), TargetSession.currentSdkVersions(),
                        lastCheckEnd.get() == 0 ? 0 : firstCheckStart.get(), lastCheckEnd.get(), timings()).write(Path.of(dir));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the conformance outcomes", e);
        } finally {
            TargetSession.endRun();
        }
    }

    /** For scripts/benchmark: JVM start to first check, each check class's span, and {@link Timings}. */
    private Map<String, Long> timings() {
        Map<String, Long> all = new TreeMap<>(Timings.snapshot());
        if (lastCheckEnd.get() > 0) {
            all.put("JVM start to first check", firstCheckStart.get() - ManagementFactory.getRuntimeMXBean().getStartTime());
        }
        classSpans.forEach((name, span) -> all.put("span " + name, span[1] - span[0]));
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            all.put("JVM CPU", os.getProcessCpuTime() / 1_000_000); // the harness's own cost, for CPU per request
        }
        return all;
    }

    private void record(ITestResult result) {
        Method method = result.getMethod().getConstructorOrMethod().getMethod();
        Verifies verifies = method == null ? null : method.getAnnotation(Verifies.class);
        if (verifies == null) {
            return; // not a conformance check
        }
        firstCheckStart.accumulateAndGet(result.getStartMillis(), Math::min);
        classSpans.computeIfAbsent(result.getTestClass().getRealClass().getSimpleName(), k -> new long[] {Long.MAX_VALUE, 0});
        classSpans.computeIfPresent(result.getTestClass().getRealClass().getSimpleName(), (k, span) -> new long[] {
                Math.min(span[0], result.getStartMillis()), Math.max(span[1], result.getEndMillis())});
        lastCheckEnd.accumulateAndGet(result.getEndMillis(), Math::max);
        Status status = statusOf(result);
        Throwable t = result.getThrowable();
        Failure failure = Failure.of(t);
        String message = status == Status.PASSED ? null
                : failure != null ? SecretMasker.maskLine(failure.text())
                : t == null ? "not run: a setup step failed or was skipped" : SecretMasker.maskLine(firstLine(t));
        Object model = result.getAttribute(CheckOutcome.MODEL_ATTRIBUTE);
        outcomes.add(new CheckOutcome(CheckNames.of(result), Arrays.asList(verifies.value()), sdkRowOf(result), status, message,
                result.getEndMillis() - result.getStartMillis(), Observations.drain(), model == null ? null : model.toString()));
    }

    private static String sdkRowOf(ITestResult result) {
        Object[] parameters = result.getParameters();
        return parameters == null ? null : Arrays.stream(parameters).filter(SdkRow.class::isInstance)
                .map(p -> SecretMasker.maskLine(((SdkRow) p).row())).findFirst().orElse(null);
    }

    /** Allure's mapping, kept honest: assertion → failed, SkipException → skipped, anything else → broken. */
    static Status statusOf(ITestResult result) {
        Throwable t = result.getThrowable();
        return switch (result.getStatus()) {
            case ITestResult.SUCCESS -> Status.PASSED;
            case ITestResult.FAILURE, ITestResult.SUCCESS_PERCENTAGE_FAILURE ->
                    t instanceof AssertionError ? Status.FAILED : Status.BROKEN;
            case ITestResult.SKIP -> t instanceof SkipException ? Status.SKIPPED : Status.BROKEN;
            default -> Status.BROKEN;
        };
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse(text);
    }

    private static String firstLine(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getName() : t.getMessage();
        if (!(t instanceof AssertionError) && !(t instanceof SkipException) && t.getMessage() != null
                && !message.startsWith(t.getClass().getName())) {
            message = t.getClass().getSimpleName() + ": " + message;
        }
        return message.lines().findFirst().orElse(message);
    }
}
