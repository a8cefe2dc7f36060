package dev.hindsight.benchmarks;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.postgresql.PGConnection;

/**
 * The figures of {@code ./hindsight bench} that need the same events on both sides: {@code events} order events
 * loaded into a fresh Hindsight server (remote JDBC) and into PostgreSQL's {@code events} table (under its unique
 * {@code (stream_id, version)} index), then, through each side's JDBC driver:
 *
 * <ul>
 *   <li>a full-log scan and aggregate, {@code COUNT(*)} and the sum of {@code $.total} over every event (ms);</li>
 *   <li>building SPEC §3's {@code customer_orders} read model from the whole log: {@code CREATE PROJECTION}, and on
 *       PostgreSQL {@code CREATE TABLE … AS SELECT} of the same aggregate (events/s);</li>
 *   <li>that read model as of a random past position: {@code SELECT * FROM customer_orders AS OF SEQUENCE ?}, and on
 *       PostgreSQL the aggregate recomputed over {@code seq <= ?}, which is what it takes there (ms);</li>
 *   <li>one stream as of a random past position, {@code events AS OF SEQUENCE ?} against {@code seq <= ?} under
 *       PostgreSQL's index (µs, p50 and p99).</li>
 * </ul>
 * Each side's answers are checked against the other's and against what the load implies, so a figure is never of a
 * wrong answer. Event {@code i} (0-based) is in stream {@code order-(i % 10000)} with payload
 * {@code BenchSupport.payloads(1024)[i & 1023]}, at {@code seq} {@code i + 1} on both sides.
 */
final class DatasetComparison {

    private static final int STREAMS = 10_000;
    private static final int BATCH = 1_000;

    private static final String PROJECTION = """
        SELECT JSON_VALUE(data, '$.customerId')                          AS customer_id,
               COUNT(*)                                                  AS orders,
               SUM(CAST(JSON_VALUE(data, '$.total') AS DECIMAL(12,2)))   AS revenue,
               MAX(ts)                                                   AS last_order_ts
        FROM events
        WHERE name = 'order.placed'
        GROUP BY JSON_VALUE(data, '$.customerId')""";
    private static final String PG_PROJECTION = """
        SELECT data->>'customerId' AS customer_id, COUNT(*) AS orders,
               SUM((data->>'total')::numeric(12,2)) AS revenue, MAX(ts) AS last_order_ts
        FROM events WHERE name = 'order.placed'%s GROUP BY data->>'customerId'""";

    private final String hindsightUrl;
    private final String postgresUrl;
    private final long events;
    private final Bench.Timing timing;
    private final Bench.Rows rows;

    DatasetComparison(String hindsightUrl, String postgresUrl, long events, Bench.Timing timing, Bench.Rows rows) {
        this.hindsightUrl = hindsightUrl;
        this.postgresUrl = postgresUrl;
        this.events = events;
        this.timing = timing;
        this.rows = rows;
    }

    void run() throws SQLException, IOException {
        try (Connection h = DriverManager.getConnection(hindsightUrl);
             Connection p = DriverManager.getConnection(postgresUrl)) {
            Bench.log("loading %,d events into Hindsight (remote JDBC batches) and PostgreSQL (COPY)", events);
            loadHindsight(h);
            loadPostgres(p);
            checkSame(h, p);
            scan(h, p);
            projection(h, p);
            projectionAsOf(h, p);
            streamAsOf(h, p);
        }
    }

    // ---- the load ----

    private void loadHindsight(Connection h) throws SQLException {
        try (Statement st = h.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM events")) {
            rs.next();
            if (rs.getLong(1) != 0) {
                throw new IllegalStateException("the Hindsight server's log holds " + rs.getLong(1)
                    + " events: this needs a fresh data directory, so that seq means the same on both sides");
            }
        }
        String[] payloads = BenchSupport.payloads(1_024);
        try (PreparedStatement ps = h.prepareStatement(
            "INSERT INTO events (stream_id, entity_type, name, data) VALUES (?, ?, ?, ?)")) {
            for (long i = 0; i < events; i++) {
                ps.setString(1, "order-" + i % STREAMS);
                ps.setString(2, BenchSupport.ENTITY_TYPE);
                ps.setString(3, BenchSupport.EVENT_NAME);
                ps.setString(4, payloads[(int) (i & 1023)]);
                ps.addBatch();
                if ((i + 1) % BATCH == 0 || i + 1 == events) {
                    ps.executeBatch();
                }
            }
        }
    }

    private void loadPostgres(Connection p) throws SQLException, IOException {
        try (Statement st = p.createStatement()) {
            st.execute("DROP TABLE IF EXISTS customer_orders");
            st.execute("DROP TABLE IF EXISTS events");
            st.execute(ServerSideBySide.PostgresEvents.CREATE);
            st.execute("CREATE UNIQUE INDEX events_stream_version ON events (stream_id, version)");
        }
        String[] payloads = BenchSupport.payloads(1_024);
        String copy = "COPY events (stream_id, version, entity_type, name, data) FROM STDIN";
        StringBuilder chunk = new StringBuilder();
        for (long i = 0; i < events; i++) {
            // text format: tab-separated; the payloads hold no tab, line break or backslash
            chunk.append("order-").append(i % STREAMS).append('\t').append(i / STREAMS + 1).append('\t')
                .append(BenchSupport.ENTITY_TYPE).append('\t').append(BenchSupport.EVENT_NAME).append('\t')
                .append(payloads[(int) (i & 1023)]).append('\n');
            if ((i + 1) % 100_000 == 0 || i + 1 == events) {
                p.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, new StringReader(chunk.toString()));
                chunk.setLength(0);
            }
        }
        try (Statement st = p.createStatement()) {
            st.execute("VACUUM ANALYZE events");
        }
    }

    /** Both sides hold the same events at the same positions: seq 1 to {@code events}, the same totals. */
    private void checkSame(Connection h, Connection p) throws SQLException {
        String ours = one(h, "SELECT COUNT(*), MIN(seq), MAX(seq), SUM(CAST(JSON_VALUE(data, '$.total') AS "
            + "DECIMAL(12,2))), COUNT(DISTINCT stream_id) FROM events");
        String theirs = one(p, "SELECT COUNT(*), MIN(seq), MAX(seq), SUM((data->>'total')::numeric(12,2)), "
            + "COUNT(DISTINCT stream_id) FROM events");
        String expected = events + " 1 " + events + " ";
        if (!ours.equals(theirs) || !ours.startsWith(expected)) {
            throw new IllegalStateException("the two sides hold different events: hindsight " + ours
                + ", postgresql " + theirs + " (count, first and last seq, sum of totals, streams)");
        }
    }

    // ---- full-log scan and aggregate ----

    private void scan(Connection h, Connection p) throws SQLException, IOException {
        String ours = "SELECT COUNT(*), SUM(CAST(JSON_VALUE(data, '$.total') AS DECIMAL(12,2))) FROM events";
        String theirs = "SELECT COUNT(*), SUM((data->>'total')::numeric(12,2)) FROM events";
        double hMillis = medianMillis(() -> one(h, ours), timing.shots());
        double pMillis = medianMillis(() -> one(p, theirs), timing.shots());
        rows.add(new ComparisonTable.Row(String.format(Locale.ROOT, "full-log scan and aggregate, %,d events", events),
            "ms, median", false, hMillis, Double.NaN, pMillis));
    }

    // ---- building the read model ----

    private void projection(Connection h, Connection p) throws SQLException, IOException {
        int shots = timing.shots() / 2 * 2 + 1; // odd: the median is a shot's
        double hMillis = medianMillis(shots, "CREATE PROJECTION customer_orders AS " + PROJECTION,
            "DROP PROJECTION customer_orders", h);
        double pMillis = medianMillis(shots, "CREATE TABLE customer_orders AS " + String.format(PG_PROJECTION, ""),
            "DROP TABLE customer_orders", p);
        String check = "SELECT COUNT(*), SUM(orders), SUM(revenue) FROM customer_orders";
        String ours = one(h, check);
        String theirs = one(p, check);
        if (!ours.equals(theirs) || !ours.contains(" " + events + " ")) {
            throw new IllegalStateException("the read models differ: hindsight " + ours + ", postgresql " + theirs
                + " (customers, orders, revenue)");
        }
        rows.add(new ComparisonTable.Row("build customer_orders from the whole log", "events/s", true,
            events / (hMillis / 1e3), Double.NaN, events / (pMillis / 1e3)));
    }

    // ---- AS OF ----

    private void projectionAsOf(Connection h, Connection p) throws SQLException, IOException {
        String ours = "SELECT customer_id, orders, revenue, last_order_ts FROM customer_orders AS OF SEQUENCE ?";
        String theirs = String.format(PG_PROJECTION, " AND seq <= ?");
        long[][] samples = new long[2][];
        for (int side = 0; side < 2; side++) {
            Random random = new Random(42);
            int warmup = Math.max(3, timing.shots() / 2);
            int measured = timing.shots() * 3;
            List<Long> nanos = new ArrayList<>();
            try (PreparedStatement ps = (side == 0 ? h : p).prepareStatement(side == 0 ? ours : theirs)) {
                for (int i = 0; i < warmup + measured; i++) {
                    long n = 1 + (long) (random.nextDouble() * events);
                    ps.setLong(1, n);
                    long start = System.nanoTime();
                    long orders = 0;
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            orders += rs.getLong(2);
                            rs.getBigDecimal(3);
                            rs.getTimestamp(4);
                        }
                    }
                    long took = System.nanoTime() - start;
                    if (orders != n) { // every event is an order.placed: the orders as of n are n
                        throw new IllegalStateException((side == 0 ? "hindsight" : "postgresql")
                            + " counted " + orders + " orders as of seq " + n);
                    }
                    if (i >= warmup) {
                        nanos.add(took);
                    }
                }
            }
            samples[side] = sorted(nanos);
        }
        rows.add(new ComparisonTable.Row("customer_orders AS OF a random seq", "ms, median", false,
            ServerSideBySide.micros(samples[0], 0.5) / 1e3, Double.NaN,
            ServerSideBySide.micros(samples[1], 0.5) / 1e3));
    }

    private void streamAsOf(Connection h, Connection p) throws SQLException, IOException {
        String ours = "SELECT seq, version, data FROM events AS OF SEQUENCE ? WHERE stream_id = ? ORDER BY seq";
        String theirs = "SELECT seq, version, data FROM events WHERE stream_id = ? AND seq <= ? ORDER BY seq";
        long[][] samples = new long[2][];
        for (int side = 0; side < 2; side++) {
            Random random = new Random(7);
            List<Long> nanos = new ArrayList<>();
            long warmupEnd = System.nanoTime() + timing.warmupNanos();
            long deadline = warmupEnd + timing.measuredNanos();
            try (PreparedStatement ps = (side == 0 ? h : p).prepareStatement(side == 0 ? ours : theirs)) {
                while (System.nanoTime() < deadline) {
                    long n = 1 + (long) (random.nextDouble() * events);
                    int stream = random.nextInt(STREAMS);
                    ps.setLong(side == 0 ? 1 : 2, n);
                    ps.setString(side == 0 ? 2 : 1, "order-" + stream);
                    long start = System.nanoTime();
                    long count = 0;
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rs.getString(3);
                            count++;
                        }
                    }
                    long took = System.nanoTime() - start;
                    // stream k holds seq k + 1, k + 1 + STREAMS, ...: those up to n
                    long expected = n > stream ? (n - 1 - stream) / STREAMS + 1 : 0;
                    if (count != expected) {
                        throw new IllegalStateException((side == 0 ? "hindsight" : "postgresql") + " read "
                            + count + " events of order-" + stream + " as of seq " + n + ", not " + expected);
                    }
                    if (start >= warmupEnd) {
                        nanos.add(took);
                    }
                }
            }
            samples[side] = sorted(nanos);
        }
        for (double q : new double[] {0.5, 0.99}) {
            rows.add(new ComparisonTable.Row("one stream AS OF a random seq, prepared",
                q == 0.5 ? "µs, p50" : "µs, p99", false, ServerSideBySide.micros(samples[0], q), Double.NaN,
                ServerSideBySide.micros(samples[1], q)));
        }
    }

    // ---- shared ----

    /** A statement's one row, its columns joined by spaces (numbers as their plain text, to compare sides). */
    private static String one(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("no row from " + sql);
            }
            StringBuilder out = new StringBuilder();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                Object v = rs.getObject(i);
                out.append(i > 1 ? " " : "").append(v instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString()
                    : v instanceof Number n ? Long.toString(n.longValue()) : String.valueOf(v));
            }
            return out.toString();
        }
    }

    private interface Query {
        String run() throws SQLException;
    }

    /** The median wall time of {@code shots} runs of {@code query}, after as many unmeasured ones. */
    private static double medianMillis(Query query, int shots) throws SQLException {
        for (int i = 0; i < shots; i++) {
            query.run();
        }
        long[] nanos = new long[shots];
        for (int i = 0; i < shots; i++) {
            long start = System.nanoTime();
            query.run();
            nanos[i] = System.nanoTime() - start;
        }
        return ServerSideBySide.micros(sorted(nanos), 0.5) / 1e3;
    }

    /**
     * The median wall time of {@code shots} runs of {@code create} on {@code c}, each but the last followed by
     * {@code drop}, which is not timed: what is left after the last is what the next figures read.
     */
    private static double medianMillis(int shots, String create, String drop, Connection c) throws SQLException {
        long[] nanos = new long[shots];
        try (Statement st = c.createStatement()) {
            for (int i = 0; i < shots; i++) {
                long start = System.nanoTime();
                st.execute(create);
                nanos[i] = System.nanoTime() - start;
                if (i < shots - 1) {
                    st.execute(drop);
                }
            }
        }
        return ServerSideBySide.micros(sorted(nanos), 0.5) / 1e3;
    }

    private static long[] sorted(List<Long> values) {
        return sorted(values.stream().mapToLong(Long::longValue).toArray());
    }

    private static long[] sorted(long[] values) {
        Arrays.sort(values);
        return values;
    }
}
