package dev.hindsight.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The operator's knobs of {@code serve} beyond SPEC §6: {@code --idle-timeout} and {@code --idempotency-retention}. */
class ServeOptionsTest {

    private static final String EVENT = "{\"entityType\":\"order\",\"name\":\"order.placed\",\"data\":{\"total\":5}}";

    @TempDir
    Path dir;

    @Test
    void durations_are_a_whole_number_and_a_unit() {
        DurationConverter converter = new DurationConverter();

        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(converter.convert("24h")).isEqualTo(Duration.ofHours(24));
        assertThat(converter.convert("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(converter.convert("5min")).as("as the JDBC property spells it").isEqualTo(Duration.ofMinutes(5));
        // the limit the statement timeout's refusal names, 2147483647ms, was "not a duration" (ten digits)
        assertThat(converter.convert("2147483647ms")).isEqualTo(Duration.ofMillis(2147483647L));
        assertThatThrownBy(() -> converter.convert("999999999999999999d")).hasMessageContaining("at most 3650d");
        assertThatThrownBy(() -> converter.convert("9999999999999999999ms")).hasMessageContaining("not a duration");
    }

    @Test
    @Timeout(60) // were a value accepted, serve would run in this JVM until interrupted
    void a_duration_that_is_not_one_or_not_positive_is_refused_at_start_naming_the_option() {
        Cli.Result zero = Cli.run("serve", "--data-dir", dir.resolve("data").toString(), "--idle-timeout", "0s");
        Cli.Result noUnit = Cli.run("serve", "--data-dir", dir.resolve("data").toString(),
            "--idempotency-retention", "24");
        Cli.Result iso = Cli.run("serve", "--data-dir", dir.resolve("data").toString(), "--idle-timeout", "PT60S");

        assertThat(zero.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(zero.err()).contains("--idle-timeout", "'0s'", "greater than zero");
        assertThat(noUnit.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(noUnit.err()).contains("--idempotency-retention", "'24'", "a whole number and a unit");
        assertThat(iso.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(iso.err()).contains("--idle-timeout", "'PT60S'");
        Cli.Result body = Cli.run("serve", "--data-dir", dir.resolve("data").toString(), "--max-body-bytes", "-1");
        assertThat(body.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(body.err()).contains("--max-body-bytes must be positive, was -1");
        // an empty address listened on loopback and printed "serving on :7070"
        Cli.Result bind = Cli.run("serve", "--data-dir", dir.resolve("data").toString(), "--bind", "");
        assertThat(bind.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(bind.err()).contains("--bind must be an address", "was ''");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    @Timeout(60)
    void a_duration_too_long_for_the_servers_timers_is_refused_at_start_naming_the_option() {
        // 106752d overflowed Duration.toNanos in the request timers: the server started, and each request was a 500
        Cli.Result idle = Cli.run("serve", "--data-dir", dir.resolve("data").toString(), "--idle-timeout", "106752d");
        Cli.Result statement = Cli.run("serve", "--data-dir", dir.resolve("data").toString(),
            "--statement-timeout", "25d");

        assertThat(idle.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(idle.err()).contains("--idle-timeout", "'106752d'", "at most 3650d");
        assertThat(statement.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(statement.err()).isEqualTo("error: --statement-timeout must be at most 2147483647ms"
            + " (24 days 20 hours), was 600 hours\n"); // was "statementTimeout must be 0 (no limit) …, was PT600H"
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void serve_closes_a_connection_idle_for_the_idle_timeout() throws Exception {
        ServeProcess server = ServeProcess.start(dir.resolve("data"), dir, "idle", "--idle-timeout", "1s");
        try (Socket idle = new Socket()) {
            idle.setSoTimeout(30_000); // the default idle timeout, 60 s, would let this read time out
            idle.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 5_000);

            assertThat(closedByServer(idle.getInputStream())).isTrue();
        } finally {
            server.stop();
            server.destroyIfAlive();
        }
    }

    @Test
    void after_the_idempotency_retention_a_retry_with_the_same_key_appends_again() throws Exception {
        Path data = dir.resolve("data");
        ServeProcess first = ServeProcess.start(data, dir, "first");
        HttpResponse<String> original;
        try {
            original = keyedAppend(first);
            first.stop();
        } finally {
            first.destroyIfAlive();
        }
        // a restart takes far longer than the retention below, so the key has expired when the retry comes
        ServeProcess second = ServeProcess.start(data, dir, "second", "--idempotency-retention", "1ms");
        HttpResponse<String> retry;
        try {
            retry = keyedAppend(second);
        } finally {
            second.stop();
            second.destroyIfAlive();
        }

        assertThat(original.statusCode()).as(original.body()).isEqualTo(201);
        assertThat(original.body()).contains("\"seq\":1");
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
        assertThat(retry.body()).contains("\"seq\":2");
    }

    private static HttpResponse<String> keyedAppend(ServeProcess server) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.url() + "/v1/streams/order-1/events"))
            .header("Content-Type", "application/json").header("Idempotency-Key", "retry-me")
            .POST(HttpRequest.BodyPublishers.ofString(EVENT)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Whether the server hung up: the read ends the stream or is reset, rather than time out. */
    private static boolean closedByServer(InputStream in) throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketException e) {
            return true;
        }
    }
}
