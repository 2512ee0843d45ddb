package org.oaiconformance.contract.reference;

import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference target's credential check, strict where RFC 6750 and RFC 9110 are: exactly one Authorization
 * header, scheme {@code Bearer} in any case, one b64token. Every refusal is a 401 with an error envelope unless a
 * deviation switch says otherwise.
 */
final class BearerAuthenticator {
    private static final Pattern CREDENTIALS = Pattern.compile("^(\\S+)(?:[ \\t]+(.*))?$");
    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    private final KeyStore keys;
    private final String adminKey;

    BearerAuthenticator(KeyStore keys, String adminKey) {
        this.keys = keys;
        this.adminKey = adminKey;
    }

    /** True when the call may proceed; otherwise the call has been answered with the refusal. */
    boolean admit(Call call, boolean adminRoute) throws IOException {
        List<String> values = call.header("Authorization");
        if (values.isEmpty()) {
            if (call.on(Switch.SERVE_WITHOUT_KEY) && !adminRoute) {
                return true;
            }
            call.error(401, "invalid_request_error", null, null,
                    "Missing bearer authentication in header. Send 'Authorization: Bearer <API key>'.");
            return false;
        }
        if (values.size() > 1) {
            return refuse(call, "Send exactly one Authorization header.");
        }
        Matcher m = CREDENTIALS.matcher(values.get(0).strip());
        String scheme = m.matches() ? m.group(1) : "";
        String token = m.matches() && m.group(2) != null ? m.group(2).strip() : "";
        if (!scheme.equalsIgnoreCase("Bearer")) {
            if (call.on(Switch.OTHER_SCHEME_400)) {
                call.error(400, "invalid_request_error", null, null, "Unsupported authorization scheme.");
                return false;
            }
            return refuse(call, "Expected 'Authorization: Bearer <API key>'.");
        }
        if (token.isEmpty()) {
            if (call.on(Switch.EMPTY_BEARER_500)) {
                call.error(500, "server_error", null, null, "Internal server error.");
                return false;
            }
            call.error(401, "invalid_request_error", null, null, "The Bearer token is empty. Send your API key after 'Bearer '.");
            return false;
        }
        if (!B64TOKEN.matcher(token).matches()) {
            return refuse(call, "The Bearer token is malformed.");
        }
        return adminRoute ? admitAdmin(call, token) : admitClient(call, token);
    }

    private boolean admitAdmin(Call call, String token) throws IOException {
        return token.equals(adminKey) || refuse(call, "This route needs a management key.");
    }

    private boolean admitClient(Call call, String token) throws IOException {
        if (call.on(Switch.REFUSE_VALID_KEY)) {
            return refuse(call, "Incorrect API key provided.");
        }
        if (token.equals(adminKey)) {
            return refuse(call, "Management keys cannot call inference routes.");
        }
        if (keys.findActive(token).isPresent() || call.on(Switch.ACCEPT_ANY_KEY)) {
            return true;
        }
        if (call.on(Switch.UNKNOWN_KEY_403)) {
            call.error(403, "permission_error", null, null, "Forbidden.");
            return false;
        }
        return refuse(call, "Incorrect API key provided.");
    }

    private static boolean refuse(Call call, String message) throws IOException {
        call.invalidToken(message);
        return false;
    }
}
