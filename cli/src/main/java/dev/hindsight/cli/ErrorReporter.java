package dev.hindsight.cli;

import dev.hindsight.log.InvalidEventException;
import dev.hindsight.log.WrongExpectedVersionException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure of a command into one {@code error: ...} line on stderr and an {@link ExitCode}: users of a
 * command line never see a stack trace. A version conflict exits {@link ExitCode#CONFLICT}, bad input
 * {@link ExitCode#USAGE}, anything else {@link ExitCode#FAILED}.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {

    private final PrintStream err;

    ErrorReporter(PrintStream err) {
        this.err = err;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        err.println("error: " + message(ex));
        err.flush();
        return exitCode(ex);
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        err.println("error: " + parseMessage(ex, cmd));
        PrintWriter suggestions = new PrintWriter(err, true, Charset.defaultCharset());
        UnmatchedArgumentException.printSuggestions(ex, suggestions);
        suggestions.flush();
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return ExitCode.USAGE;
    }

    /** Picocli's message, but "unknown command" where the first word names no command. */
    private static String parseMessage(ParameterException ex, CommandLine cmd) {
        if (ex instanceof UnmatchedArgumentException u && cmd.getParent() == null && !cmd.getSubcommands().isEmpty()
            && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")
            && cmd.getParseResult().subcommand() == null) {
            return "unknown command '" + u.getUnmatched().get(0) + "'; the commands are "
                + String.join(", ", cmd.getSubcommands().keySet());
        }
        return ex.getMessage();
    }

    static int exitCode(Throwable ex) {
        if (ex instanceof CommandFailure f) {
            return f.exitCode();
        }
        if (ex instanceof WrongExpectedVersionException) {
            return ExitCode.CONFLICT;
        }
        if (ex instanceof InvalidEventException || ex instanceof ParameterException) {
            return ExitCode.USAGE;
        }
        return ExitCode.FAILED;
    }

    /** The message, or the exception itself when it has none (a bare NullPointerException still says what it is). */
    static String message(Throwable ex) {
        String m = ex.getMessage();
        return m == null || m.isBlank() ? ex.toString() : m;
    }
}
