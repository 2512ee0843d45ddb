package org.oaiconformance.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.oaiconformance.contract.secrets.InventedSecrets;
import org.oaiconformance.contract.secrets.Pkce;
import org.oaiconformance.contract.wire.OpenAiWire;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OpenRouter's OAuth PKCE flow, as the reference target serves it: {@code GET /auth?callback_url&code_challenge&
 * code_challenge_method} approves on its own (there is no user to ask) and redirects to {@code callback_url?code=};
 * {@code POST /auth/keys {code, code_verifier, code_challenge_method}} exchanges a code, once, for {@code {key,
 * user_id}} after checking the verifier against the challenge (RFC 7636 §4.6).
 */
final class OAuthCodes {
    /** A code as issued: its challenge, and the key it is for (label, credit limit, expiry: null where not asked). */
    private record Issued(String challenge, String method, boolean exchanged, String label, Double limit, Instant expiresAt) {
        Issued(String challenge, String method, boolean exchanged) {
            this(challenge, method, exchanged, null, null, null);
        }

        Issued spent() {
            return new Issued(challenge, method, true, label, limit, expiresAt);
        }
    }

    private final Map<String, Issued> codes = new ConcurrentHashMap<>();
    private final KeyStore keys;
    private final Set<Switch> switches;

    OAuthCodes(KeyStore keys, Set<Switch> switches) {
        this.keys = keys;
        this.switches = switches;
    }

    void authorize(Call call) throws IOException {
        String callback = call.queryParameter("callback_url").orElse(null);
        String challenge = call.queryParameter("code_challenge").orElse(null);
        String method = call.queryParameter("code_challenge_method").orElse(challenge == null ? null : "S256");
        if (refused(call, callback, method)) {
            return;
        }
        String code = InventedSecrets.random("").substring(0, 32);
        codes.put(code, new Issued(challenge, method, false));
        call.responseHeader("Location", callback + (callback.contains("?") ? "&" : "?") + "code=" + URLEncoder.encode(code, StandardCharsets.UTF_8));
        ObjectNode body = Call.JSON.createObjectNode().put("redirect", "callback_url with the code");
        call.json(302, body);
    }

    /**
     * OpenRouter's {@code POST /auth/keys/code} (management key): a code made without a browser, for a key with the
     * label, credit limit and expiry asked; answered {@code {"data": {"id": <code>, "app_id", "created_at"}}}.
     */
    void createCode(Call call) throws IOException {
        JsonNode body = Call.JSON.readTree(call.body());
        if (body == null || !body.isObject()) {
            call.error(400, "invalid_request_error", null, null, "The body must be a JSON object.");
            return;
        }
        String callback = body.path("callback_url").asText(null);
        String challenge = body.path("code_challenge").asText(null);
        String method = body.path("code_challenge_method").asText(challenge == null ? null : "S256");
        if (refused(call, callback, method)) {
            return;
        }
        Instant expiresAt;
        try {
            expiresAt = body.path("expires_at").isTextual() ? Instant.parse(body.path("expires_at").asText()) : null;
        } catch (DateTimeParseException e) {
            call.error(400, "invalid_request_error", null, "expires_at", "expires_at must be an ISO 8601 date-time.");
            return;
        }
        String code = InventedSecrets.random("").substring(0, 32);
        codes.put(code, new Issued(challenge, method, false, body.path("key_label").asText(null),
                body.path("limit").isNumber() ? body.path("limit").asDouble() : null, expiresAt));
        ObjectNode answer = Call.JSON.createObjectNode();
        answer.putObject("data").put("id", code).put("app_id", 1).put("created_at", Instant.now().toString());
        call.json(200, answer);
    }

    /** A callback that is no http(s) URL, or a challenge method other than S256 and plain: refused with 400, true. */
    private static boolean refused(Call call, String callback, String method) throws IOException {
        if (callback == null || !(callback.startsWith("http://") || callback.startsWith("https://"))) {
            call.error(400, "invalid_request_error", null, "callback_url", "callback_url is required and must be an http(s) URL.");
            return true;
        }
        if (method != null && !method.equals("S256") && !method.equals("plain")) {
            call.error(400, "invalid_request_error", null, "code_challenge_method", "code_challenge_method must be S256 or plain.");
            return true;
        }
        return false;
    }

    void exchange(Call call) throws IOException {
        JsonNode body = Call.JSON.readTree(call.body());
        String code = body == null ? "" : body.path("code").asText("");
        String verifier = body == null ? null : body.path("code_verifier").asText(null);
        String method = body == null ? null : body.path("code_challenge_method").asText(null);
        Issued issued;
        synchronized (codes) {
            issued = codes.get(code);
            if (issued == null) {
                if (switches.contains(Switch.OAUTH_UNKNOWN_CODE_500)) {
                    call.error(500, "server_error", null, null, "Internal error.");
                } else {
                    call.error(400, "invalid_request_error", "invalid_grant", "code", "Invalid code.");
                }
                return;
            }
            if (issued.exchanged() && !switches.contains(Switch.OAUTH_CODE_REUSABLE)) {
                call.error(400, "invalid_request_error", "invalid_grant", "code", "This code was already used.");
                return;
            }
            if (!switches.contains(Switch.OAUTH_VERIFIER_IGNORED) && !verifies(issued, verifier, method)) {
                call.error(400, "invalid_request_error", "invalid_grant", "code_verifier", "The code_verifier does not match the challenge.");
                return;
            }
            codes.put(code, issued.spent());
        }
        KeyStore.ApiKey key = keys.create(issued.label() != null ? issued.label() : OpenAiWire.OAUTH_KEY_NAME,
                issued.limit(), issued.expiresAt());
        ObjectNode answer = Call.JSON.createObjectNode();
        answer.put("key", key.secret());
        answer.put("user_id", "user_reference");
        call.json(200, answer);
    }

    /**
     * RFC 7636 §4.6, as the code was issued: S256 compares base64url(SHA-256(verifier)), plain the verifier itself. A
     * request that names another method than the code was issued with is refused (an S256 challenge sent back as a
     * plain verifier must not pass), unless the deviation that allows the downgrade is on.
     */
    private boolean verifies(Issued issued, String verifier, String method) {
        if (issued.challenge() == null) {
            return true; // issued without PKCE: the code alone is the credential
        }
        if (verifier == null) {
            return false;
        }
        String asked = method == null ? issued.method() : method;
        if ("plain".equals(asked) && "S256".equals(issued.method()) && switches.contains(Switch.OAUTH_PLAIN_DOWNGRADE)) {
            return verifier.equals(issued.challenge());
        }
        if (!issued.method().equals(asked)) {
            return false;
        }
        return issued.method().equals("plain") ? verifier.equals(issued.challenge()) : Pkce.s256(verifier).equals(issued.challenge());
    }
}
