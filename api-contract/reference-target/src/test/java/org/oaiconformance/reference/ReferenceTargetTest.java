package org.oaiconformance.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.testng.annotations.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

/** The reference target through a plain JDK client: routes, admin key lifecycle, and that it binds loopback only. */
public class ReferenceTargetTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    public void bindsLoopbackAndServesModelsToTheValidKeyOnly() throws Exception {
        try (ReferenceTarget target = ReferenceTarget.start()) {
            assertTrue(target.baseUrl().startsWith("http://127.0.0.1:"));
            var ok = send(HttpRequest.newBuilder(URI.create(target.baseUrl() + "/models")).header("Authorization", "bearer " + target.apiKey()));
            assertEquals(ok.statusCode(), 200, "the scheme is case-insensitive");
            assertEquals(JSON.readTree(ok.body()).path("data").path(0).path("id").asText(), ReferenceTarget.MODEL);
            var refused = send(HttpRequest.newBuilder(URI.create(target.baseUrl() + "/models")));
            assertEquals(refused.statusCode(), 401);
            assertEquals(refused.headers().firstValue("WWW-Authenticate").orElse(""), "Bearer realm=\"reference\"");
        }
    }

    @Test
    public void adminRoutesCreateDisableAndDeleteKeys() throws Exception {
        try (ReferenceTarget target = ReferenceTarget.start()) {
            String admin = "Bearer " + target.adminKey();
            var created = send(HttpRequest.newBuilder(URI.create(target.baseUrl() + "/keys")).header("Authorization", admin)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"run-1 key\",\"limit\":1}")));
            assertEquals(created.statusCode(), 201);
            JsonNode body = JSON.readTree(created.body());
            String key = body.path("key").asText();
            String hash = body.path("data").path("hash").asText();
            assertEquals(models(target, key), 200);

            send(HttpRequest.newBuilder(URI.create(target.baseUrl() + "/keys/" + hash)).header("Authorization", admin)
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"disabled\":true}")));
            assertEquals(models(target, key), 401, "a disabled key is refused");

            var deleted = send(HttpRequest.newBuilder(URI.create(target.baseUrl() + "/keys/" + hash)).header("Authorization", admin).DELETE());
            assertEquals(deleted.statusCode(), 200);
            assertEquals(models(target, key), 401);
            assertEquals(models(target, target.adminKey()), 401, "a management key cannot call inference routes");
            var notAdmin = send(HttpRequest.newBuilder(URI.create(target.baseUrl() + "/keys")).header("Authorization", "Bearer " + target.apiKey()));
            assertEquals(notAdmin.statusCode(), 401, "a client key cannot manage keys");
        }
    }

    @Test
    public void validatesAfterAuthenticatingAndCutsAtMaxTokens() throws Exception {
        try (ReferenceTarget target = ReferenceTarget.start()) {
            var unauthenticatedBadJson = send(HttpRequest.newBuilder(URI.create(target.baseUrl() + "/chat/completions"))
                    .POST(HttpRequest.BodyPublishers.ofString("{not json")));
            assertEquals(unauthenticatedBadJson.statusCode(), 401, "auth before validation");
            var badJson = chat(target, "{not json");
            assertEquals(badJson.statusCode(), 400);
            var unknownModel = chat(target, "{\"model\":\"nope\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertEquals(unknownModel.statusCode(), 404);
            assertEquals(JSON.readTree(unknownModel.body()).path("error").path("code").asText(), "model_not_found");
            var cut = JSON.readTree(chat(target, "{\"model\":\"reference-small\",\"max_tokens\":2,\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}]}").body());
            assertEquals(cut.path("choices").path(0).path("finish_reason").asText(), "length");
            assertEquals(cut.path("usage").path("completion_tokens").asInt(), 2);
            assertEquals(cut.path("usage").path("prompt_tokens").asInt(), 2);
        }
    }

    private static int models(ReferenceTarget target, String key) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(target.baseUrl() + "/models")).header("Authorization", "Bearer " + key)).statusCode();
    }

    private static HttpResponse<String> chat(ReferenceTarget target, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(target.baseUrl() + "/chat/completions"))
                .header("Authorization", "Bearer " + target.apiKey()).POST(HttpRequest.BodyPublishers.ofString(body)));
    }
}
