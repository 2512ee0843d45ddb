package org.oaiconformance.contract.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import org.oaiconformance.contract.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The requirement catalogue, read from {@code catalogue/requirements.json}: the single list of what is checked. */
public final class RequirementCatalogue {
    private static final String RESOURCE = "/catalogue/requirements.json";
    private static final Pattern ID = Pattern.compile("([A-Z]+)-\\d{3}");
    private static volatile RequirementCatalogue loaded;

    private final Map<String, String> families;
    private final Map<String, Requirement> requirements;

    private RequirementCatalogue(Map<String, String> families, Map<String, Requirement> requirements) {
        this.families = Collections.unmodifiableMap(families);
        this.requirements = Collections.unmodifiableMap(requirements);
    }

    public static RequirementCatalogue load() {
        if (loaded == null) {
            try (InputStream in = RequirementCatalogue.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the catalogue " + RESOURCE + " is missing from the classpath");
                }
                loaded = parse(Json.MAPPER.readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the catalogue " + RESOURCE, e);
            }
        }
        return loaded;
    }

    static RequirementCatalogue parse(JsonNode root) {
        Map<String, String> families = new LinkedHashMap<>();
        root.path("families").properties().forEach(e -> families.put(e.getKey(), e.getValue().asText()));
        Map<String, Requirement> requirements = new LinkedHashMap<>();
        for (JsonNode node : root.path("requirements")) {
            String id = node.path("id").asText();
            var matcher = ID.matcher(id);
            if (!matcher.matches() || !families.containsKey(matcher.group(1))) {
                throw new IllegalStateException("catalogue: '" + id + "' is not FAMILY-NNN with a known family");
            }
            String title = node.path("title").asText("");
            String source = node.path("source").asText("");
            if (title.isBlank() || source.isBlank()) {
                throw new IllegalStateException("catalogue: " + id + " needs a title and a source");
            }
            JsonNode untestable = node.get("untestable");
            Requirement requirement = new Requirement(id, Level.valueOf(node.path("level").asText()), matcher.group(1),
                    title, source, untestable == null || untestable.isNull() ? null : untestable.asText());
            if (requirements.put(id, requirement) != null) {
                throw new IllegalStateException("catalogue: " + id + " appears twice");
            }
        }
        return new RequirementCatalogue(families, requirements);
    }

    public List<Requirement> all() {
        return List.copyOf(requirements.values());
    }

    public Optional<Requirement> find(String id) {
        return Optional.ofNullable(requirements.get(id));
    }

    public Requirement get(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("unknown requirement ID " + id));
    }

    /** The family's one-line description, e.g. "Bearer handling and key errors" for AUTH. */
    public String familyName(String family) {
        return families.getOrDefault(family, family);
    }

    public Map<String, String> families() {
        return families;
    }
}
