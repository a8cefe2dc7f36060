package dev.hindsight.cli;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * Where a command reads ({@code in}: {@code import -}, a script for {@code sql}) and writes: {@code out} for its result
 * (which may be piped into a file, so nothing else goes there), {@code err} for progress, warnings and errors;
 * {@code terminal} when a person types at {@code in} (the SQL shell) rather than a pipe or a file feeding it (a
 * script); {@code outTerminal} when {@code out} is a terminal too, where the shell may draw on it itself (not when its
 * output goes to a file); {@code errTerminal} when {@code err} is a terminal, where progress is rewritten in place
 * ({@link Progress})
 * rather than written a line at a time into a log. {@link Main#run} passes captured streams in tests.
 */
record CliStreams(InputStream in, PrintStream out, PrintStream err, boolean terminal, boolean outTerminal,
                  boolean errTerminal) {

    /** Progress of {@code verb} on {@code err}, in place if it is a terminal. */
    Progress progress(String verb, long total) {
        return new Progress(err, verb, total, errTerminal);
    }
}
