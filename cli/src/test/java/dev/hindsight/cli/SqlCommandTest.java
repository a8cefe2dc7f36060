package dev.hindsight.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.hindsight.testkit.ChildJvm;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hindsight sql URL -e SQL}: one statement, a table on stdout, a non-zero exit on error. */
class SqlCommandTest {

    @TempDir
    Path dir;

    @Test
    void oneStatementPrintsATableAndAnInsertItsCount() {
        String url = "jdbc:hindsight:file:" + dir;
        Cli.Result insert = Cli.run("sql", url, "-e", "INSERT INTO events (stream_id, entity_type, name, data) "
            + "VALUES ('order-1', 'order', 'order.placed', '{\"total\":5}'), "
            + "('order-2', 'order', 'order.placed', '{}')");
        assertThat(insert.exitCode()).as(insert.err()).isZero();
        assertThat(insert.out()).contains("2 rows affected");

        Cli.Result select = Cli.run("sql", url, "-e", "SELECT seq, stream_id, metadata FROM events ORDER BY seq");
        assertThat(select.exitCode()).as(select.err()).isZero();
        assertThat(select.lines()).containsExactly("seq | stream_id | metadata", "----+-----------+---------",
            "1   | order-1   | NULL", "2   | order-2   | NULL", "(2 rows)");
    }

    @Test
    void givenATornTail_whenAStatementOpensTheLog_thenTheCutIsReportedAsByTheOtherCommands() throws Exception {
        DamagedLogs.appendMarkedEvents(dir, 3);
        DamagedLogs.tearLastRecord(dir, "marker-3");

        Cli.Result r = Cli.run("sql", "jdbc:hindsight:file:" + dir, "-e", "SELECT COUNT(*) FROM events");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).startsWith("warning: cut back a torn tail");
        assertThat(r.lines()).contains("2");
    }

    @Test
    void dashEReadsItsTextAsAScriptOfStatements() {
        Cli.Result r = Cli.run("sql", "jdbc:hindsight:file:" + dir, "-e", "SELECT 1 AS a; SELECT 'x;y' AS b; -- done");

        assertThat(r.exitCode()).as(r.err()).isZero(); // was 42601: the text went whole to the parser
        assertThat(r.lines()).containsExactly("a", "-", "1", "(1 row)", "b", "---", "x;y", "(1 row)");
    }

    /**
     * An internal error (XX000, here a query Calcite fails on) is one {@code error:} line on stderr, run as a user
     * runs the command (its own process, through {@code main}): the engine's log record of the fault came before it,
     * with some 40 lines of stack trace.
     */
    @Test
    void anInternalErrorIsOneLineOnStderrWithoutAStackTrace() throws Exception {
        assertThat(Cli.run("append", "order-1", "order.placed", "--data", "{}", "--data-dir", dir.toString())
            .exitCode()).isZero();
        Process child = new ProcessBuilder(ChildJvm.command(Main.class, List.of("-Xmx256m"), "sql",
            "jdbc:hindsight:file:" + dir, "-e", "SELECT stream_id FROM events e GROUP BY stream_id HAVING "
                + "COALESCE((SELECT MAX(seq) FROM events f WHERE f.stream_id = e.stream_id), 0) > 0"))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(child.exitValue()).isEqualTo(1);
        assertThat(err.lines().filter(l -> !l.isBlank()).toList()).as(err).singleElement().asString()
            .startsWith("error: [XX000] internal error: ");
    }

    @Test
    void aFailingStatementExitsWith1AndNamesTheSqlState() {
        Cli.Result r = Cli.run("sql", "jdbc:hindsight:file:" + dir, "-e", "DELETE FROM events");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("[42501]", "append-only");
    }

    @Test
    void durabilityFsyncIsPassedToTheEmbeddedConnection() {
        Cli.Result insert = Cli.run("sql", "jdbc:hindsight:file:" + dir, "--durability", "FSync", "-e",
            "INSERT INTO events (stream_id, entity_type, name, data) "
                + "VALUES ('order-1', 'order', 'order.placed', '{}')");
        assertThat(insert.exitCode()).as("any case, as serve, append and export take it: " + insert.err()).isZero();

        Cli.Result bad = Cli.run("sql", "jdbc:hindsight:file:" + dir, "--durability", "often", "-e", "SELECT 1");
        assertThat(bad.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err()).contains("--durability must be process or fsync, was 'often'");
    }

    @Test
    void aUrlThatIsNoJdbcUrlIsABadOptionExit2() {
        Cli.Result r = Cli.run("sql", "localhost:7070", "-e", "SELECT 1");

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).isEqualTo("error: not a JDBC URL: 'localhost:7070' (e.g. jdbc:hindsight://localhost:7070, "
            + "jdbc:hindsight:file:./data)\n");
        // another database's URL is a bad option too, before any connection (it was exit 1, "No suitable driver")
        Cli.Result other = Cli.run("sql", "jdbc:postgresql://localhost/db", "-e", "SELECT 1");
        assertThat(other.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(other.err()).startsWith("error: not a Hindsight JDBC URL: 'jdbc:postgresql://localhost/db'");
    }

    @Test
    void aPipedScriptRunsEachStatementInTurn() {
        String script = "-- a comment; not a statement\n"
            + "INSERT INTO events (stream_id, entity_type, name, data) VALUES ('o;1', 'order', 'order.placed', '{}');\n"
            + "INSERT INTO events (stream_id, entity_type, name, data) VALUES ('o;2', 'order', 'order.placed', "
            + "'{\"note\":\"a;b\"}');\n"
            + "SELECT stream_id FROM events ORDER BY seq\n";
        Cli.Result r = Cli.runWithStdin(script.getBytes(StandardCharsets.UTF_8), "sql",
            "jdbc:hindsight:file:" + dir, "--durability", "fsync");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.lines()).containsExactly("1 row affected", "1 row affected", "stream_id", "---------", "o;1",
            "o;2", "(2 rows)");
    }

    @Test
    void aScriptEndingInACommentOfEitherKindRunsItsStatementsAndNothingMore() {
        // "//" starts a line comment for the parser as "--" does; a trailing one was run as a statement, 42601
        for (String script : List.of("SELECT 1 AS a; // done", "SELECT 1 AS a; -- done", "SELECT 1 AS a;\n// note\r")) {
            Cli.Result r = Cli.run("sql", "jdbc:hindsight:file:" + dir, "-e", script);

            assertThat(r.exitCode()).as(script + ": " + r.err()).isZero();
            assertThat(r.lines()).as(script).containsExactly("a", "-", "1", "(1 row)");
        }
        // a block comment never closed is no comment to skip: the parser refuses the rest, and the script fails
        Cli.Result unclosed = Cli.run("sql", "jdbc:hindsight:file:" + dir, "-e", "SELECT 1 AS a; /*/ SELECT 2 AS b");
        assertThat(unclosed.exitCode()).isEqualTo(1);
        assertThat(unclosed.err()).contains("[42601]");
    }

    @Test
    void aScriptThatIsNoUtf8IsRefusedWholeWithExit2AndAByteOrderMarkFirstIsDropped() {
        // Latin-1's é in a value: it was run as U+FFFD, and the INSERT stored it so
        byte[] latin1 = ("SELECT 1;\nINSERT INTO events (stream_id, entity_type, name, data) VALUES ('l-1', 't', 'n', "
            + "'{\"s\":\"caf\u00e9\"}');\n").getBytes(StandardCharsets.ISO_8859_1);
        Cli.Result refused = Cli.runWithStdin(latin1, "sql", "jdbc:hindsight:file:" + dir);

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.out()).as("nothing was run, the SELECT before it neither").isEmpty();
        assertThat(refused.err()).contains("invalid UTF-8 at byte " + (latin1.length - 6) + " (line 2, E9)");

        byte[] marked = "\uFEFFSELECT COUNT(*) AS n FROM events;".getBytes(StandardCharsets.UTF_8);
        Cli.Result count = Cli.runWithStdin(marked, "sql", "jdbc:hindsight:file:" + dir);
        assertThat(count.exitCode()).as(count.err()).isZero(); // was 42601 "Encountered: \ufeff"
        assertThat(count.lines()).containsExactly("n", "-", "0", "(1 row)");
    }

    @Test
    void aPipedScriptStopsAtTheFirstFailureWithExit1() {
        String script = "SELECT 1;\nDELETE FROM events;\nINSERT INTO events (stream_id, entity_type, name, data) "
            + "VALUES ('late', 'order', 'order.placed', '{}');\n";
        Cli.Result r = Cli.runWithStdin(script.getBytes(StandardCharsets.UTF_8), "sql",
            "jdbc:hindsight:file:" + dir);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("[42501]");
        Cli.Result count = Cli.run("sql", "jdbc:hindsight:file:" + dir, "-e", "SELECT COUNT(*) AS n FROM events");
        assertThat(count.lines()).contains("0");
    }

    @Test
    void givenNoServer_whenTheShellStarts_thenItSaysSoInOneLineAndExits1() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort(); // closed again: nothing listens there
        }
        Process shell = new ProcessBuilder(ChildJvm.command(Main.class, List.of("-Xmx256m",
            "-Dhindsight.stdin.tty=true"), "sql", "jdbc:hindsight://127.0.0.1:" + port)).start();
        shell.getOutputStream().close(); // the shell must not wait for input: it is not to start
        String out = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(shell.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(shell.waitFor(60, TimeUnit.SECONDS)).isTrue();

        // SQLLine printed the stack trace, opened its prompt with no connection and exited 0
        assertThat(shell.exitValue()).as(out + err).isEqualTo(1);
        assertThat(err).startsWith("error: [08001] cannot connect to the Hindsight server at 127.0.0.1:" + port)
            .doesNotContain("\tat ", "sqlline").hasLineCount(1);
        assertThat(out).doesNotContain("sqlline");
    }

    @Test
    void givenAServerThatNeverAnswers_whenAStatementIsRun_thenItFailsAfterTheLoginTimeoutWithExit1() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String url = "jdbc:hindsight://127.0.0.1:" + silent.getLocalPort();
            // the kernel accepts; nothing ever answers: it waited for good
            Cli.Result r = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> Cli.run("sql", url, "-e", "SELECT 1"));

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err()).startsWith("error: [08001] cannot connect to the Hindsight server at 127.0.0.1:"
                + silent.getLocalPort());
        }
    }

    @Test
    void theShellConnectsWithoutAnIsolationWarning() throws Exception {
        // SQLLine ends the JVM when its input ends: a child JVM, told by the launcher's property that a person types
        Process shell = new ProcessBuilder(ChildJvm.command(Main.class, List.of("-Xmx256m",
            "-Dhindsight.stdin.tty=true"), "sql", "jdbc:hindsight:file:" + dir)).redirectErrorStream(true).start();
        try (OutputStream typed = shell.getOutputStream()) {
            typed.write("SELECT 40 + 2 AS answer;\n".getBytes(StandardCharsets.UTF_8));
        }
        String printed = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(shell.waitFor(60, TimeUnit.SECONDS)).isTrue();

        // SQLLine runs nothing it reads from a pipe (why scripts do not go to it); its start and connect are the test
        assertThat(printed).contains("sqlline version").doesNotContain("TRANSACTION_", "INFO");
    }
}
