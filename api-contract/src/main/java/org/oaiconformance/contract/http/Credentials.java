package org.oaiconformance.contract.http;

import java.util.List;

/**
 * What a request carries in its Authorization header(s), with a description for messages and reports. Checks
 * build these instead of setting headers by hand, so every shape of credential is named the same way everywhere.
 *
 * @param headerValues the Authorization header values to send, in order; empty for none
 * @param description  how a reviewer reads it: "no Authorization header", "an unknown key", ...
 */
public record Credentials(List<String> headerValues, String description) {

    public static Credentials none() {
        return new Credentials(List.of(), "no Authorization header");
    }

    public static Credentials bearer(String key, String description) {
        return new Credentials(List.of("Bearer " + key), description);
    }

    /** A header value exactly as given, e.g. {@code "Bearer "} or {@code "Basic ..."}. */
    public static Credentials header(String value, String description) {
        return new Credentials(List.of(value), description);
    }

    @Override
    public String toString() {
        return description;
    }
}
