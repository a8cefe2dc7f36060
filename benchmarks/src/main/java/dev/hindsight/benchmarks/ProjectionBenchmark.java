package dev.hindsight.benchmarks;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Projections (issue 12) through embedded JDBC, over the log of {@link SqlReadBenchmark}: {@code events} events
 * (default 1,000,000), event i in stream {@code order-(i % 10000)} with payload {@code payloads(1024)[i & 1023]}.
 * Two definitions, chosen by {@code key}:
 * <ul>
 *   <li>{@code customer}: the issue's {@code SELECT JSON_VALUE(data,'$.customerId') AS customer_id, COUNT(*) AS
 *       orders, SUM(CAST(JSON_VALUE(data,'$.total') AS DECIMAL(12,2))) AS revenue FROM events GROUP BY
 *       JSON_VALUE(data,'$.customerId')}. The 1,024 payloads name 963 distinct customers, so it has 963 groups of
 *       ~1,000 versions each.</li>
 *   <li>{@code stream}: the same aggregates {@code GROUP BY stream_id}: 10,000 groups of 100 versions each, the
 *       issue's "projection of 10 k groups".</li>
 * </ul>
 * Benchmarks:
 * <ul>
 *   <li>{@code create}: {@code CREATE PROJECTION} until it returns, i.e. until the projection has applied the whole
 *       log (its compilation included); single shot, ms. Events/s = events / time. Dropped after each shot, outside
 *       the time. Goal (customer): &ge; 1.5 M events/s. Eight warm-up shots, as a server that has rebuilt before
 *       runs it; a fresh process's first rebuild (Calcite's cold start and the JIT's warm-up in it) is measured apart,
 *       in docs/benchmarks.md.</li>
 *   <li>{@code asOf}: {@code SELECT * FROM p AS OF SEQUENCE ?}, prepared, at a uniformly random seq of the log (seed
 *       42), every column of every row read; latency percentiles. Goal (stream): &le; 10 ms.</li>
 *   <li>{@code asOfAdHoc}: the same through {@code Statement.executeQuery} with the seq as a literal, as an ad-hoc
 *       query sends it (a shape the plan cache has seen).</li>
 * </ul>
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ProjectionBenchmark
 * java -jar benchmarks/target/benchmarks.jar ProjectionBenchmark.asOf -p key=stream
 * </pre>
 * {@code benchmarks/pg/projection-asof.sh} runs PostgreSQL 15 on the same {@code GROUP BY} over {@code seq <= n}.
 */
@Fork(jvmArgsPrepend = {"-Xms2g", "-Xmx2g"})
public class ProjectionBenchmark extends ChronicleForkedBenchmark {

    static final int STREAMS = 10_000;
    static final String NAME = "p";

    /** The definition's {@code SELECT} for {@code key} ({@code customer} or {@code stream}). */
    static String definition(String key) {
        String aggregates = "COUNT(*) AS orders, SUM(CAST(JSON_VALUE(data, '$.total') AS DECIMAL(12,2))) AS revenue "
            + "FROM events GROUP BY ";
        return switch (key) {
            case "customer" -> "SELECT JSON_VALUE(data, '$.customerId') AS customer_id, " + aggregates
                + "JSON_VALUE(data, '$.customerId')";
            case "stream" -> "SELECT stream_id AS order_id, " + aggregates + "stream_id";
            default -> throw new IllegalArgumentException("key must be customer or stream, not " + key);
        };
    }

    /** A log, and a connection to it without projections: for {@code create}. */
    @State(Scope.Benchmark)
    public static class Log {
        @Param("1000000")
        int events;

        @Param({"customer", "stream"})
        String key;

        Path dir;
        Connection connection;

        @Setup(Level.Trial)
        public void write() throws SQLException {
            BenchSupport.requireChronicleFlags();
            dir = BenchSupport.newTempDir("hindsight-projection-");
            BenchSupport.writeInterleaved(dir, events, STREAMS);
            connection = DriverManager.getConnection("jdbc:hindsight:file:" + dir);
        }

        @TearDown(Level.Invocation)
        public void drop() throws SQLException {
            try (Statement s = connection.createStatement()) {
                s.execute("DROP PROJECTION IF EXISTS " + NAME);
            }
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException {
            connection.close();
            BenchSupport.deleteRecursively(dir);
        }
    }

    /** The log with the projection built, for the {@code AS OF} reads. */
    @State(Scope.Benchmark)
    public static class Built {
        @Param("1000000")
        int events;

        @Param({"customer", "stream"})
        String key;

        Path dir;
        Connection connection;
        PreparedStatement asOf;
        Statement adHoc;
        final SplittableRandom random = new SplittableRandom(42);

        @Setup(Level.Trial)
        public void build() throws SQLException {
            BenchSupport.requireChronicleFlags();
            dir = BenchSupport.newTempDir("hindsight-projection-");
            BenchSupport.writeInterleaved(dir, events, STREAMS);
            connection = DriverManager.getConnection("jdbc:hindsight:file:" + dir);
            adHoc = connection.createStatement();
            adHoc.execute("CREATE PROJECTION " + NAME + " AS " + definition(key));
            asOf = connection.prepareStatement("SELECT * FROM " + NAME + " AS OF SEQUENCE ?");
        }

        /** A uniformly random seq of the log, 1 to {@code events}. */
        long nextSeq() {
            return 1L + random.nextInt(events);
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException {
            connection.close();
            BenchSupport.deleteRecursively(dir);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 8) // a shot is ~0.5 s, and the JIT keeps improving the fold's path for ~5 of them
    @Measurement(iterations = 10)
    public void create(Log log) throws SQLException {
        try (Statement s = log.connection.createStatement()) {
            s.execute("CREATE PROJECTION " + NAME + " AS " + definition(log.key));
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public long asOf(Built built, Blackhole bh) throws SQLException {
        built.asOf.setLong(1, built.nextSeq());
        try (ResultSet rs = built.asOf.executeQuery()) {
            return readAll(rs, bh);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public long asOfAdHoc(Built built, Blackhole bh) throws SQLException {
        try (ResultSet rs = built.adHoc.executeQuery("SELECT * FROM " + NAME + " AS OF SEQUENCE "
                + built.nextSeq())) {
            return readAll(rs, bh);
        }
    }

    /** Reads every column of every row; returns the rows. */
    private static long readAll(ResultSet rs, Blackhole bh) throws SQLException {
        long rows = 0;
        while (rs.next()) {
            bh.consume(rs.getString(1));
            bh.consume(rs.getLong(2));
            bh.consume(rs.getBigDecimal(3));
            rows++;
        }
        return rows;
    }
}
