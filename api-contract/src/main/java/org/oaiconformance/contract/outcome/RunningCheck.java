package org.oaiconformance.contract.outcome;

import org.oaiconformance.contract.catalogue.Verifies;
import org.testng.ITestResult;
import org.testng.Reporter;

import java.lang.reflect.Method;
import java.util.List;

/** The check TestNG runs on this thread, and the requirement its {@link Verifies} names: an ID is typed once per check. */
public final class RunningCheck {
    /** What a failure outside any check (a set-up step) is filed under. */
    public static final String OUTSIDE_A_CHECK = "setup";

    private RunningCheck() {
    }

    /** The running check's requirement, or {@link #OUTSIDE_A_CHECK}. */
    public static String requirement() {
        List<String> ids = requirementsOf(Reporter.getCurrentTestResult());
        return ids.isEmpty() ? OUTSIDE_A_CHECK : ids.get(0);
    }

    /** The requirements a TestNG result's method verifies; empty for a method that is no check. */
    public static List<String> requirementsOf(ITestResult result) {
        Method method = result == null ? null : result.getMethod().getConstructorOrMethod().getMethod();
        Verifies verifies = method == null ? null : method.getAnnotation(Verifies.class);
        return verifies == null ? List.of() : List.of(verifies.value());
    }
}
