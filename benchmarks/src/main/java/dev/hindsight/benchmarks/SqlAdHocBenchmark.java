package dev.hindsight.benchmarks;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
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

/**
 * Ad-hoc statements (unprepared, {@code Statement.executeQuery}) with another literal each time, over a log of
 * {@code events} events (default 100,000) in 10,000 streams:
 * <ul>
 *   <li>{@code repeatShape}: {@code SELECT COUNT(*), MAX(version) FROM events WHERE stream_id = 'order-N'}, a shape
 *       the plan cache has seen;</li>
 *   <li>{@code repeatShapeAsOf}: the same {@code AS OF SEQUENCE n};</li>
 *   <li>{@code firstSeen}: the first with the plan cache off ({@code planCacheSize=0}): every statement parsed,
 *       validated, planned and compiled, as a statement seen for the first time is.</li>
 * </ul>
 * {@code SideBySide adhoc} runs the same statements as a plain program beside PostgreSQL.
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar SqlAdHocBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@Fork(jvmArgsPrepend = {"-Xms1g", "-Xmx1g"})
public class SqlAdHocBenchmark extends ChronicleForkedBenchmark {

    static final int STREAMS = 10_000;

    @Param("100000")
    int events;

    Path dir;
    Connection cached;
    Connection uncached;
    Statement statement;
    Statement uncachedStatement;
    int next;

    @Setup(Level.Trial)
    public void seed() throws SQLException {
        BenchSupport.requireChronicleFlags();
        dir = BenchSupport.newTempDir("hindsight-sql-adhoc-");
        BenchSupport.writeInterleaved(dir, events, STREAMS);
        cached = DriverManager.getConnection("jdbc:hindsight:file:" + dir);
        statement = cached.createStatement();
        Properties off = new Properties();
        off.setProperty("planCacheSize", "0");
        uncached = DriverManager.getConnection("jdbc:hindsight:file:" + dir, off);
        uncachedStatement = uncached.createStatement();
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        cached.close();
        uncached.close();
        BenchSupport.deleteRecursively(dir);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 4, time = 2)
    @Measurement(iterations = 5, time = 2)
    public long repeatShape() throws SQLException {
        return count(statement, "SELECT COUNT(*), MAX(version) FROM events WHERE stream_id = 'order-" + step() + "'");
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 4, time = 2)
    @Measurement(iterations = 5, time = 2)
    public long repeatShapeAsOf() throws SQLException {
        int n = step();
        return count(statement, "SELECT COUNT(*), MAX(version) FROM events AS OF SEQUENCE " + (1 + n * 7 % events)
            + " WHERE stream_id = 'order-" + n + "'");
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, time = 5)
    @Measurement(iterations = 3, time = 5)
    public long firstSeen() throws SQLException {
        return count(uncachedStatement,
            "SELECT COUNT(*), MAX(version) FROM events WHERE stream_id = 'order-" + step() + "'");
    }

    private int step() {
        next = next + 1 == STREAMS ? 0 : next + 1;
        return next;
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1) + rs.getLong(2);
        }
    }
}
