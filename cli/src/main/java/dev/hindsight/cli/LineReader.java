package dev.hindsight.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines on {@code \n}, without decoding it: each line is handed out as a span of an
 * internal buffer ({@link #buffer()}, {@link #start()}, {@link #length()}), valid until the next {@link #next()}.
 * A trailing {@code \r} is dropped, and so is a UTF-8 byte order mark at the very start. Counts the bytes consumed,
 * for a progress percentage.
 *
 * <p>Not thread-safe. Does not close the stream.
 */
final class LineReader {

    /** Far above any event the log accepts (16 MiB at most), so only a file that is not JSON lines hits it. */
    static final int MAX_LINE_BYTES = 64 * 1024 * 1024;

    /**
     * Input this reader refuses, bad input rather than a failure to read: a line over the limit, or text that is UTF-16
     * (its byte-order mark first), which read as UTF-8 was "invalid UTF-8 at column 1" without naming the encoding.
     */
    static final class RefusedInputException extends IOException {

        private static final long serialVersionUID = 1L;

        RefusedInputException(String message) {
            super(message);
        }
    }

    private final InputStream in;
    private final int maxLineBytes;
    private byte[] buf;
    private int pos;
    private int end;
    private int scanned;
    private boolean eof;
    private boolean first = true;
    private long bytesRead;
    private long lineNumber;
    private int lineStart;
    private int lineLength;

    LineReader(InputStream in) {
        this(in, 1 << 20, MAX_LINE_BYTES);
    }

    LineReader(InputStream in, int bufferSize, int maxLineBytes) {
        this.in = in;
        this.buf = new byte[bufferSize];
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Moves to the next line.
     *
     * @return false at the end of the stream
     * @throws RefusedInputException if a line is longer than the limit (the message names the line)
     * @throws IOException          if reading fails
     */
    boolean next() throws IOException {
        while (true) {
            int nl = indexOfNewline(Math.max(pos, scanned), end);
            if (nl >= 0) {
                take(nl - pos, nl + 1);
                return true;
            }
            scanned = end;
            if (eof) {
                if (pos < end) {
                    take(end - pos, end);
                    return true;
                }
                return false;
            }
            fill();
        }
    }

    /** Whether {@code b[at, at + length)} starts with UTF-8's byte-order mark, {@code EF BB BF}. */
    static boolean utf8ByteOrderMarkAt(byte[] b, int at, int length) {
        return length >= 3 && (b[at] & 0xff) == 0xEF && (b[at + 1] & 0xff) == 0xBB && (b[at + 2] & 0xff) == 0xBF;
    }

    private void take(int length, int next) throws IOException {
        int start = pos;
        int len = length;
        if (first) {
            first = false;
            if (utf8ByteOrderMarkAt(buf, start, len)) {
                start += 3;
                len -= 3;
            } else if (len >= 2 && (((buf[start] & 0xff) == 0xFF && (buf[start + 1] & 0xff) == 0xFE)
                || ((buf[start] & 0xff) == 0xFE && (buf[start + 1] & 0xff) == 0xFF))) {
                throw new RefusedInputException("the input is UTF-16 (it starts with the byte-order mark "
                    + String.format("%02X %02X", buf[start] & 0xff, buf[start + 1] & 0xff) + "); import reads UTF-8 "
                    + "JSON lines: convert it first, e.g. iconv -f UTF-16 -t UTF-8");
            }
        }
        if (len > 0 && buf[start + len - 1] == '\r') {
            len--;
        }
        lineNumber++;
        if (len > maxLineBytes) {
            throw new RefusedInputException("line " + lineNumber + " is " + len + " bytes, longer than the limit of "
                + maxLineBytes + " bytes");
        }
        lineStart = start;
        lineLength = len;
        bytesRead += next - pos;
        pos = next;
        scanned = next;
    }

    private void fill() throws IOException {
        if (pos > 0) {
            // keep the unfinished line, drop what was handed out already
            System.arraycopy(buf, pos, buf, 0, end - pos);
            end -= pos;
            scanned -= pos;
            pos = 0;
        } else if (end == buf.length) {
            // room for the longest line allowed plus its "\r\n"
            int most = maxLineBytes + 2;
            if (end >= most) {
                throw new RefusedInputException("line " + (lineNumber + 1) + " is longer than the limit of "
                    + maxLineBytes + " bytes");
            }
            buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, most));
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
            eof = true;
        } else {
            end += n;
        }
    }

    private int indexOfNewline(int from, int to) {
        byte[] b = buf;
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    byte[] buffer() {
        return buf;
    }

    int start() {
        return lineStart;
    }

    int length() {
        return lineLength;
    }

    /** Whether the current line holds nothing but spaces, tabs and a CR: an import skips it. */
    boolean isBlank() {
        byte[] b = buffer();
        for (int i = start(); i < start() + length(); i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    /** The 1-based number of the current line. */
    long lineNumber() {
        return lineNumber;
    }

    /** Bytes consumed up to the end of the current line. */
    long bytesRead() {
        return bytesRead;
    }
}
