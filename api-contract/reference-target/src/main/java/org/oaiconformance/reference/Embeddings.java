package org.oaiconformance.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code POST embeddings}: one deterministic unit vector per input (the same text always gets the same vector), floats
 * by default, little-endian float32 in base64 on request, {@code dimensions} honoured by cutting and renormalising as
 * OpenAI's text-embedding-3 models do. Authentication is the caller's; validation is here.
 */
final class Embeddings {
    static final String MODEL = "reference-embed";
    static final int DIMENSIONS = 32;

    void handle(Call call, JsonNode request) throws IOException {
        if (request == null) {
            call.error(400, "invalid_request_error", null, null, "We could not parse the JSON body of your request.");
            return;
        }
        List<String> inputs = inputs(request.path("input"));
        if (inputs == null) {
            if (call.on(Switch.EMBEDDINGS_MISSING_INPUT_500)) {
                call.error(500, "server_error", null, null, "'NoneType' object is not iterable");
                return;
            }
            call.error(400, "invalid_request_error", null, "input", "'input' must be a non-empty string or array of non-empty strings.");
            return;
        }
        String model = request.path("model").asText("");
        if (!model.equals(MODEL)) {
            call.error(404, "invalid_request_error", "model_not_found", "model", "The model '" + model + "' does not exist.");
            return;
        }
        String format = request.path("encoding_format").asText("float");
        if (!format.equals("float") && !format.equals("base64")) {
            call.error(400, "invalid_request_error", null, "encoding_format", "encoding_format must be 'float' or 'base64'.");
            return;
        }
        int length = DIMENSIONS;
        if (request.has("dimensions") && !call.on(Switch.EMBEDDINGS_DIMENSIONS_IGNORED)) {
            if (call.on(Switch.EMBEDDING_DIMENSIONS_DECLINED)) {
                call.error(400, "invalid_request_error", null, "dimensions", "This model does not support 'dimensions'.");
                return;
            }
            length = request.path("dimensions").asInt(0);
            if (!request.path("dimensions").isIntegralNumber() || length < 1 || length > DIMENSIONS) {
                call.error(400, "invalid_request_error", null, "dimensions", "dimensions must be an integer from 1 to " + DIMENSIONS + ".");
                return;
            }
        }
        call.json(200, answer(call, inputs, length, format.equals("base64") && !call.on(Switch.EMBEDDINGS_BASE64_IGNORED)));
    }

    private static ObjectNode answer(Call call, List<String> inputs, int length, boolean base64) {
        ObjectNode root = Call.JSON.createObjectNode().put("object", "list");
        ArrayNode data = root.putArray("data");
        int tokens = 0;
        int count = call.on(Switch.EMBEDDINGS_ONE_DATUM) ? 1 : inputs.size();
        for (int i = 0; i < count; i++) {
            int own = call.on(Switch.EMBEDDINGS_LENGTHS_VARY) ? length - i : length;
            float[] vector = vector(inputs.get(i), own);
            if (call.on(Switch.EMBEDDINGS_VARY_WITH_NEIGHBOURS) && i < count - 1) {
                vector = vector(inputs.get(i) + " " + inputs.get(i + 1), own); // pooled over the next input's tokens too
            }
            ObjectNode datum = data.addObject().put("object", "embedding");
            if (!call.on(Switch.EMBEDDINGS_WITHOUT_INDEX)) {
                datum.put("index", i);
            }
            if (base64) {
                datum.put("embedding", base64(vector, call.on(Switch.EMBEDDINGS_BASE64_BIG_ENDIAN) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN));
            } else {
                ArrayNode values = datum.putArray("embedding");
                for (float value : vector) {
                    values.add(value);
                }
            }
            if (call.on(Switch.EXTRA_FIELDS)) {
                datum.put("x_norm", 1.0);
            }
        }
        for (String input : inputs) {
            tokens += input.split("\\s+").length;
        }
        root.put("model", MODEL);
        if (!call.on(Switch.EMBEDDINGS_USAGE_MISSING)) {
            root.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        }
        return root;
    }

    /** A string or an array of strings, none empty; null for anything else (tokens arrays are not served here). */
    private static List<String> inputs(JsonNode input) {
        List<String> texts = new ArrayList<>();
        if (input.isTextual()) {
            texts.add(input.asText());
        } else if (input.isArray()) {
            input.forEach(item -> texts.add(item.isTextual() ? item.asText() : ""));
        }
        return texts.isEmpty() || texts.stream().anyMatch(String::isEmpty) ? null : texts;
    }

    /** The text's vector: seeded by its hash, cut to {@code length} and made unit length. */
    static float[] vector(String text, int length) {
        SplittableRandom random = new SplittableRandom(seed(text));
        float[] vector = new float[length];
        double norm = 0;
        for (int i = 0; i < length; i++) {
            vector[i] = (float) (random.nextDouble() * 2 - 1);
            norm += vector[i] * vector[i];
        }
        for (int i = 0; i < length; i++) {
            vector[i] = (float) (vector[i] / Math.sqrt(norm));
        }
        return vector;
    }

    private static long seed(String text) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8))).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String base64(float[] vector, ByteOrder order) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(order);
        for (float value : vector) {
            bytes.putFloat(value);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}
