package org.oaiconformance.contract.check;

import org.oaiconformance.contract.run.TargetSession;
import org.oaiconformance.contract.settings.SettingsError;
import org.oaiconformance.contract.settings.TargetSettings;
import org.testng.IAlterSuiteListener;
import org.testng.IAnnotationTransformer;
import org.testng.annotations.IDataProviderAnnotation;
import org.testng.annotations.ITestAnnotation;
import org.testng.xml.XmlSuite;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Runs checks concurrently on a bounded pool: test methods, and the rows of every data provider, in parallel. Checks
 * are independent by design — each creates what it needs (its own keys) and a key's create → use → revoke → poll
 * happen in order inside one check — so only {@code dependsOnMethods} (honoured by TestNG) could order two of them.
 * How many requests are in flight is bounded by the run's courtesy limits, which the pool is sized from.
 */
public final class ParallelChecks implements IAlterSuiteListener, IAnnotationTransformer {

    /**
     * Threads per permit: a thread waiting for a permit costs nothing, and with more threads than permits every
     * check — the long ones that wait on a revocation too — starts at once and takes its turn for the wire.
     */
    private static final int THREADS_PER_PERMIT = 4;

    @Override
    public void alter(List<XmlSuite> suites) {
        int threads = poolSize() * THREADS_PER_PERMIT;
        for (XmlSuite suite : suites) {
            if (!onlyChecks(suite)) {
                continue; // the project's own tests keep TestNG's defaults
            }
            suite.setParallel(XmlSuite.ParallelMode.METHODS);
            suite.setThreadCount(threads);
            suite.setDataProviderThreadCount(threads);
        }
    }

    @Override
    public void transform(IDataProviderAnnotation annotation, Method method) {
        annotation.setParallel(true);
    }

    /**
     * A check of a {@link PerModel} class runs once per model the run judges, the invocations side by side (a
     * data-driven check: every row once per model). Knowing the models opens the run's session here, before any check.
     */
    @Override
    public void transform(ITestAnnotation annotation, Class testClass, Constructor testConstructor,
                          Method method) {
        if (method == null || !method.getDeclaringClass().isAnnotationPresent(PerModel.class)) {
            return;
        }
        int models = modelsInRun(method.getDeclaringClass());
        if (models > 1) {
            annotation.setInvocationCount(models);
            annotation.setThreadPoolSize(models);
        }
    }

    /** How many models the class's checks judge in this run; 1 when the settings cannot be read (every check then reports why). */
    private static int modelsInRun(Class<?> checks) {
        try {
            TargetSession session = TargetSession.current();
            return ModelInvocations.applies(checks, session) ? Math.max(1, session.models().size()) : 1;
        } catch (RuntimeException reportedByTheChecks) {
            return 1;
        }
    }

    private static boolean onlyChecks(XmlSuite suite) {
        List<String> classes = suite.getTests().stream().flatMap(t -> t.getXmlClasses().stream()).map(c -> c.getName()).toList();
        return !classes.isEmpty() && classes.stream().allMatch(ParallelChecks::isCheckClass);
    }

    private static boolean isCheckClass(String name) {
        try {
            return ConformanceChecks.class.isAssignableFrom(
                    Class.forName(name, false, Thread.currentThread().getContextClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** This JVM's share of the run's concurrency; a bad value is reported by the session, not here. */
    static int poolSize() {
        int concurrency = TargetSettings.RunLimits.DEFAULT.concurrency();
        try {
            concurrency = TargetSettings.fromEnvironment().limits().concurrency();
        } catch (SettingsError reportedElsewhere) {
            // the preflight and the target session name the setting
        }
        int modules = Math.max(1, Integer.getInteger(TargetSession.PARALLEL_MODULES_PROPERTY, 1));
        return Math.max(1, concurrency / modules);
    }
}
