package org.oaiconformance.compat.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import org.oaiconformance.compat.embeddings.EmbeddingRoute;
import org.oaiconformance.compat.embeddings.Vectors;
import org.oaiconformance.contract.catalogue.Verifies;
import org.oaiconformance.contract.http.EmbeddingRequests;
import org.oaiconformance.contract.http.Exchange;
import org.testng.SkipException;
import org.testng.annotations.Test;

import java.util.Map;

/**
 * Embeddings through each SDK row's own call with its defaults, because that is where clients break: openai-python and
 * openai-node ask for base64 and decode it, so a server that ignores encoding_format (or sends big-endian floats) hands
 * their users garbage while the raw float answer looks right; openai-java 4.101.0, openai 0.28 and curl get floats. One billable call per row, and
 * one raw float call the rows are compared with.
 */
public class SdkEmbeddingChecks extends SdkRowChecks {

    /** Verifies: SDK-011 (docs/evidence.md#r32). If this fails, compare with EMB-003: honour encoding_format base64. */
    @Test(dataProvider = "sdks")
    @Verifies("SDK-011")
    public void required_sdk011_sdkDecodesEveryEmbeddingAsTheFloatAnswerHasIt(SdkDriver sdk) {
        String model = EmbeddingRoute.model(session());
        double[][] expected = once("the raw float embeddings", () -> rawFloats(model));
        SdkAnswer answer = sdk.feature(FeatureCall.EMBEDDINGS, target().validKeyValue(), EmbeddingRequests.several(model, null),
                headers(Map.of()));
        observe(sdk, "embeddings of " + expected.length + " inputs, decoded by the SDK", answer);
        if (!answer.ok()) {
            throw failure(sdk, "expected the SDK to return the embeddings the raw request got", answer);
        }
        JsonNode vectors = readable(answer.content());
        if (!vectors.isArray() || vectors.size() != expected.length) {
            throw failure(sdk, "expected " + expected.length + " vectors, one per input, got " + (vectors.isArray() ? vectors.size() : "none"), answer);
        }
        for (int i = 0; i < expected.length; i++) {
            double[] actual = Vectors.fromFloats(vectors.get(i));
            String difference = actual == null ? "not an array of finite numbers" : Vectors.difference(expected[i], actual);
            if (difference != null) {
                throw failure(sdk, "expected input " + i + "'s vector as the raw float answer has it; the SDK gave " + difference, answer);
            }
        }
    }

    /** JSON text as a tree; a missing node when it is absent or not JSON. */
    private static JsonNode readable(String json) {
        try {
            return json == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
                    : org.oaiconformance.contract.json.Json.MAPPER.readTree(json);
        } catch (java.io.IOException notJson) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    /** The raw request's vectors, in index order; a skip when the raw answer is not one to compare with (EMB-002 judges it). */
    private double[][] rawFloats(String model) {
        Exchange exchange = EmbeddingRoute.served(target().post(EmbeddingRequests.PATH, target().validKey(),
                EmbeddingRequests.several(model, null)), session());
        JsonNode data = exchange.status() == 200 ? readable(exchange.body()).path("data") : null;
        int inputs = EmbeddingRequests.INPUTS.size();
        double[][] vectors = new double[inputs][];
        if (data != null && data.isArray() && data.size() == inputs) {
            for (JsonNode datum : data) {
                int index = datum.path("index").asInt(-1);
                if (index >= 0 && index < inputs) {
                    vectors[index] = Vectors.fromFloats(datum.path("embedding"));
                }
            }
        }
        if (java.util.Arrays.stream(vectors).anyMatch(java.util.Objects::isNull)) {
            throw new SkipException("cannot judge: the raw float answer to the same request holds no vector per input to compare"
                    + " with: see EMB-002");
        }
        return vectors;
    }
}
