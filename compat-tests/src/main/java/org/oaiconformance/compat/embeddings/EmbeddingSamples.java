package org.oaiconformance.compat.embeddings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.oaiconformance.contract.http.EmbeddingRequests;
import org.oaiconformance.contract.http.Exchange;
import org.oaiconformance.contract.json.Json;
import org.oaiconformance.contract.run.TargetSession;
import org.testng.SkipException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;

/**
 * The float answers several embeddings checks judge, asked once per run (the SDK rows' check included): the three
 * inputs together, twice, and each alone. Only raw exchanges are kept; each check decides what of them it can judge.
 */
public final class EmbeddingSamples {
    private static final Map<TargetSession, EmbeddingSamples> BY_SESSION = Collections.synchronizedMap(new WeakHashMap<>());

    private final Exchange together;
    private final Exchange again;
    private final List<Exchange> alone;
    private final TargetSession session;
    private final String model;

    private EmbeddingSamples(TargetSession session, String model, Exchange together, Exchange again, List<Exchange> alone) {
        this.session = session;
        this.model = model;
        this.together = together;
        this.again = again;
        this.alone = List.copyOf(alone);
    }

    /** This run's samples, asked on first use: five billable calls of a few tokens each. */
    public static EmbeddingSamples of(TargetSession session, String model) {
        synchronized (BY_SESSION) {
            EmbeddingSamples samples = BY_SESSION.get(session);
            if (samples == null) {
                var client = session.client();
                Exchange together = client.post(EmbeddingRequests.PATH, client.validKey(), EmbeddingRequests.several(model, null));
                List<Exchange> alone = new ArrayList<>();
                for (int i = 0; i < EmbeddingRequests.INPUTS.size(); i++) {
                    alone.add(client.post(EmbeddingRequests.PATH, client.validKey(), EmbeddingRequests.one(model, i)));
                }
                Exchange again = client.post(EmbeddingRequests.PATH, client.validKey(), EmbeddingRequests.several(model, null));
                samples = new EmbeddingSamples(session, model, together, again, alone);
                BY_SESSION.put(session, samples);
            }
            return samples;
        }
    }

    /** The three inputs in one request, floats. */
    public Exchange together() {
        return together;
    }

    /** Input {@code i} alone, floats. */
    public Exchange alone(int i) {
        return alone.get(i);
    }

    /** Each input's vector among the three, in index order; a skip naming EMB-002 when the answer holds none per input. */
    public double[][] togetherVectors() {
        return vectorsOf(together);
    }

    private static double[][] vectorsOf(Exchange together) {
        JsonNode data = together.status() == 200 ? readable(together.body()).path("data") : null;
        int inputs = EmbeddingRequests.INPUTS.size();
        double[][] vectors = new double[inputs][];
        if (data != null && data.isArray() && data.size() == inputs) {
            for (JsonNode datum : data) {
                int index = datum.path("index").asInt(-1);
                if (index >= 0 && index < inputs && datum.path("index").isIntegralNumber()) {
                    vectors[index] = Vectors.fromFloats(datum.path("embedding"));
                }
            }
        }
        if (Arrays.stream(vectors).anyMatch(Objects::isNull)) {
            throw new SkipException("cannot judge: the float answer to the three inputs holds no vector per input to compare with: see EMB-002");
        }
        return vectors;
    }

    /**
     * Where an input's vector alone differs from its vector among the three, or the three asked again differ from the
     * first answer ("input 1 among the three: a different vector (cosine 0.877)"); null when every input gets the same
     * vector each way. A skip naming EMB-001 when an answer alone holds no vector, and EMB-002 when one together does not.
     */
    public String inconsistency() {
        double[][] together = togetherVectors();
        List<String> differences = new ArrayList<>(differences(together, vectorsOf(again), "asked again"));
        for (int i = 0; i < together.length; i++) {
            Exchange one = alone.get(i);
            double[] vector = one.status() == 200 ? Vectors.fromFloats(readable(one.body()).path("data").path(0).path("embedding")) : null;
            if (vector == null) {
                throw new SkipException("cannot judge: the float answer to input " + i + " alone holds no vector: see EMB-001");
            }
            String difference = Vectors.difference(vector, together[i]);
            if (difference != null) {
                differences.add("input " + i + " among the three: " + difference);
            }
        }
        return differences.isEmpty() ? null : String.join("; ", differences);
    }

    /**
     * After another answer differed from the first in direction only: whether the target answers the same three inputs
     * differently once more (one more billable call), which makes the difference the target's, not the encoding's.
     */
    public String differsWhenAskedOnceMore() {
        var client = session.client();
        Exchange once = client.post(EmbeddingRequests.PATH, client.validKey(), EmbeddingRequests.several(model, null));
        List<String> differences = differences(togetherVectors(), vectorsOf(once), "asked once more");
        return differences.isEmpty() ? null : String.join("; ", differences);
    }

    private static List<String> differences(double[][] first, double[][] other, String how) {
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < first.length; i++) {
            String difference = Vectors.difference(first[i], other[i]);
            if (difference != null) {
                differences.add("input " + i + " " + how + ": " + difference);
            }
        }
        return differences;
    }

    private static JsonNode readable(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException | RuntimeException notJson) {
            return MissingNode.getInstance();
        }
    }
}
