package dev.hindsight.sql;

import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

/**
 * A scan's rows with its statement's {@link StatementStop} looked at every {@link #EVERY} rows as the statement takes
 * them. The scans look at it only as they read, a batch of a thousand events at a time and up to eight batches ahead
 * ({@link ReadAhead}), a projection's rows all at once: the work done above them on each row (a regular expression, a
 * join) went on past a timeout or a cancel for as long as the rows already read lasted — 57014 up to eight seconds
 * after a one-second timeout, on 400,000 events under a backtracking pattern. Now it is at most {@link #EVERY} rows'
 * work late (one row's, if that row's work alone is long: nothing inside an expression is stopped).
 */
final class StopCheckedRows<T> extends AbstractEnumerable<T> {

    /** Rows between two looks: a look reads the clock, some 20 ns, next to the microseconds a row costs above it. */
    static final int EVERY = 64;

    private final Enumerable<T> rows;
    private final StatementStop stop;

    private StopCheckedRows(Enumerable<T> rows, StatementStop stop) {
        this.rows = rows;
        this.stop = stop;
    }

    /** {@code rows}, handed out with {@code stop} looked at as they are. */
    static <T> Enumerable<T> of(Enumerable<T> rows, StatementStop stop) {
        return stop.canStop() ? new StopCheckedRows<>(rows, stop) : rows;
    }

    @Override
    public Enumerator<T> enumerator() {
        Enumerator<T> inner = rows.enumerator();
        return new Enumerator<>() {
            private int taken;

            @Override
            public T current() {
                return inner.current();
            }

            @Override
            public boolean moveNext() {
                if (++taken % EVERY == 0) {
                    stop.check();
                }
                return inner.moveNext();
            }

            @Override
            public void reset() {
                inner.reset();
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }
}
