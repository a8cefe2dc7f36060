package dev.hindsight.jdbc.spi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.SQLException;

/**
 * Stream and large-object parameters ({@code setCharacterStream}, {@code setAsciiStream}, {@code setBinaryStream},
 * {@code setClob}, {@code setBlob}, their {@code N…} siblings) read whole when they are set and bound as the text or
 * bytes they hold, as PostgreSQL's driver binds them. Avatica's setters for these bind nothing (empty bodies), so the
 * statement ran with the parameter's previous value: a batch wrote its first row's {@code data} again. Both drivers
 * bind through these rules.
 *
 * <p>A length reads at most that many characters or bytes (fewer if the stream ends first, as PostgreSQL's driver
 * reads a {@code Reader}); {@link #WHOLE} reads to the end; a negative one is 22023. A null stream or object is a
 * NULL.
 */
public final class ParameterStreams {

    /** The length of the setters without one: the stream to its end (a negative length given is 22023). */
    public static final long WHOLE = Long.MIN_VALUE;

    private static final String INVALID_PARAMETER_VALUE = "22023";
    /** PostgreSQL's {@code io_error}: the application's stream failed, not the statement. */
    private static final String IO_ERROR = "58030";

    private ParameterStreams() {
    }

    /** The characters of {@code reader} (at most {@code length}; {@link #WHOLE}: all), or null for a null reader. */
    public static String text(int index, Reader reader, long length) throws SQLException {
        if (reader == null) {
            return null;
        }
        int limit = limit(index, length);
        StringBuilder text = new StringBuilder(Math.min(limit, 8192));
        char[] buffer = new char[8192];
        try {
            int n;
            while (text.length() < limit
                    && (n = reader.read(buffer, 0, Math.min(buffer.length, limit - text.length()))) != -1) {
                text.append(buffer, 0, n);
            }
        } catch (IOException e) {
            throw failed(index, e);
        }
        return text.toString();
    }

    /** The ASCII text of {@code in}, as {@link #text}; a byte beyond ASCII is 22023, naming it. */
    public static String ascii(int index, InputStream in, long length) throws SQLException {
        byte[] bytes = bytes(index, in, length);
        if (bytes == null) {
            return null;
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] < 0) {
                throw new SQLException("parameter " + index + ": byte " + i + " of the ASCII stream is 0x"
                    + Integer.toHexString(bytes[i] & 0xff) + ", not ASCII: set text with setCharacterStream",
                    INVALID_PARAMETER_VALUE);
            }
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /** The bytes of {@code in} (at most {@code length}; {@link #WHOLE}: all), or null for a null stream. */
    public static byte[] bytes(int index, InputStream in, long length) throws SQLException {
        if (in == null) {
            return null;
        }
        int limit = limit(index, length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 8192));
        byte[] buffer = new byte[8192];
        try {
            int n;
            while (out.size() < limit && (n = in.read(buffer, 0, Math.min(buffer.length, limit - out.size()))) != -1) {
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw failed(index, e);
        }
        return out.toByteArray();
    }

    /** The whole text of {@code clob}, or null. */
    public static String text(int index, Clob clob) throws SQLException {
        if (clob == null) {
            return null;
        }
        try (Reader reader = clob.getCharacterStream()) { // opened here, so closed here; a caller's stream is theirs
            return text(index, reader, WHOLE);
        } catch (IOException e) {
            throw failed(index, e);
        }
    }

    /** The whole content of {@code blob}, or null. */
    public static byte[] bytes(int index, Blob blob) throws SQLException {
        if (blob == null) {
            return null;
        }
        try (InputStream in = blob.getBinaryStream()) {
            return bytes(index, in, WHOLE);
        } catch (IOException e) {
            throw failed(index, e);
        }
    }

    private static int limit(int index, long length) throws SQLException {
        if (length == WHOLE) {
            return Integer.MAX_VALUE - 8; // as much as one array holds
        }
        if (length < 0 || length > Integer.MAX_VALUE - 8) {
            throw new SQLException("parameter " + index + ": the stream's length " + length + " is not one from 0 to "
                + (Integer.MAX_VALUE - 8), INVALID_PARAMETER_VALUE);
        }
        return (int) length;
    }

    private static SQLException failed(int index, IOException e) {
        return new SQLException("parameter " + index + ": reading its stream failed: " + e.getMessage(), IO_ERROR, e);
    }
}
