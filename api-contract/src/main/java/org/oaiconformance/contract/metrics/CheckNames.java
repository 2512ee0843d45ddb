package org.oaiconformance.contract.metrics;

import org.oaiconformance.contract.secrets.SecretMasker;
import org.testng.ITestResult;
import org.testng.Reporter;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How a check invocation is named in outcomes and metrics: {@code Class.method[parameters]}, masked. */
public final class CheckNames {
    private CheckNames() {
    }

    public static String of(ITestResult result) {
        String name = result.getTestClass().getRealClass().getSimpleName() + "." + result.getMethod().getMethodName();
        Object[] parameters = result.getParameters();
        if (parameters == null || parameters.length == 0) {
            return name;
        }
        return SecretMasker.mask(name + Arrays.stream(parameters).map(String::valueOf).collect(Collectors.joining(", ", "[", "]")));
    }

    /** The check running on this thread, or "setup" outside one (class set-up, the SDK installs). */
    public static String current() {
        ITestResult result = Reporter.getCurrentTestResult();
        return result == null ? "setup" : of(result);
    }
}
