package org.oaiconformance.contract.run;

import com.fasterxml.jackson.databind.JsonNode;
import org.oaiconformance.contract.http.Exchange;
import org.oaiconformance.contract.http.TargetClient;
import org.oaiconformance.contract.settings.ModelSelection;
import org.oaiconformance.contract.settings.Setting;
import org.oaiconformance.contract.settings.SettingsError;

import java.util.List;
import java.util.Map;

/**
 * The models a run judges, resolved against the target once, before any check: a {@code models:<regex>} selection
 * reads GET models; a listed model that GET models does not list and GET models/{id} answers 404 is not served, and
 * is reported as such rather than judged (a gateway that lists everything it routes is not asked again). Both GETs
 * run no model.
 *
 * @param models    the models to judge, the run's first model first
 * @param notServed model → why the target does not serve it
 */
public record ModelMatrix(List<String> models, Map<String, String> notServed) {
    public ModelMatrix {
        models = List.copyOf(models);
        notServed = Map.copyOf(notServed);
    }

    /** One model, nothing asked of the target. */
    public static ModelMatrix single(String model) {
        return new ModelMatrix(model == null ? List.of() : List.of(model), Map.of());
    }

    public static ModelMatrix resolve(ModelSelection selection, TargetClient client) {
        if (!selection.explicit()) {
            return new ModelMatrix(selection.listed(), Map.of());
        }
        List<String> listedByTarget = listedByTarget(client);
        if (selection.needsTheModelsList() && listedByTarget == null) {
            throw new SettingsError(Setting.MODELS, "'models:" + selection.pattern().pattern() + "' selects from the target's GET models,"
                    + " which gave no list; name the models instead: 'a,b,c'");
        }
        List<String> models = selection.resolve(listedByTarget == null ? List.of() : listedByTarget);
        Map<String, String> notServed = new java.util.LinkedHashMap<>();
        if (listedByTarget != null && !listedByTarget.isEmpty()) {
            for (String model : models) {
                if (!listedByTarget.contains(model) && client.get("/models/" + model, client.validKey()).status() == 404) {
                    notServed.put(model, "the target does not serve " + model + ": GET models does not list it and GET models/" + model
                            + " answers 404");
                }
            }
        }
        return new ModelMatrix(models, notServed);
    }

    /** The ids GET models lists, or null when it gives no list. */
    private static List<String> listedByTarget(TargetClient client) {
        Exchange exchange = client.get("/models", client.validKey());
        if (exchange.status() != 200) {
            return null;
        }
        JsonNode data;
        try {
            data = org.oaiconformance.contract.json.Json.MAPPER.readTree(exchange.body()).path("data");
        } catch (java.io.IOException | RuntimeException notJson) {
            return null;
        }
        if (!data.isArray()) {
            return null;
        }
        List<String> ids = new java.util.ArrayList<>();
        data.forEach(entry -> {
            if (entry.path("id").isTextual()) {
                ids.add(entry.path("id").asText());
            }
        });
        return ids;
    }
}
