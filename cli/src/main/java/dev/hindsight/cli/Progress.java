package dev.hindsight.cli;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * A progress line on stderr, such as {@code imported 123456 events, 98765 events/s, 45%}, at most every 200 ms, and
 * once more by {@link #finish}: on a terminal rewritten in place with {@code \r}, the last one ending with a newline;
 * elsewhere (a log file, a pipe) each a line of its own, so that no {@code \r} ends up in a log. The percentage is
 * {@code done / total} of whatever unit the command measures (bytes read, seqs exported) and is left out when the
 * total is unknown ({@code total < 0}, e.g. reading stdin).
 *
 * <p>Not thread-safe: one command thread updates it.
 */
final class Progress {

    static final long INTERVAL_NANOS = 200_000_000L;

    private final PrintStream err;
    private final String verb;
    private final long total;
    private final LongSupplier nanoClock;
    private final boolean inPlace;
    private final long startNanos;
    private long lastPrintNanos;
    private int lastLength;
    private String lastLine;
    private boolean finished;

    /** @param inPlace whether {@code err} is a terminal, where the line is rewritten in place */
    Progress(PrintStream err, String verb, long total, boolean inPlace) {
        this(err, verb, total, inPlace, System::nanoTime);
    }

    Progress(PrintStream err, String verb, long total, boolean inPlace, LongSupplier nanoClock) {
        this.err = err;
        this.verb = verb;
        this.total = total;
        this.inPlace = inPlace;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.lastPrintNanos = startNanos;
    }

    /** Reports {@code events} so far and {@code done} units of the total; prints only if 200 ms have passed. */
    void update(long events, long done) {
        long now = nanoClock.getAsLong();
        if (now - lastPrintNanos >= INTERVAL_NANOS) {
            lastPrintNanos = now;
            print(line(events, done, now), false);
        }
    }

    /** Prints the final line, ending with a newline; later calls do nothing (so it can sit in a finally block). */
    void finish(long events, long done) {
        if (finished) {
            return;
        }
        finished = true;
        print(line(events, done, nanoClock.getAsLong()), true);
    }

    String line(long events, long done, long now) {
        // at least 1 ms, so a tiny run does not claim billions of events per second
        long elapsed = Math.max(now - startNanos, 1_000_000L);
        long rate = (long) (events * 1e9 / elapsed);
        StringBuilder sb = new StringBuilder(64).append(verb).append(' ').append(events).append(" events, ")
            .append(rate).append(" events/s");
        if (total >= 0) {
            long percent = total == 0 ? 100 : Math.min(100, done * 100 / total);
            sb.append(", ").append(percent).append('%');
        }
        return sb.toString();
    }

    private void print(String line, boolean last) {
        if (!inPlace) {
            if (!(last && line.equals(lastLine))) { // the final report, just made by the last update: once is enough
                err.println(line);
                err.flush();
            }
            lastLine = line;
            return;
        }
        StringBuilder sb = new StringBuilder(line.length() + 8).append('\r').append(line);
        // blank out what is left of a longer previous line
        for (int i = line.length(); i < lastLength; i++) {
            sb.append(' ');
        }
        lastLength = line.length();
        if (last) {
            sb.append(System.lineSeparator());
        }
        err.print(sb);
        err.flush();
    }
}
