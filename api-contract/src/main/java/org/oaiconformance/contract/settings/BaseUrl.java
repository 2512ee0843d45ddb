package org.oaiconformance.contract.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A target's base URL split the way REST Assured wants it: origin ({@code https://openrouter.ai:443}) and path
 * prefix ({@code /api/v1}, no trailing slash). Requests then name paths such as {@code /chat/completions}.
 */
public record BaseUrl(String origin, String pathPrefix) {

    public static BaseUrl parse(String raw) {
        URI uri;
        try {
            uri = new URI(raw.strip());
        } catch (URISyntaxException e) {
            throw invalid("is not a valid URL (" + e.getReason() + " at character " + (e.getIndex() + 1) + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid("must start with http:// or https://");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw invalid("has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new SettingsError(Setting.BASE_URL,
                    "carries credentials; put the key in " + Setting.API_KEY.env() + " instead, never in the URL");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid("must not have a query or fragment (a key in '?key=' would be logged by every proxy on the way)");
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return new BaseUrl(scheme + "://" + uri.getHost() + ":" + port, path);
    }

    /** Never quotes the URL: a wrong one may carry a key in its query or user part. */
    private static SettingsError invalid(String problem) {
        return new SettingsError(Setting.BASE_URL, "the URL " + problem + "; expected e.g. https://openrouter.ai/api/v1");
    }

    /** The full URL of a path below the prefix, e.g. {@code url("/models")}. */
    public String url(String path) {
        return origin + pathPrefix + path;
    }

    public boolean isCleartext() {
        return origin.startsWith("http://");
    }

    public boolean isLoopback() {
        // A literal loopback address or exactly localhost: a name such as 127.attacker.example is any host's name.
        String host = URI.create(origin).getHost().toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.equals("[::1]")
                || host.matches("127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)");
    }

    @Override
    public String toString() {
        return origin + pathPrefix;
    }
}
