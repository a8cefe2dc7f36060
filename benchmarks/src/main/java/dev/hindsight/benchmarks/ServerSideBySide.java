package dev.hindsight.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A running Hindsight server (HTTP and remote JDBC on one port) and PostgreSQL doing the same work in one run: the
 * figures of the server issue, each beside its peer. {@code benchmarks/pg/server-side-by-side.sh} starts both (a
 * throwaway PostgreSQL cluster and {@code hindsight serve} on a fresh data directory) and runs this; each figure is
 * printed with PostgreSQL's and the ratio.
 *
 * <ul>
 *   <li>{@code http-append}: 8 clients, each with its own keep-alive connection, {@code POST
 *       /v1/streams/{id}/events} of one event with its expected version, into streams of their own; PostgreSQL: 8
 *       JDBC connections doing auto-commit single-row INSERTs under a unique {@code (stream_id, version)} index.
 *       Events/s over all clients.</li>
 *   <li>{@code jdbc-insert}: one remote JDBC client, a prepared single-row guarded INSERT (Hindsight:
 *       {@code expected_version}); PostgreSQL's driver the same under its index. Rows/s.</li>
 *   <li>{@code jdbc-batch}: batches of 1000 such INSERTs ({@code executeBatch}); rows/s.</li>
 *   <li>{@code jdbc-read}: a prepared read of one 20-event stream ({@code WHERE stream_id = ?}), all rows fetched;
 *       p50/p99 µs, and the CPU per read of the client and, given {@code --server-pid}, of the server
 *       ({@link CpuClock}).</li>
 *   <li>{@code http-sql}: {@code POST /v1/sql} of one shape with new literals each time; p50/p99 µs (Hindsight
 *       only: PostgreSQL has no HTTP).</li>
 * </ul>
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.hindsight.benchmarks.ServerSideBySide MODE --server http://HOST:PORT
 *   [--pg JDBC-URL] [--seconds N] [--warmup N] [--server-pid PID]
 * </pre>
 */
public final class ServerSideBySide {

    private static final int CLIENTS = 8;
    private static final int READ_STREAMS = 1_000;
    private static final int READ_EVENTS = 20;

    /**
     * Warm-up before each measured run, in nanoseconds (--warmup seconds, default 10): the server's JIT compiles
     * Undertow's, Avatica's and the engine's paths during the first seconds of each kind of request, which a
     * long-running server has long done; PostgreSQL, compiled ahead of time, gets the same warm-up.
     */
    private static long warmupNanos = 10_000_000_000L;

    /** The server's process id (--server-pid), to print its CPU per read; 0: not given. */
    private static long serverPid;

    private ServerSideBySide() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "";
        String server = null;
        String pg = null;
        int seconds = 10;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--server" -> server = args[i + 1];
                case "--pg" -> pg = args[i + 1];
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmupNanos = Long.parseLong(args[i + 1]) * 1_000_000_000L;
                case "--server-pid" -> serverPid = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (server == null) {
            throw new IllegalArgumentException("--server http://host:port is required");
        }
        String jdbc = "jdbc:hindsight://" + URI.create(server).getAuthority();
        switch (mode) {
            case "http-append" -> compare("HTTP append, 8 clients (events/s)", httpAppend(server, seconds),
                pg == null ? Double.NaN : jdbcAppend(pg, CLIENTS, seconds));
            case "jdbc-insert" -> compare("remote JDBC prepared guarded INSERT, 1 client (rows/s)",
                guardedInserts(jdbc, "a", 1, seconds), pg == null ? Double.NaN : guardedInserts(pg, "a", 1, seconds));
            case "jdbc-batch" -> compare("remote JDBC batch of 1000 (rows/s)",
                guardedInserts(jdbc, "b", 1_000, seconds),
                pg == null ? Double.NaN : guardedInserts(pg, "b", 1_000, seconds));
            case "jdbc-read" -> {
                streamReads(jdbc, seconds, serverPid).print("hindsight  read of a 20-event stream");
                if (pg != null) {
                    streamReads(pg, seconds, 0).print("postgresql read of a 20-event stream");
                }
            }
            case "http-sql" -> print("hindsight  POST /v1/sql, one shape, new literals", httpSql(server, seconds));
            default -> throw new IllegalArgumentException(
                "mode must be http-append, jdbc-insert, jdbc-batch, jdbc-read or http-sql, not " + mode);
        }
    }

    private static void compare(String what, double ours, double theirs) {
        System.out.printf("%s: hindsight %,.0f", what, ours);
        if (!Double.isNaN(theirs)) {
            System.out.printf("  postgresql %,.0f  ratio %.1fx", theirs, ours / theirs);
        }
        System.out.println();
    }

    // ---- HTTP appends ----

    private static double httpAppend(String server, int seconds) throws Exception {
        String[] payloads = BenchSupport.payloads(1_024);
        return race(CLIENTS, seconds, client -> {
            KeepAliveHttp http = new KeepAliveHttp(URI.create(server));
            long[] version = {0}; // the stream's version, carried from the warm-up into the measured run
            String path = "/v1/streams/http-" + client + "-" + System.nanoTime() + "/events";
            return deadline -> {
                long n = 0;
                while (System.nanoTime() < deadline) {
                    String body = "{\"entityType\":\"order\",\"name\":\"" + BenchSupport.EVENT_NAME
                        + "\",\"expectedVersion\":" + version[0] + ",\"data\":" + payloads[(int) (n & 1023)] + "}";
                    KeepAliveHttp.Response r = http.post(path, body);
                    if (r.status() != 201) {
                        throw new IllegalStateException("append answered " + r.status() + ": " + r.body());
                    }
                    version[0]++;
                    n++;
                }
                return n;
            };
        });
    }

    private static double jdbcAppend(String pg, int clients, int seconds) throws Exception {
        try (Connection c = DriverManager.getConnection(pg); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS events");
            st.execute(PostgresEvents.CREATE);
            st.execute("CREATE UNIQUE INDEX events_stream_version ON events (stream_id, version)");
        }
        String[] payloads = BenchSupport.payloads(1_024);
        return race(clients, seconds, client -> {
            Connection c = DriverManager.getConnection(pg);
            PreparedStatement ps = c.prepareStatement(PostgresEvents.INSERT);
            String stream = "pg-" + client;
            long[] version = {0};
            return deadline -> {
                long n = 0;
                while (System.nanoTime() < deadline) {
                    bindPostgres(ps, stream, version[0] + 1, payloads[(int) (n & 1023)]);
                    ps.executeUpdate();
                    version[0]++;
                    n++;
                }
                return n;
            };
        });
    }

    // ---- remote JDBC INSERTs, single or in batches ----

    private static double guardedInserts(String url, String prefix, int batch, int seconds) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            boolean postgres = c.getMetaData().getDatabaseProductName().startsWith("PostgreSQL");
            if (postgres) {
                try (Statement st = c.createStatement()) {
                    st.execute("DROP TABLE IF EXISTS events");
                    st.execute(PostgresEvents.CREATE);
                    st.execute("CREATE UNIQUE INDEX events_stream_version ON events (stream_id, version)");
                }
            }
            String[] payloads = BenchSupport.payloads(1_024);
            int streams = 1_000;
            long[] versions = new long[streams];
            String run = prefix + System.nanoTime() + "-";
            String sql = postgres ? PostgresEvents.INSERT
                : "INSERT INTO events (stream_id, expected_version, entity_type, name, data) VALUES (?, ?, ?, ?, ?)";
            long rows = 0;
            long start = System.nanoTime();
            long warmupEnd = start + warmupNanos;
            long deadline = warmupEnd + seconds * 1_000_000_000L;
            long measuredFrom = 0;
            long measuredStart = 0;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (long i = 0; System.nanoTime() < deadline; ) {
                    if (measuredStart == 0 && System.nanoTime() >= warmupEnd) {
                        measuredStart = System.nanoTime();
                        measuredFrom = rows;
                    }
                    for (int k = 0; k < batch; k++, i++) {
                        int s = (int) (i % streams);
                        if (postgres) {
                            bindPostgres(ps, run + s, versions[s] + 1, payloads[(int) (i & 1023)]);
                        } else {
                            ps.setString(1, run + s);
                            ps.setLong(2, versions[s]);
                            ps.setString(3, BenchSupport.ENTITY_TYPE);
                            ps.setString(4, BenchSupport.EVENT_NAME);
                            ps.setString(5, payloads[(int) (i & 1023)]);
                        }
                        versions[s]++;
                        if (batch == 1) {
                            ps.executeUpdate();
                        } else {
                            ps.addBatch();
                        }
                    }
                    if (batch > 1) {
                        ps.executeBatch();
                    }
                    rows += batch;
                }
            }
            return (rows - measuredFrom) / ((System.nanoTime() - measuredStart) / 1e9);
        }
    }

    // ---- a prepared read of one 20-event stream ----

    /**
     * Reads measured: each one's latency, and the CPU per read over the measured time of this process (the client)
     * and of the server's process ({@code -1}: not known).
     */
    private static final class Reads {

        private final long[] nanos;
        private final double clientCpuMicros;
        private final double serverCpuMicros;

        Reads(long[] nanos, double clientCpuMicros, double serverCpuMicros) {
            this.nanos = nanos;
            this.clientCpuMicros = clientCpuMicros;
            this.serverCpuMicros = serverCpuMicros;
        }

        void print(String label) {
            ServerSideBySide.print(label, nanos);
            System.out.printf("%-44s client %6.1f µs%s%n", "  CPU per read:", clientCpuMicros,
                serverCpuMicros < 0 ? "" : String.format("  server %6.1f µs", serverCpuMicros));
        }
    }

    private static Reads streamReads(String url, int seconds, long pid) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            boolean postgres = c.getMetaData().getDatabaseProductName().startsWith("PostgreSQL");
            String run = "r" + System.nanoTime() + "-";
            loadStreams(c, postgres, run);
            List<Long> nanos = new ArrayList<>();
            Random random = new Random(42);
            long warmupEnd = System.nanoTime() + warmupNanos;
            long deadline = warmupEnd + seconds * 1_000_000_000L;
            long clientCpu = -1;
            long serverCpu = -1;
            try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq, version, name, data FROM events WHERE stream_id = ?")) {
                while (System.nanoTime() < deadline) {
                    if (clientCpu < 0 && System.nanoTime() >= warmupEnd) {
                        clientCpu = CpuClock.self();
                        serverCpu = CpuClock.process(pid);
                    }
                    ps.setString(1, run + random.nextInt(READ_STREAMS));
                    long start = System.nanoTime();
                    int n = 0;
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rs.getString(4);
                            n++;
                        }
                    }
                    if (n != READ_EVENTS) {
                        throw new IllegalStateException("a stream read " + n + " events, not " + READ_EVENTS);
                    }
                    if (start >= warmupEnd) {
                        nanos.add(System.nanoTime() - start);
                    }
                }
            }
            double reads = nanos.size();
            long serverNow = CpuClock.process(pid);
            return new Reads(nanos.stream().mapToLong(Long::longValue).toArray(),
                (CpuClock.self() - clientCpu) / reads / 1000,
                serverCpu < 0 || serverNow < 0 ? -1 : (serverNow - serverCpu) / reads / 1000);
        }
    }

    private static void loadStreams(Connection c, boolean postgres, String run) throws SQLException {
        if (postgres) {
            try (Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS events");
                st.execute(PostgresEvents.CREATE);
                st.execute("CREATE UNIQUE INDEX events_stream_version ON events (stream_id, version)");
            }
        }
        String[] payloads = BenchSupport.payloads(1_024);
        String sql = postgres ? PostgresEvents.INSERT
            : "INSERT INTO events (stream_id, entity_type, name, data) VALUES (?, ?, ?, ?)";
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int v = 1; v <= READ_EVENTS; v++) {
                for (int s = 0; s < READ_STREAMS; s++) {
                    if (postgres) {
                        bindPostgres(ps, run + s, v, payloads[(v * s) & 1023]);
                    } else {
                        ps.setString(1, run + s);
                        ps.setString(2, BenchSupport.ENTITY_TYPE);
                        ps.setString(3, BenchSupport.EVENT_NAME);
                        ps.setString(4, payloads[(v * s) & 1023]);
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        c.commit();
        c.setAutoCommit(true);
        if (postgres) {
            try (Statement st = c.createStatement()) {
                st.execute("VACUUM ANALYZE events");
            }
        }
    }

    // ---- POST /v1/sql ----

    private static long[] httpSql(String server, int seconds) throws IOException {
        try (KeepAliveHttp http = new KeepAliveHttp(URI.create(server))) {
            return httpSql(http, seconds);
        }
    }

    private static long[] httpSql(KeepAliveHttp http, int seconds) throws IOException {
        Random random = new Random(7);
        List<Long> nanos = new ArrayList<>();
        long warmupEnd = System.nanoTime() + warmupNanos;
        long deadline = warmupEnd + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            String body = "{\"sql\":\"SELECT seq, version FROM events WHERE stream_id = 'order-"
                + random.nextInt(10_000) + "' LIMIT 5\"}";
            long start = System.nanoTime();
            KeepAliveHttp.Response r = http.post("/v1/sql", body);
            if (r.status() != 200) {
                throw new IllegalStateException("POST /v1/sql answered " + r.status() + ": " + r.body());
            }
            if (start >= warmupEnd) {
                nanos.add(System.nanoTime() - start);
            }
        }
        return nanos.stream().mapToLong(Long::longValue).toArray();
    }

    // ---- shared ----

    /** A client's work: given a deadline in nanoTime, returns how many operations it did until then. */
    private interface Work {
        long until(long deadline) throws Exception;
    }

    private interface Client {
        Work open(int client) throws Exception;
    }

    /** {@code clients} threads, each warmed up for 2 s, then measured for {@code seconds}: operations per second. */
    private static double race(int clients, int seconds, Client client) throws Exception {
        List<Work> works = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            works.add(client.open(i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long warmupEnd = System.nanoTime() + warmupNanos;
            List<Future<long[]>> done = new ArrayList<>();
            for (Work w : works) {
                Callable<long[]> task = () -> {
                    long warm = w.until(warmupEnd);
                    long start = System.nanoTime();
                    long n = w.until(start + seconds * 1_000_000_000L);
                    return new long[] {warm, n, System.nanoTime() - start};
                };
                done.add(pool.submit(task));
            }
            double rate = 0;
            for (Future<long[]> f : done) {
                long[] r = f.get();
                rate += r[1] / (r[2] / 1e9);
            }
            return rate;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void bindPostgres(PreparedStatement ps, String stream, long version, String data)
            throws SQLException {
        ps.setString(1, stream);
        ps.setLong(2, version);
        ps.setString(3, BenchSupport.ENTITY_TYPE);
        ps.setString(4, BenchSupport.EVENT_NAME);
        ps.setString(5, data);
    }

    private static void print(String label, long[] nanos) {
        Arrays.sort(nanos);
        System.out.printf("%-44s p50 %8.1f  p99 %8.1f µs  (n=%d)%n", label, micros(nanos, 0.50),
            micros(nanos, 0.99), nanos.length);
    }

    private static double micros(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1000.0;
    }

    /** The events table on PostgreSQL's side, as {@link SideBySide} makes it. */
    private static final class PostgresEvents {
        static final String CREATE = """
            CREATE TABLE events (
                seq bigserial PRIMARY KEY, stream_id text NOT NULL, entity_type text NOT NULL, version bigint NOT NULL,
                name text NOT NULL, schema_version integer NOT NULL DEFAULT 1,
                event_id uuid NOT NULL DEFAULT gen_random_uuid(), ts timestamp(3) NOT NULL DEFAULT now(),
                source text NOT NULL DEFAULT 'sql', data jsonb NOT NULL, metadata jsonb)""";
        static final String INSERT =
            "INSERT INTO events (stream_id, version, entity_type, name, data) VALUES (?, ?, ?, ?, ?::jsonb)";
    }
}
