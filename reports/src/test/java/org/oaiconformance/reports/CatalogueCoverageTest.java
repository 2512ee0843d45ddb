package org.oaiconformance.reports;

import org.oaiconformance.contract.catalogue.Level;
import org.oaiconformance.contract.catalogue.Requirement;
import org.oaiconformance.contract.catalogue.RequirementCatalogue;
import org.oaiconformance.contract.catalogue.RequirementsDoc;
import org.oaiconformance.contract.catalogue.Verifies;
import org.oaiconformance.contract.settings.SettingsDoc;
import org.oaiconformance.reference.Switch;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

/**
 * The catalogue and the checks agree: every check names known requirements, every testable requirement has a
 * check and a reference-target deviation that proves the check can fail, and check names carry their level.
 * Scans every check module's classes (they are this module's test dependencies).
 */
public class CatalogueCoverageTest {
    private static final Map<String, Level> NAME_PREFIX = Map.of("required", Level.MUST, "recommended", Level.SHOULD, "optional", Level.MAY);
    private final RequirementCatalogue catalogue = RequirementCatalogue.load();
    private final List<Method> checks = new ArrayList<>();

    @BeforeClass
    public void findChecks() throws Exception {
        for (String className : classesUnder("org/oaiconformance/")) {
            if (className.endsWith("Checks")) {
                Stream.of(Class.forName(className).getDeclaredMethods()).filter(m -> m.isAnnotationPresent(Verifies.class)).forEach(checks::add);
            }
        }
        assertTrue(checks.size() >= 8, "the check classes were not found on the classpath: " + checks);
    }

    @Test
    public void everyCheckNamesOnlyKnownRequirements() {
        for (Method check : checks) {
            for (String id : check.getAnnotation(Verifies.class).value()) {
                assertTrue(catalogue.find(id).isPresent(), name(check) + " names " + id + ", which is not in the catalogue");
            }
        }
    }

    @Test
    public void everyTestableRequirementHasACheckAndUntestableOnesHaveNone() {
        Set<String> verified = verifiedIds();
        for (Requirement r : catalogue.all()) {
            if (r.isTestable()) {
                assertTrue(verified.contains(r.id()), r.id() + " has no check; write one or mark it untestable with a reason");
            } else {
                assertFalse(verified.contains(r.id()), r.id() + " is marked untestable but has a check");
            }
        }
    }

    @Test
    public void everyTestableRequirementHasADeviationThatProvesItsCheckCanFail() {
        Set<String> broken = Arrays.stream(Switch.values()).filter(Switch::isDeviation).flatMap(s -> s.breaks().stream()).collect(Collectors.toSet());
        for (Requirement r : catalogue.all()) {
            if (r.isTestable()) {
                assertTrue(broken.contains(r.id()), r.id() + " has no reference-target switch that breaks it");
            }
        }
        for (Switch s : Switch.values()) {
            for (String id : s.breaks()) {
                assertTrue(verifiedIds().contains(id), s + " breaks " + id + ", which no check verifies");
            }
        }
    }

    @Test
    public void checkNamesCarryLevelAndIdOfTheirFirstRequirement() {
        for (Method check : checks) {
            String[] parts = check.getName().split("_", 3);
            Requirement first = catalogue.get(check.getAnnotation(Verifies.class).value()[0]);
            assertEquals(parts.length, 3, name(check) + " is not <level>_<id>_<behaviour>");
            assertEquals(NAME_PREFIX.get(parts[0]), first.level(), name(check) + ": prefix does not match " + first.id() + "'s level");
            assertEquals(parts[1], first.id().replace("-", "").toLowerCase(Locale.ROOT), name(check));
        }
    }

    /**
     * docs/requirements.md and docs/settings.md are how users learn what is checked and how to set it: each must be
     * exactly what the build generates from the catalogue and Setting, and the README must link both and name every
     * family. (The self-test also fails when the committed copies are stale.)
     */
    @Test
    public void generatedDocsMatchTheCatalogueAndTheSettings() throws IOException {
        Path root = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."));
        if (!Files.exists(root.resolve("docs"))) {
            root = Path.of("..");
        }
        assertEquals(Files.readString(root.resolve("docs/requirements.md")),
                RequirementsDoc.render(catalogue), "docs/requirements.md is stale");
        assertEquals(Files.readString(root.resolve("docs/settings.md")),
                SettingsDoc.render(), "docs/settings.md is stale");
        String readme = Files.readString(root.resolve("README.md"));
        assertTrue(readme.contains("docs/requirements.md") && readme.contains("docs/settings.md"), "README.md links the generated pages");
        for (String family : catalogue.families().keySet()) {
            assertTrue(readme.contains("`" + family + "-`"), "README.md does not name the " + family + " family");
        }
        assertTrue(readme.length() <= 12 * 1024, "README.md is " + readme.length() + " bytes; the depth goes to docs/");
    }

    private Set<String> verifiedIds() {
        return checks.stream().flatMap(m -> Arrays.stream(m.getAnnotation(Verifies.class).value())).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String name(Method m) {
        return m.getDeclaringClass().getSimpleName() + "." + m.getName();
    }

    /** Class names below a package, from directories and jars alike. */
    private static Set<String> classesUnder(String packagePath) throws IOException, URISyntaxException {
        Set<String> names = new TreeSet<>();
        for (URL root : Collections.list(CatalogueCoverageTest.class.getClassLoader().getResources(packagePath))) {
            if (root.getProtocol().equals("jar")) {
                try (JarFile jar = ((JarURLConnection) root.openConnection()).getJarFile()) {
                    jar.stream().map(e -> e.getName()).filter(n -> n.startsWith(packagePath) && n.endsWith(".class"))
                            .forEach(n -> names.add(n.replace('/', '.').replaceAll("\\.class$", "")));
                }
            } else {
                Path dir = Path.of(root.toURI());
                Path base = dir;
                for (int i = 0; i < packagePath.split("/").length; i++) {
                    base = base.getParent();
                }
                Path classesRoot = base;
                try (Stream<Path> files = Files.walk(dir)) {
                    files.filter(f -> f.toString().endsWith(".class")).forEach(f -> names.add(
                            classesRoot.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "")));
                }
            }
        }
        return names;
    }

    /**
     * Every requirement's source can be followed by a reader of the repository: an anchor of docs/evidence.md that
     * exists, a public URL, or a public standard; nothing points at notes that are not in the repository.
     */
    @Test
    public void everySourceResolvesInsideTheRepositoryOrToAPublicDocument() throws IOException {
        Path root = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."));
        if (!Files.exists(root.resolve("docs/evidence.md"))) {
            root = Path.of("..");
        }
        String evidence = Files.readString(root.resolve("docs/evidence.md"));
        Pattern anchor = Pattern.compile("docs/evidence\\.md#([a-z0-9-]+)");
        for (Requirement r : catalogue.all()) {
            Matcher cited = anchor.matcher(r.source());
            boolean followable = r.source().matches(".*(RFC \\d+|https://|OpenAI API reference|WHATWG|Fetch Standard|Not verified).*");
            while (cited.find()) {
                assertTrue(evidence.contains("<a id=\"" + cited.group(1) + "\"></a>"), r.id() + " cites docs/evidence.md#" + cited.group(1)
                        + ", which has no such anchor");
                followable = true;
            }
            assertTrue(followable, r.id() + "'s source names nothing a reader can follow: " + r.source());
        }
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> citingNotes = files.filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.git/")
                    && p.toString().matches(".*\\.(java|json|xml|md|yml|yaml)$"))
                    .filter(p -> {
                        try {
                            return Files.readString(p).matches("(?s).*(shared/" + "research|research/[a-z-]+\\.md|seeds/\\d{3}_).*");
                        } catch (IOException | UncheckedIOException e) {
                            return false;
                        }
                    }).toList();
            assertEquals(citingNotes, List.of(), "these cite notes that are not in the repository; restate the fact in docs/evidence.md");
        }
    }
}
