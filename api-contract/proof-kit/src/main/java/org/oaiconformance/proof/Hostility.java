package org.oaiconformance.proof;

/**
 * Ways a target breaks below the contract, at the level of the connection: what a {@link HostileFront} does to the
 * requests it takes. The suite must end every affected check on time, with a one-line reason: broken when it got
 * nothing to judge (no answer, a reset, bytes that are not HTTP, a head dripped past the deadline), failed when the
 * target broke an answer it had begun (a body too large to read, a stream cut off).
 */
public enum Hostility {
    NEVER_ANSWERS("accepts the connection, reads the request and never answers", true),
    RESETS_THE_CONNECTION("reads the request, then resets the connection (TCP RST)", true),
    HUGE_BODY("answers 200 with a 10 MB JSON body", true),
    NOT_HTTP("answers with bytes that are not HTTP (an SSH banner)", true),
    DRIPS_HEADERS("sends its answer's head one byte a second", true),
    CLOSES_MID_STREAM("serves everything, but closes the connection after the first event of a stream", false),
    REFUSES_H2C_UPGRADE("answers an empty 400 to any request that asks for an HTTP/2 cleartext upgrade (as Portkey's gateway"
            + " does) and serves every other", false),
    INJECTS_WORKFLOW_COMMANDS("answers every request with text that holds GitHub workflow commands (::error::, ::stop-commands::)"
            + " and terminal escape sequences, raw and inside JSON strings", true);

    private final String description;
    private final boolean everyRequest;

    Hostility(String description, boolean everyRequest) {
        this.description = description;
        this.everyRequest = everyRequest;
    }

    public String description() {
        return description;
    }

    /** Whether it spoils every request; otherwise only streaming chat completions. */
    public boolean everyRequest() {
        return everyRequest;
    }
}
