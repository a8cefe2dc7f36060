package dev.hindsight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.http.HindsightServer;
import dev.hindsight.http.server.ServerConfig;
import dev.hindsight.testkit.ChildJvm;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C in {@code sql}, as psql answers it: it cancels the statement running on the server, in the shell (which
 * stays) and under {@code -e} (which ends, having cancelled it and closed its connection). The shell read the
 * terminal as a stream SQLLine was given, in the terminal's cooked mode, so Ctrl-C ended the JVM wherever it came and
 * left the statement running on the server; {@code -e} ended so too. The shell runs at a real terminal here: a
 * pseudo-terminal of {@code script} (util-linux, in every Debian), which this test writes keys to.
 */
class SqlInterruptTest {

    /** Counts for minutes, and stops at a cancel (a recursive {@code WITH} looks at it at every step). */
    private static final String LONG_QUERY = "WITH RECURSIVE t(n) AS (VALUES (1) UNION ALL SELECT n + 1 FROM t "
        + "WHERE n < 1000000000000) SELECT COUNT(*) FROM t";

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void givenTheShellAtATerminal_whenCtrlCComesAtThePromptAndDuringAQuery_thenTheQueryIsCancelledAndTheShellStays()
            throws Exception {
        try (HindsightServer server = new HindsightServer(ServerConfig.builder(dir.resolve("data")).port(0).build())
                .start()) {
            String url = "jdbc:hindsight://127.0.0.1:" + server.port();
            // the terminal's size set first: script's has none, and SQLLine cuts its prompt and columns to it
            String java = "stty cols 200 rows 50; exec " + ChildJvm.command(Main.class, List.of("-Xmx256m"), "sql",
                url).stream().map(SqlInterruptTest::quoted).collect(Collectors.joining(" "));
            ProcessBuilder builder = new ProcessBuilder("script", "-qfec", java, "/dev/null")
                .redirectErrorStream(true);
            builder.environment().put("TERM", "xterm");
            Process shell = builder.start();
            try {
                OutputStream keys = shell.getOutputStream();
                Screen screen = new Screen(shell.getInputStream());
                screen.waitFor(url + ">"); // SQLLine's prompt: it reads the terminal itself (it was ">....")

                type(keys, "\u0003"); // at the prompt: the line is dropped, the shell stays (it ended, exit 130)
                screen.waitFor("Command canceled.");
                type(keys, LONG_QUERY + ";\r");
                waitUntilRunningOnTheServer();
                type(keys, "\u0003");
                screen.waitFor("canceling statement due to user request");
                type(keys, "SELECT 40 + 2 AS answer;\r");
                screen.waitFor("| 42 ");
                type(keys, "!quit\r");

                assertThat(shell.waitFor(60, TimeUnit.SECONDS)).as(screen.text()).isTrue();
                assertThat(shell.exitValue()).as(screen.text()).isZero();
                assertThat(runningOnTheServer()).as("the cancelled statement stopped").isFalse();
            } finally {
                shell.destroyForcibly();
            }
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void givenAStatementOfDashE_whenSigintComes_thenItIsCancelledOnTheServerAndItsConnectionClosed() throws Exception {
        try (HindsightServer server = new HindsightServer(ServerConfig.builder(dir.resolve("data")).port(0).build())
                .start()) {
            Process sql = new ProcessBuilder(ChildJvm.command(Main.class, List.of("-Xmx256m"), "sql",
                "jdbc:hindsight://127.0.0.1:" + server.port(), "-e", LONG_QUERY))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                waitUntilRunningOnTheServer();
                assertThat(new ProcessBuilder("kill", "-INT", Long.toString(sql.pid())).start().waitFor()).isZero();
                String stderr = new String(sql.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(sql.waitFor(60, TimeUnit.SECONDS)).isTrue();

                assertThat(sql.exitValue()).as(stderr).isEqualTo(130);
                assertThat(stderr).contains("interrupted: the running statement was cancelled")
                    .as("the cancel said once, not also as an error: line").doesNotContain("error:");
                assertThat(runningOnTheServer()).as("the statement stopped").isFalse();
                HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
                assertThat(metrics.body()).as("its connection closed, not left to expire in 30 min")
                    .contains("hindsight_jdbc_sessions 0.0");
            } finally {
                sql.destroyForcibly();
            }
        }
    }

    private static void type(OutputStream keys, String text) throws Exception {
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    private static String quoted(String arg) {
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    /**
     * Waits until a thread of the server (in this JVM) runs the recursive query: the client sent it, so a Ctrl-C from
     * now on finds it running.
     */
    private static void waitUntilRunningOnTheServer() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!runningOnTheServer()) {
            assertThat(System.nanoTime()).as("the query never ran on the server").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static boolean runningOnTheServer() {
        return Thread.getAllStackTraces().values().stream().anyMatch(stack -> Stream.of(stack)
            .anyMatch(frame -> frame.getClassName().endsWith(".ServerMeta")
                && frame.getMethodName().equals("prepareAndExecute")));
    }

    /** What the terminal shows, read as it comes. */
    private static final class Screen {
        private final InputStream in;
        private final ByteArrayOutputStream seen = new ByteArrayOutputStream();

        Screen(InputStream in) {
            this.in = in;
        }

        void waitFor(String token) throws Exception {
            int from = seen.size();
            while (!text().substring(Math.min(from, text().length())).contains(token)) {
                int b = in.read();
                if (b < 0) {
                    throw new AssertionError("the shell ended before '" + token + "': " + text());
                }
                seen.write(b);
            }
        }

        String text() {
            return seen.toString(StandardCharsets.UTF_8);
        }
    }
}
