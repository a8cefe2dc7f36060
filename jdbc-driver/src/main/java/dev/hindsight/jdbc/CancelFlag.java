package dev.hindsight.jdbc;

/**
 * A thin-driver statement's cancel flag, read and lowered through the statement itself. Avatica's connection finds a
 * flag by the statement's number, and makes a new one for a number it does not know: after the server dropped an idle
 * statement, Avatica gives the statement a new number, while its result sets go on checking the flag it was made with.
 */
interface CancelFlag {

    /** Lowers the flag, as a run starts ({@link RemoteConnection}). */
    void lowerCancel();

    /** Whether {@code cancel()} has raised the flag since the run started. */
    boolean canceled();
}
