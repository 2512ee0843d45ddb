package org.oaiconformance.reference;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference target's credential check, strict where RFC 6750 and RFC 9110 are: exactly one Authorization
 * header, scheme {@code Bearer} in any case, one b64token, no keys from the query or the body. Every refusal is a 401
 * with the error envelope and {@code WWW-Authenticate}, unless a deviation switch says otherwise.
 */
final class BearerAuthenticator {
    /** What a route needs: a client key, a client key that may run a model, or the management key. */
    enum Access { CLIENT, INFERENCE, ADMIN }

    private static final Pattern CREDENTIALS = Pattern.compile("^(\\S+)(?:[ \\t]+(.*))?$");
    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");
    private static final KeyStore.ApiKey ANONYMOUS = new KeyStore.ApiKey("", "anonymous", "", false, null, Instant.EPOCH, null);

    private final KeyStore keys;
    private final String adminKey;
    private final String defaultKey;

    BearerAuthenticator(KeyStore keys, String adminKey, String defaultKey) {
        this.keys = keys;
        this.adminKey = adminKey;
        this.defaultKey = defaultKey;
    }

    /** The caller's key when the call may proceed; otherwise empty, and the call has been answered with the refusal. */
    Optional<KeyStore.ApiKey> admit(Call call, Access access, JsonNode body) throws IOException {
        List<String> values = call.header("Authorization");
        if (values.isEmpty()) {
            return admitWithoutHeader(call, access, body);
        }
        if (values.size() > 1 && !call.on(Switch.FIRST_AUTHORIZATION_WINS) && !call.on(Switch.LAST_AUTHORIZATION_WINS)) {
            return refuse(call, "Send exactly one Authorization header.");
        }
        Matcher m = CREDENTIALS.matcher(values.get(call.on(Switch.LAST_AUTHORIZATION_WINS) ? values.size() - 1 : 0).strip());
        String scheme = m.matches() ? m.group(1) : "";
        String token = m.matches() && m.group(2) != null ? m.group(2).strip() : "";
        if (call.on(Switch.STRIP_WHITESPACE_IN_TOKEN)) {
            token = token.replaceAll("\\s+", "");
        }
        boolean bearer = call.on(Switch.CASE_SENSITIVE_SCHEME) ? scheme.equals("Bearer") : scheme.equalsIgnoreCase("Bearer");
        if (!bearer) {
            return admitOtherScheme(call, access, scheme, token);
        }
        if (token.isEmpty()) {
            if (call.on(Switch.EMPTY_BEARER_500)) {
                return crash(call);
            }
            call.error(401, "invalid_request_error", null, null, "The Bearer token is empty. Send your API key after 'Bearer '.");
            return Optional.empty();
        }
        if (call.on(Switch.LONG_TOKEN_500) && token.length() > 4096) {
            return crash(call);
        }
        if (call.on(Switch.LONG_TOKEN_JSON_400) && token.length() > 4096) {
            call.error(400, "invalid_request_error", "invalid_api_key", null, "The API key is too long.");
            return Optional.empty();
        }
        if (call.on(Switch.NON_ASCII_TOKEN_500) && !StandardCharsets.US_ASCII.newEncoder().canEncode(token)) {
            return crash(call);
        }
        if (!B64TOKEN.matcher(token).matches()) {
            return refuseToken(call, token, "The Bearer token is malformed.");
        }
        return admitToken(call, access, token);
    }

    private Optional<KeyStore.ApiKey> admitWithoutHeader(Call call, Access access, JsonNode body) throws IOException {
        if (call.on(Switch.ACCEPT_NONSTANDARD_KEY_FORMS) && !call.header("x-api-key").isEmpty()) {
            return admitToken(call, access, call.header("x-api-key").get(0).strip());
        }
        String queryKey = call.queryParameter("api_key").orElse(call.queryParameter("key").orElse(null));
        if (queryKey != null && call.on(Switch.QUERY_KEY_ACCEPTED)) {
            return admitToken(call, access, queryKey);
        }
        if (body != null && body.path("api_key").isTextual() && call.on(Switch.BODY_KEY_ACCEPTED)) {
            return admitToken(call, access, body.path("api_key").asText());
        }
        if (call.on(Switch.SERVE_WITHOUT_KEY) && access != Access.ADMIN) {
            return Optional.of(ANONYMOUS);
        }
        call.error(401, "invalid_request_error", null, null,
                "Missing bearer authentication in header. Send 'Authorization: Bearer <API key>'.");
        return Optional.empty();
    }

    private Optional<KeyStore.ApiKey> admitOtherScheme(Call call, Access access, String scheme, String token) throws IOException {
        boolean rawKey = token.isEmpty();
        if (rawKey && call.on(Switch.NONSTANDARD_KEY_500)) {
            return crash(call);
        }
        if (call.on(Switch.ACCEPT_NONSTANDARD_KEY_FORMS)) {
            if (rawKey) {
                return admitToken(call, access, scheme);
            }
            if (scheme.equalsIgnoreCase("Basic")) {
                String decoded = decodeBasic(token);
                if (decoded != null) {
                    return admitToken(call, access, decoded.substring(decoded.indexOf(':') + 1));
                }
            }
        }
        if (call.on(Switch.OTHER_SCHEME_400)) {
            call.error(400, "invalid_request_error", null, null, "Unsupported authorization scheme.");
            return Optional.empty();
        }
        return refuse(call, "Expected 'Authorization: Bearer <API key>'.");
    }

    private Optional<KeyStore.ApiKey> admitToken(Call call, Access access, String token) throws IOException {
        if (access == Access.ADMIN) {
            return token.equals(adminKey) ? Optional.of(ANONYMOUS) : refuse(call, "This route needs a management key.");
        }
        if (call.on(Switch.REFUSE_VALID_KEY) && access == Access.INFERENCE && token.equals(defaultKey)) {
            return refuse(call, "Incorrect API key provided.");
        }
        if (token.equals(adminKey)) {
            return access == Access.INFERENCE && call.on(Switch.MANAGEMENT_KEY_INFERENCE) ? Optional.of(ANONYMOUS)
                    : refuse(call, "Management keys cannot call inference routes.");
        }
        Optional<KeyStore.ApiKey> key = keys.findActive(token);
        if (key.isPresent()) {
            return key;
        }
        Optional<KeyStore.ApiKey> nearMiss = keys.list().stream().filter(k -> !k.secret().equals(token)
                && keys.standing(k.secret()) == KeyStore.Standing.ACTIVE && (
                (call.on(Switch.PREFIX_KEY_MATCH) && token.startsWith(k.secret()))
                        || (call.on(Switch.TRUNCATED_KEY_MATCH) && token.length() >= k.secret().length() - 1 && k.secret().startsWith(token))))
                .findFirst();
        if (nearMiss.isPresent()) {
            return nearMiss;
        }
        if (call.on(Switch.ACCEPT_ANY_KEY)
                || (call.on(Switch.ATTRIBUTION_BYPASSES_AUTH) && call.hasAttribution())) {
            return Optional.of(ANONYMOUS);
        }
        if (call.on(Switch.UNKNOWN_KEY_403)) {
            call.error(403, "permission_error", null, null, "Forbidden.");
            return Optional.empty();
        }
        if (keys.standing(token) == KeyStore.Standing.REVOKED && call.on(Switch.REVOKED_KEY_OTHER_ENVELOPE)) {
            call.rawJson(401, "{\"detail\":\"This key has been revoked.\"}");
            return Optional.empty();
        }
        return refuseToken(call, token, "Incorrect API key provided");
    }

    /** A refusal that names the rejected key: masked like OpenAI's, echoed in full, or not at all. */
    private static Optional<KeyStore.ApiKey> refuseToken(Call call, String token, String message) throws IOException {
        if (call.on(Switch.ECHO_KEY_IN_ERROR)) {
            return refuse(call, message + ": " + token + ".");
        }
        if (call.on(Switch.MASKED_KEY_IN_ERROR) && token.length() > 16) {
            return refuse(call, message + ": " + token.substring(0, 8) + "*".repeat(12) + token.substring(token.length() - 4) + ".");
        }
        return refuse(call, message + ".");
    }

    private static Optional<KeyStore.ApiKey> refuse(Call call, String message) throws IOException {
        call.invalidToken(message);
        return Optional.empty();
    }

    private static Optional<KeyStore.ApiKey> crash(Call call) throws IOException {
        call.error(500, "server_error", null, null, "Internal server error.");
        return Optional.empty();
    }

    private static String decodeBasic(String token) {
        try {
            String decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            return decoded.contains(":") ? decoded : null;
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
