package org.oaiconformance.contract.settings;

import org.oaiconformance.contract.secrets.SecretMasker;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Parses {@code CONFORMANCE_EXTRA_HEADERS}: {@code Name: value} pairs separated by newlines or {@code ;}. */
public final class ExtraHeaders {
    private static final Set<String> RESERVED = Set.of("authorization", "content-type", "content-length", "host");

    private ExtraHeaders() {
    }

    public static Map<String, String> parse(String raw) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (raw == null) {
            return headers;
        }
        int position = 0;
        for (String pair : raw.split("[;\\r\\n]+")) {
            if (pair.isBlank()) {
                continue;
            }
            position++;
            int colon = pair.indexOf(':');
            String name = colon < 0 ? "" : pair.substring(0, colon).strip();
            String value = colon < 0 ? "" : pair.substring(colon + 1).strip();
            if (name.isEmpty() || !name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                // never quoted: a typo such as 'api-key=9f8e...' holds the secret itself
                throw new SettingsError(Setting.EXTRA_HEADERS, "pair " + position + " (" + pair.strip().length() + " characters, not shown)"
                        + " is not 'Name: value'" + (colon < 0 ? ": it has no ':'" : ": the name before ':' is not a header name"));
            }
            if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new SettingsError(Setting.EXTRA_HEADERS, name + " is set by the suite itself"
                        + (name.equalsIgnoreCase("authorization") ? "; give the key in " + Setting.API_KEY.env() : ""));
            }
            if (SecretMasker.looksSecret(name, value)) {
                SecretMasker.register(value, "header " + name);
            }
            Secrets.requireUsableHeaderValue(name, value, Setting.EXTRA_HEADERS);
            headers.put(name, value);
        }
        return headers;
    }
}
