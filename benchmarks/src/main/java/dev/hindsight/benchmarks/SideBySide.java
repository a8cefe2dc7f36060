package dev.hindsight.benchmarks;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Properties;
import java.util.Random;

/**
 * Hindsight (embedded JDBC) and PostgreSQL (its JDBC driver over loopback) doing the same thing in one run, as plain
 * JDBC programs, default GC and heap: the figures of the SQL-layer issue that must hold beside a peer, not only in
 * JMH. {@code benchmarks/pg/side-by-side.sh} starts a throwaway PostgreSQL and runs this with its URL; without
 * {@code --pg} only Hindsight runs.
 *
 * <ul>
 *   <li>{@code adhoc}: unprepared statements through {@code Statement.executeQuery}, each with another literal, over
 *       a log of {@code events} events in 10,000 interleaved streams: {@code SELECT COUNT(*), MAX(version) FROM
 *       events WHERE stream_id = 'order-N'}, the same {@code AS OF SEQUENCE n} (PostgreSQL: {@code AND seq <= n}),
 *       and the first with the plan cache off ({@code planCacheSize=0}: every statement prepared anew, what a
 *       first-seen statement costs). Prints p50/p99 per kind.</li>
 *   <li>{@code insert}: prepared single-row guarded INSERTs (Hindsight: {@code expected_version}; PostgreSQL: the
 *       next version under a unique {@code (stream_id, version)} index, auto-commit) into 10,000 streams; rows/s
 *       after a warm-up.</li>
 * </ul>
 *
 * <pre>
 * java $(sed -n 's:.*&lt;hindsight.jvm.flags&gt;\(.*\)&lt;/hindsight.jvm.flags&gt;.*:\1:p' pom.xml) \
 *   -cp benchmarks/target/benchmarks.jar dev.hindsight.benchmarks.SideBySide adhoc|insert [--pg URL] [--events N]
 * </pre>
 */
public final class SideBySide {

    private static final int STREAMS = 10_000;

    private SideBySide() {
    }

    public static void main(String[] args) throws SQLException {
        String mode = args.length > 0 ? args[0] : "adhoc";
        String pg = null;
        int events = 100_000;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--pg" -> pg = args[i + 1];
                case "--events" -> events = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        BenchSupport.requireChronicleFlags();
        switch (mode) {
            case "adhoc" -> adhoc(pg, events);
            case "insert" -> insert(pg);
            default -> throw new IllegalArgumentException("mode must be adhoc or insert, not " + mode);
        }
    }

    // ---- ad-hoc statements ----

    private static void adhoc(String pg, int events) throws SQLException {
        Path dir = BenchSupport.newTempDir("hindsight-adhoc-");
        try {
            BenchSupport.writeInterleaved(dir, events, STREAMS);
            String url = "jdbc:hindsight:file:" + dir;
            System.out.printf("ad-hoc statements, %,d events in %,d streams; µs per statement with its rows read%n",
                events, STREAMS);
            try (Connection c = DriverManager.getConnection(url)) {
                print("hindsight  repeat shape", latencies(c, events, false, 3_000, 10_000));
                print("hindsight  AS OF SEQUENCE", latencies(c, events, true, 3_000, 10_000));
            }
            Properties off = new Properties();
            off.setProperty("planCacheSize", "0");
            try (Connection c = DriverManager.getConnection(url, off)) {
                print("hindsight  no plan cache", latencies(c, events, false, 50, 300));
            }
            if (pg != null) {
                try (Connection c = DriverManager.getConnection(pg)) {
                    loadPostgres(c, events);
                    print("postgresql repeat shape", latencies(c, events, false, 3_000, 10_000));
                    print("postgresql seq <= n", latencies(c, events, true, 3_000, 10_000));
                }
            }
        } finally {
            BenchSupport.deleteRecursively(dir);
        }
    }

    private static long[] latencies(Connection c, int events, boolean asOf, int warmup, int measured)
            throws SQLException {
        boolean postgres = c.getMetaData().getDatabaseProductName().startsWith("PostgreSQL");
        Random random = new Random(42);
        long[] nanos = new long[measured];
        try (Statement st = c.createStatement()) {
            for (int i = -warmup; i < measured; i++) {
                String stream = "order-" + random.nextInt(STREAMS);
                long seq = 1L + random.nextInt(events);
                String sql = "SELECT COUNT(*), MAX(version) FROM events" + (asOf && !postgres
                    ? " AS OF SEQUENCE " + seq : "") + " WHERE stream_id = '" + stream + "'"
                    + (asOf && postgres ? " AND seq <= " + seq : "");
                long start = System.nanoTime();
                try (ResultSet rs = st.executeQuery(sql)) {
                    if (!rs.next() || rs.getLong(1) < 0) {
                        throw new IllegalStateException("no count for " + sql);
                    }
                    rs.getLong(2);
                }
                if (i >= 0) {
                    nanos[i] = System.nanoTime() - start;
                }
            }
        }
        return nanos;
    }

    private static void print(String label, long[] nanos) {
        Arrays.sort(nanos);
        System.out.printf("%-28s p50 %8.1f  p99 %8.1f  (n=%d)%n", label, micros(nanos, 0.50), micros(nanos, 0.99),
            nanos.length);
    }

    // ---- prepared guarded INSERTs ----

    private static void insert(String pg) throws SQLException {
        Path dir = BenchSupport.newTempDir("hindsight-insert-");
        try (Connection c = DriverManager.getConnection("jdbc:hindsight:file:" + dir)) {
            double ours = insertRate(c, 30_000, 300_000);
            System.out.printf("hindsight  prepared guarded INSERT: %,.0f rows/s%n", ours);
            if (pg != null) {
                try (Connection p = DriverManager.getConnection(pg)) {
                    try (Statement st = p.createStatement()) {
                        st.execute("DROP TABLE IF EXISTS events");
                        st.execute(CREATE_EVENTS);
                        st.execute("CREATE UNIQUE INDEX events_stream_version ON events (stream_id, version)");
                    }
                    double theirs = insertRate(p, 3_000, 30_000);
                    System.out.printf("postgresql prepared guarded INSERT: %,.0f rows/s%n", theirs);
                    System.out.printf("ratio: %.1fx%n", ours / theirs);
                }
            }
        } finally {
            BenchSupport.deleteRecursively(dir);
        }
    }

    private static double insertRate(Connection c, int warmup, int measured) throws SQLException {
        boolean postgres = c.getMetaData().getDatabaseProductName().startsWith("PostgreSQL");
        String[] ids = BenchSupport.streamIds(STREAMS);
        String[] payloads = BenchSupport.payloads(1_024);
        long[] versions = new long[STREAMS];
        String sql = postgres
            ? "INSERT INTO events (stream_id, version, entity_type, name, data) VALUES (?, ?, ?, ?, ?::jsonb)"
            : "INSERT INTO events (stream_id, expected_version, entity_type, name, data) VALUES (?, ?, ?, ?, ?)";
        long start = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = -warmup; i < measured; i++) {
                if (i == 0) {
                    start = System.nanoTime();
                }
                int s = Math.floorMod(i, STREAMS);
                ps.setString(1, ids[s]);
                ps.setLong(2, postgres ? versions[s] + 1 : versions[s]);
                ps.setString(3, BenchSupport.ENTITY_TYPE);
                ps.setString(4, BenchSupport.EVENT_NAME);
                ps.setString(5, payloads[i & 1023]);
                if (ps.executeUpdate() != 1) {
                    throw new IllegalStateException("an INSERT appended no row");
                }
                versions[s]++;
            }
        }
        return measured / ((System.nanoTime() - start) / 1e9);
    }

    // ---- the same events on both sides (event i as BenchSupport.writeInterleaved writes it) ----

    private static final String CREATE_EVENTS = """
        CREATE TABLE events (
            seq bigserial PRIMARY KEY, stream_id text NOT NULL, entity_type text NOT NULL, version bigint NOT NULL,
            name text NOT NULL, schema_version integer NOT NULL DEFAULT 1,
            event_id uuid NOT NULL DEFAULT gen_random_uuid(), ts timestamp(3) NOT NULL DEFAULT now(),
            source text NOT NULL DEFAULT 'sql', data jsonb NOT NULL, metadata jsonb)""";

    private static void loadPostgres(Connection c, int events) throws SQLException {
        String[] ids = BenchSupport.streamIds(STREAMS);
        String[] payloads = BenchSupport.payloads(1_024);
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS events");
            st.execute(CREATE_EVENTS);
        }
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO events (stream_id, version, entity_type, name, data) VALUES (?, ?, ?, ?, ?::jsonb)")) {
            for (int i = 0; i < events; i++) {
                ps.setString(1, ids[i % STREAMS]);
                ps.setLong(2, i / STREAMS + 1);
                ps.setString(3, BenchSupport.ENTITY_TYPE);
                ps.setString(4, BenchSupport.EVENT_NAME);
                ps.setString(5, payloads[i & 1023]);
                ps.addBatch();
                if (i % 1_000 == 999) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        c.commit();
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
            st.execute("CREATE UNIQUE INDEX events_stream_version ON events (stream_id, version)");
            st.execute("VACUUM ANALYZE events");
        }
    }

    private static double micros(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1000.0;
    }
}
