package org.oaiconformance.contract.schema;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON Schemas (2020-12) of the contract, in {@code api-contract/src/main/resources/schemas/}, written by this
 * project from the OpenAI API reference. Validated with networknt's json-schema-validator.
 */
public enum ContractSchema {
    CHAT_COMPLETION_REQUEST("chat-completion-request.json"),
    CHAT_COMPLETION("chat-completion.json"),
    CHAT_COMPLETION_CHUNK("chat-completion-chunk.json"),
    ERROR("error.json"),
    MODELS("models.json"),
    EMBEDDINGS("embeddings.json"),
    RESPONSE("response.json"),
    CONFORMANCE_SUMMARY("conformance-summary.json");

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final String file;
    private volatile Schema schema;

    ContractSchema(String file) {
        this.file = file;
    }

    public String file() {
        return file;
    }

    /** Every violation of this schema by the JSON text; one violation at the root when the text is not JSON at all. */
    public List<SchemaViolation> violations(String json) {
        List<Error> errors;
        try {
            errors = schema().validate(json, InputFormat.JSON);
        } catch (RuntimeException notJson) {
            return List.of(new SchemaViolation("", file, "the body is not JSON", null));
        }
        return errors.stream().map(e -> new SchemaViolation(pointer(e), schemaPath(e), e.getMessage(),
                "required".equals(e.getKeyword()) ? e.getProperty() : null)).toList();
    }

    private Schema schema() {
        if (schema == null) {
            try (InputStream in = ContractSchema.class.getResourceAsStream("/schemas/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("schema " + file + " is missing from the classpath");
                }
                schema = REGISTRY.getSchema(in, InputFormat.JSON);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read schema " + file, e);
            }
        }
        return schema;
    }

    private static String pointer(Error error) {
        return toPointer(String.valueOf(error.getInstanceLocation()));
    }

    private String schemaPath(Error error) {
        String location = String.valueOf(error.getSchemaLocation());
        int hash = location.indexOf('#');
        return file + (hash < 0 ? "" : location.substring(hash));
    }

    /** networknt writes "$.choices[0].finish_reason"; checks and reports use JSON Pointers: "/choices/0/finish_reason". */
    static String toPointer(String path) {
        if (path.startsWith("/") || path.isEmpty()) {
            return path;
        }
        String rest = path.startsWith("$") ? path.substring(1) : path;
        return rest.replaceAll("\\[(\\d+)\\]", "/$1").replaceAll("\\['([^']*)'\\]", "/$1").replace('.', '/');
    }
}
