package org.oaiconformance.contract.run;

import com.fasterxml.jackson.databind.JsonNode;
import org.oaiconformance.contract.json.Json;
import org.oaiconformance.contract.settings.ModelSelection;
import org.oaiconformance.contract.settings.Setting;
import org.oaiconformance.contract.settings.SettingNames;
import org.oaiconformance.contract.settings.SettingsError;
import org.oaiconformance.contract.wire.ModelIds;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The models a run judges, resolved against the target once, before any check: a {@code models:<regex>} selection
 * reads GET models; a listed model that GET models does not list and GET models/{id} answers 404 is not served, and
 * is reported as such rather than judged (a gateway that lists everything it routes is not asked again). Both GETs
 * run no model.
 *
 * @param models    the models to judge, the run's first model first
 * @param notServed model → why the target does not serve it
 * @param served    the ids GET models lists that pass {@link ModelIds}' rule; empty when it was not asked or gave no list
 * @param setAside  one line per id GET models lists that does not pass the rule, naming it safely: never judged
 */
public record ModelMatrix(List<String> models, Map<String, String> notServed, List<String> served, List<String> setAside) {
    public ModelMatrix {
        models = List.copyOf(models);
        notServed = Map.copyOf(notServed);
        served = List.copyOf(served);
        setAside = List.copyOf(setAside);
    }

    /** GET of a path of the target with the run's key: what the matrix needs to know of an answer. */
    public interface Lookup {
        Answer get(String path);
    }

    public record Answer(int status, String body) {
    }

    public static ModelMatrix resolve(ModelSelection selection, Lookup target) {
        if (!selection.explicit()) {
            return new ModelMatrix(selection.listed(), Map.of(), List.of(), List.of());
        }
        List<String> listed = listedByTarget(target);
        List<String> listedByTarget = listed == null ? null : listed.stream().filter(ModelIds::isSafe).toList();
        List<String> setAside = listed == null ? List.of() : listed.stream().filter(id -> !ModelIds.isSafe(id)).distinct().limit(20)
                .map(id -> "GET models lists an id outside the model id rule, never judged: " + safely(id)).toList();
        if (selection.needsTheModelsList() && listedByTarget == null) {
            throw new SettingsError(Setting.MODELS, "'models:" + selection.pattern().pattern() + "' selects from the target's GET models,"
                    + " which gave no list; name the models instead: 'a,b,c'");
        }
        List<String> models = selection.resolve(listedByTarget == null ? List.of() : listedByTarget);
        Map<String, String> notServed = new LinkedHashMap<>();
        if (listedByTarget != null && !listedByTarget.isEmpty()) {
            for (String model : models) {
                if (!listedByTarget.contains(model) && target.get("/models/" + model).status() == 404) {
                    notServed.put(model, "the target does not serve " + model + ": GET models does not list it and GET models/" + model
                            + " answers 404");
                }
            }
        }
        return new ModelMatrix(models, notServed, listedByTarget == null ? List.of() : listedByTarget, setAside);
    }

    /** The ids GET models lists, or null when it gives no list. */
    private static List<String> listedByTarget(Lookup target) {
        Answer exchange = target.get("/models");
        if (exchange.status() != 200) {
            return null;
        }
        JsonNode data;
        try {
            data = Json.MAPPER.readTree(exchange.body()).path("data");
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
        if (!data.isArray()) {
            return null;
        }
        List<String> ids = new ArrayList<>();
        data.forEach(entry -> {
            if (entry.path("id").isTextual()) {
                ids.add(entry.path("id").asText());
            }
        });
        return ids;
    }

    /** An id that failed the rule, shown as what it is made of: every character the rule refuses as '?', cut at 60. */
    static String safely(String id) {
        String shown = id.codePoints().limit(60).mapToObj(c -> c < 128 && "._:/@+-".indexOf(c) >= 0 || Character.isLetterOrDigit(c) && c < 128
                ? String.valueOf((char) c) : "?").collect(Collectors.joining());
        return "'" + shown.replace("://", ":??") + (id.length() > 60 ? "...'" : "'") + " (" + id.length() + " characters)";
    }

    /**
     * Up to {@code most} of the served ids nearest to a model the target does not serve, nearest first: an id that
     * holds the model's name ({@code openai/gpt-4o-mini} for {@code gpt-4o-mini}) first, then by edit distance.
     */
    public static List<String> closest(String model, List<String> served, int most) {
        String wanted = model.toLowerCase(Locale.ROOT);
        return served.stream().distinct().sorted(Comparator.comparingInt((String id) -> nearness(wanted, id.toLowerCase(Locale.ROOT)))
                .thenComparing(Comparator.naturalOrder())).limit(most).toList();
    }

    private static int nearness(String wanted, String id) {
        if (id.contains(wanted) || wanted.contains(id)) {
            return Math.abs(id.length() - wanted.length()) / 8; // a provider prefix is nearly a match
        }
        String name = id.substring(id.lastIndexOf('/') + 1);
        return 1 + Math.min(SettingNames.distance(wanted, id),
                SettingNames.distance(wanted, name));
    }
}
