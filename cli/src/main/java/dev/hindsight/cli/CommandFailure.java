package dev.hindsight.cli;

/**
 * A command ends with {@link #exitCode()} and a one-line message for the user, without a stack trace. Thrown by the
 * commands for the failures they anticipate; {@link ErrorReporter} prints it as {@code error: <message>}.
 */
class CommandFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CommandFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /** Bad options or input: exit {@link ExitCode#USAGE}. */
    static CommandFailure usage(String message) {
        return new CommandFailure(ExitCode.USAGE, message);
    }

    int exitCode() {
        return exitCode;
    }
}
