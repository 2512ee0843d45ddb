package org.oaiconformance.compat.tools;

import com.fasterxml.jackson.databind.JsonNode;
import org.oaiconformance.contract.http.FeatureRequests;
import org.oaiconformance.contract.json.Json;
import org.oaiconformance.contract.schema.InlineSchema;
import org.oaiconformance.contract.schema.SchemaViolation;

import java.io.IOException;
import java.util.List;

/** The one judgement of a tool call's arguments, for the raw checks and the SDK rows alike. */
public final class ToolArguments {
    private ToolArguments() {
    }

    /** Why these arguments of {@code tool} would break the caller, or null when they parse as a JSON object and conform. */
    public static String problem(String tool, String arguments) {
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(arguments);
        } catch (IOException notJson) {
            parsed = null;
        }
        if (parsed == null || !parsed.isObject()) {
            return "expected the arguments of " + tool + " to parse as a JSON object";
        }
        JsonNode parameters = FeatureRequests.parametersOf(tool);
        if (parameters == null) {
            return "expected a call of an offered tool, found '" + tool + "'";
        }
        List<SchemaViolation> violations = InlineSchema.violations(parameters, arguments);
        return violations.isEmpty() ? null : "expected the arguments of " + tool + " to conform to its parameters: " + violations.get(0);
    }
}
