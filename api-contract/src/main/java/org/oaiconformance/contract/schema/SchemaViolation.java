package org.oaiconformance.contract.schema;

/**
 * One way a JSON document misses its schema.
 *
 * @param instancePath where in the document, as a JSON Pointer ({@code /choices/0/finish_reason}; "" for the root)
 * @param schemaPath   which rule of the schema ({@code chat-completion.json#/$defs/choice/properties/finish_reason/enum})
 * @param missing      for a missing required member, its name; else null
 */
public record SchemaViolation(String instancePath, String schemaPath, String message, String missing) {

    /** The member the violation is about: the instance path, or the path the missing member would have. */
    public String path() {
        return missing == null ? instancePath : instancePath + "/" + missing;
    }

    @Override
    public String toString() {
        return (instancePath.isEmpty() ? "/" : instancePath) + ": " + message + " (schema " + schemaPath + ")";
    }
}
