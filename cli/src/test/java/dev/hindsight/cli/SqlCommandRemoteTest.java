package dev.hindsight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.http.auth.ApiKeys;
import dev.hindsight.http.auth.Role;
import dev.hindsight.http.jdbc.JdbcEndpoint;
import dev.hindsight.sql.jdbc.RemoteLimits;
import io.undertow.Undertow;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hindsight sql jdbc:hindsight://host:port} against a real {@code /jdbc} endpoint: the API key comes from
 * {@code --key}, a statement's SQLState is printed as embedded, and a wrong key is 28000.
 */
class SqlCommandRemoteTest {

    @TempDir
    Path dir;

    @Test
    void theSqlCommandRunsStatementsOnARemoteServerWithItsKey() throws Exception {
        try (JdbcEndpoint endpoint = JdbcEndpoint.over(dir, new Properties(),
            ApiKeys.of(List.of("w-key-123"), List.of(Role.WRITE)), RemoteLimits.defaults())) {
            Undertow server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(endpoint).build();
            server.start();
            try {
                int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
                String url = "jdbc:hindsight://127.0.0.1:" + port;
                Cli.Result insert = Cli.run("sql", url, "--key", "w-key-123", "-e", "INSERT INTO events "
                    + "(stream_id, entity_type, name, data) VALUES ('s', 't', 'x.y', '{}')");
                assertThat(insert.exitCode()).as(insert.err()).isZero();
                Cli.Result count = Cli.run("sql", url, "--key", "w-key-123", "-e", "SELECT COUNT(*) AS n FROM events");
                assertThat(count.out()).contains("1");
                Cli.Result wrong = Cli.run("sql", url, "--key", "nope", "-e", "SELECT 1");
                assertThat(wrong.exitCode()).isNotZero();
                assertThat(wrong.err()).contains("28000", "the key of --key was refused");
                Cli.Result inUrl = Cli.run("sql", url + "?password=nope", "--key", "w-key-123", "-e", "SELECT 1");
                assertThat(inUrl.exitCode()).isNotZero();
                assertThat(inUrl.err()).contains("28000", "(the key of the URL's password= was refused; it is sent in "
                    + "place of --key)");
                // no property the driver reads (it splits at & only, names as written): --key was the one sent
                Cli.Result notRead = Cli.run("sql", url + "?asOf=seq:1;Password=w-key-123", "--key", "nope", "-e",
                    "SELECT 1");
                assertThat(notRead.err()).contains("28000", "the key of --key was refused");
                if (System.getenv("HINDSIGHT_API_KEY") == null) { // none in the environment either
                    Cli.Result none = Cli.run("sql", url, "-e", "SELECT 1");
                    assertThat(none.err()).contains("28000", "pass it with --key or HINDSIGHT_API_KEY");
                }
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void aServerThatRefusesTheClientWith403IsQuotedNotBlamedOnAKey() {
        // what a server without keys answers a client it does not serve (another host; a name that is not loopback's)
        String refusal = "{\"error\":\"this server has no API keys and serves only requests addressed to a loopback "
            + "name\",\"code\":\"forbidden\"}";
        Undertow server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(exchange -> {
            exchange.setStatusCode(403);
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
            exchange.getResponseSender().send(refusal);
        }).build();
        server.start();
        try {
            int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();

            Cli.Result refused = Cli.run("sql", "jdbc:hindsight://127.0.0.1:" + port, "-e", "SELECT 1");

            assertThat(refused.exitCode()).isNotZero();
            assertThat(refused.err()).contains("28000", "got HTTP/403: this server has no API keys and serves only "
                + "requests addressed to a loopback name").doesNotContain("--key", "API key was refused");
        } finally {
            server.stop();
        }
    }
}
