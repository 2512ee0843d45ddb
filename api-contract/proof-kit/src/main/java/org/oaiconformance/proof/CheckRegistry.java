package org.oaiconformance.proof;

import org.oaiconformance.contract.check.ConformanceChecks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every check class of a module, found the way Failsafe finds them (concrete {@code *Checks} classes) in the class
 * folder that holds the given anchor: no hand-kept list, so a new check class is proven without anyone adding it.
 */
public final class CheckRegistry {

    private CheckRegistry() {
    }

    /** The module's concrete {@link ConformanceChecks} classes named {@code *Checks}, in a stable order. */
    public static Class<?>[] checksBeside(Class<?> anchor) {
        Path root;
        try {
            root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot find the class folder of " + anchor.getName(), e);
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(root::relativize).map(Path::toString).filter(name -> name.endsWith("Checks.class"))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.').replace('\\', '.'))
                    .map(name -> load(name, anchor.getClassLoader()))
                    .filter(type -> ConformanceChecks.class.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers()))
                    .sorted(Comparator.comparing(Class::getName)).toArray(Class<?>[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The classes as a list, for messages and filters. */
    public static List<Class<?>> listBeside(Class<?> anchor) {
        return List.of(checksBeside(anchor));
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("cannot load " + name, e);
        }
    }
}
