package org.oaiconformance.contract.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.config.EncoderConfig;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.http.Method;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.oaiconformance.contract.json.Json;
import org.oaiconformance.contract.recording.ReplayRound;
import org.oaiconformance.contract.recording.ReplayTarget;
import org.oaiconformance.contract.secrets.SecretMasker;
import org.oaiconformance.contract.settings.BaseUrl;

import java.io.IOException;
import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * The suite's only way to talk to the target: one shared REST Assured specification (base URL, timeouts, extra
 * headers, the masking {@link ExchangeRecorder}) and helpers that send a request with given credentials.
 */
public final class TargetClient {
    private final BaseUrl baseUrl;
    private final String apiKey;
    private final RequestSpecification shared;
    private final long deadlineMs;
    private final Courtesy courtesy;
    private final Map<String, String> extraHeaders;

    /** Defaults for the bounds on whole exchanges, for clients built without settings (the project's own tests). */
    public static final long DEFAULT_DEADLINE_MS = 120_000;
    public static final long DEFAULT_MAX_BODY_BYTES = 4L << 20;

    public TargetClient(BaseUrl baseUrl, String apiKey, Map<String, String> extraHeaders, int connectTimeoutMs, int readTimeoutMs) {
        this(baseUrl, apiKey, extraHeaders, connectTimeoutMs, readTimeoutMs, DEFAULT_DEADLINE_MS, DEFAULT_MAX_BODY_BYTES);
    }

    /**
     * @param deadlineMs   the whole exchange, body included, must end within this
     * @param maxBodyBytes a larger answer is not read
     */
    public TargetClient(BaseUrl baseUrl, String apiKey, Map<String, String> extraHeaders, int connectTimeoutMs, int readTimeoutMs,
                        long deadlineMs, long maxBodyBytes) {
        this(baseUrl, apiKey, extraHeaders, connectTimeoutMs, readTimeoutMs, deadlineMs, maxBodyBytes, Courtesy.unlimited());
    }

    /** @param courtesy the limits every request of this run, the SDKs' included, keeps to */
    public TargetClient(BaseUrl baseUrl, String apiKey, Map<String, String> extraHeaders, int connectTimeoutMs, int readTimeoutMs,
                        long deadlineMs, long maxBodyBytes, Courtesy courtesy) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        SecretMasker.register(apiKey, "api-key"); // however the key arrived
        this.deadlineMs = deadlineMs;
        this.courtesy = courtesy;
        this.extraHeaders = Map.copyOf(extraHeaders);
        BoundedHttpClient.HttpBounds bounds = new BoundedHttpClient.HttpBounds(connectTimeoutMs, readTimeoutMs, deadlineMs, maxBodyBytes);
        RestAssuredConfig config = RestAssuredConfig.config()
                .httpClient(HttpClientConfig.httpClientConfig()
                        .httpClientFactory(() -> new BoundedHttpClient(bounds, courtesy))
                        .setParam("http.connection.timeout", connectTimeoutMs)
                        .setParam("http.socket.timeout", readTimeoutMs)
                        .setParam("http.connection-manager.timeout", (long) connectTimeoutMs))
                // A redirect would carry the key to another place; judge the answer we got instead.
                .redirect(RedirectConfig.redirectConfig().followRedirects(false))
                .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));
        this.shared = new RequestSpecBuilder()
                .setBaseUri(baseUrl.origin())
                .setBasePath(baseUrl.pathPrefix())
                .setConfig(config)
                .addHeaders(extraHeaders)
                .addFilter(new ExchangeRecorder(courtesy.metrics()))
                .build();
    }

    public BaseUrl baseUrl() {
        return baseUrl;
    }

    /** The deadline for a whole exchange, for clients the checks drive themselves (the SDKs). */
    public long deadlineMs() {
        return deadlineMs;
    }

    /** The limits on requests in flight and per second; clients the checks drive themselves (the SDKs) keep them too. */
    public Courtesy courtesy() {
        return courtesy;
    }

    /** Headers the settings add to every request; clients the checks drive themselves (the SDKs, curl) send them too. */
    public Map<String, String> extraHeaders() {
        return extraHeaders;
    }

    /** The configured valid key itself, for checks that build near-miss variants of it. */
    public String validKeyValue() {
        return apiKey;
    }

    /** The configured valid key, as credentials. */
    public Credentials validKey() {
        return Credentials.bearer(apiKey, "the configured key");
    }

    public Exchange get(String path, Credentials credentials) {
        return send(Method.GET, path, credentials, null);
    }

    public Exchange post(String path, Credentials credentials, Object jsonBody) {
        return send(Method.POST, path, credentials, jsonBody);
    }

    public Exchange send(Method method, String path, Credentials credentials, Object jsonBody) {
        return send(method, path, credentials, jsonBody, Map.of());
    }

    /** A request with headers of its own besides the shared ones (attribution headers, x-api-key, CORS). */
    public Exchange send(Method method, String path, Credentials credentials, Object jsonBody, Map<String, String> headers) {
        return send(given().spec(shared), method, path, credentials, jsonBody, headers);
    }

    /**
     * A request whose answer hands out a new secret (a key API's create) at {@code secretPointer}: the secret is
     * registered with the masker as the answer arrives, before the exchange is attached to any report.
     */
    public Exchange sendForSecret(Method method, String path, Credentials credentials, Object jsonBody, String secretPointer, String label) {
        RequestSpecification request = given().spec(shared).filter((req, res, context) -> {
            Response response = context.next(req, res); // inside the recorder: runs before it attaches
            try {
                JsonNode secret = Json.MAPPER
                        .readTree(response.asString()).at(secretPointer);
                if (secret.isTextual()) {
                    SecretMasker.register(secret.asText(), label);
                }
            } catch (IOException | RuntimeException notJson) {
                // nothing secret to learn from an answer that is not JSON
            }
            return response;
        });
        return send(request, method, path, credentials, jsonBody, Map.of());
    }

    private Exchange send(RequestSpecification request, Method method, String path, Credentials credentials, Object jsonBody,
                          Map<String, String> headers) {
        request.headers(headers);
        for (String value : credentials.headerValues()) {
            request.header("Authorization", value);
        }
        if (jsonBody != null) {
            request.contentType(ContentType.JSON).body(jsonBody);
        }
        Integer round = ReplayRound.current();
        if (round != null) {
            request.header(ReplayRound.HEADER, String.valueOf(round));
        }
        Response response = request.request(method, path);
        String missing = response.header(ReplayTarget.MISS_HEADER);
        if (missing != null) { // a recording judged offline holds no answer to this request: nothing to judge, and that is no fault
            throw new NotRecorded("the recording holds no exchange for " + missing + ": record one to judge this");
        }
        ReplayRound.answeredBy(response.header(
                ReplayTarget.REPLAYED_HEADER));
        return new Exchange(method.name(), baseUrl.pathPrefix() + path, credentials, response);
    }
}
