package dev.hindsight.benchmarks;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Embedded prepared single-row guarded {@code INSERT} throughput (ops/s) through {@code jdbc:hindsight:file:}: one
 * {@code PreparedStatement}, planned once, executed with new parameters each time, round-robin over 10,000 streams
 * with an exact {@code expected_version}, ~100-byte payloads. Goal (SQL issue): at least 200 k/s.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar SqlInsertBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class SqlInsertBenchmark extends ChronicleForkedBenchmark {

    static final int STREAMS = 10_000;

    final String[] streamIds = BenchSupport.streamIds(STREAMS);
    final String[] payloads = BenchSupport.payloads(1_024);
    final long[] versions = new long[STREAMS];
    int next;
    Path dir;
    Connection connection;
    PreparedStatement insert;

    @Setup(Level.Iteration)
    public void open() throws SQLException {
        BenchSupport.requireChronicleFlags();
        dir = BenchSupport.newTempDir("hindsight-sql-insert-");
        connection = DriverManager.getConnection("jdbc:hindsight:file:" + dir);
        insert = connection.prepareStatement("INSERT INTO events (stream_id, entity_type, name, data, "
            + "expected_version) VALUES (?, 'order', 'order.placed', ?, ?)");
        Arrays.fill(versions, 0);
        next = 0;
    }

    @TearDown(Level.Iteration)
    public void close() throws SQLException {
        insert.close();
        connection.close();
        BenchSupport.deleteRecursively(dir);
    }

    @Benchmark
    public int preparedGuardedInsert() throws SQLException {
        int s = next;
        next = s + 1 == STREAMS ? 0 : s + 1;
        insert.setString(1, streamIds[s]);
        insert.setString(2, payloads[s & 1023]);
        insert.setLong(3, versions[s]);
        int n = insert.executeUpdate();
        versions[s]++;
        return n;
    }
}
