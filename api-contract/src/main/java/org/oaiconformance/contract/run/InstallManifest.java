package org.oaiconformance.contract.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the suite installs into the user's cache (the SDK rows, Allure's command line) is code it runs next time, with a
 * key on the driver's stdin: a file changed after the install must not run. After an install, every file's SHA-256 is
 * written beside it; before each use the files are hashed again and compared, and any difference (a changed, added or
 * removed file, a link pointing elsewhere) means: reinstall, saying so. The folders are the user's alone.
 */
public final class InstallManifest {
    /** The manifest's file name, in the installed folder. */
    public static final String FILE = ".oai-conformance-manifest";

    private InstallManifest() {
    }

    /** Writes the manifest of {@code folder} as it is now: every regular file but the named ones (logs the install wrote). */
    public static void write(Path folder, String... outside) throws IOException {
        StringBuilder lines = new StringBuilder();
        hashes(folder, outside).forEach((file, hash) -> lines.append(hash).append("  ").append(file).append('\n'));
        Files.writeString(folder.resolve(FILE), lines, StandardCharsets.UTF_8);
    }

    /** Null when {@code folder} holds exactly what its manifest says; else what differs first, for the line that says so. */
    public static String difference(Path folder, String... outside) throws IOException {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return "no manifest of the install";
        }
        Map<String, String> recorded = new TreeMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int gap = line.indexOf("  ");
            if (gap > 0) {
                recorded.put(line.substring(gap + 2), line.substring(0, gap));
            }
        }
        Map<String, String> now = hashes(folder, outside);
        for (var entry : now.entrySet()) {
            if (!entry.getValue().equals(recorded.get(entry.getKey()))) {
                return (recorded.containsKey(entry.getKey()) ? "changed: " : "added: ") + entry.getKey();
            }
        }
        return recorded.keySet().stream().filter(name -> !now.containsKey(name)).findFirst().map(name -> "removed: " + name).orElse(null);
    }

    /** Creates the folder (and missing parents) readable and writable by its owner alone, where the file system knows owners. */
    public static Path ownerOnlyFolder(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return folder;
        }
        try {
            return Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
            return Files.createDirectories(folder);
        }
    }

    private static Map<String, String> hashes(Path folder, String... outside) throws IOException {
        Set<String> skipped = new HashSet<>(List.of(outside));
        skipped.add(FILE);
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.toList()) {
                String name = folder.relativize(path).toString();
                if (Files.isSymbolicLink(path)) {
                    // a venv's python, node's .bin: recorded with where they point, so a link that appears or moves is a difference
                    hashes.put(name, "link->" + Files.readSymbolicLink(path));
                } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) && !skipped.contains(name)) {
                    hashes.put(name, sha256(path));
                }
            }
        }
        return hashes;
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
