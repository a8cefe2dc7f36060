package dev.hindsight.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code hindsight serve ...}: a placeholder until the server exists, so that {@code ./hindsight serve --demo} says
 * so (exit 2) instead of "unknown command". Accepts any arguments.
 */
@Command(name = "serve", description = "Runs the server (not available yet: arrives with the server).")
final class ServeCommand implements Callable<Integer> {

    @Unmatched
    List<String> arguments;

    @Override
    public Integer call() {
        throw CommandFailure.usage("`serve` arrives with the server issue; for now the log is used directly with "
            + "append, import, export and verify --data-dir DIR");
    }
}
