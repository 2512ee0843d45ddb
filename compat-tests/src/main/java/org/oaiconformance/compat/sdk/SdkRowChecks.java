package org.oaiconformance.compat.sdk;

import org.oaiconformance.contract.check.ConformanceChecks;
import org.oaiconformance.contract.check.Expect;
import org.oaiconformance.contract.http.Courtesy;
import org.oaiconformance.contract.http.TargetUnavailable;
import org.oaiconformance.contract.outcome.Observations;
import org.oaiconformance.contract.run.TargetSession;
import org.oaiconformance.contract.secrets.SecretMasker;
import org.testng.annotations.DataProvider;

import java.time.Duration;
import java.util.Map;

/**
 * What every SDK-row check shares: the rows (openai-java in process, openai-node, openai-python and the legacy
 * openai-python-0.28 as one process each, curl), the headers each call carries, and how an SDK's answer becomes an
 * observation, a failure, or a check that could not judge.
 */
public abstract class SdkRowChecks extends ConformanceChecks {

    @DataProvider
    public Object[][] sdks() {
        Duration deadline = Duration.ofMillis(target().deadlineMs());
        String base = target().baseUrl().toString();
        Courtesy courtesy = target().courtesy();
        SdkDriver javaSdk = new OpenAiJavaDriver(base, deadline, courtesy);
        SdkDriver curl = CurlDriver.find(base, deadline, courtesy);
        // The processes start side by side: each waits on its runtime, not on the others.
        var node = java.util.concurrent.CompletableFuture.supplyAsync(() -> ProcessSdkDriver.find(ProcessSdkDriver.NODE, base, deadline, courtesy));
        var python = java.util.concurrent.CompletableFuture.supplyAsync(() -> ProcessSdkDriver.find(ProcessSdkDriver.PYTHON, base, deadline, courtesy));
        SdkDriver legacy = ProcessSdkDriver.find(ProcessSdkDriver.PYTHON_LEGACY, base, deadline, courtesy);
        SdkDriver[] rows = {javaSdk, node.join(), python.join(), legacy, curl != null ? curl : MissingRuntime.CURL};
        for (SdkDriver row : rows) {
            if (!(row instanceof MissingRuntime)) {
                metrics().sdkVersion(row.name(), row.version());
            }
        }
        return java.util.Arrays.stream(rows).map(r -> new Object[] {r}).toArray(Object[][]::new);
    }

    /** The configured extra headers (a gateway that routes by header needs them on every request), then the call's own. */
    protected Map<String, String> headers(Map<String, String> call) {
        Map<String, String> all = new java.util.LinkedHashMap<>(target().extraHeaders());
        all.putAll(call);
        return all;
    }

    /** Records what the SDK did; a call that got no HTTP answer leaves the check nothing to judge. */
    protected void observe(SdkDriver sdk, String what, SdkAnswer answer) {
        Observations.record(sdk.name() + " " + sdk.version() + ", " + what + ": " + answer.describe());
        if (answer.noHttpAnswer()) {
            throw failure(sdk, what, answer);
        }
    }

    /**
     * The check's failure; but when no HTTP answer reached the SDK at all (a connection error, a timeout before any
     * status), the target gave nothing to judge and the check is broken instead.
     */
    protected static Error failure(SdkDriver sdk, String expectation, SdkAnswer answer) {
        String stopped = TargetSession.current().client().courtesy().stoppedReason();
        if (answer.noHttpAnswer() && stopped != null) {
            return new NoAnswer(new TargetUnavailable("cut off: " + stopped));
        }
        if (answer.noHttpAnswer()) {
            return new NoAnswer(new TargetUnavailable(SecretMasker.mask(sdk.name() + " " + sdk.version()
                    + " got no HTTP answer: " + answer.describe())));
        }
        return Expect.failure(SecretMasker.mask(sdk.name() + " " + sdk.version() + ": " + expectation
                + "; the SDK gave " + answer.describe()));
    }

    /** Carries the reason a check could not judge; the conformance listener reports it as broken. */
    private static final class NoAnswer extends Error {
        NoAnswer(TargetUnavailable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
