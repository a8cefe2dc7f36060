package dev.hindsight.sql;

import dev.hindsight.log.EventLog;
import dev.hindsight.log.ExpectedVersion;
import dev.hindsight.log.LogConfig;
import dev.hindsight.log.NewEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * SQL tests in Calcite's style: real SQL strings over a real log, answers compared as text rows
 * ({@code "1, a, 1"}). Rows are comma-joined column values; NULL prints as {@code null}.
 *
 * <p>Opened at once ({@link #seeded}, {@link #open}) and closed by its test, or, registered as an extension
 * ({@link #perTest}), opened afresh before each test and closed after it.
 */
final class SqlFixture implements AutoCloseable, BeforeEachCallback, AfterEachCallback {

    /** 2026-11-01T10:00:00Z: seeded events are one minute apart from here. */
    static final long T0 = Instant.parse("2026-11-01T10:00:00Z").toEpochMilli();

    /** What {@link #perTest} seeds before each test; null for a fixture opened at once. */
    private final String[] seedPerTest;
    /** The log's directory; set before each test for a {@link #perTest} fixture. */
    Path dir;
    /** A connection to it; set before each test for a {@link #perTest} fixture. */
    Connection connection;

    private SqlFixture(Path dir, Connection connection) {
        this.seedPerTest = null;
        this.dir = dir;
        this.connection = connection;
    }

    private SqlFixture(String[] seedPerTest) {
        this.seedPerTest = seedPerTest.clone();
    }

    /**
     * A fixture for each test of the class that registers it ({@code @RegisterExtension}): before each test a log in a
     * new temporary directory, seeded with {@code streams} as {@link #seeded} seeds one (none: an empty log), and a
     * connection to it; after the test both are closed and the directory deleted.
     */
    static SqlFixture perTest(String... streams) {
        return new SqlFixture(streams);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException, SQLException {
        if (seedPerTest == null) {
            throw new IllegalStateException("a fixture opened at once is closed by its test: use perTest(…)");
        }
        dir = Files.createTempDirectory("hindsight-sql-"); // set first: afterEach deletes it even if the open fails
        connection = (seedPerTest.length == 0 ? open(dir) : seeded(dir, seedPerTest)).connection;
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException, SQLException {
        Path opened = dir;
        Connection open = connection;
        connection = null;
        dir = null;
        try {
            if (open != null) {
                open.close();
            }
        } finally {
            if (opened != null) {
                try (Stream<Path> paths = Files.walk(opened)) {
                    for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    /** The embedded JDBC URL of the log. */
    String url() {
        return "jdbc:hindsight:file:" + dir;
    }

    /**
     * A log in {@code dir} seeded with {@code streams}: each entry "stream:count" appends that many events in turn,
     * event i (1-based over the whole seed) at T0 + (i-1) minutes with data {"i": i}, then a JDBC connection to it.
     */
    static SqlFixture seeded(Path dir, String... streams) throws SQLException {
        AtomicLong clock = new AtomicLong(T0);
        try (EventLog log = EventLog.open(LogConfig.builder().dataDir(dir).wallClockMillis(clock::get).build())) {
            int i = 0;
            for (String spec : streams) {
                String[] parts = spec.split(":", -1);
                for (int n = 0; n < Integer.parseInt(parts[1]); n++) {
                    i++;
                    clock.set(T0 + (i - 1) * 60_000L);
                    log.append(parts[0], "thing", List.of(new NewEvent(i % 2 == 0 ? "thing.even" : "thing.odd",
                        "{\"i\":" + i + "}", i == 2 ? "{\"traceId\":\"t2\"}" : null, 1)), ExpectedVersion.any());
                }
            }
        }
        return new SqlFixture(dir, connect("jdbc:hindsight:file:" + dir, new Properties()));
    }

    /**
     * Writes {@code streams} streams of {@code perStream} events each ({@code x.y}, data {@code {}}) into the log in
     * {@code dir}, in one append per stream: a log long enough for a scan of many batches.
     */
    static void bulk(Path dir, int streams, int perStream) {
        List<NewEvent> batch = new ArrayList<>();
        for (int i = 0; i < perStream; i++) {
            batch.add(NewEvent.of("x.y", "{}"));
        }
        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            for (int i = 0; i < streams; i++) {
                log.append("s-" + i, "t", batch, ExpectedVersion.any());
            }
        }
    }

    /**
     * A connection to {@code url} with {@code properties}, through Calcite's own code alone when the build runs the
     * JDBC tests a second time with {@code -Dhindsight.test.fastPath=false} (sql-engine's pom): the same tests must
     * pass on both paths. A test that sets {@code fastPath} itself keeps its own value.
     */
    static Connection connect(String url, Properties properties) throws SQLException {
        Properties p = new Properties();
        p.putAll(properties);
        p.putIfAbsent("fastPath", Boolean.toString(fastPaths()));
        return DriverManager.getConnection(url, p);
    }

    /** Whether this run's connections take the fast paths (see {@link #connect}). */
    static boolean fastPaths() {
        return !"false".equals(System.getProperty("hindsight.test.fastPath"));
    }

    /** A JDBC connection to the log in {@code dir}, as it is. */
    static SqlFixture open(Path dir) throws SQLException {
        return new SqlFixture(dir, connect("jdbc:hindsight:file:" + dir, new Properties()));
    }

    List<String> rows(String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return text(rs);
            }
        }
    }

    /**
     * The refusal of {@code sql} run with {@code params} ({@link #rows}): the {@code SQLException} it must end in, for
     * the test to check its SQLState and words; an {@code AssertionError} if it answers instead.
     */
    SQLException refusal(String sql, Object... params) {
        try {
            List<String> answer = rows(sql, params);
            throw new AssertionError("expected " + sql + " to be refused, but it answered " + answer);
        } catch (SQLException e) {
            return e;
        }
    }

    List<String> rowsOfStatement(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return text(rs);
        }
    }

    static List<String> text(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<String> out = new ArrayList<>();
        while (rs.next()) {
            StringBuilder sb = new StringBuilder();
            for (int c = 1; c <= md.getColumnCount(); c++) {
                if (c > 1) {
                    sb.append(", ");
                }
                sb.append(rs.getString(c));
            }
            out.add(sb.toString());
        }
        return out;
    }

    /** The physical plan, as {@code EXPLAIN PLAN FOR} prints it. */
    String plan(String sql) throws SQLException {
        return String.join("\n", rowsOfStatement("EXPLAIN PLAN FOR " + sql));
    }

    int update(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            return st.executeUpdate(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
