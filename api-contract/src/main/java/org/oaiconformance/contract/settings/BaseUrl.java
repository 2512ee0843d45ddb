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
            throw invalid(raw, "is not a valid URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid(raw, "must start with http:// or https://");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw invalid(raw, "has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new SettingsError(Setting.BASE_URL,
                    "carries credentials; put the key in " + Setting.API_KEY.env() + " instead, never in the URL");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid(raw, "must not have a query or fragment");
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return new BaseUrl(scheme + "://" + uri.getHost() + ":" + port, path);
    }

    private static SettingsError invalid(String raw, String problem) {
        return new SettingsError(Setting.BASE_URL, "'" + raw + "' " + problem + "; expected e.g. https://openrouter.ai/api/v1");
    }

    /** The full URL of a path below the prefix, e.g. {@code url("/models")}. */
    public String url(String path) {
        return origin + pathPrefix + path;
    }

    public boolean isCleartext() {
        return origin.startsWith("http://");
    }

    public boolean isLoopback() {
        String host = URI.create(origin).getHost();
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    @Override
    public String toString() {
        return origin + pathPrefix;
    }
}
