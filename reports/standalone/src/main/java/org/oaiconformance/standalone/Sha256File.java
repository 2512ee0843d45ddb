package org.oaiconformance.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Writes {@code FILE.sha256} beside a file, in the format {@code sha256sum -c} reads. */
public final class Sha256File {

    private Sha256File() {
    }

    public static void main(String[] args) throws IOException, NoSuchAlgorithmException {
        Path file = Path.of(args[0]);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        Files.writeString(file.resolveSibling(file.getFileName() + ".sha256"),
                HexFormat.of().formatHex(digest.digest()) + "  " + file.getFileName() + "\n");
    }
}
