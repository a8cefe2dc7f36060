package dev.hindsight.cli;

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

    /** Runs {@code statements} in order on one connection, stopping at the first that fails. */
    private int run(List<String> statements) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String statement : statements) {
                if (st.execute(statement)) {
                    try (ResultSet rs = st.getResultSet()) {
                        new ResultTable(rs).print(io.out());
                    }
                } else {
                    int n = st.getUpdateCount();
                    io.out().println(n + (n == 1 ? " row" : " rows") + " affected");
                }
                io.out().flush();
            }
            return ExitCode.OK;
        } catch (SQLException e) {
            throw failure(e);
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

    /** The statements of the script on stdin: SQLLine, given a pipe, echoes it and runs nothing. */
    private int script() throws IOException, SQLException {
        List<String> statements = ScriptStatements.split(new String(io.in().readAllBytes(), StandardCharsets.UTF_8));
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
        SqlLine.Status status = SqlLine.start(
            new String[] {"-u", url, "-n", "hindsight-sql", "-p", apiKey() == null ? "" : apiKey(),
                "--showHeader=true", "--outputformat=table",
                "--isolation=TRANSACTION_READ_COMMITTED"},
            io.in(), true);
        return status == SqlLine.Status.OK ? ExitCode.OK : ExitCode.FAILED;
    }
}
