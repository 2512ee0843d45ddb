package org.oaiconformance.contract.settings;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Refuses a name in the suite's namespace that is not one of its settings: a mistyped {@code CONFORMANCE_BASEURL}
 * would otherwise be ignored and the run would judge the embedded reference target, green, without once touching the
 * gateway. The namespace is every {@code CONFORMANCE_*} environment variable and every system property under
 * {@code target.}, {@code conformance.}, {@code compat.} and {@code reference.}; the suite's own plumbing properties
 * (set by its poms and entry points, never by a user) are known here too.
 */
public final class SettingNames {
    private static final String ENV_PREFIX = "CONFORMANCE_";
    private static final List<String> PROPERTY_PREFIXES = List.of("target.", "conformance.", "compat.", "reference.");

    /**
     * Properties the suite's own build and entry points set (the poms' {@code conformance.*} properties, the check
     * JVM's folders, the standalone reference target's options): not settings, but not typing mistakes either.
     */
    static final Set<String> PLUMBING = Set.of("conformance.root", "conformance.sdkDir", "conformance.outcomes.dir", "conformance.module",
            "conformance.parallelModules", "conformance.skipSelfTests", "conformance.forkArgs", "conformance.allureResults",
            "conformance.outcomes", "conformance.reports", "conformance.version", "conformance.skipRun",
            "reference.port", "reference.switches", "reference.modelSwitches", "reference.createdKeyPrefix");

    private SettingNames() {
    }

    /** Throws a {@link SettingsError} naming the first unknown name (in sorted order) and the closest real one. */
    public static void requireKnown(Map<String, String> environment, Map<String, String> properties) {
        for (String name : new TreeSet<>(environment.keySet())) {
            if (name.startsWith(ENV_PREFIX) && Stream.of(Setting.values()).noneMatch(s -> s.env().equals(name))) {
                throw unknown(name, Stream.of(Setting.values()).map(Setting::env).toList(), "environment variable");
            }
        }
        for (String name : new TreeSet<>(properties.keySet())) {
            boolean ours = PROPERTY_PREFIXES.stream().anyMatch(name::startsWith);
            if (ours && !PLUMBING.contains(name) && Stream.of(Setting.values()).noneMatch(s -> s.property().equals(name))) {
                throw unknown(name, Stream.of(Setting.values()).map(Setting::property).toList(), "system property");
            }
        }
    }

    private static SettingsError unknown(String name, List<String> known, String kind) {
        String shown = name.matches("[A-Za-z0-9_.-]{1,60}") ? name : SettingsError.quote(name);
        String closest = known.stream().min(Comparator.comparingInt(k -> distance(k.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT))))
                .orElseThrow();
        boolean near = distance(closest.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)) <= Math.max(3, closest.length() / 3);
        return new SettingsError(shown + " is not a setting of this suite" + (near ? "; did you mean " + closest + "?" : "")
                + " (an unknown " + kind + " in the suite's namespace is refused, so a typing mistake cannot change what is judged;"
                + " every setting: docs/settings.md or --help)");
    }

    /** Levenshtein distance: how many single-character edits turn one name into the other. */
    public static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
