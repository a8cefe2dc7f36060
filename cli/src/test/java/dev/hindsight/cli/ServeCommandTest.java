package dev.hindsight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hindsight.testkit.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hindsight serve --demo} as a user runs it: a real process, queried over HTTP, stopped with SIGTERM. */
class ServeCommandTest {

    private static final Pattern LISTENING = Pattern.compile("on 127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    @Test
    void serve_demo_answers_queries_refuses_a_second_server_and_stops_cleanly_on_sigterm() throws Exception {
        Path data = dir.resolve("data");
        Path stderr = dir.resolve("stderr.txt");
        Process server = new ProcessBuilder(ChildJvm.command(Main.class, List.of("-Xmx512m"),
            "serve", "--data-dir", data.toString(), "--port", "0", "--demo"))
            .redirectError(stderr.toFile()).start();
        try {
            List<String> banner = new ArrayList<>();
            int port = readPort(server, banner);

            JsonNode answer = sql(port, "SELECT * FROM order_detail LIMIT 5");
            Cli.Result second = Cli.run("serve", "--data-dir", data.toString(), "--port", "0");

            assertThat(banner).anyMatch(l -> l.contains("jdbc:hindsight://127.0.0.1:" + port))
                .anyMatch(l -> l.contains("curl")).anyMatch(l -> l.contains("./hindsight sql"));
            assertThat(answer.get("rows")).hasSize(5);
            assertThat(answer.get("columns").get(0).get("name").asText()).isEqualToIgnoringCase("order_id");
            assertThat(second.exitCode()).isEqualTo(ExitCode.FAILED);
            assertThat(second.err()).contains("pid " + server.pid());
        } finally {
            server.destroy(); // SIGTERM
        }

        assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
        // the server's own lines only: not Undertow's and XNIO's start and stop notices
        assertThat(Files.readString(stderr)).contains("demo: loaded").contains("stopped")
            .doesNotContain("INFO", "Undertow", "XNIO");
        assertThat(Cli.run("verify", "--data-dir", data.toString()).exitCode()).isEqualTo(ExitCode.OK);
    }

    /**
     * A statement nothing stops (a recursion the statement timeout is not looked at in) kept the process after SIGTERM
     * until kill -9: it is cut 5 s after the shutdown timeout, and the log is whole.
     */
    @Test
    void serve_stops_on_sigterm_even_with_a_statement_running_that_nothing_stops() throws Exception {
        Path data = dir.resolve("data");
        Path stderr = dir.resolve("stderr.txt");
        Process server = new ProcessBuilder(ChildJvm.command(Main.class, List.of("-Xmx512m"),
            "serve", "--data-dir", data.toString(), "--port", "0"))
            .redirectError(stderr.toFile()).start();
        Thread runaway = null;
        try {
            int port = readPort(server, new ArrayList<>());
            assertThat(Cli.run("append", "order-1", "order.placed", "--data", "{}", "--url",
                "http://127.0.0.1:" + port).exitCode()).isEqualTo(ExitCode.OK);
            runaway = new Thread(() -> {
                try {
                    sql(port, "WITH RECURSIVE t(n) AS (VALUES (1) UNION ALL SELECT n + 1 FROM t "
                        + "WHERE n < 2000000000) SELECT COUNT(*) FROM t");
                } catch (Exception e) {
                    // its connection is closed unanswered when the process ends
                }
            });
            runaway.start();
            awaitRunning(server, "SqlRoute.run"); // the statement runs on a worker: SIGTERM lands after it started
        } finally {
            server.destroy(); // SIGTERM
        }

        try {
            assertThat(server.waitFor(45, TimeUnit.SECONDS)).as("ended within the shutdown timeout and 5 s").isTrue();
        } finally {
            server.destroyForcibly(); // a failure leaves no process behind
        }
        assertThat(server.exitValue()).isEqualTo(143);
        assertThat(Files.readString(stderr)).contains("was cut, as by kill -9");
        runaway.join(30_000);
        Cli.Result verify = Cli.run("verify", "--data-dir", data.toString());
        assertThat(verify.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(verify.out()).contains("ok: 1 events");
    }

    @Test
    void serve_reports_a_torn_tail_it_cut_back_on_stderr_as_the_other_commands_do() throws Exception {
        Path data = dir.resolve("data");
        DamagedLogs.appendMarkedEvents(data, 3);
        DamagedLogs.tearLastRecord(data, "marker-3"); // the last record, as a crash mid-append leaves it

        ServeProcess torn = ServeProcess.start(data, dir, "torn");
        String tornErr;
        JsonNode health;
        try {
            tornErr = torn.stderr();
            health = get(torn.url() + "/health");
            torn.stop();
        } finally {
            torn.destroyIfAlive();
        }
        ServeProcess whole = ServeProcess.start(data, dir, "whole");
        String wholeErr;
        try {
            wholeErr = whole.stderr();
            whole.stop();
        } finally {
            whole.destroyIfAlive();
        }

        assertThat(tornErr).contains("warning: cut back a torn tail left by a crash (1 unacknowledged record(s)): ");
        assertThat(health.get("headSeq").asLong()).isEqualTo(2);
        assertThat(wholeErr).doesNotContain("torn tail");
    }

    @Test
    void serve_warns_of_a_stored_projection_definition_that_no_longer_compiles() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data.resolve("projections"));
        Files.writeString(data.resolve("projections/counts.sql"), "CREATE PROJECTION counts AS SELECT "
            + "RETIRED_FN(data) AS x, COUNT(*) AS n FROM events GROUP BY RETIRED_FN(data)");

        ServeProcess server = ServeProcess.start(data, dir, "broken");
        String err;
        JsonNode listed;
        try {
            err = server.stderr();
            listed = get(server.url() + "/v1/projections");
            server.stop();
        } finally {
            server.destroyIfAlive();
        }

        assertThat(err).contains("warning: projection counts is failed: its stored definition no longer compiles")
            .contains("RETIRED_FN");
        assertThat(listed.findValuesAsText("status")).containsExactly("failed");
    }

    @Test
    void serve_warns_of_a_keys_file_other_users_can_read() throws Exception {
        Path keys = dir.resolve("keys");
        Files.writeString(keys, "k-123456 admin\n");
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-r--r--"));
        ServeProcess open = ServeProcess.start(dir.resolve("data"), dir, "open-keys", "--keys", keys.toString());
        String openErr;
        try {
            openErr = open.stderr();
            open.stop();
        } finally {
            open.destroyIfAlive();
        }
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
        ServeProcess closed = ServeProcess.start(dir.resolve("data"), dir, "closed-keys", "--keys", keys.toString());
        String closedErr;
        try {
            closedErr = closed.stderr();
            closed.stop();
        } finally {
            closed.destroyIfAlive();
        }

        assertThat(openErr).contains("warning: --keys " + keys + " can be read by other users of this host "
            + "(rw-r--r--): chmod 600 it").doesNotContain("k-123456");
        assertThat(closedErr).doesNotContain("can be read by other users");
    }

    /** Waits until a thread dump of {@code server} (the JDK's {@code jcmd}) shows a thread in {@code frame}. */
    private static void awaitRunning(Process server, String frame) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(server.pid()), "Thread.print")
                .redirectErrorStream(true).start();
            String threads = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            dump.waitFor();
            if (threads.contains(frame)) {
                return;
            }
            assertThat(System.nanoTime() - deadline).as("a thread of the server in " + frame).isNegative();
        }
    }

    /** Reads the banner up to its last line; the first line names the port. */
    private static int readPort(Process server, List<String> banner) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
            StandardCharsets.UTF_8));
        int port = -1;
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            banner.add(line);
            Matcher m = LISTENING.matcher(line);
            if (port < 0 && m.find()) {
                port = Integer.parseInt(m.group(1));
            }
            if (line.startsWith("Stop with")) {
                return port;
            }
        }
        throw new AssertionError("serve ended before it listened: " + banner);
    }

    private static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    private static JsonNode sql(int port, String sql) throws IOException, InterruptedException {
        String body = new ObjectMapper().createObjectNode().put("sql", sql).toString();
        HttpResponse<String> response = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/sql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }
}
