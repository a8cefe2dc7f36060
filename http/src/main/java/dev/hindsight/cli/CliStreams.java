package dev.hindsight.cli;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * Where a command reads ({@code in}: {@code import -}) and writes: {@code out} for its result (which may be piped into a file, so nothing else goes there),
 * {@code err} for progress, warnings and errors. {@link Main#run} passes captured streams in tests.
 */
record CliStreams(InputStream in, PrintStream out, PrintStream err) {
}
