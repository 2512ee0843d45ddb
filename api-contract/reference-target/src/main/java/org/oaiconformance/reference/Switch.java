package org.oaiconformance.reference;

import java.util.Set;

/**
 * Behaviours the reference target can be switched into. A deviation turns one behaviour wrong and declares every
 * requirement that behaviour breaks (accepting any key, for example, breaks every check that sends a key the target
 * never issued); the project's own tests prove that exactly those requirements fail. A legal variant breaks nothing:
 * real servers do it and the contract allows it, so every check must still pass.
 */
public enum Switch {
    // Bearer handling
    REFUSE_VALID_KEY("answers 401 to the configured valid key on chat completions: every check that needs an answer fails",
            "AUTH-001", "ERR-004", "ERR-005", "ERR-006", "STREAM-001", "STREAM-005", "STREAM-006", "SDK-001", "SDK-002", "SDK-004"),
    SERVE_WITHOUT_KEY("serves requests that carry no Authorization header", "AUTH-002", "EMB-006", "RESP-006"),
    EMPTY_BEARER_500("answers 500 to 'Bearer' with an empty token", "AUTH-003"),
    ACCEPT_ANY_KEY("accepts any well-formed Bearer token", "AUTH-004", "AUTH-007", "AUTH-008", "AUTH-018", "KEY-002", "KEY-003",
            "KEY-007", "OAUTH-005", "SDK-003", "EMB-006", "RESP-006"),
    UNKNOWN_KEY_403("answers 403 instead of 401 to a key it does not know", "AUTH-004", "AUTH-007", "AUTH-008", "AUTH-018",
            "KEY-002", "KEY-003", "KEY-007", "OAUTH-005", "SDK-003", "EMB-006", "RESP-006"),
    OTHER_SCHEME_400("answers 400 to an auth scheme other than Bearer", "AUTH-005"),
    STRIP_WHITESPACE_IN_TOKEN("removes whitespace inside the token, so a split key still matches", "AUTH-006"),
    PREFIX_KEY_MATCH("accepts a token that starts with a valid key", "AUTH-007"),
    TRUNCATED_KEY_MATCH("accepts a valid key missing its last character", "AUTH-007"),
    LONG_TOKEN_500("answers 500 to a token longer than 4 KiB", "AUTH-008"),
    LONG_TOKEN_JSON_400("refuses a token longer than 4 KiB with a JSON 400 error: the API read the key, so it owes a 401 (only"
            + " the HTTP layer's own refusal of an oversized header may be a 400)", "AUTH-008"),
    NON_ASCII_TOKEN_500("answers 500 to a token with non-ASCII characters", "AUTH-009"),
    FIRST_AUTHORIZATION_WINS("uses the first of several Authorization headers, as Node's http, Python's http.server and uvicorn do",
            "AUTH-010"),
    LAST_AUTHORIZATION_WINS("uses the last of several Authorization headers", "AUTH-010"),
    NONSTANDARD_KEY_500("answers 500 to a raw key without a scheme", "AUTH-011"),
    CASE_SENSITIVE_SCHEME("accepts only 'Bearer', not 'bearer' or 'BEARER'", "AUTH-012"),
    QUERY_KEY_ACCEPTED("accepts a key in the ?api_key= or ?key= query parameter", "AUTH-013"),
    BODY_KEY_ACCEPTED("accepts a key in the JSON body's api_key member", "AUTH-013"),
    NO_WWW_AUTHENTICATE("sends no WWW-Authenticate header with a 401", "AUTH-014"),
    NO_REQUEST_ID("sends no request id header", "AUTH-015"),
    VALIDATE_BEFORE_AUTH("rejects a malformed body with 400 before checking credentials", "AUTH-016"),
    PREFLIGHT_NEEDS_AUTH("refuses a CORS preflight without credentials", "AUTH-017"),
    ATTRIBUTION_BYPASSES_AUTH("accepts any key when an attribution header (X-Title, HTTP-Referer) is present", "AUTH-018"),
    STREAM_REFUSAL_AS_EVENTS("refuses a streaming request with a 200 event stream carrying an error event", "AUTH-019"),
    MODELS_PUBLIC("serves GET models without credentials", "AUTH-020"),
    UNAUTHORIZED_AS_500("answers every refusal with 500 instead of 401", "AUTH-002", "AUTH-003", "AUTH-004", "AUTH-005",
            "AUTH-006", "AUTH-007", "AUTH-008", "AUTH-009", "AUTH-010", "AUTH-011", "AUTH-018", "KEY-002", "KEY-003", "KEY-006",
            "KEY-007", "OAUTH-005", "SDK-003", "SDK-005", "EMB-006", "RESP-006"),
    ATTRIBUTION_HEADERS_400("rejects requests that carry HTTP-Referer or X-Title with 400", "AUTH-018", "SDK-006"),
    ECHO_KEY_IN_ERROR("repeats the rejected key in the error message", "SEC-002"),

    // Key lifecycle
    NEW_KEYS_INACTIVE("keys created through the management API do not work", "KEY-001"),
    DELETE_IGNORED("a deleted key keeps working", "KEY-002", "OAUTH-005"),
    DISABLE_IGNORED("a disabled key keeps working", "KEY-003"),
    REVOKED_KEY_OTHER_ENVELOPE("a revoked (or expired) key gets 401 with {\"detail\": ...} instead of the error envelope", "KEY-004",
            "KEY-007", "SDK-003"),
    CREDIT_LIMIT_IGNORED("a key over its credit limit is still served", "KEY-005"),
    CREDIT_LIMIT_AS_QUOTA_429("a key over its credit limit gets OpenAI's 429 insufficient_quota (with Retry-After): right for the"
            + " openai profile, not the reference one's 402", "KEY-005"),
    CREDIT_LIMIT_AS_403("a key over its credit limit gets 403 'Key limit exceeded', as OpenRouter has answered: right for the"
            + " openrouter profile, not the reference one's 402", "KEY-005"),
    MANAGEMENT_KEY_INFERENCE("the management key may call chat completions", "KEY-006"),
    EXPIRY_IGNORED("a key past its expires_at keeps working", "KEY-007"),
    KEY_INFO_REVEALS_KEY("GET key shows the calling key whole as its label", "KEY-008"),
    KEY_INFO_WRONG_LIMIT("GET key reports no limit for a key created with one", "KEY-008"),
    ISSUED_KEYS_WITHOUT_PREFIX("keys it issues (key API and OAuth) do not start with the documented sk-ref-v1- prefix", "SEC-003", "OAUTH-003"),

    // OAuth PKCE (OpenRouter's flow): the reference target's authorization step approves on its own
    OAUTH_UNKNOWN_CODE_500("answers 500 to an exchange of a code it never issued", "OAUTH-001"),
    OAUTH_VERIFIER_IGNORED("exchanges a code whatever code_verifier comes with it", "OAUTH-002"),
    OAUTH_PLAIN_DOWNGRADE("accepts an S256 challenge itself sent back as a plain verifier", "OAUTH-002"),
    OAUTH_CODE_REUSABLE("exchanges a code as often as it is sent, a new key each time", "OAUTH-004"),

    // Error envelope and statuses
    ERROR_AS_STRING("error bodies are {\"error\":\"...\"} with a string instead of an object", "ERR-001", "KEY-007", "OAUTH-001",
            "OAUTH-002", "OAUTH-004", "SDK-003", "SDK-004", "SDK-010", "CHAT-011", "EMB-005", "EMB-006", "RESP-006", "RESP-012", "RESP-013"),
    ERROR_AS_PLAIN_TEXT("error bodies are plain text", "ERR-001", "ERR-002", "KEY-007", "OAUTH-001", "OAUTH-002", "OAUTH-004", "SDK-003",
            "SDK-004", "SDK-010", "CHAT-011", "EMB-005", "EMB-006", "RESP-006", "RESP-012", "RESP-013"),
    ERROR_CONTENT_TYPE_TEXT("JSON error bodies are labelled text/plain (openai 0.28 then cannot read them)", "ERR-002", "SDK-003", "SDK-004"),
    ERROR_CODE_AS_OBJECT("error.code is an object", "ERR-003", "SDK-010", "CHAT-011"),
    UNKNOWN_MODEL_500("answers 500 to an unknown model, on chat completions and responses", "ERR-004", "SDK-004", "RESP-006"),
    MALFORMED_JSON_500("answers 500 to a body that is not JSON", "ERR-005"),
    MISSING_MESSAGES_500("answers 500 to a request without messages", "ERR-006"),
    WRONG_METHOD_404("answers 404 instead of 405 to GET chat/completions", "ERR-007"),

    // The chat contract
    WRONG_OBJECT_TYPE("a completion's object is 'text_completion'", "CHAT-001", "SDK-001"),
    CREATED_AS_STRING("a completion's created is a string", "CHAT-002", "SDK-001"),
    CREATED_IN_MILLISECONDS("a completion's created is in milliseconds", "CHAT-002"),
    NULL_CONTENT_ON_STOP("a completion that ends with finish_reason 'stop' has content null", "CHAT-001", "SDK-001", "CHAT-008", "PARAM-005"),
    FINISH_REASON_UNKNOWN("a completion's finish_reason is 'end_turn'", "CHAT-003", "SDK-001", "CHAT-009"),
    USAGE_TOTAL_WRONG("usage.total_tokens is not prompt + completion", "CHAT-004"),
    MAX_TOKENS_IGNORED("max_tokens is ignored", "CHAT-005"),
    DEVELOPER_ROLE_REFUSED("a developer message is refused with 400 (unsupported role), as DeepSeek and the Kilo gateway answered",
            "CHAT-008"),
    MAX_COMPLETION_TOKENS_IGNORED("max_completion_tokens is ignored (only max_tokens caps the answer), as ik_llama.cpp did", "CHAT-009"),
    MAX_COMPLETION_TOKENS_REFUSED("max_completion_tokens is refused with 400 as an unrecognized argument (the reasoning request,"
            + " which caps its answer with it, is then skipped, pointing at CHAT-009)", "CHAT-009"),
    USAGE_DETAILS_EXCEED_TOTALS("completion_tokens_details.reasoning_tokens is 60 more than completion_tokens, as one proxy"
            + " reported them", "CHAT-010", "PARAM-005"),
    CONTEXT_OVERFLOW_500("a prompt beyond the context window gets 500, as kronk and ik_llama.cpp answered: routers fail over on"
            + " it and agents never compact", "CHAT-011"),
    CONTEXT_OVERFLOW_TRUNCATED("a prompt beyond the context window is silently cut and answered 200, as LM Studio did", "CHAT-011"),
    CONTEXT_OVERFLOW_WITHOUT_CODE("a prompt beyond the context window gets a 400 without the code context_length_exceeded, which"
            + " the reference profile documents (agents look for it to compact)", "CHAT-011"),
    MODEL_ENTRIES_BARE("GET models lists entries with an id only (no object, created, owned_by)", "CHAT-012"),
    NO_MODEL_ROUTE("has no GET models/{id} route (404)", "CHAT-013"),
    PARALLEL_TOOL_CALLS_IGNORED("parallel_tool_calls: false is accepted and ignored: every tool is called", "PARAM-004"),
    REASONING_EFFORT_500("answers 500 to a request with reasoning_effort", "PARAM-005"),
    MODEL_MISSING("a completion has no model", "CHAT-006", "SDK-001"),
    NO_MODELS_ROUTE("has no GET models route (404 for every key); auth is judged on chat completions, so only CHAT-007 fails",
            "CHAT-007"),
    MODELS_WRONG_SHAPE("GET models answers {\"models\": [...]} instead of {\"data\": [...]}", "CHAT-007"),

    // Embeddings (docs/evidence.md#r32)
    EMBEDDINGS_NOT_SERVED("has no embeddings route (404), though the profile claims embeddings", "EMB-001", "EMB-002", "EMB-003",
            "EMB-004", "EMB-005", "EMB-006", "EMB-007", "SDK-011"),
    EMBEDDINGS_NOT_IMPLEMENTED("answers embeddings with 501 not_supported_error, as llama-server started without --embeddings"
            + " does (after authenticating), though the profile claims embeddings", "EMB-001", "EMB-002", "EMB-003", "EMB-004",
            "EMB-005", "EMB-007", "SDK-011"),
    EMBEDDINGS_BASE64_IGNORED("encoding_format base64 is ignored and floats come back, as sglang answered: openai-node decodes"
            + " the floats as base64 into garbage", "EMB-003", "SDK-011"),
    EMBEDDINGS_BASE64_BIG_ENDIAN("base64 embeddings hold big-endian float32, which every SDK decodes as little-endian",
            "EMB-003", "SDK-011"),
    EMBEDDINGS_ONE_DATUM("several inputs get a single datum, the first input's", "EMB-002"),
    EMBEDDINGS_WITHOUT_INDEX("data carry no index", "EMB-001", "EMB-002"),
    EMBEDDINGS_LENGTHS_VARY("the vectors of several inputs differ in length (each alone has the full length)", "EMB-002", "EMB-007"),
    EMBEDDINGS_VARY_WITH_NEIGHBOURS("an input's vector depends on the other inputs of its request, as llama-server b11434's mean"
            + " pooling gave all but the last input of a batch", "EMB-007"),
    EMBEDDINGS_DIMENSIONS_IGNORED("dimensions is accepted and ignored: vectors keep their full length", "EMB-004"),
    EMBEDDINGS_USAGE_MISSING("embeddings answers carry no usage: openai-java 4.101.0 refuses such an answer ('usage' is not"
            + " set)", "EMB-001", "SDK-011"),
    EMBEDDINGS_WITHOUT_AUTH("the embeddings route answers requests without a key or with an unknown one", "EMB-006"),
    EMBEDDINGS_MISSING_INPUT_500("an embeddings request without input gets 500, as a server whose validation crashed", "EMB-005"),

    // The Responses API (docs/evidence.md#r33)
    RESPONSES_NOT_SERVED("has no responses route (404), though the profile claims the Responses API", "RESP-001", "RESP-002",
            "RESP-003", "RESP-004", "RESP-005", "RESP-006", "RESP-007", "RESP-008", "RESP-009", "RESP-010", "RESP-014", "SDK-012"),
    RESPONSES_ITEMS_REFUSED("input as a list of items is refused with 400; only a string is read", "RESP-002", "RESP-009"),
    RESPONSES_INCOMPLETE_AS_COMPLETED("an answer cut by max_output_tokens says status completed, without incomplete_details, as"
            + " llama-server b11434 answers", "RESP-003"),
    RESPONSES_USAGE_TOTAL_WRONG("usage.total_tokens is not input_tokens plus output_tokens", "RESP-001"),
    RESPONSES_CREATED_AT_MS("created_at is in milliseconds", "RESP-001"),
    RESPONSES_STREAM_EVENT_NAME_MISMATCH("every stream event is named 'message' whatever its type", "RESP-004"),
    RESPONSES_STREAM_WITHOUT_SEQUENCE("stream events carry no sequence_number, as llama-server b11434 streams them", "RESP-004"),
    RESPONSES_STREAM_WITHOUT_TERMINAL_EVENT("a stream ends after the output item is done, with no response.completed", "RESP-004", "SDK-012"),
    RESPONSES_STREAM_OUT_OF_ORDER("response.created comes after response.in_progress and the first output item", "RESP-004", "SDK-012"),
    RESPONSES_STREAM_DELTA_LOST("the first text delta is never sent: the deltas do not join to the final text", "RESP-004", "SDK-012"),
    RESPONSES_STREAM_WITHOUT_INDEXES("output events carry no output_index or content_index, as llama-server b11434 streams them"
            + " (the SDKs' stream helpers find the item by them)", "RESP-005", "SDK-012"),
    RESPONSES_STREAM_BARE_SNAPSHOT("response.created and response.in_progress carry only id, object and status, as llama-server"
            + " b11434 sends them (the SDKs' stream helpers build on that snapshot's output)", "RESP-005", "SDK-012"),
    RESPONSES_TOOL_CHOICE_IGNORED("a tool_choice naming a function is read as auto: the answer is text", "RESP-007", "RESP-008"),
    RESPONSES_ARGUMENTS_AS_OBJECT("a function_call item's arguments are a JSON object instead of a string holding JSON",
            "RESP-007", "RESP-008"),
    RESPONSES_CALL_WITHOUT_CALL_ID("a function_call item has no call_id, so no function_call_output can answer it", "RESP-007",
            "RESP-008"),
    RESPONSES_ARGUMENT_DELTAS_LOST("the first function_call_arguments delta is never sent: the deltas do not join to the"
            + " arguments", "RESP-008"),
    RESPONSES_TOOL_OUTPUT_REFUSED("input holding a function_call_output item is refused with 400: no tool round trip",
            "RESP-009"),
    RESPONSES_FORMAT_IGNORED("text.format (json_schema or json_object) is accepted and ignored: the answer is prose", "RESP-010",
            "RESP-014", "SDK-012"),
    RESPONSES_NOT_STORED("GET responses/{id} answers 404 for every id: nothing is stored, though the profile claims"
            + " responses_state", "RESP-011"),
    RESPONSES_STORED_DIFFERS("GET responses/{id} returns the stored response in_progress with no output", "RESP-011"),
    RESPONSES_ID_NOT_A_SEGMENT("gives each response an id that is no plain path segment ('../keys?x=...'): put in GET"
            + " responses/{id}, it would reach another route of the origin with the key", "RESP-011"),
    RESPONSES_PREVIOUS_IGNORED("previous_response_id is accepted and ignored: the stored turn is not part of the answer's"
            + " input", "RESP-013"),
    RESPONSES_UNKNOWN_ID_200("GET responses/{id} answers 200 with a made-up response for an id never issued", "RESP-012"),
    RESPONSES_WITHOUT_AUTH("the responses route answers requests without a key or with an unknown one", "RESP-006"),

    // Streaming
    STREAM_WITHOUT_DONE("a stream ends without 'data: [DONE]' (clients that wait for it, like curl scripts, break)", "STREAM-001", "SDK-002"),
    SSE_SPLIT_DATA_LINES("each chunk's JSON is split over two 'data:' lines: legal in the event-stream format, so every"
            + " STREAM check passes, but the legacy openai-python 0.28 reads each line as its own JSON", "SDK-002"),
    STREAM_FOREVER("a stream never ends: chunks keep coming, one every 50 ms", "STREAM-001", "STREAM-005", "SDK-002", "CHAT-009"),
    CHUNK_WITHOUT_DELTA("chunks carry 'message' instead of 'delta'", "STREAM-002", "SDK-002"),
    CHUNK_IDS_VARY("every chunk has its own id", "STREAM-003"),
    CHUNK_WITHOUT_ID("chunks carry no id at all, as one large provider's OpenAI-compatible endpoint streamed them in early 2025"
            + " (openai-java's ChatCompletionChunk.id() throws on it)", "STREAM-003", "SDK-002"),
    NO_FINAL_FINISH_REASON("no chunk carries a finish_reason", "STREAM-004", "SDK-002", "CHAT-009"),
    USAGE_CHUNK_MISSING("stream_options.include_usage is ignored", "STREAM-005"),
    USAGE_CHUNK_FIRST("with include_usage, the usage object rides on the first chunk, before the answer", "STREAM-005"),
    USAGE_ON_EVERY_CHUNK("with include_usage, every chunk carries a running usage object, not only the last", "STREAM-005"),
    MIDSTREAM_FINISH_REASON_ERROR("a stream that fails mid-way ends with a chunk whose choice has finish_reason 'error' beside the"
            + " error object, as OpenRouter documents it: legal only where the profile documents it (midStreamFinishReason)",
            "STREAM-006"),
    MIDSTREAM_ERROR_AS_TEXT("a mid-stream failure is sent as 'data: <text>' instead of an error object", "STREAM-006"),

    // Tool calling, structured outputs, parameters (the threads are in docs/evidence.md#r21 to #r24)
    TOOL_CALLS_IGNORED("accepts tools and a forced tool_choice, then answers with text", "TOOL-001", "TOOL-002", "TOOL-003",
            "SDK-007", "SDK-008"),
    ARGUMENTS_AS_OBJECT("function.arguments is a JSON object instead of a string holding JSON", "TOOL-001", "SDK-007"),
    FINISH_REASON_TOOL_CALL("a tool call ends with finish_reason \"tool_call\" (mlx-lm#782)", "TOOL-001", "TOOL-002", "SDK-007",
            "SDK-008"),
    TOOL_DELTA_WITHOUT_INDEX("streamed tool_call argument deltas carry no index (ollama#7881)", "TOOL-002", "SDK-008"),
    STREAM_TOOL_CALLS_END_WITH_STOP("a streamed tool call ends with finish_reason \"stop\" (python-genai#2868)", "TOOL-002", "SDK-008"),
    TOOL_CALL_IDS_REPEATED("parallel tool calls share one id", "TOOL-003"),
    TOOL_RESULT_UNMATCHED_ACCEPTED("a tool message answering a tool_call_id nobody issued is served", "TOOL-005"),
    TOOL_RESULTS_500("a conversation that carries a tool result is answered 500", "TOOL-004", "TOOL-005"),
    TOOL_CHOICE_NONE_IGNORED("tool_choice \"none\" still calls a tool", "TOOL-006"),
    NAMED_TOOL_CHOICE_IGNORED("tool_choice naming a function is read as \"auto\": the first tool offered is called, and a name"
            + " that was not offered is accepted (llama-server before ggml-org/llama.cpp#28806); every SDK row then gets the"
            + " wrong function too", "TOOL-001", "TOOL-002", "SDK-007", "SDK-008"),
    TOOL_ID_IN_EVERY_DELTA("every streamed tool_calls delta repeats the call's id and name, which openai-python's stream helper"
            + " appends into one broken id", "TOOL-002", "SDK-008"),
    RESPONSE_FORMAT_IGNORED("response_format is accepted and ignored: prose instead of JSON (ollama#10001)", "FMT-001", "FMT-002", "FMT-003",
            "SDK-009"),
    N_IGNORED("n is accepted and one choice comes back (openrouter-runner#99)", "PARAM-001"),
    STREAMED_N_IGNORED("n is honoured, but streamed only choice 0's chunks come back", "PARAM-001"),
    STOP_IGNORED("stop is accepted and the answer runs past it (mlx-vlm#1044)", "PARAM-002"),
    LOGPROBS_IGNORED("logprobs is accepted and none come back (ollama#16117)", "PARAM-003"),

    // Faults of the suite's own tools: the target's key API fails the suite, so the declared requirements' checks that
    // need a created key cannot judge (broken, never failed; ERR-001's and ERR-003's checks on provoked errors still pass), and the
    // run must still leave no key behind.
    KEY_CREATE_500_AFTER_COMMIT(Kind.TOOL_FAULT, "the key API creates the key, then answers its create with 500 (a crash"
            + " between commit and answer)", "KEY-001", "KEY-002", "KEY-003", "KEY-004", "KEY-005", "KEY-007", "KEY-008", "SEC-003",
            "AUTH-006", "AUTH-007",
            "AUTH-011", "AUTH-013", "AUTH-019", "AUTH-020", "ERR-001", "ERR-003", "SDK-003"),

    // Optional features declined cleanly: legal, so their requirements end skipped ("not supported by this target")
    // under a profile that does not claim them, and failed under one that does.
    N_DECLINED(Kind.DECLINES, "n greater than 1 is refused with 400 naming 'n'", "PARAM-001"),
    LOGPROBS_DECLINED(Kind.DECLINES, "logprobs is refused with 400 naming 'logprobs'", "PARAM-003"),
    PARALLEL_TOOL_CALLS_DECLINED(Kind.DECLINES, "parallel_tool_calls: false is refused with 400 naming it, as one gateway"
            + " answered", "PARAM-004"),
    REASONING_DECLINED(Kind.DECLINES, "reasoning_effort is refused with 400 naming it, as OpenAI answers for a model that does not"
            + " reason", "PARAM-005"),

    EMBEDDING_DIMENSIONS_DECLINED(Kind.DECLINES, "dimensions is refused with 400 naming it, as models before text-embedding-3"
            + " answer", "EMB-004"),

    // Legal variants
    RESPONSES_REASONING_ITEM("a response carries a reasoning output item before the message, streamed with its own events,"
            + " as reasoning models answer"),
    RESPONSES_UNKNOWN_EVENTS("a responses stream carries an event type no client knows yet between the text deltas"),
    CONTENT_EMPTY_BESIDE_TOOL_CALLS("a message with tool_calls has content \"\" instead of null"),
    ARGUMENTS_IN_ONE_FRAGMENT("streamed tool-call arguments arrive whole in the first delta"),
    ARGUMENTS_IN_ONE_CHARACTER_FRAGMENTS("streamed tool-call arguments arrive one character a delta"),
    REFUSAL_AND_ANNOTATIONS("every message carries refusal: null and annotations: [], as OpenAI sends them"),
    NUMERIC_ERROR_CODE("error.code is the HTTP status as a number, as OpenRouter and Infron document it: legal for the schema"
            + " under their profiles, but openai-java's typed code() accessor throws on it", "SDK-010"),
    OVERSIZED_HEADER_BARE_400("an Authorization line over 8 KiB is refused by the HTTP layer with a bare 400 and no body, as"
            + " cpp-httplib and nginx do (RFC 9110 §5.4: an appropriate 4xx)"),
    STOP_DROPS_LOGPROBS("a request carrying stop gets null logprobs (llama.cpp drops them when it re-tokenizes the stop word);"
            + " logprobs asked alone come back"),
    STREAM_CUT_BY_CONCURRENT_REQUEST("a plain stream ends after its role chunk with [DONE] when another request arrives within"
            + " half a second of its start, as one engine's interrupt_requests default does; a stream asked alone is whole. The suite asks"
            + " a cut stream again alone and reports the cut as an observation"),
    USAGE_DETAILS_ABSENT("usage carries no prompt_tokens_details or completion_tokens_details, as vLLM and many servers send it"),
    REASONING_CONTENT("messages carry reasoning_content and streams reasoning_content deltas before the content, as DeepSeek, vLLM"
            + " and Azure send them"),
    REASONING_FIELD("messages carry reasoning and reasoning_details and streams deltas of both before the content, as OpenRouter"
            + " sends them"),
    EXTRA_FIELDS("responses, errors and chunks carry extra members, as gateways add them"),
    JSON_CHARSET("JSON responses say 'application/json; charset=utf-8'"),
    SSE_COMMENTS("streams carry ': PROCESSING' comment lines between events"),
    SSE_DATA_WITHOUT_SPACE("stream lines read 'data:{...}' with no space"),
    SSE_CRLF("stream lines end with CRLF"),
    STREAM_SILENT_START("a completion's stream sends its head, then nothing for 0.8 s before its first chunk, as a server does"
            + " while a model thinks; the stream's longest silence is reported as an observation"),
    STREAM_KEEP_ALIVE("a completion's stream sends ': OPENROUTER PROCESSING' comments every 0.2 s for 0.8 s before its first"
            + " chunk, as OpenRouter keeps a connection alive while an upstream thinks"),
    MASKED_KEY_IN_ERROR("the error names the rejected key masked to its first 8 and last 4 characters, as OpenAI does"),
    CHUNKED_JSON("JSON responses are sent with chunked transfer encoding instead of a Content-Length"),
    USAGE_CHUNK_WITH_EMPTY_DELTA("the usage chunk carries one choice with an empty delta, as OpenRouter, DeepSeek, Groq and LiteLLM send it"),
    NULL_OPTIONAL_MEMBERS("optional members are present and null (tool_calls, function_call, audio, annotations, refusal, role in"
            + " later deltas, system_fingerprint, usage details), as live providers send them and every official SDK accepts"),
    HOSTILE_MODEL_IDS("GET models also lists, after its own, ids no client can use: markup that runs script where it is"
            + " rendered raw, a line that is a CI workflow command, terminal escapes; a run judges none of them and names them inert"),
    ACCEPT_NONSTANDARD_KEY_FORMS("also accepts a raw key, Basic with the key as password, and x-api-key, as llama.cpp and LiteLLM do");

    /** What a switch is: a deviation from the contract, a legal variant of it, or a fault of a tool the suite uses. */
    public enum Kind { DEVIATION, LEGAL_VARIANT, TOOL_FAULT, DECLINES }

    private final Kind kind;
    private final String description;
    private final Set<String> breaks;

    Switch(String description, String... breaks) {
        this(breaks.length == 0 ? Kind.LEGAL_VARIANT : Kind.DEVIATION, description, breaks);
    }

    Switch(Kind kind, String description, String... breaks) {
        this.kind = kind;
        this.description = description;
        this.breaks = Set.of(breaks);
    }

    /**
     * A deviation: the requirements it fails. A tool fault: the requirements it leaves unjudgeable. A declined feature:
     * the requirements it leaves skipped (or failed, where the profile claims the feature). Empty for a legal variant.
     */
    public Set<String> breaks() {
        return breaks;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isLegalVariant() {
        return kind == Kind.LEGAL_VARIANT;
    }

    public boolean isDeviation() {
        return kind == Kind.DEVIATION;
    }

    public String description() {
        return description;
    }
}
