package dev.hindsight.cli;

/**
 * The exit codes of every {@code hindsight} command, so scripts can tell the cases apart.
 *
 * <ul>
 *   <li>{@link #OK} 0: done;</li>
 *   <li>{@link #FAILED} 1: the command could not do its work (data directory locked, log corrupted, disk full, an
 *       unexpected error);</li>
 *   <li>{@link #USAGE} 2: bad options or bad input (an invalid event, a bad import line); nothing more was
 *       written;</li>
 *   <li>{@link #CONFLICT} 3: an optimistic-concurrency guard failed ({@code version conflict}).</li>
 * </ul>
 */
final class ExitCode {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int CONFLICT = 3;

    private ExitCode() {
    }
}
