package dev.hindsight.cli;

/**
 * What a command does on Ctrl-C or SIGTERM while a span of its work runs: a JVM shutdown hook, added for the span and
 * removed at its end ({@code finally}), unless the JVM is stopping already and it runs.
 */
final class SignalHook {

    private final Thread hook;

    private SignalHook(Thread hook) {
        this.hook = hook;
    }

    /** Runs {@code action} on a thread named {@code name} if the JVM is stopped by a signal before {@link #remove}. */
    static SignalHook during(String name, Runnable action) {
        Thread hook = new Thread(action, name);
        Runtime.getRuntime().addShutdownHook(hook);
        return new SignalHook(hook);
    }

    /** Ends the span: the hook will not run (if it runs already, it is left to end). */
    void remove() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs
        }
    }
}
