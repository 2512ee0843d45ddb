package org.oaiconformance.contract.http;

import java.util.regex.Pattern;

/**
 * Ids the target chose that go into a request path: a response id, a key's hash. Each is sent as it is only when it
 * is one plain path segment; anything else is never sent, so an id such as {@code ../keys?x=1} cannot turn a request
 * into an authenticated GET of another route (behind a proxy that resolves dot segments), and {@code {x}} cannot
 * reach REST Assured's path templates. Model ids follow {@link org.oaiconformance.contract.wire.ModelIds}' rule, which
 * makes them path-safe as well.
 */
public final class PathSegments {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~:@+-]{1,256}");

    private PathSegments() {
    }

    /** An id that is one plain path segment: RFC 3986's unreserved characters and {@code :@+}, not '.' or '..'. */
    public static boolean isSafe(String id) {
        return id != null && SEGMENT.matcher(id).matches() && !id.equals(".") && !id.equals("..");
    }
}
