package org.oaiconformance.contract.http;

import org.apache.http.Header;
import org.apache.http.HttpResponse;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** How long a 429 asks the client to wait: {@code retry-after-ms}, else {@code Retry-After} (seconds or an HTTP date). */
final class RetryAfter {
    private RetryAfter() {
    }

    /** The wait in ms; without either header, 1 s, 2 s, 4 s… by the number of tries so far. */
    static long millis(HttpResponse response, int tries) {
        Long ms = parse(response.getFirstHeader("retry-after-ms"), true);
        if (ms == null) {
            ms = parse(response.getFirstHeader("Retry-After"), false);
        }
        return ms != null ? Math.max(0, ms) : 1000L << Math.min(tries - 1, 5);
    }

    private static Long parse(Header header, boolean inMillis) {
        if (header == null || header.getValue().isBlank()) {
            return null;
        }
        String value = header.getValue().strip();
        try {
            double number = Double.parseDouble(value);
            return (long) Math.ceil(inMillis ? number : number * 1000);
        } catch (NumberFormatException notANumber) {
            if (inMillis) {
                return null;
            }
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Duration.between(Instant.now(), at).toMillis();
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }
}
