package dev.hindsight.benchmarks;

import dev.hindsight.log.EventLog;
import dev.hindsight.log.ExpectedVersion;
import dev.hindsight.log.NewEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
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
 * SQL reads through embedded JDBC:
 * <ul>
 *   <li>{@code pointRead}: {@code SELECT * FROM events WHERE stream_id = ?} returning a 20-event stream (of 10,000),
 *       prepared once; latency percentiles in µs. Goal: p99 &le; 50 µs.</li>
 *   <li>{@code jsonAggregate}: {@code SELECT JSON_VALUE(data,'$.customerId'), SUM(CAST(JSON_VALUE(data,'$.total')
 *       AS DECIMAL(12,2))) FROM events GROUP BY JSON_VALUE(data,'$.customerId')} over {@code events} events
 *       (default 1,000,000), ms per query; events/s = events / time. {@code benchmarks/pg/json-aggregate.sh} runs
 *       the same query on the same payloads in PostgreSQL 15 (jsonb), for the comparison.</li>
 *   <li>{@code jsonFilter}: {@code SELECT COUNT(*) FROM events WHERE JSON_VALUE(data,'$.customerId') = 'c-7061'}
 *       over the same events (2,931 of the default 1,000,000 match), ms per query: the byte prefilter skips the
 *       others without decoding them. {@code jsonFilterNoPrefilter} is the same query with the text as a
 *       parameter ({@code = ?}), which no rule prefilters: the difference is the prefilter's.</li>
 * </ul>
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar SqlReadBenchmark.pointRead
 * java -jar benchmarks/target/benchmarks.jar SqlReadBenchmark.jsonAggregate
 * java -jar benchmarks/target/benchmarks.jar SqlReadBenchmark.jsonFilter
 * </pre>
 */
@State(Scope.Benchmark)
@Fork(jvmArgsPrepend = {"-Xms2g", "-Xmx2g"})
public class SqlReadBenchmark extends ChronicleForkedBenchmark {

    static final int STREAMS = 10_000;

    @Param("1000000")
    int events;

    Path dir;
    Connection connection;
    PreparedStatement pointRead;
    PreparedStatement aggregate;
    PreparedStatement filter;
    PreparedStatement filterNoPrefilter;
    int next;

    @Setup(Level.Trial)
    public void seed() throws SQLException {
        BenchSupport.requireChronicleFlags();
        dir = BenchSupport.newTempDir("hindsight-sql-read-");
        String[] streams = BenchSupport.streamIds(STREAMS);
        String[] payloads = BenchSupport.payloads(1_024);
        try (EventLog log = BenchSupport.openLog(dir)) {
            for (int i = 0; i < events; i++) {
                log.append(streams[i % STREAMS], BenchSupport.ENTITY_TYPE,
                    List.of(NewEvent.of(BenchSupport.EVENT_NAME, payloads[i & 1023])), ExpectedVersion.any());
            }
        }
        connection = DriverManager.getConnection("jdbc:hindsight:file:" + dir);
        pointRead = connection.prepareStatement("SELECT * FROM events WHERE stream_id = ?");
        aggregate = connection.prepareStatement("SELECT JSON_VALUE(data, '$.customerId'), "
            + "SUM(CAST(JSON_VALUE(data, '$.total') AS DECIMAL(12,2))) FROM events "
            + "GROUP BY JSON_VALUE(data, '$.customerId')");
        filter = connection.prepareStatement(
            "SELECT COUNT(*) FROM events WHERE JSON_VALUE(data, '$.customerId') = 'c-7061'");
        filterNoPrefilter = connection.prepareStatement(
            "SELECT COUNT(*) FROM events WHERE JSON_VALUE(data, '$.customerId') = ?");
        filterNoPrefilter.setString(1, "c-7061");
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        connection.close();
        BenchSupport.deleteRecursively(dir);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 4, time = 2)
    @Measurement(iterations = 5, time = 2)
    public void pointRead(Blackhole bh) throws SQLException {
        // streams 0..9999 each hold events/10,000 events (100 at the default; use -p events=200000 for 20)
        pointRead.setString(1, "order-" + next);
        next = next + 1 == STREAMS ? 0 : next + 1;
        try (ResultSet rs = pointRead.executeQuery()) {
            while (rs.next()) {
                bh.consume(rs.getString(10));
            }
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2, time = 5)
    @Measurement(iterations = 3, time = 10)
    public void jsonAggregate(Blackhole bh) throws SQLException {
        try (ResultSet rs = aggregate.executeQuery()) {
            while (rs.next()) {
                bh.consume(rs.getBigDecimal(2));
            }
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2, time = 5)
    @Measurement(iterations = 3, time = 10)
    public long jsonFilter() throws SQLException {
        return count(filter);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2, time = 5)
    @Measurement(iterations = 3, time = 10)
    public long jsonFilterNoPrefilter() throws SQLException {
        return count(filterNoPrefilter);
    }

    private static long count(PreparedStatement query) throws SQLException {
        try (ResultSet rs = query.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
