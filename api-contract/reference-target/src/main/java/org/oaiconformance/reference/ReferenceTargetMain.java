package org.oaiconformance.reference;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the reference target as its own process, to point the suite (or curl, or an SDK) at it:
 * {@code REFERENCE_TARGET_API_KEY=... java -cp openai-conformance-VERSION.jar -Dreference.port=8089
 * -Dreference.switches=ACCEPT_ANY_KEY org.oaiconformance.reference.ReferenceTargetMain}. Keys come from the environment and are never printed:
 * REFERENCE_TARGET_API_KEY (required) and REFERENCE_TARGET_ADMIN_KEY (optional, for the key management routes).
 * {@code -Dreference.createdKeyPrefix} gives the keys its key API creates another shape (default {@code sk-ref-v1-}).
 * {@code -Dreference.modelSwitches=reference-large=SWITCH+SWITCH;reference-medium=SWITCH} makes one served model deviate.
 */
public final class ReferenceTargetMain {

    private ReferenceTargetMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String key = System.getenv("REFERENCE_TARGET_API_KEY");
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("set REFERENCE_TARGET_API_KEY to the key the target should accept");
        }
        int port = Integer.parseInt(System.getProperty("reference.port", "8089"));
        Set<Switch> switches = EnumSet.noneOf(Switch.class);
        String raw = System.getProperty("reference.switches", "");
        Arrays.stream(raw.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .forEach(s -> switches.add(Switch.valueOf(s.toUpperCase(Locale.ROOT))));
        ReferenceTarget target = ReferenceTarget.start(switches, port, key,
                Duration.ofMillis(Long.parseLong(System.getProperty("reference.revocationDelayMs", "0"))),
                System.getenv("REFERENCE_TARGET_ADMIN_KEY"), System.getProperty("reference.createdKeyPrefix", "sk-ref-v1-"))
                .withAddedLatency(Duration.ofMillis(Long.getLong("reference.latencyMs", 0)));
        for (String entry : System.getProperty("reference.modelSwitches", "").split(";")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                Set<Switch> deviations = EnumSet.noneOf(Switch.class);
                Arrays.stream(entry.substring(eq + 1).split("\\+")).map(String::strip).filter(s -> !s.isEmpty())
                        .forEach(s -> deviations.add(Switch.valueOf(s.toUpperCase(Locale.ROOT))));
                target.withModelSwitches(entry.substring(0, eq).strip(), deviations);
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(target::close));
        System.out.println("[reference-target] listening at " + target.baseUrl() + " with switches " + switches);
        new CountDownLatch(1).await();
    }
}
