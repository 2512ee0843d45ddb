package org.oaiconformance.reports;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.oaiconformance.contract.json.Json;
import org.oaiconformance.contract.summary.ConformanceSummary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code badge.json} in shields.io's endpoint format (https://shields.io/badges/endpoint-badge), so a README can show
 * the last run's verdict: {@code https://img.shields.io/endpoint?url=<where badge.json is served>}.
 */
final class Badge {
    private Badge() {
    }

    static ObjectNode of(Headline headline) {
        ObjectNode badge = Json.MAPPER.createObjectNode();
        badge.put("schemaVersion", 1);
        badge.put("label", "OpenAI compatibility");
        badge.put("message", headline.message());
        badge.put("color", headline.color());
        return badge;
    }

    static void write(Headline headline, Path file) throws IOException {
        Json.PRETTY.writeValue(file.toFile(), of(headline));
    }

    /**
     * With several models, one badge per model in {@code folder} ({@code <model>.json}, see {@link #fileName}), labelled
     * with the model; the folder holds this run's only.
     */
    static void writeModels(ConformanceSummary summary, Path folder) throws IOException {
        if (Files.isDirectory(folder)) { // an earlier run's models must not pass for this run's
            try (var old = Files.newDirectoryStream(folder, "*.json")) {
                for (Path badge : old) {
                    Files.delete(badge);
                }
            }
        }
        if (summary.models().size() <= 1) {
            return;
        }
        Files.createDirectories(folder);
        for (var model : summary.models()) {
            ObjectNode badge = of(Headline.of(model));
            badge.put("label", "OpenAI compatibility · " + model.model());
            Json.PRETTY.writeValue(folder.resolve(fileName(model.model())).toFile(), badge);
        }
    }

    /**
     * The model's id as a file name no two ids share: letters, digits, '.' and '-' as they are, every other byte of its
     * UTF-8 as {@code _XX} ('_' itself too, so {@code a/b} and {@code a_b} differ), and a leading '.' escaped so no
     * name is hidden or a dot segment.
     */
    static String fileName(String model) {
        StringBuilder name = new StringBuilder();
        byte[] bytes = model.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            char c = (char) (bytes[i] & 0xff);
            boolean plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || (c == '.' && i > 0);
            name.append(plain ? String.valueOf(c) : String.format("_%02X", bytes[i] & 0xff));
        }
        return name + ".json";
    }
}
