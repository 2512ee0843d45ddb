package org.oaiconformance.contract.outcome;

import io.qameta.allure.Allure;
import org.oaiconformance.contract.secrets.SecretMasker;

import java.util.ArrayList;
import java.util.List;

/**
 * What a check saw that is worth reporting even when it passes: how the target treated a key in a non-standard
 * form, how many seconds a revocation took. Shown in the Allure result and in the summary next to the check.
 */
public final class Observations {
    private static final ThreadLocal<List<String>> CURRENT = ThreadLocal.withInitial(ArrayList::new);

    private Observations() {
    }

    public static void record(String observation) {
        String masked = SecretMasker.maskLine(observation);
        CURRENT.get().add(masked);
        Allure.step("Observed: " + Markup.html(masked)); // Allure 2.34 renders step names as HTML
    }

    /** Returns and clears what the current thread's check observed. */
    public static String drain() {
        List<String> notes = CURRENT.get();
        String joined = notes.isEmpty() ? null : String.join("; ", notes);
        notes.clear();
        return joined;
    }
}
