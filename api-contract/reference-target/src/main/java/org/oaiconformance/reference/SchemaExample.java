package org.oaiconformance.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A deterministic instance of a JSON Schema, for the reference target's tool arguments and structured outputs: every
 * property of an object (so required ones too), the first enum value, two items of an array, and a fixed value of each
 * type. The subset covers what strict tool and response schemas use.
 */
final class SchemaExample {
    private SchemaExample() {
    }

    static JsonNode of(JsonNode schema) {
        if (schema.has("enum") && schema.get("enum").size() > 0) {
            return schema.get("enum").get(0);
        }
        if (schema.has("const")) {
            return schema.get("const");
        }
        String type = schema.path("type").isArray() ? schema.path("type").get(0).asText() : schema.path("type").asText("object");
        return switch (type) {
            case "string" -> Call.JSON.getNodeFactory().textNode("Paris");
            case "integer" -> Call.JSON.getNodeFactory().numberNode(2);
            case "number" -> Call.JSON.getNodeFactory().numberNode(2.5);
            case "boolean" -> Call.JSON.getNodeFactory().booleanNode(true);
            case "null" -> Call.JSON.getNodeFactory().nullNode();
            case "array" -> {
                ArrayNode items = Call.JSON.createArrayNode();
                JsonNode itemSchema = schema.path("items");
                items.add(of(itemSchema));
                items.add(of(itemSchema));
                yield items;
            }
            default -> {
                ObjectNode object = Call.JSON.createObjectNode();
                schema.path("properties").fields().forEachRemaining(p -> object.set(p.getKey(), of(p.getValue())));
                yield object;
            }
        };
    }
}
