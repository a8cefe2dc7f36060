package dev.hindsight.benchmarks;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Random;

/**
 * The single-stream read as an application meets it, not as a JMH fork does: a plain JDBC program (default GC and
 * heap) reading random streams with {@code SELECT * FROM events WHERE stream_id = ? ORDER BY seq} through a prepared
 * statement, every column of every row read, after a warm-up. Prints the latency percentiles of the measured reads.
 *
 * <p>The log: {@code streams} streams of {@code perStream} events each, interleaved (event i in stream i % streams),
 * ~100-byte JSON payloads, written with {@code appendAll} into a temp directory and deleted at the end.
 *
 * <p>Run (the Chronicle flags as for any embedded use; the defaults are 10,000 streams × 30 events, 5,000 warm-up
 * and 20,000 measured reads, seed 42):
 * <pre>
 * mvn -B package -DskipTests
 * java $(sed -n 's:.*&lt;hindsight.jvm.flags&gt;\(.*\)&lt;/hindsight.jvm.flags&gt;.*:\1:p' pom.xml) \
 *   -cp benchmarks/target/benchmarks.jar dev.hindsight.benchmarks.JdbcReadLatency [streams perStream warmup reads seed]
 * </pre>
 */
public final class JdbcReadLatency {

    private JdbcReadLatency() {
    }

    public static void main(String[] args) throws SQLException {
        int streams = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int perStream = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
        int reads = args.length > 3 ? Integer.parseInt(args[3]) : 20_000;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 42;
        BenchSupport.requireChronicleFlags();
        Path dir = BenchSupport.newTempDir("hindsight-jdbc-read-");
        try {
            BenchSupport.writeInterleaved(dir, (long) streams * perStream, streams);
            String[] ids = BenchSupport.streamIds(streams);
            Random random = new Random(seed);
            long[] nanos = new long[reads];
            long rows = 0;
            try (Connection c = DriverManager.getConnection("jdbc:hindsight:file:" + dir);
                 PreparedStatement st = c.prepareStatement("SELECT * FROM events WHERE stream_id = ? ORDER BY seq")) {
                for (int i = 0; i < warmup; i++) {
                    rows += readStream(st, ids[random.nextInt(streams)]);
                }
                for (int i = 0; i < reads; i++) {
                    String id = ids[random.nextInt(streams)];
                    long start = System.nanoTime();
                    rows += readStream(st, id);
                    nanos[i] = System.nanoTime() - start;
                }
            }
            if (rows != (long) (warmup + reads) * perStream) {
                throw new IllegalStateException("read " + rows + " rows, expected " + (warmup + reads) * perStream);
            }
            Arrays.sort(nanos);
            System.out.printf("JdbcReadLatency: %d streams x %d events, %d warm-up reads, %d measured, seed %d%n",
                streams, perStream, warmup, reads, seed);
            System.out.printf("p50 %.1f us, p90 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us%n",
                micros(nanos, 0.50), micros(nanos, 0.90), micros(nanos, 0.99), micros(nanos, 0.999),
                nanos[reads - 1] / 1000.0);
        } finally {
            BenchSupport.deleteRecursively(dir);
        }
    }

    /** Reads every column of every row of one stream; returns the number of rows. */
    private static int readStream(PreparedStatement st, String streamId) throws SQLException {
        st.setString(1, streamId);
        int n = 0;
        try (ResultSet rs = st.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                if (rs.getObject(1) == null) {
                    throw new IllegalStateException("a row of " + streamId + " without seq");
                }
                for (int i = 2; i <= columns; i++) {
                    rs.getObject(i);
                }
                n++;
            }
        }
        return n;
    }

    private static double micros(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1000.0;
    }
}
