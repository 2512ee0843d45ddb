package org.oaiconformance.contract.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.util.List;

/** A schema that travels in a request (a tool's parameters, a json_schema response format), checked with networknt too. */
public final class InlineSchema {
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private InlineSchema() {
    }

    /** Every violation of {@code schema} by the JSON text; one at the root when the text is not JSON at all. */
    public static List<SchemaViolation> violations(JsonNode schema, String json) {
        try {
            return REGISTRY.getSchema(schema.toString()).validate(json, InputFormat.JSON).stream()
                    .map(e -> new SchemaViolation(ContractSchema.toPointer(String.valueOf(e.getInstanceLocation())),
                            "the request's schema", e.getMessage(), null)).toList();
        } catch (RuntimeException notJson) {
            return List.of(new SchemaViolation("", "the request's schema", "not JSON", null));
        }
    }
}
