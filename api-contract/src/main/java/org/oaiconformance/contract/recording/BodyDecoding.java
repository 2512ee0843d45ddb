package org.oaiconformance.contract.recording;

import org.brotli.dec.BrotliInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * A recorded body as text, decoded as its Content-Encoding says: vcrpy keeps compressed answers as the bytes that came
 * over the wire (gzip by default), while HAR files and cassettes recorded with decoding on hold the text already, header
 * and all. So bytes are decoded only when they are compressed; text stays text.
 */
final class BodyDecoding {
    /** The most a decoded body may take: a recorded answer, not a decompression bomb. */
    private static final int MAX_DECODED_BYTES = 32 << 20;

    private BodyDecoding() {
    }

    /** A body the suite cannot read: the exchange is set aside, saying why. */
    static final class Undecodable extends IOException {
        Undecodable(String message) {
            super(message);
        }
    }

    /** A textual body: already decoded, whatever the header says. */
    static String text(String body, String contentEncoding) {
        return body;
    }

    static String text(byte[] body, String contentEncoding) throws Undecodable {
        String encoding = contentEncoding == null ? "identity" : contentEncoding.strip().toLowerCase(Locale.ROOT);
        if (encoding.isEmpty() || encoding.equals("identity") || looksLikeText(body)) {
            return new String(body, StandardCharsets.UTF_8);
        }
        try {
            return switch (encoding) {
                case "gzip", "x-gzip" -> read(new GZIPInputStream(new ByteArrayInputStream(body)));
                case "deflate" -> read((body.length > 0 && (body[0] & 0x0f) == 8) // a zlib header; some servers send raw deflate
                        ? new InflaterInputStream(new ByteArrayInputStream(body))
                        : new InflaterInputStream(new ByteArrayInputStream(body), new Inflater(true)));
                case "br" -> read(new BrotliInputStream(new ByteArrayInputStream(body)));
                default -> throw new Undecodable("its body is compressed with Content-Encoding " + encoding
                        + ", which the suite does not read (gzip, deflate and br are read)");
            };
        } catch (Undecodable e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new Undecodable("its body does not decode as Content-Encoding " + encoding + " says");
        }
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            byte[] decoded = in.readNBytes(MAX_DECODED_BYTES + 1);
            if (decoded.length > MAX_DECODED_BYTES) {
                throw new Undecodable("its body decodes to more than " + (MAX_DECODED_BYTES >> 20) + " MiB");
            }
            return new String(decoded, StandardCharsets.UTF_8);
        }
    }

    /** JSON or an event stream as sent: what an answer looks like before any compression. */
    private static boolean looksLikeText(byte[] body) {
        for (byte b : body) {
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                continue;
            }
            return b == '{' || b == '[' || b == 'd' || b == ':' || b == 'e' || b == 'i';
        }
        return true; // empty
    }
}
