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
import java.util.concurrent.locks.LockSupport;

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
 *       p50/p99 µs.</li>
 *   <li>{@code http-sql}: {@code POST /v1/sql} of one shape with new literals each time; p50/p99 µs (Hindsight
 *       only: PostgreSQL has no HTTP).</li>
 * </ul>
 * Beside each figure but {@code http-sql}'s, each side's CPU per operation over the measured time ({@link CpuClock}):
 * the client's (this JVM, whichever side it drives) and, given their process ids, the server's ({@code --server-pid}:
 * the Hindsight server; {@code --pg-pid}: PostgreSQL's postmaster, counted with its children, the backends and the
 * WAL writer). On two shared cores the clients' CPU is taken from the server, so a throughput ratio there is about
 * the ratio of each side's server and client CPU together; the servers' own CPU per operation tells what each would
 * do with cores to itself.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.hindsight.benchmarks.ServerSideBySide MODE --server http://HOST:PORT
 *   [--pg JDBC-URL] [--seconds N] [--warmup N] [--server-pid PID] [--pg-pid PID]
 * </pre>
 */
public final class ServerSideBySide {

    private static final int CLIENTS = 8;
    private static final int READ_STREAMS = 1_000;
    private static final int READ_EVENTS = 20;

    /**
     * Warm-up before each measured run, in nanoseconds (--warmup seconds, default 20): the server's JIT compiles
     * Undertow's, Avatica's and the engine's paths during the first 10 to 12 seconds of each kind of request ({@code
     * jstat -compiler}), which a long-running server has long done; PostgreSQL, compiled ahead of time, gets the same
     * warm-up.
     */
    private static long warmupNanos = 20_000_000_000L;

    /** The Hindsight server's process id (--server-pid), to print its CPU per operation; 0: not given. */
    private static long serverPid;

    /** PostgreSQL's postmaster's process id (--pg-pid), to print its CPU per operation; 0: not given. */
    private static long pgPid;

    private ServerSideBySide() {
    }

    /**
     * For {@link Bench}, which runs these figures among others: the warm-up before each measured run, and the
     * process ids of the Hindsight server and PostgreSQL's postmaster (0: not known) for the CPU per operation.
     */
    static void configure(long warmupSeconds, long hindsightPid, long postgresPid) {
        warmupNanos = warmupSeconds * 1_000_000_000L;
        serverPid = hindsightPid;
        pgPid = postgresPid;
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
                case "--pg-pid" -> pgPid = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (server == null) {
            throw new IllegalArgumentException("--server http://host:port is required");
        }
        String jdbc = "jdbc:hindsight://" + URI.create(server).getAuthority();
        switch (mode) {
            case "http-append" -> compare("HTTP append, 8 clients (events/s)", httpAppend(server, seconds),
                pg == null ? null : jdbcAppend(pg, CLIENTS, seconds));
            case "jdbc-insert" -> compare("remote JDBC prepared guarded INSERT, 1 client (rows/s)",
                guardedInserts(jdbc, "a", 1, seconds), pg == null ? null : guardedInserts(pg, "a", 1, seconds));
            case "jdbc-batch" -> compare("remote JDBC batch of 1000 (rows/s)",
                guardedInserts(jdbc, "b", 1_000, seconds),
                pg == null ? null : guardedInserts(pg, "b", 1_000, seconds));
            case "jdbc-read" -> {
                streamReads(jdbc, seconds).print("hindsight  read of a 20-event stream");
                if (pg != null) {
                    streamReads(pg, seconds).print("postgresql read of a 20-event stream");
                }
            }
            case "http-sql" -> print("hindsight  POST /v1/sql, one shape, new literals", httpSql(server, seconds));
            default -> throw new IllegalArgumentException(
                "mode must be http-append, jdbc-insert, jdbc-batch, jdbc-read or http-sql, not " + mode);
        }
    }

    private static void compare(String what, Rate ours, Rate theirs) {
        System.out.printf("%s: hindsight %,.0f", what, ours.perSecond());
        if (theirs != null) {
            System.out.printf("  postgresql %,.0f  ratio %.1fx", theirs.perSecond(),
                ours.perSecond() / theirs.perSecond());
        }
        System.out.println();
        ours.cpu().print("  CPU per operation, hindsight:");
        if (theirs != null) {
            theirs.cpu().print("  CPU per operation, postgresql:");
        }
    }

    /** Operations per second, and each side's CPU per operation over the same time. */
    record Rate(double perSecond, CpuPerOperation cpu) {
    }

    /** Microseconds of CPU per operation: the client's, and the server's ({@code -1}: not known). */
    record CpuPerOperation(double clientMicros, double serverMicros) {

        void print(String label) {
            System.out.printf("%-44s client %6.1f µs%s%n", label, clientMicros,
                serverMicros < 0 ? "" : String.format("  server %6.1f µs", serverMicros));
        }
    }

    /**
     * The CPU time both sides have used up to one moment: this JVM's and the server's ({@code -1}: not known), the
     * server being Hindsight's if {@code postgres} is false.
     */
    private record CpuMark(long client, long server) {

        static CpuMark now(boolean postgres) {
            return new CpuMark(CpuClock.self(), postgres ? CpuClock.withChildren(pgPid) : CpuClock.process(serverPid));
        }

        /**
         * The CPU per operation from {@code mark} to now, over {@code operations}.
         *
         * @throws IllegalStateException if there is no mark: no operation started after the warm-up
         */
        static CpuPerOperation since(CpuMark mark, long operations, boolean postgres) {
            if (mark == null) {
                throw new IllegalStateException("no operation started after the warm-up of "
                    + warmupNanos / 1_000_000_000L + " s (one ran past the measured time): measure for longer "
                    + "(--seconds)");
            }
            return mark.perOperation(operations, postgres);
        }

        /** The CPU per operation from this mark to now, over {@code operations}. */
        CpuPerOperation perOperation(long operations, boolean postgres) {
            CpuMark end = now(postgres);
            double nanosToMicros = 1_000.0 * operations;
            return new CpuPerOperation((end.client - client) / nanosToMicros,
                server < 0 || end.server < 0 ? -1 : (end.server - server) / nanosToMicros);
        }
    }

    // ---- HTTP appends ----

    static Rate httpAppend(String server, int seconds) throws Exception {
        String[] payloads = BenchSupport.payloads(1_024);
        return race(CLIENTS, seconds, false, client -> {
            KeepAliveHttp http = new KeepAliveHttp(URI.create(server));
            long[] version = {0}; // the stream's version, carried from the warm-up into the measured run
            String path = "/v1/streams/http-" + client + "-" + System.nanoTime() + "/events";
            return Work.closing(http, deadline -> {
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
            });
        });
    }

    static Rate jdbcAppend(String pg, int clients, int seconds) throws Exception {
        try (Connection c = DriverManager.getConnection(pg); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS events");
            st.execute(PostgresEvents.CREATE);
            st.execute("CREATE UNIQUE INDEX events_stream_version ON events (stream_id, version)");
        }
        String[] payloads = BenchSupport.payloads(1_024);
        return race(clients, seconds, true, client -> {
            Connection c = DriverManager.getConnection(pg);
            PreparedStatement ps = c.prepareStatement(PostgresEvents.INSERT);
            String stream = "pg-" + client;
            long[] version = {0};
            return Work.closing(c, deadline -> {
                long n = 0;
                while (System.nanoTime() < deadline) {
                    bindPostgres(ps, stream, version[0] + 1, payloads[(int) (n & 1023)]);
                    ps.executeUpdate();
                    version[0]++;
                    n++;
                }
                return n;
            });
        });
    }

    // ---- remote JDBC INSERTs, single or in batches ----

    static Rate guardedInserts(String url, String prefix, int batch, int seconds) throws SQLException {
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
            CpuMark cpu = null;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (long i = 0; System.nanoTime() < deadline; ) {
                    if (measuredStart == 0 && System.nanoTime() >= warmupEnd) {
                        cpu = CpuMark.now(postgres);
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
            long measured = rows - measuredFrom;
            return new Rate(measured / ((System.nanoTime() - measuredStart) / 1e9),
                CpuMark.since(cpu, measured, postgres));
        }
    }

    // ---- a prepared read of one 20-event stream ----

    /** Reads measured: each one's latency, and the CPU per read of both sides over the measured time. */
    static final class Reads {

        private final long[] nanos;
        private final CpuPerOperation cpu;

        Reads(long[] nanos, CpuPerOperation cpu) {
            this.nanos = nanos;
            this.cpu = cpu;
        }

        void print(String label) {
            ServerSideBySide.print(label, nanos);
            cpu.print("  CPU per read:");
        }

        /** The latency at {@code quantile} (0.5: the median), in microseconds. */
        double micros(double quantile) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return ServerSideBySide.micros(sorted, quantile);
        }
    }

    static Reads streamReads(String url, int seconds) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            boolean postgres = c.getMetaData().getDatabaseProductName().startsWith("PostgreSQL");
            String run = "r" + System.nanoTime() + "-";
            loadStreams(c, postgres, run);
            List<Long> nanos = new ArrayList<>();
            Random random = new Random(42);
            long warmupEnd = System.nanoTime() + warmupNanos;
            long deadline = warmupEnd + seconds * 1_000_000_000L;
            CpuMark cpu = null;
            try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq, version, name, data FROM events WHERE stream_id = ?")) {
                while (System.nanoTime() < deadline) {
                    if (cpu == null && System.nanoTime() >= warmupEnd) {
                        cpu = CpuMark.now(postgres);
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
            return new Reads(nanos.stream().mapToLong(Long::longValue).toArray(),
                CpuMark.since(cpu, nanos.size(), postgres));
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

    /**
     * A client's work: given a deadline in nanoTime, returns how many operations it did until then; released by
     * {@link #race} after its run (its connection: {@link Bench} runs several races in one JVM).
     */
    private interface Work {
        long until(long deadline) throws Exception;

        /** Lets go of what the work holds (not AutoCloseable: nothing here is used in a try-with-resources). */
        default void release() throws Exception {
        }

        /** {@code work}, closing {@code resource} when released. */
        static Work closing(AutoCloseable resource, Work work) {
            return new Work() {
                @Override
                public long until(long deadline) throws Exception {
                    return work.until(deadline);
                }

                @Override
                public void release() throws Exception {
                    resource.close();
                }
            };
        }
    }

    private interface Client {
        Work open(int client) throws Exception;
    }

    /**
     * {@code clients} threads, each warmed up, then measured for {@code seconds}: operations per second, and the CPU
     * per operation from the end of the warm-up to the last client's end.
     */
    private static Rate race(int clients, int seconds, boolean postgres, Client client) throws Exception {
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
            while (System.nanoTime() < warmupEnd) {
                LockSupport.parkNanos(warmupEnd - System.nanoTime());
            }
            CpuMark cpu = CpuMark.now(postgres);
            double rate = 0;
            long operations = 0;
            for (Future<long[]> f : done) {
                long[] r = f.get();
                rate += r[1] / (r[2] / 1e9);
                operations += r[1];
            }
            return new Rate(rate, cpu.perOperation(operations, postgres));
        } finally {
            pool.shutdownNow();
            for (Work w : works) {
                w.release();
            }
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

    static double micros(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1000.0;
    }

    /** The events table on PostgreSQL's side, as {@link SideBySide} makes it. */
    static final class PostgresEvents {
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
