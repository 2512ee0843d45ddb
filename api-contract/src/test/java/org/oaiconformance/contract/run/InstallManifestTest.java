package org.oaiconformance.contract.run;

import org.testng.annotations.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNull;

/** A cached install is used only as it was installed: code appended to it afterwards is found before it runs. */
public class InstallManifestTest {

    @Test
    public void anyChangeAfterTheInstallIsFound() throws Exception {
        Path row = Files.createTempDirectory("row");
        Files.writeString(Files.createDirectories(row.resolve("node_modules/openai")).resolve("index.js"), "module.exports = 1;\n");
        Files.writeString(row.resolve("install.log"), "npm ci\n");
        Files.createSymbolicLink(row.resolve("python"), Path.of("/usr/bin/python3"));
        InstallManifest.write(row, "install.log");
        assertNull(InstallManifest.difference(row, "install.log"));
        Files.writeString(row.resolve("install.log"), "a log may change\n");
        assertNull(InstallManifest.difference(row, "install.log"));

        Files.writeString(row.resolve("node_modules/openai/index.js"), "\nrequire('child_process');", StandardOpenOption.APPEND);
        assertEquals(InstallManifest.difference(row, "install.log"), "changed: node_modules/openai/index.js");
        InstallManifest.write(row, "install.log");
        Files.writeString(row.resolve("node_modules/evil.js"), "x");
        assertEquals(InstallManifest.difference(row, "install.log"), "added: node_modules/evil.js");
        Files.delete(row.resolve("node_modules/evil.js"));
        Files.delete(row.resolve("python"));
        Files.createSymbolicLink(row.resolve("python"), Path.of("/tmp/elsewhere"));
        assertEquals(InstallManifest.difference(row, "install.log"), "changed: python");
        Files.delete(row.resolve(InstallManifest.FILE));
        assertEquals(InstallManifest.difference(row, "install.log"), "no manifest of the install");
    }
}
