package org.oaiconformance.contract.recording;

import java.util.Map;

/**
 * One request and its answer as a recording holds them.
 *
 * @param path            the URL's path, e.g. {@code /api/v1/chat/completions}
 * @param requestBody     the body as sent, or null
 * @param responseHeaders lower-case names
 * @param source          where it came from, for messages: {@code file.yaml #2}
 */
public record RecordedExchange(String method, String path, String requestBody, int status, Map<String, String> responseHeaders,
                               String responseBody, String source) {

    public String responseHeader(String name) {
        return responseHeaders.get(name);
    }
}
