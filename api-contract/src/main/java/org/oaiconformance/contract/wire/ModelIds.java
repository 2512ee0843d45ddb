package org.oaiconformance.contract.wire;

import java.util.regex.Pattern;

/**
 * What the suite takes as a model id, wherever one comes from a target, a recording or a published summary: up to 128
 * characters of letters, digits and {@code . _ : / @ + -}, starting with a letter, a digit or '@' (Cloudflare's
 * {@code @cf/meta/...}), never holding "://" or a '.' or '..' path segment. Every id gateways publish fits (OpenRouter's {@code openai/gpt-4o:free},
 * Fireworks' {@code accounts/fireworks/models/...}); markup, quotes, spaces, control characters and URLs do not, so an id
 * that passes is inert in HTML, Markdown, a console line and a request path alike.
 */
public final class ModelIds {
    /** The rule as a regular expression; the summary's JSON Schema holds the same pattern. */
    public static final String RULE = "^(?!.*://)(?!(.*/)?[.]{1,2}(/|$))[A-Za-z0-9@][A-Za-z0-9._:/@+-]{0,127}$";
    private static final Pattern PATTERN = Pattern.compile(RULE);

    private ModelIds() {
    }

    public static boolean isSafe(String id) {
        return id != null && PATTERN.matcher(id).matches();
    }
}
