package org.oaiconformance.contract.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * Every check class beside an anchor, found the way Failsafe finds them (concrete {@link ConformanceChecks} classes
 * named {@code *Checks}) in the class folder or jar that holds the anchor: no hand-kept list, so a new check class is
 * run and proven without anyone adding it. A module's class folder holds its own checks; the runnable jar holds all.
 */
public final class CheckRegistry {

    private CheckRegistry() {
    }

    /** The concrete check classes where {@code anchor} was loaded from, in a stable order. */
    public static Class<?>[] checksBeside(Class<?> anchor) {
        Path root;
        try {
            root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot find the class folder of " + anchor.getName(), e);
        }
        try (Stream<String> names = Files.isDirectory(root) ? classNamesIn(root) : classNamesInJar(root)) {
            return names.filter(name -> name.endsWith("Checks.class"))
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

    private static Stream<String> classNamesIn(Path folder) throws IOException {
        return Files.walk(folder).map(folder::relativize).map(Path::toString);
    }

    private static Stream<String> classNamesInJar(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(ZipEntry::getName).toList().stream();
        }
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("cannot load " + name, e);
        }
    }
}
