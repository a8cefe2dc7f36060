package dev.hindsight.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Writes to a {@link PrintStream} but turns its swallowed errors back into {@link IOException}s, so that
 * {@code export | head} stops when the pipe closes instead of scanning the whole log into the void. Meant to sit
 * behind a large buffer: it checks the stream after every write it passes on. Does not close the stream.
 */
final class CheckedOutputStream extends OutputStream {

    private final PrintStream out;

    CheckedOutputStream(PrintStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        check();
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        check();
    }

    @Override
    public void flush() throws IOException {
        check();
    }

    private void check() throws IOException {
        // checkError() also flushes the PrintStream
        if (out.checkError()) {
            throw new IOException("standard output was closed or cannot be written");
        }
    }
}
