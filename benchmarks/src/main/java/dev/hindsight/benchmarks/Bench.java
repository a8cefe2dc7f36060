package dev.hindsight.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The Java side of {@code ./hindsight bench} (SPEC §7), run by {@code benchmarks/bench.sh} beside a Hindsight server
 * and a PostgreSQL it started: each phase adds its figures to one rows file ({@link ComparisonTable}), and
 * {@code table} prints them.
 *
 * <pre>
 * Bench data    --server http://HOST:PORT --pg JDBC-URL --rows FILE --events N [--quick]
 * Bench appends --server http://HOST:PORT --pg JDBC-URL --rows FILE [--quick]
 * Bench table   --rows FILE
 * </pre>
 * {@code data} needs a server on a fresh data directory ({@link DatasetComparison}); {@code appends} runs the
 * embedded and raw Chronicle appends in this JVM (which then needs the Chronicle flags) and {@link ServerSideBySide}'s
 * remote figures. {@code --quick}: 10 s of warm-up and 3 s measured per figure, fewer shots; else 20 s and 10 s (the
 * server's JIT compiles for the first 10 to 12 s of a kind of request). The embedded appends run in rounds of 2 s
 * (warm-up and measured time rounded down to whole rounds, at least one each); the raw Chronicle appends in rounds
 * of 0.5 s, at most 10 of each (5 s), as they write a few hundred MB a second.
 */
public final class Bench {

    /** How long each figure warms up and is measured, and how many shots the single-shot figures take. */
    record Timing(long warmupNanos, long measuredNanos, int shots) {

        static Timing of(boolean quick) {
            // quick: the warm-up still covers most of the server's JIT (10 to 12 s for a kind of request); with 3 s
            // of it the remote figures came out at a tenth of a full run's, pointing the other way
            return quick ? new Timing(10_000_000_000L, 3_000_000_000L, 3)
                : new Timing(20_000_000_000L, 10_000_000_000L, 7);
        }

        int warmupSeconds() {
            return (int) (warmupNanos / 1_000_000_000L);
        }

        int measuredSeconds() {
            return (int) (measuredNanos / 1_000_000_000L);
        }
    }

    /** The rows file the figures go to. */
    record Rows(Path file) {
        void add(ComparisonTable.Row row) throws IOException {
            ComparisonTable.append(file, row);
            log("%s (%s): hindsight %s, postgresql %s", row.label(), row.unit(), plain(row.hindsight()),
                plain(row.postgresql()));
        }
    }

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: Bench data|appends|table --rows FILE ...");
        }
        String server = null;
        String pg = null;
        Path rowsFile = null;
        long events = 1_000_000;
        boolean quick = false;
        for (int i = 1; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--quick")) {
                quick = true;
                continue;
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--server" -> server = value;
                case "--pg" -> pg = value;
                case "--rows" -> rowsFile = Path.of(value);
                case "--events" -> events = Long.parseLong(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (rowsFile == null) {
            throw new IllegalArgumentException("--rows FILE is required");
        }
        Rows rows = new Rows(rowsFile);
        Timing timing = Timing.of(quick);
        switch (args[0]) {
            case "table" -> ComparisonTable.read(rowsFile).print(System.out);
            case "data" -> new DatasetComparison(jdbcUrl(server), required(pg, "--pg"), events, timing, rows).run();
            case "appends" -> appends(server, required(pg, "--pg"), timing, rows);
            default -> throw new IllegalArgumentException("the phase is data, appends or table, not " + args[0]);
        }
    }

    private static void appends(String server, String pg, Timing timing, Rows rows) throws Exception {
        String jdbc = jdbcUrl(server);
        int seconds = timing.measuredSeconds();
        ServerSideBySide.configure(timing.warmupSeconds(), 0, 0); // the CPU per operation: not in this table
        // rounds of 2 s (0.5 s raw: a few million records a second) as LogAppendBenchmark's iterations
        log("guarded appends, embedded API and raw Chronicle Queue");
        double embedded = EmbeddedAppends.guarded(Math.max(1, timing.warmupSeconds() / 2), Math.max(1, seconds / 2),
            2_000_000_000L);
        double raw = EmbeddedAppends.rawChronicle(Math.min(10, 2 * timing.warmupSeconds()), Math.min(10, 2 * seconds),
            500_000_000L);
        log("guarded INSERTs, one client: remote JDBC and PostgreSQL's driver");
        double pgSingle = ServerSideBySide.guardedInserts(pg, "a", 1, seconds).perSecond();
        double remoteSingle = ServerSideBySide.guardedInserts(jdbc, "a", 1, seconds).perSecond();
        // PostgreSQL has no embedded mode: its figure is the JDBC row's; the floor is this row's peer
        rows.add(new ComparisonTable.Row("guarded append, embedded API, 1 thread", "events/s", true, embedded, raw,
            Double.NaN));
        rows.add(new ComparisonTable.Row("guarded append, JDBC prepared INSERT, 1 client", "rows/s", true,
            remoteSingle, Double.NaN, pgSingle));
        log("batches of 1000 guarded INSERTs");
        rows.add(new ComparisonTable.Row("guarded append, JDBC batches of 1000", "rows/s", true,
            ServerSideBySide.guardedInserts(jdbc, "b", 1_000, seconds).perSecond(), Double.NaN,
            ServerSideBySide.guardedInserts(pg, "b", 1_000, seconds).perSecond()));
        log("guarded appends from 8 clients: HTTP, and PostgreSQL's driver");
        rows.add(new ComparisonTable.Row("guarded append, HTTP, 8 keep-alive clients", "events/s", true,
            ServerSideBySide.httpAppend(server, seconds).perSecond(), Double.NaN,
            ServerSideBySide.jdbcAppend(pg, 8, seconds).perSecond()));
        log("prepared reads of one 20-event stream");
        ServerSideBySide.Reads ours = ServerSideBySide.streamReads(jdbc, seconds);
        ServerSideBySide.Reads theirs = ServerSideBySide.streamReads(pg, seconds);
        for (double q : new double[] {0.5, 0.99}) {
            rows.add(new ComparisonTable.Row("read one 20-event stream, JDBC prepared", q == 0.5 ? "µs, p50"
                : "µs, p99", false, ours.micros(q), Double.NaN, theirs.micros(q)));
        }
    }

    /** The thin driver's URL for the server at {@code server} ({@code http://host:port}). */
    private static String jdbcUrl(String server) {
        return "jdbc:hindsight://" + URI.create(required(server, "--server")).getAuthority();
    }

    private static String required(String value, String option) {
        if (value == null) {
            throw new IllegalArgumentException(option + " is required");
        }
        return value;
    }

    /** A progress line on stderr, stamped: stdout carries only the table. */
    static void log(String format, Object... args) {
        System.err.println(LocalTime.now(ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS) + "  "
            + String.format(Locale.ROOT, format, args));
    }

    private static String plain(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%,.1f", v);
    }
}
