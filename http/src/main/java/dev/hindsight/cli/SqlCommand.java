package dev.hindsight.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hindsight sql [JDBC-URL] [-e SQL]}: one statement with {@code -e} (a table on stdout; exit 1 with the
 * SQLState and message on error), or the interactive SQLLine shell with history and table output.
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
    description = "SQL shell over a JDBC URL, or one statement with -e.")
final class SqlCommand implements Callable<Integer> {

    private final CliStreams io;

    @Parameters(index = "0", arity = "0..1", paramLabel = "JDBC-URL", defaultValue = "jdbc:hindsight://localhost:7070",
        description = "jdbc:hindsight:file:<dir>, jdbc:hindsight:mem: or jdbc:hindsight://host:port "
            + "(default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "-e", paramLabel = "SQL", description = "Run this one statement and exit.")
    String sql;

    @Option(names = "--durability", paramLabel = "LEVEL",
        description = {"For an embedded URL with -e: process (default) or fsync, the connection property durability.",
            "In the shell: !connect -p durability fsync URL \"\" \"\"."})
    String durability;

    SqlCommand(CliStreams io) {
        this.io = io;
    }

    @Override
    public Integer call() throws Exception {
        if (sql == null) {
            if (durability != null) {
                throw CommandFailure.usage("--durability applies to -e; in the shell, connect with "
                    + "!connect -p durability " + durability + " " + url + " \"\" \"\"");
            }
            return interactive();
        }
        Properties properties = new Properties();
        if (durability != null) {
            properties.setProperty("durability", durability);
        }
        try (Connection c = DriverManager.getConnection(url, properties); Statement st = c.createStatement()) {
            if (st.execute(sql)) {
                try (ResultSet rs = st.getResultSet()) {
                    new ResultTable(rs).print(io.out());
                }
            } else {
                int n = st.getUpdateCount();
                io.out().println(n + (n == 1 ? " row" : " rows") + " affected");
            }
            io.out().flush();
            return ExitCode.OK;
        } catch (SQLException e) {
            throw new CommandFailure(ExitCode.FAILED, (e.getSQLState() == null ? "" : "[" + e.getSQLState() + "] ")
                + e.getMessage());
        }
    }

    private int interactive() throws java.io.IOException {
        sqlline.SqlLine.Status status = sqlline.SqlLine.start(
            new String[] {"-u", url, "-n", "", "-p", "", "--showHeader=true", "--outputformat=table"},
            io.in(), true);
        return status == sqlline.SqlLine.Status.OK ? ExitCode.OK : ExitCode.FAILED;
    }
}
