package dev.hindsight.cli;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * Where a command reads ({@code in}: {@code import -}, a script for {@code sql}) and writes: {@code out} for its result
 * (which may be piped into a file, so nothing else goes there), {@code err} for progress, warnings and errors;
 * {@code terminal} when a person types at {@code in} (the SQL shell) rather than a pipe or a file feeding it (a
 * script). {@link Main#run} passes captured streams in tests.
 */
record CliStreams(InputStream in, PrintStream out, PrintStream err, boolean terminal) {
}
