package org.oaiconformance.reference;

import java.util.Arrays;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Prints the requirements a set of switches declares broken, sorted, as {@code ['AUTH-004', 'ERR-001']}: the
 * self-test's expected failing set for a deviating target, computed from {@link Switch#breaks()} instead of typed.
 */
public final class DeclaredBreaks {

    private DeclaredBreaks() {
    }

    /** args[0]: switch names separated by ','. */
    public static void main(String[] args) {
        TreeSet<String> broken = Arrays.stream(args[0].split(",")).map(String::strip).map(Switch::valueOf)
                .flatMap(s -> s.breaks().stream()).collect(Collectors.toCollection(TreeSet::new));
        System.out.println(broken.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", ", "[", "]")));
    }
}
