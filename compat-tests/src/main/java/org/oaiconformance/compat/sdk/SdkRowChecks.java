package org.oaiconformance.compat.sdk;

import org.oaiconformance.contract.check.ConformanceChecks;
import org.oaiconformance.contract.check.Expect;
import org.oaiconformance.contract.check.PerModel;
import org.oaiconformance.contract.http.Courtesy;
import org.oaiconformance.contract.http.TargetUnavailable;
import org.oaiconformance.contract.outcome.Observations;
import org.oaiconformance.contract.run.TargetSession;
import org.oaiconformance.contract.secrets.SecretMasker;
import org.oaiconformance.contract.wire.Feature;
import org.testng.SkipException;
import org.testng.annotations.DataProvider;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * What every SDK-row check shares: the rows (openai-java in process, openai-node, openai-python and the legacy
 * openai-python-0.28 as one process each, curl), the headers each call carries, and how an SDK's answer becomes an
 * observation, a failure, or a check that could not judge.
 */
@PerModel(whenAsked = true)
public abstract class SdkRowChecks extends ConformanceChecks {

    @DataProvider
    public Object[][] sdks() {
        Duration deadline = Duration.ofMillis(target().deadlineMs());
        String base = target().baseUrl().toString();
        Courtesy courtesy = target().courtesy();
        SdkDriver javaSdk = new OpenAiJavaDriver(base, deadline, courtesy);
        SdkDriver curl = CurlDriver.find(base, deadline, courtesy);
        // The processes start side by side: each waits on its runtime, not on the others.
        var judging = session().settings().judging();
        Path folder = judging.sdkFolder();
        var node = CompletableFuture.supplyAsync(() -> ProcessSdkDriver.find(ProcessSdkDriver.NODE, folder, base, deadline, courtesy));
        var python = CompletableFuture.supplyAsync(() -> ProcessSdkDriver.find(ProcessSdkDriver.PYTHON, folder, base, deadline,
                courtesy));
        SdkDriver legacy = ProcessSdkDriver.find(ProcessSdkDriver.PYTHON_LEGACY, folder, base, deadline, courtesy);
        SdkDriver[] rows = Stream.of(javaSdk, node.join(), python.join(), legacy, curl != null ? curl : MissingRuntime.CURL)
                .map(row -> row instanceof MissingRuntime missing ? missing.demandedBy(judging.requiredSdks()) : row).toArray(SdkDriver[]::new);
        for (SdkDriver row : rows) {
            if (!(row instanceof MissingRuntime)) {
                metrics().sdkVersion(row.name(), row.version());
            }
        }
        return Arrays.stream(rows).map(r -> new Object[] {r}).toArray(Object[][]::new);
    }

    /** The configured extra headers (a gateway that routes by header needs them on every request), then the call's own. */
    protected Map<String, String> headers(Map<String, String> call) {
        Map<String, String> all = new LinkedHashMap<>(target().extraHeaders());
        all.putAll(call);
        return all;
    }

    /**
     * An SDK error with a refusing status: skipped, since the raw check beside it judges the refusal (a clean decline
     * is legal); but failed when the profile claims the feature. Any other error fails.
     */
    protected void served(SdkDriver sdk, SdkAnswer answer, Feature feature, String rawCheck) {
        if (answer.ok()) {
            return;
        }
        Integer status = answer.status();
        if (status != null && (status == 401 || status == 403)) {
            throw new SkipException("cannot judge: the request was refused with HTTP " + status + ": see AUTH-001");
        }
        if (status != null && (status == 400 || status == 422) && !session().profile().claims(feature)) {
            throw new SkipException("not supported by this target: " + feature.id() + " refused with HTTP " + status
                    + " (" + rawCheck + " judges the refusal)");
        }
        throw failure(sdk, "expected the SDK to return the " + feature.id() + " answer"
                + (session().profile().claims(feature) ? " (the '" + session().profile().name() + "' profile claims " + feature.id() + ")" : ""),
                answer);
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
