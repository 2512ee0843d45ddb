package org.oaiconformance.standalone;

import org.oaiconformance.contract.settings.SettingsError;
import org.testng.annotations.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

/**
 * --out is where the jar writes and cleans: a symbolic link, as the folder or in it, would send a write or Allure's
 * clean wherever it points (the review overwrote notes.txt and emptied a folder through them). Refused, exit 2.
 */
public class OutFolderTest {

    @Test
    public void aLinkAsTheFolderIsRefused() throws Exception {
        Path root = Files.createTempDirectory("out");
        Path victim = Files.createDirectories(root.resolve("victim"));
        Path out = Files.createSymbolicLink(root.resolve("report"), victim);
        SettingsError error = expectThrows(SettingsError.class, () -> ConformanceMain.prepare(out));
        assertTrue(error.getMessage().contains("is a symbolic link"), error.getMessage());
    }

    @Test
    public void aLinkInsideTheFolderIsRefusedAndWhatItNamesIsUntouched() throws Exception {
        Path root = Files.createTempDirectory("out");
        Path notes = Files.writeString(Files.createDirectories(root.resolve("victim")).resolve("notes.txt"), "keep me");
        Path keep = Files.writeString(Files.createDirectories(root.resolve("victim/dir")).resolve("kept.txt"), "keep me too");
        for (String[] link : new String[][] {{"conformance-summary.md", notes.toString()}, {"allure-report", keep.getParent().toString()}}) {
            Path out = Files.createDirectories(root.resolve("report-" + link[0]));
            Files.createSymbolicLink(out.resolve(link[0]), Path.of(link[1]));
            SettingsError error = expectThrows(SettingsError.class, () -> ConformanceMain.prepare(out));
            assertTrue(error.getMessage().contains("holds a symbolic link (" + link[0] + ")"), error.getMessage());
        }
        assertEquals(Files.readString(notes), "keep me");
        assertEquals(Files.readString(keep), "keep me too");
    }

    /** A multi-model run's folder (with its badges/) is a report of an earlier run: the next run may replace it. */
    @Test
    public void anEarlierReportWithBadgesIsReplaced() throws Exception {
        Path out = Files.createTempDirectory("out");
        Files.createDirectories(out.resolve("badges"));
        Files.writeString(out.resolve("conformance-summary.json"), "{}");
        assertEquals(ConformanceMain.prepare(out), out.resolve(".run")); // the lock is this JVM's until it ends, as in a run
    }
}
