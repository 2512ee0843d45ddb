package org.oaiconformance.contract.run;

import org.oaiconformance.contract.http.TargetClient;
import org.oaiconformance.contract.reference.ReferenceTarget;
import org.oaiconformance.contract.settings.BaseUrl;
import org.oaiconformance.contract.settings.Profile;
import org.oaiconformance.contract.settings.TargetSettings;

/**
 * The target this JVM's checks talk to: resolved from the settings on first use (starting the embedded reference
 * target when no base URL is given) and closed when the TestNG run ends. The project's own tests install a session
 * of their choosing instead, pointing at a switched reference target.
 */
public final class TargetSession implements AutoCloseable {
    private static TargetSession installed;
    private static TargetSession opened;
    private static RuntimeException openFailure;

    private final TargetClient client;
    private final TargetInfo info;
    private final String model;
    private final ReferenceTarget embedded;

    private TargetSession(TargetClient client, TargetInfo info, String model, ReferenceTarget embedded) {
        this.client = client;
        this.info = info;
        this.model = model;
        this.embedded = embedded;
    }

    /** The session checks use: the installed one, else the one opened from the settings (opened now if needed). */
    public static synchronized TargetSession current() {
        if (installed != null) {
            return installed;
        }
        if (opened == null && openFailure == null) {
            try {
                opened = open(TargetSettings.fromEnvironment());
            } catch (RuntimeException e) {
                openFailure = e; // every check reports the same short reason; nothing retries a bad setting
            }
        }
        if (openFailure != null) {
            throw openFailure;
        }
        return opened;
    }

    /** The session for these settings; for an embedded target, a reference target is started now. */
    public static TargetSession open(TargetSettings settings) {
        if (settings.embedded()) {
            ReferenceTarget target = ReferenceTarget.start();
            TargetClient client = new TargetClient(BaseUrl.parse(target.baseUrl()), target.apiKey(), settings.extraHeaders(),
                    settings.connectTimeoutMs(), settings.readTimeoutMs());
            TargetInfo info = new TargetInfo("embedded reference target (127.0.0.1, ephemeral port)" , settings.profile().name(),
                    true, settings.model());
            return new TargetSession(client, info, settings.model(), target);
        }
        TargetClient client = new TargetClient(settings.baseUrl(), settings.apiKey(), settings.extraHeaders(),
                settings.connectTimeoutMs(), settings.readTimeoutMs());
        return new TargetSession(client, new TargetInfo(settings.baseUrl().toString(), settings.profile().name(), false,
                settings.model()), settings.model(), null);
    }

    /** A session on a reference target the caller started (and will stop), for the project's own tests. */
    public static TargetSession of(ReferenceTarget target) {
        TargetClient client = new TargetClient(BaseUrl.parse(target.baseUrl()), target.apiKey(), java.util.Map.of(), 5_000, 10_000);
        TargetInfo info = new TargetInfo(target.baseUrl(), Profile.load("reference").name(), true, ReferenceTarget.MODEL);
        return new TargetSession(client, info, ReferenceTarget.MODEL, null);
    }

    public static synchronized void install(TargetSession session) {
        installed = session;
    }

    public static synchronized void uninstall() {
        installed = null;
    }

    /** Info for the outcome file, without opening anything. */
    static synchronized TargetInfo currentInfo() {
        TargetSession session = installed != null ? installed : opened;
        return session == null ? null : session.info;
    }

    static synchronized String openFailureMessage() {
        return openFailure == null ? null : openFailure.getMessage();
    }

    /** Closes the session opened from the settings, if any. */
    static synchronized void closeOpened() {
        if (opened != null) {
            opened.close();
            opened = null;
        }
    }

    public TargetClient client() {
        return client;
    }

    public String model() {
        return model;
    }

    public TargetInfo info() {
        return info;
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
