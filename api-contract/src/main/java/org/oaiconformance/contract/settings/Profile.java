package org.oaiconformance.contract.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * What the suite may expect of a kind of target. Profiles are data files ({@code profiles/<name>.json}) so that
 * adding one needs no code.
 *
 * @param defaultModel the model used when {@code CONFORMANCE_MODEL} is unset; null when the user must name one
 */
public record Profile(String name, String description, String defaultModel) {
    public static final List<String> BUILT_IN = List.of("reference", "generic");

    public static Profile load(String name) {
        if (!BUILT_IN.contains(name)) {
            throw new SettingsError(Setting.PROFILE, "unknown profile '" + name + "'; known: " + String.join(", ", BUILT_IN));
        }
        try (InputStream in = Profile.class.getResourceAsStream("/profiles/" + name + ".json")) {
            JsonNode node = new ObjectMapper().readTree(in);
            JsonNode model = node.get("defaultModel");
            return new Profile(node.path("name").asText(), node.path("description").asText(),
                    model == null || model.isNull() ? null : model.asText());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the built-in profile '" + name + "' cannot be read", e);
        }
    }
}
