package org.oaiconformance.compat.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.oaiconformance.compat.embeddings.EmbeddingRoute;
import org.oaiconformance.compat.embeddings.EmbeddingSamples;
import org.oaiconformance.compat.embeddings.Vectors;
import org.oaiconformance.contract.catalogue.Verifies;
import org.oaiconformance.contract.http.EmbeddingRequests;
import org.oaiconformance.contract.json.Json;
import org.testng.SkipException;
import org.testng.annotations.Test;

import java.io.IOException;
import java.util.Map;

/**
 * Embeddings through each SDK row's own call with its defaults, because that is where clients break: openai-python and
 * openai-node ask for base64 and decode it, so a server that ignores encoding_format (or sends big-endian floats) hands
 * their users garbage while the raw float answer looks right; openai-java 4.101.0, openai 0.28 and curl get floats.
 * One billable call per row; the raw answers it compares with are the run's {@link EmbeddingSamples}.
 */
public class SdkEmbeddingChecks extends SdkRowChecks {

    /** Verifies: SDK-011 (docs/evidence.md#r32). If this fails, compare with EMB-003: honour encoding_format base64. */
    @Test(dataProvider = "sdks")
    @Verifies("SDK-011")
    public void required_sdk011_sdkDecodesEveryEmbeddingAsTheFloatAnswerHasIt(SdkDriver sdk) {
        String model = EmbeddingRoute.model(session());
        EmbeddingSamples samples = EmbeddingSamples.of(session(), model);
        EmbeddingRoute.served(samples.together(), session());
        if (samples.inconsistency() != null) {
            throw new SkipException("cannot judge: the target gives an input different vectors alone and among others, so the SDK's"
                    + " answer cannot be compared with the raw one: see EMB-007");
        }
        double[][] expected = samples.togetherVectors();
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
            if (difference != null && actual != null && actual.length == expected[i].length && samples.differsWhenAskedOnceMore() != null) {
                throw new SkipException("cannot judge: the target answers the same inputs with different vectors from one request to"
                        + " the next, so the SDK's answer cannot be compared with the raw one: see EMB-007");
            }
            if (difference != null) {
                throw failure(sdk, "expected input " + i + "'s vector as the raw float answer has it; the SDK gave " + difference, answer);
            }
        }
    }

    /** JSON text as a tree; a missing node when it is absent or not JSON. */
    private static JsonNode readable(String json) {
        try {
            return json == null ? MissingNode.getInstance()
                    : Json.MAPPER.readTree(json);
        } catch (IOException notJson) {
            return MissingNode.getInstance();
        }
    }
}
