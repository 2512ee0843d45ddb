package org.oaiconformance.compat.embeddings;

import com.fasterxml.jackson.databind.JsonNode;
import org.oaiconformance.contract.catalogue.Verifies;
import org.oaiconformance.contract.check.ConformanceChecks;
import org.oaiconformance.contract.check.Expect;
import org.oaiconformance.contract.check.OptionalFeatures;
import org.oaiconformance.contract.http.Credentials;
import org.oaiconformance.contract.http.EmbeddingRequests;
import org.oaiconformance.contract.http.Exchange;
import org.oaiconformance.contract.outcome.Observations;
import org.oaiconformance.contract.schema.ContractSchema;
import org.oaiconformance.contract.secrets.InventedSecrets;
import org.oaiconformance.contract.wire.Feature;
import org.oaiconformance.contract.wire.OpenAiWire;
import org.testng.SkipException;
import org.testng.annotations.Test;

import java.util.Set;
import java.util.function.Function;

/**
 * POST embeddings: one input, several, each alone against together, base64, dimensions, a validation error and auth
 * refusals on the route. Seven billable calls of a few tokens each (each of the three inputs alone, the three together
 * twice as floats and once as base64, one with dimensions), the floats shared with the SDK rows' check
 * ({@link EmbeddingSamples}); one more where an answer differs from the floats. The error and auth checks run no model. Where the profile does not claim embeddings, a 404, 405 or 501 there skips the family
 * with that reason; claimed, it fails.
 */
public class EmbeddingChecks extends ConformanceChecks {
    private static final String UNKNOWN_KEY = InventedSecrets.unknownKey(OpenAiWire.UNKNOWN_KEY_PREFIX, "unknown-key");

    /** Verifies: EMB-001 (docs/evidence.md#r32). If this fails, answer one input with one float vector, model and usage. */
    @Test
    @Verifies("EMB-001")
    public void required_emb001_oneInputGetsOneFloatVectorWithUsage() {
        Exchange exchange = served(samples().alone(0));
        Expect.status(exchange, 200);
        Expect.conformsTo(exchange, exchange.body(), ContractSchema.EMBEDDINGS, path -> true, "the embeddings answer");
        JsonNode answer = exchange.json();
        JsonNode data = answer.path("data");
        if (data.size() != 1 || data.get(0).path("index").asInt(-1) != 0) {
            Expect.fail(exchange, "expected one datum with index 0 for one input, got " + data.size());
        }
        double[] vector = Vectors.fromFloats(data.get(0).path("embedding"));
        if (vector == null) {
            Expect.fail(exchange, "expected the embedding as an array of finite numbers: float is the default when encoding_format is absent");
        }
        JsonNode usage = answer.path("usage");
        if (usage.path("total_tokens").asLong() < usage.path("prompt_tokens").asLong()) {
            Expect.fail(exchange, "expected usage.total_tokens to be at least usage.prompt_tokens, got " + usage);
        }
        Observations.record(vector.length + " dimensions, " + usage.path("prompt_tokens").asLong() + " prompt tokens");
    }

    /** Verifies: EMB-002 (docs/evidence.md#r32). If this fails, answer each input with its own datum, indexed from 0. */
    @Test
    @Verifies("EMB-002")
    public void required_emb002_severalInputsGetOneVectorEachInOrder() {
        Exchange exchange = served(samples().together());
        double[][] vectors = vectorsOf(exchange, "float", Vectors::fromFloats);
        for (double[] vector : vectors) {
            if (vector.length != vectors[0].length) {
                Expect.fail(exchange, "expected every vector to have one length, got " + vector.length + " and " + vectors[0].length);
            }
        }
    }

    /**
     * Verifies: EMB-007 (docs/evidence.md#r32). If this fails, pool each input over its own tokens only: its vector must
     * not depend on what else the request, or the server at that moment, is embedding.
     */
    @Test
    @Verifies("EMB-007")
    public void recommended_emb007_anInputGetsTheSameVectorAloneAndAmongOthers() {
        served(samples().together());
        for (int i = 0; i < EmbeddingRequests.INPUTS.size(); i++) {
            served(samples().alone(i));
        }
        String inconsistency = samples().inconsistency();
        if (inconsistency != null) {
            Expect.fail(samples().together(), "expected each input to get the same vector (cosine at least " + Vectors.SAME
                    + ") alone, among the three inputs and when the three are asked again; " + inconsistency + ": an index built"
                    + " from one answer finds the wrong neighbours for another");
        }
    }

    /**
     * Verifies: EMB-003 (docs/evidence.md#r32). If this fails, send each embedding as base64 of its little-endian
     * float32 values when encoding_format is "base64": the Python and Node SDKs ask for it by default.
     */
    @Test
    @Verifies("EMB-003")
    public void required_emb003_base64IsLittleEndianFloat32OfTheSameVectors() {
        served(samples().together()); // a missing route fails or skips here, as in every check
        double[][] floats = consistentVectors();
        Exchange exchange = served(target().post(EmbeddingRequests.PATH, target().validKey(), EmbeddingRequests.several(embeddingModel(), "base64")));
        double[][] decoded = vectorsOf(exchange, "base64 (little-endian float32)", Vectors::fromBase64);
        for (int i = 0; i < floats.length; i++) {
            String difference = Vectors.difference(floats[i], decoded[i]);
            if (difference != null && floats[i].length == decoded[i].length && samples().differsWhenAskedOnceMore() != null) {
                throw new SkipException("cannot judge: the target answers the same inputs with different vectors from one request to"
                        + " the next: see EMB-007");
            }
            if (difference != null) {
                Expect.fail(exchange, "expected input " + i + "'s base64 embedding, decoded as little-endian float32, to be its float"
                        + " vector; it is " + difference);
            }
        }
    }

    /** Verifies: EMB-004 (docs/evidence.md#r32). If this fails, cut vectors to dimensions, or refuse it with 400 naming it. */
    @Test
    @Verifies("EMB-004")
    public void required_emb004_dimensionsIsHonouredOrDeclined() {
        Exchange exchange = served(target().post(EmbeddingRequests.PATH, target().validKey(),
                EmbeddingRequests.withDimensions(embeddingModel(), EmbeddingRequests.DIMENSIONS)));
        OptionalFeatures.served(exchange, Feature.EMBEDDING_DIMENSIONS, session().profile());
        double[] vector = Vectors.fromFloats(exchange.json().path("data").path(0).path("embedding"));
        if (vector == null) {
            Expect.fail(exchange, "expected the embedding as an array of finite numbers");
        }
        if (vector.length != EmbeddingRequests.DIMENSIONS) {
            Expect.fail(exchange, "expected " + EmbeddingRequests.DIMENSIONS + " values for dimensions " + EmbeddingRequests.DIMENSIONS
                    + ", got " + vector.length + ": dimensions was accepted and ignored");
        }
    }

    /** Verifies: EMB-005 (docs/evidence.md#r32). If this fails, validate the request and answer 400 with the error envelope. */
    @Test
    @Verifies("EMB-005")
    public void required_emb005_aRequestWithoutInputIsRefusedWith400() {
        Exchange exchange = served(target().post(EmbeddingRequests.PATH, target().validKey(), EmbeddingRequests.withoutInput(embeddingModel())));
        Expect.refused(exchange, Set.of(400, 422));
        Expect.errorEnvelope(exchange);
    }

    /** Verifies: EMB-006 (docs/evidence.md#r32). If this fails, authenticate embeddings as chat completions: 401 without a valid key. */
    @Test
    @Verifies("EMB-006")
    public void required_emb006_noKeyAndAnUnknownKeyAreRefusedWith401() {
        String body = EmbeddingRequests.one(embeddingModel());
        for (Credentials credentials : new Credentials[] {Credentials.none(), Credentials.bearer(UNKNOWN_KEY, "an unknown key")}) {
            Exchange exchange = EmbeddingRoute.routed(target().post(EmbeddingRequests.PATH, credentials, body), session());
            Expect.refusedWith401(exchange);
            Expect.errorEnvelope(exchange);
        }
    }

    /**
     * The three inputs' float vectors, to compare other answers with; a skip when they cannot serve (see EMB-002), or
     * when an input's vector depends on the others (see EMB-007): then no answer can be held to them.
     */
    private double[][] consistentVectors() {
        String inconsistency = samples().inconsistency();
        if (inconsistency != null) {
            throw new SkipException("cannot judge: the target gives an input different vectors alone and among others, so no answer"
                    + " can be compared with another: see EMB-007");
        }
        return samples().togetherVectors();
    }

    /** One vector per input, in index order, each read by {@code read}; the check fails on the first that is not one. */
    private static double[][] vectorsOf(Exchange exchange, String encoding, Function<JsonNode, double[]> read) {
        Expect.status(exchange, 200);
        JsonNode data = exchange.json().path("data");
        int inputs = EmbeddingRequests.INPUTS.size();
        if (!data.isArray() || data.size() != inputs) {
            Expect.fail(exchange, "expected one datum per input, " + inputs + " in all, got " + (data.isArray() ? data.size() : "no data array"));
        }
        double[][] vectors = new double[inputs][];
        for (JsonNode datum : data) {
            JsonNode index = datum.path("index");
            if (!index.isIntegralNumber() || index.asInt() < 0 || index.asInt() >= inputs || vectors[index.asInt()] != null) {
                Expect.fail(exchange, "expected each datum's index to be 0 to " + (inputs - 1) + ", each once; got " + index);
            }
            double[] vector = read.apply(datum.path("embedding"));
            if (vector == null) {
                Expect.fail(exchange, "expected datum " + index.asInt() + "'s embedding as " + encoding);
            }
            vectors[index.asInt()] = vector;
        }
        return vectors;
    }

    private EmbeddingSamples samples() {
        return EmbeddingSamples.of(session(), embeddingModel());
    }

    private Exchange served(Exchange exchange) {
        return EmbeddingRoute.served(exchange, session());
    }

    private String embeddingModel() {
        return EmbeddingRoute.model(session());
    }
}
