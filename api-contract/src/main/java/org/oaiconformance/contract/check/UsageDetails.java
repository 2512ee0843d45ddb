package org.oaiconformance.contract.check;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether a usage object's details add up: each member of completion_tokens_details (reasoning_tokens, audio_tokens,
 * …) is a part of completion_tokens, each member of prompt_tokens_details (cached_tokens, …) a part of prompt_tokens.
 * Absent or null details, and null members, are legal; a part larger than its whole, or not a non-negative integer,
 * is not.
 */
public final class UsageDetails {
    private static final Map<String, String> WHOLE_OF = Map.of("completion_tokens_details", "completion_tokens",
            "prompt_tokens_details", "prompt_tokens");

    private UsageDetails() {
    }

    /** What does not add up in {@code usage}; empty when all is well or there are no details. */
    public static List<String> problems(JsonNode usage) {
        List<String> problems = new ArrayList<>();
        if (usage == null || !usage.isObject()) {
            return problems;
        }
        for (Map.Entry<String, String> part : WHOLE_OF.entrySet()) {
            JsonNode details = usage.path(part.getKey());
            if (details.isMissingNode() || details.isNull()) {
                continue;
            }
            if (!details.isObject()) {
                problems.add(part.getKey() + " is " + Expect.kind(details) + ", not an object");
                continue;
            }
            JsonNode whole = usage.path(part.getValue());
            details.fields().forEachRemaining(member -> {
                JsonNode value = member.getValue();
                if (value.isNull()) {
                    return;
                }
                String name = part.getKey() + "." + member.getKey();
                if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
                    problems.add(name + " is " + value + ", not a non-negative integer");
                } else if (whole.isIntegralNumber() && value.asLong() > whole.asLong()) {
                    problems.add(name + " is " + value.asLong() + ", more than " + part.getValue() + " (" + whole.asLong() + ")");
                }
            });
        }
        return problems;
    }

    /** Whether {@code usage} carries any details at all. */
    public static boolean present(JsonNode usage) {
        return usage != null && WHOLE_OF.keySet().stream().anyMatch(d -> usage.path(d).isObject() && !usage.path(d).isEmpty());
    }
}
