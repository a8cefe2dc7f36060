package dev.hindsight.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A socket's bytes through a buffer read by one thread at a time (its owner's lock held): an answer's head is read a
 * byte at a time, and {@code BufferedInputStream.read()} takes its lock for each byte, which was most of the head's
 * cost on the client (a profile of prepared reads: 5 % of the client's CPU in the head's lines).
 */
final class AnswerInput {

    private final InputStream in;
    private final byte[] buffer;
    private int position;
    private int limit;

    AnswerInput(InputStream in, int bufferSize) {
        this.in = in;
        this.buffer = new byte[bufferSize];
    }

    /** The next byte, or -1 at the end of the stream; blocks (or times out, as the socket says) when none is here. */
    int read() throws IOException {
        if (position == limit) {
            int read = in.read(buffer, 0, buffer.length);
            if (read <= 0) {
                return -1;
            }
            position = 0;
            limit = read;
        }
        return buffer[position++] & 0xff;
    }

    /** The next {@code n} bytes, or fewer if the stream ends first. */
    byte[] readNBytes(int n) throws IOException {
        byte[] bytes = new byte[n];
        int copied = Math.min(n, limit - position);
        System.arraycopy(buffer, position, bytes, 0, copied);
        position += copied;
        while (copied < n) {
            int read = in.read(bytes, copied, n - copied);
            if (read < 0) {
                return Arrays.copyOf(bytes, copied);
            }
            copied += read;
        }
        return bytes;
    }
}
