package org.oaiconformance.compat.models;

import com.fasterxml.jackson.databind.JsonNode;
import org.oaiconformance.contract.catalogue.Verifies;
import org.oaiconformance.contract.check.ConformanceChecks;
import org.oaiconformance.contract.check.Expect;
import org.oaiconformance.contract.http.Exchange;
import org.oaiconformance.contract.outcome.Observations;
import org.oaiconformance.contract.schema.ContractSchema;
import org.oaiconformance.contract.wire.ModelIds;
import org.testng.SkipException;
import org.testng.annotations.Test;

import java.util.ArrayList;
import java.util.List;

/** GET models, the list SDKs and UIs read to offer models, and GET models/{id}. No inference. */
public class ModelsListChecks extends ConformanceChecks {

    private Exchange list() {
        return once("models", () -> target().get("/models", target().validKey()));
    }

    /** The list's entries, or a skip pointing at CHAT-007 when there is no list to read. */
    private JsonNode entries() {
        Exchange exchange = list();
        JsonNode data = null;
        if (exchange.status() == 200) {
            try {
                data = exchange.json().path("data");
            } catch (RuntimeException notJson) {
                data = null;
            }
        }
        if (data == null || !data.isArray()) {
            throw new SkipException("cannot judge the entries of a models list that did not come as {\"data\": [...]}: see CHAT-007");
        }
        return data;
    }

    /** Verifies: CHAT-007 (OpenAI API reference, list models). If this fails, answer {"data": [{"id": ...}]}. */
    @Test
    @Verifies("CHAT-007")
    public void recommended_chat007_modelsListConformsToTheSchema() {
        Exchange exchange = list();
        Expect.status(exchange, 200);
        Expect.conformsTo(exchange, exchange.body(), ContractSchema.MODELS, path -> true, "the models list");
    }

    /** Verifies: CHAT-012 (docs/evidence.md#r28). If this fails, give every entry id, object "model", created and owned_by. */
    @Test
    @Verifies("CHAT-012")
    public void recommended_chat012_everyModelEntryIsComplete() {
        JsonNode entries = entries();
        List<String> incomplete = new ArrayList<>();
        for (JsonNode entry : entries) {
            List<String> missing = new ArrayList<>();
            if (!entry.path("id").isTextual() || entry.path("id").asText().isEmpty()) {
                missing.add("id");
            }
            if (!entry.path("object").asText("").equals("model")) {
                missing.add("object \"model\"");
            }
            if (!entry.path("created").isIntegralNumber() || entry.path("created").asLong() < 0) {
                missing.add("created as integer seconds");
            }
            if (!entry.path("owned_by").isTextual()) {
                missing.add("owned_by");
            }
            if (!missing.isEmpty()) {
                incomplete.add(entry.path("id").asText("(no id)") + " lacks " + String.join(", ", missing));
            }
        }
        Observations.record(entries.size() + " model entries judged");
        if (!incomplete.isEmpty()) {
            Expect.fail(list(), "expected every entry to carry id, object \"model\", created and owned_by, as the SDKs' model types"
                    + " declare them; " + incomplete.size() + " of " + entries.size() + " do not", String.join("; ",
                    incomplete.subList(0, Math.min(3, incomplete.size()))));
        }
    }

    /** Verifies: CHAT-013 (docs/evidence.md#r28). If this fails, serve GET models/{id} for every listed id. */
    @Test
    @Verifies("CHAT-013")
    public void recommended_chat013_aListedModelCanBeRetrieved() {
        needsALiveTarget("GET models/{id}");
        String id = null;
        for (JsonNode entry : entries()) {
            if (entry.path("id").asText("").equals(model())) {
                id = model();
            } else if (id == null && ModelIds.isSafe(entry.path("id").asText(null))) {
                // an id outside the rule (markup, a dot segment, a query) is never put in a path
                id = entry.path("id").asText();
            }
        }
        if (id == null) {
            throw new SkipException("the models list names no model id a client can retrieve safely: see CHAT-007 and CHAT-012");
        }
        Exchange one = target().get("/models/" + id, target().validKey()); // as the SDKs build it: the id as is, slashes too
        Expect.status(one, 200);
        if (!one.json().path("id").asText("").equals(id)) {
            Expect.fail(one, "expected the model " + id + " itself, with its id");
        }
    }
}
