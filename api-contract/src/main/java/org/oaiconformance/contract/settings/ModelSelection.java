package org.oaiconformance.contract.settings;

import org.oaiconformance.contract.outcome.Markup;
import org.oaiconformance.contract.wire.Feature;
import org.oaiconformance.contract.wire.ModelIds;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which models one run judges ({@code CONFORMANCE_MODELS}): a list, or a pattern over the ids the target's GET models
 * lists, capped at {@code CONFORMANCE_MAX_MODELS}; and what each model claims ({@code CONFORMANCE_MODEL_FEATURES}).
 * Without the setting, the run judges the one model it always did.
 *
 * @param listed   the models named in the setting, in order (the single model when the setting is unset); empty for a pattern
 * @param pattern  the {@code models:<regex>} selection, or null
 * @param max      the most models a run judges
 * @param claims   model → the optional features it claims, overriding the profile's ({@code CONFORMANCE_MODEL_FEATURES})
 * @param explicit the setting was given: models the target does not serve are then reported as such, not judged
 * @param sdkRowsForEveryModel the SDK rows run for every model, not only the first ({@code CONFORMANCE_SDK_ALL_MODELS})
 */
public record ModelSelection(List<String> listed, Pattern pattern, int max, Map<String, List<String>> claims, boolean explicit,
                             boolean sdkRowsForEveryModel) {
    public static final int DEFAULT_MAX = 5;
    private static final String SELECT = "models:";

    public ModelSelection {
        listed = List.copyOf(listed);
        claims = Map.copyOf(claims);
    }

    /** The setting as given ({@code raw} may be null: then the run judges {@code single} alone). */
    static ModelSelection parse(String raw, String single, int max, String rawClaims, boolean sdkRowsForEveryModel) {
        Map<String, List<String>> claims = claims(rawClaims);
        if (raw == null || raw.isBlank()) {
            return new ModelSelection(single == null ? List.of() : List.of(single), null, max, claims, false, false);
        }
        String given = raw.strip();
        if (given.startsWith(SELECT)) {
            try {
                return new ModelSelection(List.of(), Pattern.compile(given.substring(SELECT.length()).strip()), max, claims, true,
                        sdkRowsForEveryModel);
            } catch (PatternSyntaxException e) {
                throw new SettingsError(Setting.MODELS, SettingsError.quote(given) + " is not a regular expression after 'models:' ("
                        + e.getDescription() + ")");
            }
        }
        List<String> models = Arrays.stream(given.split(",")).map(String::strip).filter(m -> !m.isEmpty()).distinct().toList();
        models.forEach(m -> requireModelId(m, Setting.MODELS));
        if (models.isEmpty()) {
            throw new SettingsError(Setting.MODELS, "names no model; give 'a,b,c' or 'models:<regex>'");
        }
        if (models.size() > max) {
            throw new SettingsError(Setting.MODELS, "lists " + models.size() + " models, more than " + Setting.MAX_MODELS.env() + " ("
                    + max + "); list fewer, or raise " + Setting.MAX_MODELS.env() + " knowing each model costs its own billable calls");
        }
        return new ModelSelection(models, null, max, claims, true, sdkRowsForEveryModel);
    }

    /**
     * A model id by {@link org.oaiconformance.contract.wire.ModelIds}' rule, or a settings error; one that holds regex
     * syntax was meant as a selection, and the error says how to write one.
     */
    static void requireModelId(String model, Setting setting) {
        if (ModelIds.isSafe(model)) {
            return;
        }
        boolean regex = model.matches(".*[*^$|\\[\\](){}\\\\?].*") && model.matches("[\\x21-\\x7e]{1,128}");
        throw new SettingsError(setting, (regex ? "'" + model + "'" : SettingsError.quote(model)) + " is not a model id (letters, digits"
                + " and ._:/@+- only)" + (regex ? "; to select the target's models by pattern, write " + Setting.MODELS.env() + "='models:"
                + model + "'" : ""));
    }

    /** {@code model=feature,feature;model=none}, each feature checked against the known ones. */
    private static Map<String, List<String>> claims(String raw) {
        if (raw == null || raw.isBlank()) {
            return Map.of();
        }
        Map<String, List<String>> claims = new LinkedHashMap<>();
        for (String entry : raw.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new SettingsError(Setting.MODEL_FEATURES, SettingsError.quote(entry.strip()) + " is not 'model=feature,feature'");
            }
            String features = entry.substring(eq + 1).strip();
            List<String> claimed = new ArrayList<>();
            if (!features.isEmpty() && !features.equalsIgnoreCase("none")) {
                for (String feature : features.split(",")) {
                    try {
                        claimed.add(Feature.of(feature).id());
                    } catch (IllegalArgumentException e) {
                        throw new SettingsError(Setting.MODEL_FEATURES, e.getMessage());
                    }
                }
            }
            claims.put(entry.substring(0, eq).strip(), List.copyOf(claimed));
        }
        return claims;
    }

    /** This selection, checked against what the target serves even when it is the run's one default model. */
    public ModelSelection askingTheTarget() {
        return new ModelSelection(listed, pattern, max, claims, true, sdkRowsForEveryModel);
    }

    /** A selection that must read the target's GET models to know its models. */
    public boolean needsTheModelsList() {
        return pattern != null;
    }

    /** The models to judge: the listed ones, or the first {@link #max} of {@code available} the pattern matches. */
    public List<String> resolve(List<String> available) {
        if (pattern == null) {
            return listed;
        }
        List<String> matching = available.stream().filter(id -> pattern.matcher(id).find()).toList();
        if (matching.isEmpty()) {
            throw new SettingsError(Setting.MODELS, "'models:" + Markup.console(pattern.pattern()) + "' matches none of the " + available.size()
                    + " models GET models lists" + (available.isEmpty() ? "" : ", e.g. " + String.join(", ", available.subList(0,
                    Math.min(3, available.size())).stream().map(id -> "'" + Markup.console(id) + "'").toList())));
        }
        return matching.subList(0, Math.min(max, matching.size()));
    }
}
