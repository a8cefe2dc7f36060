package dev.hindsight.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code hindsight sql ...}: a placeholder until the SQL shell exists, so that {@code ./hindsight sql -e ...} says
 * so (exit 2) instead of "unknown command". Accepts any arguments.
 */
@Command(name = "sql", description = "Interactive SQL shell (not available yet: arrives with SQL).")
final class SqlCommand implements Callable<Integer> {

    @Unmatched
    List<String> arguments;

    @Override
    public Integer call() {
        throw CommandFailure.usage("`sql` arrives with the SQL issue; for now read the log with export --data-dir DIR");
    }
}
