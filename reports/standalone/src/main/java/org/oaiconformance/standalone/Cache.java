package org.oaiconformance.standalone;

import org.oaiconformance.contract.run.InstallManifest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The runnable jar's folder for what it unpacks and installs once per version: Allure's command line and the SDK rows
 * ({@code $XDG_CACHE_HOME/openai-conformance/VERSION}, else {@code ~/.cache/...}). Never the user's global packages.
 */
record Cache(Path folder) {

    static Cache forVersion(String version) {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return new Cache(base.resolve("openai-conformance").resolve(version));
    }

    Path sdkFolder() {
        return folder.resolve("sdk");
    }

    /**
     * Allure's home, unpacked from the jar on first use; a half-written unpack is never taken for a whole one, and one
     * whose files changed since (see {@link InstallManifest}) is unpacked again, saying so.
     */
    Path allureHome(String allureVersion) throws IOException {
        Path home = folder.resolve("allure-" + allureVersion);
        if (Files.isDirectory(home.resolve("lib"))) {
            String changed = InstallManifest.difference(home);
            if (changed == null) {
                return home;
            }
            System.out.println("[conformance] the cached Allure " + allureVersion + " cannot be trusted (" + changed + " since it was"
                    + " unpacked); unpacking it again");
            Path aside = Files.createTempDirectory(folder, "allure-discarded-");
            Files.move(home, aside.resolve("allure"), StandardCopyOption.ATOMIC_MOVE);
            deleteTree(aside);
        }
        InstallManifest.ownerOnlyFolder(folder);
        System.out.println("[conformance] unpacking Allure " + allureVersion + " (about 27 MB) into " + home + ", once per version");
        Path partial = Files.createTempDirectory(folder, "allure-unpacking-");
        try (InputStream zip = Cache.class.getResourceAsStream("allure-commandline.zip")) {
            if (zip == null) {
                throw new IOException("this jar lacks Allure's command line (org/oaiconformance/standalone/allure-commandline.zip)");
            }
            unzip(zip, partial);
        }
        Path unpacked = partial.resolve("allure-" + allureVersion);
        InstallManifest.write(unpacked);
        try {
            Files.move(unpacked, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
            if (!Files.isDirectory(home.resolve("lib"))) {
                throw e;
            } // another run unpacked it first
        } catch (DirectoryNotEmptyException e) {
            // another run unpacked it first
        }
        deleteTree(partial); // what is left of the unpacking: nothing, or the copy another run beat
        return home;
    }

    private static void deleteTree(Path folder) throws IOException {
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void unzip(InputStream zip, Path into) throws IOException {
        try (ZipInputStream in = new ZipInputStream(zip)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("refused a zip entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
