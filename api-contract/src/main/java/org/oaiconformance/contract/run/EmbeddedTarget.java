package org.oaiconformance.contract.run;

import org.oaiconformance.contract.settings.Setting;
import org.oaiconformance.contract.settings.SettingsError;

import java.time.Duration;
import java.util.ServiceLoader;

/**
 * A conforming target started on loopback when no base URL is set. The harness never compiles against one: the
 * reference target's module registers its {@link Starter} with {@link ServiceLoader}, and only a run that needs it
 * looks it up, so a build that judges a remote gateway need not carry it at all.
 */
public interface EmbeddedTarget extends AutoCloseable {

    String baseUrl();

    String apiKey();

    /** The key its key-management routes accept. */
    String adminKey();

    @Override
    void close();

    /** Starts one; registered in {@code META-INF/services/org.oaiconformance.contract.run.EmbeddedTarget$Starter}. */
    interface Starter {
        EmbeddedTarget start(Duration revocationDelay, Duration addedLatency);
    }

    /** The one starter on the class path, or a settings error saying what to add or set instead. */
    static EmbeddedTarget start(Duration revocationDelay, Duration addedLatency) {
        return ServiceLoader.load(Starter.class).findFirst()
                .orElseThrow(() -> new SettingsError(Setting.BASE_URL, "is not set, and no embedded reference target is on the class path "
                        + "(add org.oaiconformance:reference-target to run without a target)"))
                .start(revocationDelay, addedLatency);
    }
}
