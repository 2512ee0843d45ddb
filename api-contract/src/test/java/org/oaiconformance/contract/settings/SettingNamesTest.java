package org.oaiconformance.contract.settings;

import org.testng.annotations.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

public class SettingNamesTest {

    /** The first case: a typo in the base URL's name judged the embedded target, green. Now it ends the run. */
    @Test
    public void aMistypedVariableIsRefusedNamingTheClosestSetting() {
        SettingsError error = expectThrows(SettingsError.class, () -> TargetSettings.resolve(Map.of(
                "CONFORMANCE_BASEURL", "https://gw.example/v1", "CONFORMANCE_API_KEY", "sk-test-key-123456"), Map.of()));
        assertTrue(error.getMessage().startsWith("CONFORMANCE_BASEURL is not a setting"), error.getMessage());
        assertTrue(error.getMessage().contains("did you mean CONFORMANCE_BASE_URL?"), error.getMessage());
        assertTrue(!error.getMessage().contains("sk-test-key"), "the value is never shown");
    }

    @Test
    public void aMistypedPropertyInTheSuitesNamespaceIsRefused() {
        for (String name : new String[] {"target.baseURL", "target.modell", "conformance.stict", "compat.requires", "reference.latency"}) {
            SettingsError error = expectThrows(SettingsError.class, () -> SettingNames.requireKnown(Map.of(), Map.of(name, "x")));
            assertTrue(error.getMessage().startsWith(name + " is not a setting"), error.getMessage());
        }
        SettingsError error = expectThrows(SettingsError.class, () -> SettingNames.requireKnown(Map.of(), Map.of("target.modell", "x")));
        assertTrue(error.getMessage().contains("did you mean target.model?"), error.getMessage());
    }

    @Test
    public void everySettingThePlumbingAndOtherNamespacesAreAccepted() {
        Map<String, String> env = new HashMap<>(Map.of("PATH", "/bin", "CONFORMANCEX", "not ours", "HOME", "/root"));
        Map<String, String> properties = new HashMap<>(Map.of("java.home", "/jdk", "maven.multiModuleProjectDirectory", "/x",
                "targets", "not ours", "allure.results.directory", "/r"));
        for (Setting setting : Setting.values()) {
            env.put(setting.env(), "x");
            properties.put(setting.property(), "x");
        }
        SettingNames.PLUMBING.forEach(name -> properties.put(name, "x"));
        SettingNames.requireKnown(env, properties);
    }

    @Test
    public void aNameFarFromEverySettingGetsNoGuess() {
        SettingsError error = expectThrows(SettingsError.class, () -> SettingNames.requireKnown(Map.of("CONFORMANCE_ZZZZZZZZZZZZZZZZZZZZZ", "1"), Map.of()));
        assertTrue(!error.getMessage().contains("did you mean"), error.getMessage());
    }

    /**
     * The project's own tests never see the user's settings: Surefire hides every suite variable from them, and this keeps
     * its list (in the root pom) equal to the settings' own list.
     */
    @Test
    public void surefireHidesEverySettingFromTheProjectsOwnTests() throws Exception {
        String pom = Files.readString(Path.of("..", "pom.xml"));
        Matcher hidden = Pattern.compile("<excludedEnvironmentVariables>([^<]*)</excludedEnvironmentVariables>").matcher(pom);
        assertTrue(hidden.find(), "the root pom lists the variables Surefire hides");
        Set<String> listed = new TreeSet<>(Arrays.asList(hidden.group(1).strip().split("\\s*,\\s*")));
        Set<String> settings = Arrays.stream(Setting.values()).map(Setting::env).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(listed, settings);
    }

    @Test
    public void distanceCountsSingleCharacterEdits() {
        assertEquals(SettingNames.distance("CONFORMANCE_BASEURL", "CONFORMANCE_BASE_URL"), 1);
        assertEquals(SettingNames.distance("abc", "abc"), 0);
        assertEquals(SettingNames.distance("", "abc"), 3);
    }
}
