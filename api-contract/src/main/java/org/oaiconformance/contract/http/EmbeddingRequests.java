package org.oaiconformance.contract.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.oaiconformance.contract.json.Json;

import java.util.List;

/**
 * Request bodies for {@code POST /embeddings}: short inputs, a few tokens each, so the whole family costs a few dozen
 * tokens. Without {@code encoding_format} the answer must be floats; the official Python and Node SDKs add
 * {@code "base64"} themselves.
 */
public final class EmbeddingRequests {
    public static final String PATH = "/embeddings";
    /** The inputs every several-input request sends, the SDK rows' included, so their answers can be compared. */
    public static final List<String> INPUTS = List.of("The cat sat on the mat.", "A kitten naps in the sun.", "Trains leave at noon.");
    /** The length asked for with {@code dimensions}: small enough for every model that supports it. */
    public static final int DIMENSIONS = 8;

    private EmbeddingRequests() {
    }

    /** The first input alone, as a string. */
    public static String one(String model) {
        return one(model, 0);
    }

    /** Input {@code i} alone, as a string. */
    public static String one(String model, int i) {
        return base(model).put("input", INPUTS.get(i)).toString();
    }

    /** Every input, as an array; {@code encodingFormat} null sends none (floats are the default). */
    public static String several(String model, String encodingFormat) {
        ObjectNode body = severalBody(model);
        if (encodingFormat != null) {
            body.put("encoding_format", encodingFormat);
        }
        return body.toString();
    }

    /** One input with {@code dimensions}. */
    public static String withDimensions(String model, int dimensions) {
        return base(model).put("input", INPUTS.get(0)).put("dimensions", dimensions).toString();
    }

    /** A request without input: a validation error, before any model runs. */
    public static String withoutInput(String model) {
        return base(model).toString();
    }

    private static ObjectNode severalBody(String model) {
        ObjectNode body = base(model);
        INPUTS.forEach(body.putArray("input")::add);
        return body;
    }

    private static ObjectNode base(String model) {
        return Json.MAPPER.createObjectNode().put("model", model);
    }
}
