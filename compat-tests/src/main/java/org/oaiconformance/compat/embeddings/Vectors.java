package org.oaiconformance.compat.embeddings;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.Locale;

/** Embedding vectors as the checks compare them: read from floats or from base64 float32, and their cosine. */
public final class Vectors {
    /** Two answers for the same text are the same vector when their cosine reaches this (servers differ by rounding). */
    public static final double SAME = 0.99;

    private Vectors() {
    }

    /** An array of finite numbers as a vector; null when it is anything else. */
    public static double[] fromFloats(JsonNode embedding) {
        if (!embedding.isArray() || embedding.isEmpty()) {
            return null;
        }
        double[] vector = new double[embedding.size()];
        for (int i = 0; i < vector.length; i++) {
            JsonNode value = embedding.get(i);
            if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
                return null;
            }
            vector[i] = value.asDouble();
        }
        return vector;
    }

    /** A base64 string of little-endian float32 values, decoded as the SDKs decode it; null when it is not one. */
    public static double[] fromBase64(JsonNode embedding) {
        if (!embedding.isTextual()) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(embedding.asText());
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        if (bytes.length == 0 || bytes.length % Float.BYTES != 0) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        double[] vector = new double[bytes.length / Float.BYTES];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = buffer.getFloat();
        }
        return vector;
    }

    /** The cosine of two vectors of one length; NaN when either is all zeros or holds a value that is not finite. */
    public static double cosine(double[] a, double[] b) {
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }
        double cosine = dot / Math.sqrt(normA * normB);
        return Double.isFinite(cosine) ? cosine : Double.NaN;
    }

    /** Null when they are the same vector; else why not, for messages: lengths first, then direction. */
    public static String difference(double[] expected, double[] actual) {
        if (actual.length != expected.length) {
            return actual.length + " values where the other has " + expected.length;
        }
        double cosine = cosine(expected, actual);
        return cosine >= SAME ? null : String.format(Locale.ROOT, "a different vector (cosine %.3f)", cosine);
    }
}
