package dev.hindsight.log;

import java.util.function.LongSupplier;

/**
 * Commit timestamps that never decrease: the wall clock, held at the last value if it steps back (NTP, VM
 * migration). Used under the append lock: not thread-safe.
 */
final class CommitClock {

    private final LongSupplier wallClockMillis;
    private long last;

    CommitClock(LongSupplier wallClockMillis, long lastTs) {
        this.wallClockMillis = wallClockMillis;
        this.last = lastTs;
    }

    long next() {
        long now = wallClockMillis.getAsLong();
        if (now > last) {
            last = now;
        }
        return last;
    }
}
