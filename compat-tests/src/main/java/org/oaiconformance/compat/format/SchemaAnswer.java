package org.oaiconformance.compat.format;

import com.fasterxml.jackson.databind.JsonNode;
import org.oaiconformance.contract.http.FeatureRequests;
import org.oaiconformance.contract.json.Json;
import org.oaiconformance.contract.schema.InlineSchema;
import org.oaiconformance.contract.schema.SchemaViolation;

import java.io.IOException;
import java.util.List;

/** The one judgement of a json_schema answer, for the raw checks and the SDK rows alike. */
public final class SchemaAnswer {
    private SchemaAnswer() {
    }

    /** Why this content does not answer the json_schema the suite sends, or null when it parses and conforms. */
    public static String problem(String content) {
        try {
            JsonNode node = Json.MAPPER.readTree(content == null ? "" : content);
            if (node == null || node.isMissingNode()) {
                return "expected the content to parse as JSON for response_format json_schema";
            }
        } catch (IOException notJson) {
            return "expected the content to parse as JSON for response_format json_schema";
        }
        List<SchemaViolation> violations = InlineSchema.violations(FeatureRequests.CITY_SCHEMA, content);
        return violations.isEmpty() ? null : "expected the content to conform to the json_schema sent: " + violations.get(0);
    }
}
