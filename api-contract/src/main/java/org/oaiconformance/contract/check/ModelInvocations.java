package org.oaiconformance.contract.check;

import io.qameta.allure.Allure;
import io.qameta.allure.model.Parameter;
import org.oaiconformance.contract.outcome.CheckOutcome;
import org.oaiconformance.contract.outcome.Markup;
import org.oaiconformance.contract.run.TargetSession;
import org.testng.ITestResult;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which model each invocation of a per-model check judges: TestNG runs such a check once per model
 * ({@link ParallelChecks}), and the n-th invocation of a check judges the n-th model. The outcome and the Allure
 * result name the model, so a reviewer filters the report by it and no model's result hides another's.
 */
final class ModelInvocations {
    /** The attribute the conformance listener reads the invocation's model from. */
    static final String ATTRIBUTE = CheckOutcome.MODEL_ATTRIBUTE;
    /** Per check instance (weakly, so a finished run's instances go), per method: invocations so far. */
    private static final Map<Object, Map<String, AtomicInteger>> COUNTS = Collections.synchronizedMap(new WeakHashMap<>());

    private ModelInvocations() {
    }

    /** Whether a check of this class runs once per model in this session ({@link PerModel}). */
    static boolean applies(Class<?> checks, TargetSession session) {
        PerModel perModel = checks.getAnnotation(PerModel.class);
        return perModel != null && !session.models().isEmpty() && (!perModel.whenAsked() || session.sdkRowsForEveryModel());
    }

    static String next(Object instance, ITestResult result, List<String> models) {
        Map<String, AtomicInteger> counts = COUNTS.computeIfAbsent(instance, k -> new ConcurrentHashMap<>());
        // A data-driven check runs each row once per model: count per row.
        String invocation = result.getMethod().getQualifiedName() + Arrays.toString(result.getParameters());
        String model = models.get(counts.computeIfAbsent(invocation, k -> new AtomicInteger()).getAndIncrement() % models.size());
        result.setAttribute(ATTRIBUTE, model);
        Allure.getLifecycle().updateTestCase(test -> {
            // Allure 2.34 renders a parameter value as HTML (a value starting "x://" through its link helper): escaped here,
            // though the ids a run judges already passed ModelIds' rule
            test.getParameters().add(new Parameter().setName("model").setValue(Markup.html(model)));
            // Allure takes results with one history id for retries of one test and shows only the last: one per model.
            test.setHistoryId(HexFormat.of().formatHex(md5(invocation + " " + model)));
        });
        return model;
    }

    private static byte[] md5(String text) {
        try {
            return MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
