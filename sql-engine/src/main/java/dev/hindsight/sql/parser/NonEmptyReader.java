package dev.hindsight.sql.parser;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * A statement's text, or one space if it is empty: JavaCC's {@code SimpleCharStream} reads past the end of a
 * zero-length buffer and throws {@code ArrayIndexOutOfBoundsException} on empty input (once the JIT has made that
 * exception a preallocated one, without even a message). A blank text parses to no statement, as the empty one
 * should.
 */
final class NonEmptyReader extends FilterReader {

    private boolean seen;

    NonEmptyReader(Reader in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c == -1 && !seen) {
            seen = true;
            return ' ';
        }
        seen = true;
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n == -1 && !seen && length > 0) {
            seen = true;
            buffer[offset] = ' ';
            return 1;
        }
        if (n > 0) {
            seen = true;
        }
        return n;
    }
}
