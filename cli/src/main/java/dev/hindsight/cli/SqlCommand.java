package dev.hindsight.cli;

import dev.hindsight.http.json.Utf8;
import dev.hindsight.log.EventLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sqlline.SqlLine;

/**
 * {@code hindsight sql [JDBC-URL] [-e SQL]}: one statement with {@code -e} (a table on stdout; exit 1 with the
 * SQLState and message on error); the statements of a script piped or redirected to stdin
 * ({@code hindsight sql URL < file.sql}), one after the other, each answered as {@code -e} answers, stopping at the
 * first that fails (exit 1); or, at a terminal, the interactive SQLLine shell with history and table output.
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
    description = "SQL shell over a JDBC URL, or one statement with -e.")
final class SqlCommand implements Callable<Integer> {

    /** How long the server's answer to the connection's opening is waited for (DriverManager's login timeout). */
    static final int LOGIN_TIMEOUT_SECONDS = 10;
    /** How long a signal's cancel waits for the statement to end and the connection to close. */
    private static final int CLOSE_WAIT_SECONDS = 5;
    /** A {@code password} property in a URL's query as the driver reads one: after {@code ?} or {@code &}. */
    private static final Pattern URL_PASSWORD = Pattern.compile("[?&]password=");

    private final CliStreams io;

    @Parameters(index = "0", arity = "0..1", paramLabel = "JDBC-URL", defaultValue = "jdbc:hindsight://localhost:7070",
        description = "jdbc:hindsight:file:<dir>, jdbc:hindsight:mem: or jdbc:hindsight://host:port "
            + "(default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "-e", paramLabel = "SQL",
        description = "Run this statement (or these, separated by ;, as psql -c runs them) and exit.")
    String sql;

    @Option(names = "--durability", paramLabel = "LEVEL",
        description = {"For an embedded URL with -e or a script on stdin: process (default) or fsync, the connection "
            + "property durability.",
            "In the shell: !connect -p durability fsync URL \"\" \"\"."})
    String durability;

    @Option(names = "--key", paramLabel = "API-KEY",
        description = "For a jdbc:hindsight://host:port URL: the API key (sent as the JDBC password), when the server "
            + "has keys; defaults to the environment variable HINDSIGHT_API_KEY.")
    String key;

    SqlCommand(CliStreams io) {
        this.io = io;
    }

    @Override
    public Integer call() throws Exception {
        // bad options are exit 2 as for every command, before any connection is tried
        if (!url.startsWith("jdbc:")) {
            throw CommandFailure.usage("not a JDBC URL: '" + url + "' (e.g. jdbc:hindsight://localhost:7070, "
                + "jdbc:hindsight:file:./data)");
        }
        if (!url.startsWith("jdbc:hindsight:")) { // another database's: DriverManager's "No suitable driver", exit 1
            throw CommandFailure.usage("not a Hindsight JDBC URL: '" + url + "' (e.g. jdbc:hindsight://localhost:7070, "
                + "jdbc:hindsight:file:./data)");
        }
        if (durability != null) {
            durability = durability.toLowerCase(Locale.ROOT); // any case, as serve, append and export take it
        }
        if (durability != null && !durability.equals("process") && !durability.equals("fsync")) {
            throw CommandFailure.usage("--durability must be process or fsync, was '" + durability + "'");
        }
        if (url.startsWith("jdbc:hindsight://") && DriverManager.getLoginTimeout() == 0) {
            // a server that accepts and never answers (another program on the port, a stopped process) held the
            // shell for good: the opening is waited for this long, statements as long as they take
            DriverManager.setLoginTimeout(LOGIN_TIMEOUT_SECONDS);
        }
        if (sql == null) {
            if (durability != null && io.terminal()) {
                throw CommandFailure.usage("--durability applies to -e; in the shell, connect with "
                    + "!connect -p durability " + durability + " " + url + " \"\" \"\"");
            }
            return io.terminal() ? interactive() : script();
        }
        return run(ScriptStatements.split(sql)); // as a script: "SELECT 1; -- note" was one statement, 42601
    }

    /**
     * Runs {@code statements} in order on one connection, stopping at the first that fails. Ctrl-C or SIGTERM while
     * one runs cancels it, as psql's {@code -c} sends a cancel: the JVM's end left it running on a server, holding a
     * worker, a core and its session until it ended by itself.
     */
    private int run(List<String> statements) throws SQLException {
        AtomicBoolean executing = new AtomicBoolean();
        AtomicBoolean stopping = new AtomicBoolean();
        CountDownLatch closed = new CountDownLatch(1);
        SignalHook canceller = null;
        try (Connection c = connect(); Statement st = c.createStatement()) {
            canceller = SignalHook.during("hindsight-sql-cancel", () -> cancel(st, executing, stopping, closed));
            runEach(statements, st, executing, stopping);
            return ExitCode.OK;
        } catch (SQLException e) {
            if (stopping.get()) {
                // the cancel a signal sent (57014), which the hook has said: a second line said "error: …" of it;
                // the JVM ends with the signal's status once the connection is closed. Any error after the signal
                // is not shown (one the statement met as the signal came, or after a cancel that failed)
                return ExitCode.FAILED;
            }
            throw failure(e);
        } finally {
            closed.countDown();
            if (canceller != null) {
                canceller.remove();
            }
        }
    }

    /**
     * Runs each of {@code statements} on {@code st}, its answer on stdout; {@code executing} while one runs, none
     * once {@code stopping}.
     */
    private void runEach(List<String> statements, Statement st, AtomicBoolean executing, AtomicBoolean stopping)
            throws SQLException {
        for (String statement : statements) {
            executing.set(true); // and its rows read: a remote result is fetched a frame at a time
            if (stopping.get()) {
                return; // a signal came: no statement after it (the JVM ends once the connection is closed)
            }
            try {
                if (st.execute(statement)) {
                    try (ResultSet rs = st.getResultSet()) {
                        new ResultTable(rs).print(io.out());
                    }
                } else {
                    int n = st.getUpdateCount();
                    io.out().println(n + (n == 1 ? " row" : " rows") + " affected");
                }
            } finally {
                executing.set(false);
            }
            io.out().flush();
        }
    }

    /**
     * For a signal: no statement starts after it; cancels {@code st} if one is executing, says so, and waits (the JVM
     * ends when this returns) until the connection is {@code closed}, which tells a server: it held the session until
     * it expired (30 min), one of the key's connections.
     */
    private void cancel(Statement st, AtomicBoolean executing, AtomicBoolean stopping, CountDownLatch closed) {
        stopping.set(true); // set before executing is read: a statement starting now sees it and does not run
        if (executing.get()) {
            try {
                st.cancel();
                io.err().println("interrupted: the running statement was cancelled");
            } catch (SQLException e) {
                io.err().println("interrupted: the running statement could not be cancelled: " + e.getMessage());
            }
            io.err().flush();
        }
        try {
            closed.await(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (durability != null) {
            properties.setProperty("durability", durability);
        }
        String apiKey = apiKey();
        if (apiKey != null) {
            properties.setProperty("user", "hindsight-sql");
            properties.setProperty("password", apiKey);
        }
        Connection c = DriverManager.getConnection(url, properties);
        if (c.isWrapperFor(EventLog.class)) { // a log this command opened (a file: URL), as the other commands'
            LogOpener.reportRepair(c.unwrap(EventLog.class).recovery(), io.err());
        }
        return c;
    }

    private CommandFailure failure(SQLException e) {
        // a refused key, or none given: where the key goes, as append, import and export say it
        // a password in the URL is the one the driver sends, over --key and the environment (as PostgreSQL's
        // driver, whose URL's properties override those given): the hint blamed --key, or said none was given
        // (a 403 is a server without keys refusing this client, in its own words: no key would help)
        String hint = !"28000".equals(e.getSQLState()) || e.getMessage().contains("HTTP/403") ? ""
            : URL_PASSWORD.matcher(url).find() ? " (the key of the URL's password= was refused"
                + (apiKey() == null ? ")" : "; it is sent in place of " + keySource() + ")")
            : apiKey() == null ? " (no key was given: pass it with --key or HINDSIGHT_API_KEY)"
            : " (the key of " + keySource() + " was refused)";
        return new CommandFailure(ExitCode.FAILED, (e.getSQLState() == null ? "" : "[" + e.getSQLState() + "] ")
            + e.getMessage() + hint);
    }

    private String keySource() {
        return key != null ? "--key" : "HINDSIGHT_API_KEY";
    }

    /** The key of {@code --key}, else of {@code HINDSIGHT_API_KEY}, else none. */
    private String apiKey() {
        return key != null ? key : System.getenv("HINDSIGHT_API_KEY");
    }

    /**
     * The statements of the script on stdin: SQLLine, given a pipe, echoes it and runs nothing. A UTF-8 byte-order mark
     * first is dropped (Notepad writes one; it was a 42601 at line 1), and bytes that are no UTF-8 refuse the script
     * before anything runs, as {@code import} refuses them: they were run as U+FFFD, stored so by an INSERT.
     */
    private int script() throws IOException, SQLException {
        byte[] bytes = io.in().readAllBytes();
        int start = LineReader.utf8ByteOrderMarkAt(bytes, 0, bytes.length) ? 3 : 0;
        int bad = Utf8.invalidAt(bytes, start, bytes.length);
        if (bad >= 0) {
            int line = 1;
            for (int i = 0; i < bad; i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw CommandFailure.usage("the script on stdin holds invalid UTF-8 at byte " + (bad + 1) + " (line "
                + line + ", " + String.format("%02X", bytes[bad] & 0xff) + "): nothing was run; convert it first, "
                + "e.g. iconv -f LATIN1 -t UTF-8");
        }
        List<String> statements = ScriptStatements.split(new String(bytes, start, bytes.length - start,
            StandardCharsets.UTF_8));
        return statements.isEmpty() ? ExitCode.OK : run(statements);
    }

    /**
     * SQLLine's shell. Connected once first, and closed again: SQLLine prints the stack trace of a failure to
     * connect while it starts (its verbose mode is on until then) and opens its prompt without a connection, exit
     * status 0; a server that is not running, a wrong key or a held data directory is one {@code error:} line and
     * exit 1 instead, as with {@code -e}. (A {@code file:} log is opened twice so.)
     */
    private int interactive() throws IOException {
        try {
            connect().close();
        } catch (SQLException e) {
            throw failure(e);
        }
        // READ COMMITTED: what a session here is; SQLLine's default (REPEATABLE READ) it would warn about at each start
        // no stream of ours when stdout is the terminal too: SQLLine then opens the terminal itself, in raw mode,
        // with its line editing, history, and Ctrl-C cancelling the running statement; given stdin as a stream, it
        // read lines the terminal had cooked (echoed twice, arrow keys as ^[[A) and Ctrl-C ended the JVM, leaving a
        // statement running on the server. Output to a file (| tee): the stream, or its terminal, of no width, drew
        // empty tables
        SqlLine.Status status = SqlLine.start(
            new String[] {"-u", url, "-n", "hindsight-sql", "-p", apiKey() == null ? "" : apiKey(),
                "--showHeader=true", "--outputformat=table",
                "--isolation=TRANSACTION_READ_COMMITTED"},
            io.outTerminal() ? null : io.in(), true);
        return status == SqlLine.Status.OK ? ExitCode.OK : ExitCode.FAILED;
    }
}
