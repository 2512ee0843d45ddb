package org.oaiconformance.compat.sdk;

import org.oaiconformance.contract.catalogue.Verifies;
import org.oaiconformance.contract.check.AskedAlone;
import org.oaiconformance.contract.http.ChatRequests;
import org.oaiconformance.contract.http.Credentials;
import org.oaiconformance.contract.http.Exchange;
import org.oaiconformance.contract.json.ErrorEnvelope;
import org.oaiconformance.contract.keys.ManagedKey;
import org.oaiconformance.contract.secrets.InventedSecrets;
import org.oaiconformance.contract.wire.OpenAiWire;
import org.testng.SkipException;
import org.testng.annotations.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The promise both guides make, "use the OpenAI SDK directly", checked through the SDK itself: each check runs once
 * per SDK row, and records what the SDK did, so the report reads as an SDK × check matrix. Rows: openai-java (in
 * process), openai-node, openai-python and the legacy openai-python-0.28 (one process each) and curl replaying the
 * guides' request; a row whose runtime is missing is skipped, naming what to install.
 */
public class SdkChecks extends SdkRowChecks {
    private static final String UNKNOWN_KEY = InventedSecrets.unknownKey(OpenAiWire.SDK_UNKNOWN_KEY_PREFIX, "unknown-key");
    private static final Map<String, String> ATTRIBUTION = OpenAiWire.COMMON_ATTRIBUTION.stream()
            .collect(Collectors.toMap(h -> h, OpenAiWire.ATTRIBUTION_HEADERS::get));

    /** Verifies: SDK-001. If this fails, compare the completion with schemas/chat-completion.json: the SDK validates fields. */
    @Test(dataProvider = "sdks")
    @Verifies("SDK-001")
    public void required_sdk001_sdkParsesACompletion(SdkDriver sdk) {
        SdkAnswer answer = sdk.complete(target().validKeyValue(), model(), headers(Map.of()), 0);
        observe(sdk, "completion", answer);
        if (!answer.ok() || answer.content() == null) {
            throw failure(sdk, "expected the SDK to parse the completion", answer);
        }
    }

    /** Verifies: SDK-002. If this fails, compare each event with schemas/chat-completion-chunk.json and end the stream. */
    @Test(dataProvider = "sdks")
    @Verifies("SDK-002")
    public void required_sdk002_sdkParsesAStream(SdkDriver sdk) {
        SdkAnswer answer = AskedAlone.ifCut(
                sdk.stream(target().validKeyValue(), model(), headers(Map.of())), a -> a.ok() && a.finishReason() == null,
                () -> sdk.stream(target().validKeyValue(), model(), headers(Map.of())), target().courtesy(),
                a -> a.chunks() + " chunk(s), no finish_reason");
        observe(sdk, "stream", answer);
        if (!answer.ok() || answer.chunks() == 0 || answer.finishReason() == null) {
            throw failure(sdk, "expected the SDK to read the stream to a finish_reason", answer);
        }
    }

    /**
     * An unknown key, and a revoked one where keys can be made, each raise the SDK's authentication error, status 401,
     * with the server's error.message in the SDK's message. (An empty key never leaves openai-java: it refuses it
     * before sending.) Verifies: SDK-003. If this fails, answer 401 with {"error": {"message": ...}}.
     */
    @Test(dataProvider = "sdks")
    @Verifies("SDK-003")
    public void required_sdk003_badKeysRaiseTheSdkAuthenticationError(SdkDriver sdk) {
        raisesTheAuthenticationError(sdk, "an unknown key", UNKNOWN_KEY);
        if (session().provisioner().canCreate()) {
            ManagedKey revoked = session().keys().create("sdk-revoked", null);
            session().keys().delete(revoked);
            // A gateway's caches may serve a deleted key for a while (KEY-002 judges how long); the SDK sees it after.
            if (awaitRefusal(Credentials.bearer(revoked.secret(), "the deleted key"), session().revocationWindow()).isEmpty()) {
                throw new SkipException("cannot judge the deleted key: it was never refused within the window: see KEY-002");
            }
            raisesTheAuthenticationError(sdk, "a deleted key", revoked.secret());
        }
    }

    private void raisesTheAuthenticationError(SdkDriver sdk, String what, String key) {
        SdkAnswer answer = sdk.complete(key, model(), headers(Map.of()), 0);
        observe(sdk, what, answer);
        if (answer.ok() || !sdk.errorClassFor(401).equals(answer.errorClass()) || !Integer.valueOf(401).equals(answer.status())) {
            throw failure(sdk, "expected " + sdk.errorClassFor(401) + " (401) for " + what, answer);
        }
        String serverMessage = serverMessage(target().post(CHAT, Credentials.bearer(key, what), ChatRequests.minimal(model())));
        if (serverMessage == null) {
            throw failure(sdk, "expected the server to send an error.message for the SDK to show, for " + what, answer);
        }
        if (answer.message() == null || !answer.message().contains(serverMessage)) {
            throw failure(sdk, "expected the SDK's message to carry the server's error.message \"" + serverMessage + "\"", answer);
        }
    }

    /** Verifies: SDK-004. If this fails, map unknown models onto the documented status, not a 5xx. */
    @Test(dataProvider = "sdks")
    @Verifies("SDK-004")
    public void recommended_sdk004_unknownModelRaisesTheExpectedSdkError(SdkDriver sdk) {
        var expected = session().profile().unknownModel();
        SdkAnswer answer = sdk.complete(target().validKeyValue(), OpenAiWire.UNKNOWN_MODEL, headers(Map.of()), 0);
        observe(sdk, "unknown model", answer);
        if (answer.ok() || expected.statuses().stream().map(sdk::errorClassFor).noneMatch(c -> c.equals(answer.errorClass()))) {
            String classes = expected.statuses().stream().map(s -> sdk.errorClassFor(s) + " (" + s + ")").distinct()
                    .collect(Collectors.joining(" or "));
            throw failure(sdk, "expected " + classes + ", as the profile documents", answer);
        }
    }

    /** Verifies: SDK-005 (SDKs retry 408/409/429/5xx). If this fails, a refusal is sent with a retryable status. */
    @Test(dataProvider = "sdks")
    @Verifies("SDK-005")
    public void required_sdk005_refusedKeyIsNotRetried(SdkDriver sdk) {
        SdkAnswer answer = sdk.complete(UNKNOWN_KEY, model(), headers(Map.of()), 2);
        observe(sdk, "unknown key with the SDK's default 2 retries", answer);
        if (answer.ok() || answer.status() == null || answer.status() / 100 == 2) {
            throw new SkipException("cannot judge: the unknown key was not refused with an HTTP error: see SDK-003");
        }
        if (answer.attempts() != 1) {
            throw failure(sdk, "expected exactly 1 request for a refused key", answer);
        }
    }

    /** Verifies: SDK-006 (docs/evidence.md#openrouter-guide). If this fails, accept the optional attribution headers. */
    @Test(dataProvider = "sdks")
    @Verifies("SDK-006")
    public void recommended_sdk006_attributionHeadersPassThroughTheSdk(SdkDriver sdk) {
        SdkAnswer answer = sdk.complete(target().validKeyValue(), model(), headers(ATTRIBUTION), 0);
        observe(sdk, "completion with HTTP-Referer and X-Title", answer);
        if (!answer.ok() && !sdk.complete(target().validKeyValue(), model(), headers(Map.of()), 0).ok()) {
            throw new SkipException("cannot judge: the SDK cannot take a completion from this target even without the headers: see SDK-001");
        }
        if (!answer.ok()) {
            throw failure(sdk, "expected the completion to succeed with the attribution headers set", answer);
        }
    }

    /**
     * The errors the rows already provoke (an unknown key, an unknown model), read through each SDK's typed fields as an
     * application's error handler reads them: openai-java code(), type(), param(); openai-python and openai-node code,
     * type, param; openai 0.28 code, error; curl the body. An accessor that throws breaks the handler itself.
     * Verifies: SDK-010 (docs/evidence.md#sdk-typed-errors). If this fails, send error.code as a string (or null), with
     * a type: the shape every official SDK's types declare.
     */
    @Test(dataProvider = "sdks")
    @Verifies("SDK-010")
    public void required_sdk010_errorsReadThroughTheSdksTypedFields(SdkDriver sdk) {
        // Each call is made only once the one before it was judged: a target that gives no answer ends the check at once.
        Map<String, Supplier<SdkAnswer>> errors = new LinkedHashMap<>();
        errors.put("an unknown key", () -> sdk.complete(UNKNOWN_KEY, model(), headers(Map.of()), 0));
        errors.put("an unknown model", () -> sdk.complete(target().validKeyValue(), OpenAiWire.UNKNOWN_MODEL, headers(Map.of()), 0));
        int read = 0;
        for (var error : errors.entrySet()) {
            SdkAnswer answer = error.getValue().get();
            observe(sdk, error.getKey() + ", its typed fields " + answer.errorFields(), answer);
            if (answer.ok() || answer.status() == null || answer.status() / 100 == 2) {
                continue; // no HTTP error to read
            }
            if (answer.errorFields() == null) {
                throw new IllegalStateException("the " + sdk + " driver reported no typed error fields for " + error.getKey());
            }
            if (answer.errorFields().path("thrown").isTextual()) {
                throw failure(sdk, "expected the SDK's typed error fields to be readable for " + error.getKey() + ", but "
                        + answer.errorFields().path("thrown").asText(), answer);
            }
            read++;
        }
        if (read == 0) {
            throw new SkipException("cannot judge: neither an unknown key nor an unknown model raised an HTTP error: see SDK-003, SDK-004");
        }
    }

    private static String serverMessage(Exchange exchange) {
        return ErrorEnvelope.in(exchange.body()).flatMap(e -> e.message()).orElse(null);
    }
}
