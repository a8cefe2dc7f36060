package dev.hindsight.cli;

import dev.hindsight.http.HindsightServer;
import dev.hindsight.http.ServerExtensions;
import dev.hindsight.http.auth.ApiKeys;
import dev.hindsight.http.demo.DemoDataSet;
import dev.hindsight.http.server.ServerConfig;
import dev.hindsight.log.Durability;
import dev.hindsight.log.FileFailure;
import dev.hindsight.projection.ProjectionStatus;
import dev.hindsight.projection.Projections;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hindsight serve [--data-dir DIR] [--port 7070] [--bind 127.0.0.1] [--keys FILE] [--durability LEVEL]
 * [--demo] [--max-body-bytes N] [--idle-timeout DURATION] [--idempotency-retention DURATION]
 * [--statement-timeout DURATION]}: runs the server
 * (SPEC §5 and §6) until SIGTERM or SIGINT, then shuts down cleanly (stop accepting, finish requests in flight, close
 * the log) and prints {@code stopped}; a request still running 5 s past the shutdown timeout is cut with the process
 * (exit 143), as by kill -9, which loses nothing acknowledged. Prints where it listens and how to connect; a torn
 * tail cut back on opening the log is reported on stderr, as by the other commands. A data directory held by
 * another process fails at once with exit 1 and the holder's pid; bad options (a non-loopback {@code --bind}
 * without {@code --keys}, a malformed keys file, a duration that is not one) exit 2 with the reason.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Runs the server: the HTTP API and remote JDBC on one port, until SIGTERM or Ctrl-C.")
final class ServeCommand implements Callable<Integer> {

    /** How long after the shutdown timeout a close still waiting on a request is given before the process ends. */
    private static final Duration CUT_AFTER = Duration.ofSeconds(5);
    /** The exit status of a process ended by SIGTERM (128 + 15), as the JVM's own after a clean shutdown. */
    private static final int CUT_EXIT_CODE = 143;

    private final CliStreams io;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
        description = "The data directory of the log (default ./data; created if missing).")
    Path dataDir;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "7070",
        description = "The TCP port (default 7070; 0 picks a free one and prints it).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
        description = "The address to listen on (default 127.0.0.1). Another address needs --keys.")
    String bind;

    @Option(names = "--keys", paramLabel = "FILE",
        description = "API keys, one '<key> <role>' per line (read, write, admin). Without: loopback clients only.")
    Path keys;

    @Option(names = "--durability", paramLabel = "LEVEL", defaultValue = "process",
        description = "process (default) or fsync: see docs/operations.md.")
    String durability;

    @Option(names = "--demo", description = "Loads a sample order data set into an empty log, with the "
        + "order_detail and customer_orders projections.")
    boolean demo;

    @Option(names = "--max-body-bytes", paramLabel = "N", defaultValue = "2097152",
        description = "The largest request body accepted (default 2 MiB); larger ones get 413.")
    long maxBodyBytes;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = "60s",
        converter = DurationConverter.class,
        description = {"A connection with nothing to do for this long is closed: no request on it, or none of its "
            + "bytes moving (default 60s).", "Behind a load balancer or proxy, make it longer than the proxy's."})
    Duration idleTimeout;

    @Option(names = "--idempotency-retention", paramLabel = "DURATION", defaultValue = "24h",
        converter = DurationConverter.class,
        description = "How long an append's Idempotency-Key is remembered: a retry within it gets the first answer "
            + "(default 24h).")
    Duration idempotencyRetention;

    @Option(names = "--statement-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "A SQL statement running longer is stopped with SQLState 57014 (HTTP 408), as PostgreSQL's "
            + "statement_timeout; a JDBC client may set its own (default: no limit).")
    Duration statementTimeout;

    ServeCommand(CliStreams io) {
        this.io = io;
    }

    @Override
    public Integer call() throws InterruptedException {
        ServerConfig config = config();
        HindsightServer server = new HindsightServer(config, extensions());
        try {
            server.start();
        } catch (SQLException e) {
            throw new CommandFailure(ExitCode.FAILED, ErrorReporter.message(e));
        } catch (RuntimeException e) {
            throw new CommandFailure(ExitCode.FAILED, "cannot serve on " + bind + ":" + port + ": "
                + ErrorReporter.message(e.getCause() != null ? e.getCause() : e));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            io.err().println("stopping: finishing requests in flight, closing the log");
            Thread closing = new Thread(server::close, "hindsight-close");
            closing.start();
            try {
                closing.join(config.shutdownTimeout().plus(CUT_AFTER).toMillis());
                if (closing.isAlive() && server.requestsEnded()) {
                    closing.join(); // past the requests: the snapshots and the log's close are let finish
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (closing.isAlive()) {
                // a statement no stop reaches (a cross join of projections: the statement timeout is looked at in
                // log scans only) would keep the process forever; ending it is kill -9's end, which loses nothing
                // acknowledged (an append in flight is not, and the next start cuts back its torn tail)
                io.err().println("stopped: a request still running " + config.shutdownTimeout().plus(CUT_AFTER)
                    .toSeconds() + " s after SIGTERM was cut, as by kill -9 (nothing acknowledged is lost)");
                io.err().flush();
                Runtime.getRuntime().halt(CUT_EXIT_CODE);
            }
            io.err().println("stopped");
            io.err().flush();
            stopped.countDown();
        }, "hindsight-shutdown"));
        printWhereTo(io.out(), server.port(), config.apiKeys().configured());
        stopped.await();
        return ExitCode.OK;
    }

    private ServerConfig config() {
        if (bind.isBlank()) { // it listened on loopback and said "serving on :7070"
            throw CommandFailure.usage("--bind must be an address such as 127.0.0.1 or 0.0.0.0, was '" + bind + "'");
        }
        Durability level;
        try {
            level = Durability.named(durability);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage("--durability " + e.getMessage());
        }
        ApiKeys apiKeys = ApiKeys.none();
        if (keys != null) {
            try {
                apiKeys = ApiKeys.load(keys);
                warnIfOthersCanRead(keys);
            } catch (IOException e) {
                throw CommandFailure.usage("--keys " + keys + " cannot be read: " + FileFailure.reason(e));
            } catch (IllegalArgumentException e) {
                throw CommandFailure.usage("--keys " + e.getMessage());
            }
        }
        if (statementTimeout != null && statementTimeout.toMillis() > Integer.MAX_VALUE) { // JDBC's seconds, as int ms
            throw CommandFailure.usage("--statement-timeout must be at most 2147483647ms (24 days 20 hours), was "
                + statementTimeout.toHours() + " hours");
        }
        if (maxBodyBytes <= 0) {
            throw CommandFailure.usage("--max-body-bytes must be positive, was " + maxBodyBytes);
        }
        try {
            return ServerConfig.builder(LogOptions.named(dataDir)).port(port).bindAddress(bind).apiKeys(apiKeys)
                .durability(level).maxBodyBytes(maxBodyBytes).idleTimeout(idleTimeout).noRequestTimeout(idleTimeout)
                .idempotencyRetention(idempotencyRetention)
                .statementTimeout(statementTimeout == null ? Duration.ZERO : statementTimeout).build();
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage(e.getMessage());
        }
    }

    /**
     * A keys file that other users of the host can read gives them its keys: said at start (OpenSSH and PostgreSQL
     * refuse such files; here it was taken in silence, though operations.md asks for the server's user only).
     */
    private void warnIfOthersCanRead(Path file) {
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (mode.contains(PosixFilePermission.GROUP_READ) || mode.contains(PosixFilePermission.OTHERS_READ)) {
                io.err().println("warning: --keys " + file + " can be read by other users of this host ("
                    + PosixFilePermissions.toString(mode) + "): chmod 600 it");
                io.err().flush();
            }
        } catch (IOException | UnsupportedOperationException e) {
            // no POSIX permissions here, or the file went since it was read: nothing to say
        }
    }

    private ServerExtensions extensions() {
        // first, so the warning comes before anything the log is used for; the log's own logger is kept quiet (Main)
        ServerExtensions extensions = ServerExtensions.none()
            .withOnOpen(context -> LogOpener.reportRepair(context.log().recovery(), io.err()))
            .withOnOpen(context -> reportUncompiled(context.projections()));
        if (demo) {
            extensions = extensions.withOnOpen(context -> {
                DemoDataSet.Report report = DemoDataSet.load(context.log());
                List<String> taken = DemoDataSet.registerProjections(context.projections());
                io.err().println((report.loaded()
                    ? "demo: loaded " + report.events() + " events (customers, orders, payments, shipments) and the "
                        + "projections order_detail and customer_orders"
                    : "demo: the log holds events already, so the demo data set was not loaded; the projections "
                        + "order_detail and customer_orders are registered")
                    + (taken.isEmpty() ? "" : ", but for " + String.join(" and ", taken) + ": a projection of "
                        + "that name exists already and is left as it is (a SQL one: drop it for the demo's)"));
                io.err().flush();
            });
        }
        return extensions;
    }

    /** Warns of each stored projection definition that did not compile on open: listed failed, it would go unseen. */
    private void reportUncompiled(Projections projections) {
        for (ProjectionStatus s : projections.statuses()) {
            if (projections.uncompiled(s.name()).isPresent()) {
                io.err().println("warning: projection " + s.name() + " is failed: " + s.error());
            }
        }
        io.err().flush();
    }

    private void printWhereTo(PrintStream out, int boundPort, boolean withKeys) {
        String host = connectHost();
        String http = "http://" + host + ":" + boundPort;
        String auth = withKeys ? "-H 'Authorization: Bearer <key>' " : "";
        String listening = bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind; // IPv6: [::1]:7070
        out.println("hindsight is serving " + dataDir.toAbsolutePath().normalize() + " on " + listening + ":"
            + boundPort);
        out.println("  HTTP API:  " + http + "/v1  (docs/http.md)");
        String sample = demo ? "SELECT * FROM order_detail LIMIT 5" : "SELECT * FROM streams LIMIT 5";
        out.println("  try:       curl " + auth + "-H 'Content-Type: application/json' -d '{\"sql\":\"" + sample
            + "\"}' " + http + "/v1/sql");
        out.println("  JDBC URL:  jdbc:hindsight://" + host + ":" + boundPort
            + (withKeys ? "  (the API key is the password)" : ""));
        // the key in the environment, not an option that every user of the machine reads in the process list
        out.println("  SQL shell: " + (withKeys ? "HINDSIGHT_API_KEY=<key> " : "") + "./hindsight sql jdbc:hindsight://"
            + host + ":" + boundPort);
        out.println("Stop with Ctrl-C or SIGTERM.");
        out.flush();
    }

    /** The host a client on this machine uses: the bind address, or localhost for a wildcard one. */
    private String connectHost() {
        try {
            InetAddress address = InetAddress.getByName(bind);
            if (address.isAnyLocalAddress()) {
                return "localhost";
            }
            String text = address.getHostAddress();
            return text.contains(":") ? "[" + text + "]" : text;
        } catch (UnknownHostException e) {
            return bind;
        }
    }
}
