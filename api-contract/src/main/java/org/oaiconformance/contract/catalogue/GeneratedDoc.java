package org.oaiconformance.contract.catalogue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a page the build generates (docs/requirements.md, docs/settings.md), touching it only when its content changed. */
public final class GeneratedDoc {

    private GeneratedDoc() {
    }

    /**
     * A checkout the suite may not write to (a read-only mount in someone's CI) is no reason to stop a conformance run:
     * the page is then left as it is, with one line saying so.
     */
    public static void write(Path file, String content) {
        try {
            if (Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(content)) {
                return;
            }
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            System.err.println("[conformance] " + file + " not regenerated (" + e.getClass().getSimpleName() + "); the run goes on");
        }
    }
}
