package org.oaiconformance.contract.reference;

/**
 * Behaviours the reference target can be switched into. A deviation breaks exactly one requirement (named by
 * {@link #breaks()}); the project's own tests run the checks against it to prove each check can fail. A legal
 * variant breaks nothing: real servers do it and the OpenAI contract allows it, so every check must still pass.
 */
public enum Switch {
    // Deviations
    REFUSE_VALID_KEY("AUTH-001", "answers 401 even to the valid key"),
    SERVE_WITHOUT_KEY("AUTH-002", "serves requests that carry no Authorization header"),
    EMPTY_BEARER_500("AUTH-003", "answers 500 to 'Bearer' with an empty token"),
    ACCEPT_ANY_KEY("AUTH-004", "accepts any well-formed Bearer token"),
    UNKNOWN_KEY_403("AUTH-004", "answers 403 instead of 401 to an unknown key"),
    OTHER_SCHEME_400("AUTH-005", "answers 400 to an auth scheme other than Bearer"),
    ERROR_AS_STRING("ERR-001", "error bodies are {\"error\":\"...\"} with a string instead of an object"),
    ERROR_AS_PLAIN_TEXT("ERR-001", "error bodies are plain text"),
    WRONG_OBJECT_TYPE("CHAT-001", "a completion's object is 'text_completion'"),
    STREAM_WITHOUT_DONE("STREAM-001", "a stream ends without 'data: [DONE]'"),

    // Legal variants
    NUMERIC_ERROR_CODE(null, "error.code is the HTTP status as a number, as OpenRouter and Infron send it"),
    EXTRA_FIELDS(null, "responses, errors and chunks carry extra members, as gateways add them"),
    JSON_CHARSET(null, "JSON responses say 'application/json; charset=utf-8'"),
    SSE_COMMENTS(null, "streams carry ': PROCESSING' comment lines between events"),
    SSE_DATA_WITHOUT_SPACE(null, "stream lines read 'data:{...}' with no space"),
    SSE_CRLF(null, "stream lines end with CRLF");

    private final String breaks;
    private final String description;

    Switch(String breaks, String description) {
        this.breaks = breaks;
        this.description = description;
    }

    /** The requirement this deviation breaks, or null for a legal variant. */
    public String breaks() {
        return breaks;
    }

    public boolean isLegalVariant() {
        return breaks == null;
    }

    public String description() {
        return description;
    }
}
