package dev.hindsight.jdbc.spi;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/**
 * A column read as a stream ({@code getCharacterStream}, {@code getAsciiStream}, {@code getBinaryStream}), as
 * PostgreSQL's driver reads any column so: over its text or its bytes, whole, {@code null} for SQL NULL. Avatica's
 * accessors refused text and bytes alike (07006), while tools read long text through {@code getCharacterStream}. Both
 * drivers read through here.
 */
public final class StreamReads {

    private StreamReads() {
    }

    /** {@code text} as a reader, or {@code null}. */
    public static Reader text(String text) {
        return text == null ? null : new StringReader(text);
    }

    /** {@code text} as ASCII bytes (another character as {@code ?}), or {@code null}. */
    public static InputStream ascii(String text) {
        return text == null ? null : new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code bytes} as a stream, or {@code null}. */
    public static InputStream binary(byte[] bytes) {
        return bytes == null ? null : new ByteArrayInputStream(bytes);
    }
}
