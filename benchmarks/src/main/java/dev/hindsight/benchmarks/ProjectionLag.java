package dev.hindsight.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Live lag of a SQL projection under a steady append rate (issue 12: p99 &le; 50 ms at 100,000 appends/s): for every
 * event, the time from its append being acknowledged (the prepared {@code INSERT}'s {@code executeUpdate} returned)
 * to the projection having applied it. A plain program, not JMH: the figure is a distribution over one paced run.
 *
 * <p>The log starts with {@code preload} events of {@link ProjectionBenchmark}'s shape and the customer projection
 * ({@link ProjectionBenchmark#definition}) built over them. Then one thread inserts events of the same shape through
 * a prepared single-row {@code INSERT} on a schedule of {@code rate} a second (event i due at start + i / rate; when
 * ahead it parks, when behind it sends at once), while an observer thread on a second connection asks
 * {@code sys.await_projection('p', ?, 100)} (prepared) for the projection's position once it has passed the last
 * one seen, then sleeps {@code pollMicros}.
 *
 * <p>An event between the previous answer's position and this answer's was applied after the previous statement
 * started and before this one returned, so its lag lies between {@code previous start - ack} and {@code this return
 * - ack}; the program prints the percentiles of both bounds (the upper bound is the figure to quote, it can only
 * overstate). Only the events appended after {@code warmupSeconds} count.
 *
 * <pre>
 * java $(sed -n 's:.*&lt;hindsight.jvm.flags&gt;\(.*\)&lt;/hindsight.jvm.flags&gt;.*:\1:p' pom.xml) \
 *   -cp benchmarks/target/benchmarks.jar dev.hindsight.benchmarks.ProjectionLag \
 *   [rate warmupSeconds seconds preload pollMicros]    # defaults 100000 5 20 1000000 200
 * </pre>
 */
public final class ProjectionLag {

    private ProjectionLag() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int warmupSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int preload = args.length > 3 ? Integer.parseInt(args[3]) : 1_000_000;
        long pollMicros = args.length > 4 ? Long.parseLong(args[4]) : 200;
        BenchSupport.requireChronicleFlags();
        Path dir = BenchSupport.newTempDir("hindsight-projection-lag-");
        try {
            BenchSupport.writeInterleaved(dir, preload, ProjectionBenchmark.STREAMS);
            run(dir, rate, warmupSeconds, seconds, preload, pollMicros);
        } finally {
            BenchSupport.deleteRecursively(dir);
        }
    }

    private static void run(Path dir, int rate, int warmupSeconds, int seconds, int preload, long pollMicros)
            throws Exception {
        int total = rate * (warmupSeconds + seconds);
        long[] ack = new long[total];
        long[] slip = new long[total];
        long[] appliedBy = new long[total];
        long[] appliedAfter = new long[total];
        String url = "jdbc:hindsight:file:" + dir;
        try (Connection writer = DriverManager.getConnection(url);
             Connection reader = DriverManager.getConnection(url)) {
            try (Statement s = writer.createStatement()) {
                s.execute("CREATE PROJECTION p AS " + ProjectionBenchmark.definition("customer"));
            }
            Observer observer = new Observer(reader, preload, appliedBy, appliedAfter, pollMicros);
            Thread watching = new Thread(observer, "lag-observer");
            watching.start();
            long gcBefore = gcMillis();
            long start = System.nanoTime();
            append(writer, preload, rate, start, ack, slip);
            long appendedNanos = System.nanoTime() - start;
            watching.join(TimeUnit.MINUTES.toMillis(2));
            observer.stop();
            watching.join();
            if (observer.failure.get() != null) {
                throw observer.failure.get();
            }
            long gcDuring = gcMillis() - gcBefore;
            report(rate, warmupSeconds, seconds, preload, pollMicros, ack, slip, appliedBy, appliedAfter);
            System.out.printf("appended %,d events in %.2f s (%.0f /s; schedule %,d /s); GC time during the run "
                + "%d ms; observer rounds %,d%n", total, appendedNanos / 1e9, total / (appendedNanos / 1e9), rate,
                gcDuring, observer.rounds);
        }
    }

    /** Inserts {@code ack.length} events on a schedule of {@code rate} a second, recording each one's ack time. */
    private static void append(Connection c, int preload, int rate, long start, long[] ack, long[] slip)
            throws SQLException {
        String[] ids = BenchSupport.streamIds(ProjectionBenchmark.STREAMS);
        String[] payloads = BenchSupport.payloads(1_024);
        double interval = 1e9 / rate;
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO events (stream_id, entity_type, name, data) "
                + "VALUES (?, '" + BenchSupport.ENTITY_TYPE + "', '" + BenchSupport.EVENT_NAME + "', ?)")) {
            for (int i = 0; i < ack.length; i++) {
                long due = start + (long) (i * interval);
                long now = System.nanoTime();
                if (due - now > 50_000) {
                    LockSupport.parkNanos(due - now);
                    now = System.nanoTime();
                }
                slip[i] = Math.max(0, now - due);
                long e = (long) preload + i;
                insert.setString(1, ids[(int) (e % ProjectionBenchmark.STREAMS)]);
                insert.setString(2, payloads[(int) (e & 1023)]);
                insert.executeUpdate();
                ack[i] = System.nanoTime();
            }
        }
    }

    /** Reads the projection's position until it has applied the last event, stamping each seq's bounds. */
    private static final class Observer implements Runnable {
        final Connection c;
        final long base;
        final long[] appliedBy;
        final long[] appliedAfter;
        final long pollNanos;
        final AtomicReference<Exception> failure = new AtomicReference<>();
        volatile boolean stopped;
        long rounds;

        Observer(Connection c, long preload, long[] appliedBy, long[] appliedAfter, long pollMicros) {
            this.c = c;
            this.base = preload + 1;
            this.appliedBy = appliedBy;
            this.appliedAfter = appliedAfter;
            this.pollNanos = TimeUnit.MICROSECONDS.toNanos(pollMicros);
        }

        void stop() {
            stopped = true;
        }

        @Override
        public void run() {
            long last = base - 1;
            long end = base + appliedBy.length - 1;
            long previousStart = System.nanoTime();
            // prepared: with the seq as a literal, every call would be a new statement to plan (~10 ms here)
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT position FROM TABLE(sys.await_projection('p', ?, 100))")) {
                while (last < end && !stopped) {
                    long started = System.nanoTime();
                    long position;
                    s.setLong(1, last + 1);
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        position = rs.getLong(1);
                    }
                    long returned = System.nanoTime();
                    rounds++;
                    for (long seq = last + 1; seq <= Math.min(position, end); seq++) {
                        appliedBy[(int) (seq - base)] = returned;
                        appliedAfter[(int) (seq - base)] = previousStart;
                    }
                    last = Math.max(last, position);
                    previousStart = started;
                    LockSupport.parkNanos(pollNanos);
                }
            } catch (SQLException | RuntimeException e) {
                failure.set(e);
            }
        }
    }

    private static void report(int rate, int warmupSeconds, int seconds, int preload, long pollMicros, long[] ack,
                               long[] slip, long[] appliedBy, long[] appliedAfter) {
        int from = rate * warmupSeconds;
        int n = ack.length - from;
        long[] upper = new long[n];
        long[] lower = new long[n];
        long[] late = new long[n];
        for (int i = 0; i < n; i++) {
            int k = from + i;
            if (appliedBy[k] == 0) {
                throw new IllegalStateException("event " + (preload + 1 + k) + " never seen applied");
            }
            upper[i] = Math.max(0, appliedBy[k] - ack[k]);
            lower[i] = Math.max(0, appliedAfter[k] - ack[k]);
            late[i] = slip[k];
        }
        Arrays.sort(upper);
        Arrays.sort(lower);
        Arrays.sort(late);
        System.out.printf("ProjectionLag: %,d preloaded events, schedule %,d appends/s, %d s warm-up, %d s measured "
            + "(%,d events), observer pause %d us%n", preload, rate, warmupSeconds, seconds, n, pollMicros);
        System.out.println("lag (ms), ack -> applied  " + line(upper) + "   (upper bound: quote this)");
        System.out.println("lag (ms), lower bound     " + line(lower));
        System.out.println("append behind schedule    " + line(late));
        StringBuilder perSecond = new StringBuilder("max lag (ms) per second, upper bound:");
        for (int sec = 0; sec < seconds; sec++) {
            long max = 0;
            for (int k = from + sec * rate; k < from + (sec + 1) * rate; k++) {
                max = Math.max(max, appliedBy[k] - ack[k]);
            }
            perSecond.append(' ').append(max / 1_000_000);
        }
        System.out.println(perSecond);
    }

    private static String line(long[] sorted) {
        return String.format("p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f", ms(sorted, 0.50), ms(sorted, 0.90),
            ms(sorted, 0.99), ms(sorted, 0.999), sorted[sorted.length - 1] / 1e6);
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    private static long gcMillis() {
        long t = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            t += Math.max(0, gc.getCollectionTime());
        }
        return t;
    }
}
