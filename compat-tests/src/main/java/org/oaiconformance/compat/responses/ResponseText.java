package org.oaiconformance.compat.responses;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** The text of a Response object, read as the SDKs' output_text reads it: every output_text part of every message item. */
final class ResponseText {
    private ResponseText() {
    }

    static String of(JsonNode response) {
        StringBuilder text = new StringBuilder();
        for (JsonNode message : messages(response)) {
            for (JsonNode part : message.path("content")) {
                if (part.path("type").asText().equals("output_text")) {
                    text.append(part.path("text").asText(""));
                }
            }
        }
        return text.toString();
    }

    /** The message items among the output (a reasoning or other item may come first). */
    static List<JsonNode> messages(JsonNode response) {
        List<JsonNode> messages = new ArrayList<>();
        for (JsonNode item : response.path("output")) {
            if (item.path("type").asText().equals("message")) {
                messages.add(item);
            }
        }
        return messages;
    }
}
