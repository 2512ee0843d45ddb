package org.oaiconformance.compat.chat;

import com.fasterxml.jackson.databind.JsonNode;
import org.oaiconformance.contract.catalogue.Verifies;
import org.oaiconformance.contract.check.ConformanceChecks;
import org.oaiconformance.contract.check.Expect;
import org.oaiconformance.contract.http.ChatRequests;
import org.oaiconformance.contract.http.Exchange;
import org.testng.annotations.Test;

/** The non-stream chat completion, as the official SDKs parse it. One billable call. */
public class ChatCompletionChecks extends ConformanceChecks {
    private static final String REQ = "CHAT-001";

    /**
     * A completion is {@code {"object": "chat.completion", "id": "...", "choices": [{"message": {"role":
     * "assistant", "content": "..."}}]}}; other members may be added freely.
     * Verifies: CHAT-001 (OpenAI API reference, chat completion object).
     * If this fails, check the response mapper: SDKs with response validation reject a wrong 'object' or 'role'.
     */
    @Test
    @Verifies(REQ)
    public void required_chat001_completionHasTheChatCompletionShape() {
        Exchange exchange = target().post("/chat/completions", target().validKey(), ChatRequests.minimal(model()));
        Expect.status(REQ, exchange, 200);
        JsonNode completion = exchange.json(REQ);
        Expect.textEquals(REQ, exchange, completion, "object", "chat.completion");
        Expect.isText(REQ, exchange, completion.path("id"), "id");
        JsonNode message = completion.path("choices").path(0).path("message");
        if (!message.isObject()) {
            Expect.fail(REQ, exchange, "expected choices[0].message to be an object");
        }
        Expect.textEquals(REQ, exchange, message, "role", "assistant");
        Expect.isText(REQ, exchange, message.path("content"), "choices[0].message.content");
    }
}
