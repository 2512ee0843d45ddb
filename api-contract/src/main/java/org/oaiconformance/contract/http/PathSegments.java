package org.oaiconformance.contract.http;

import java.nio.charset.StandardCharsets;

/**
 * Ids that go into a request path: a model id, a response id, a key hash. Some come from the target (GET models, a
 * Responses answer, the key list), so each is sent as data, never as path syntax: a {@code ../keys?x=1} would
 * otherwise become an authenticated GET of another route behind any proxy that resolves dot segments.
 */
public final class PathSegments {
    private PathSegments() {
    }

    /** One path segment: every character but RFC 3986's unreserved ones percent-encoded, '/' and '.'-only segments included. */
    public static String id(String raw) {
        if (raw.equals(".") || raw.equals("..")) {
            return raw.replace(".", "%2E");
        }
        return encode(raw);
    }

    /**
     * A model id, whose '/' separates a provider from a name ({@code openai/gpt-4o-mini}) and is sent as the SDKs send it:
     * each piece encoded as {@link #id}, a '.' or '..' piece encoded whole.
     */
    public static String modelId(String raw) {
        StringBuilder path = new StringBuilder();
        String[] pieces = raw.split("/", -1);
        for (int i = 0; i < pieces.length; i++) {
            path.append(i == 0 ? "" : "/").append(id(pieces[i]));
        }
        return path.toString();
    }

    private static String encode(String raw) {
        StringBuilder out = new StringBuilder();
        for (byte b : raw.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~' || c == ':' || c == '@';
            out.append(unreserved ? String.valueOf(c) : String.format("%%%02X", b & 0xff));
        }
        return out.toString();
    }
}
