package dev.hindsight.http.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.http.auth.ApiKeys;
import dev.hindsight.sql.jdbc.RemoteLimits;
import io.undertow.Undertow;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoint's HTTP surface on a real Undertow: POST only, the body capped, bytes that are no request answered 400
 * in the JSON API's error shape rather than by a dropped connection or a parser's exception.
 */
class JdbcEndpointHttpTest {

    @TempDir
    Path dir;
    JdbcEndpoint endpoint;
    Undertow server;
    URI uri;
    final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        RemoteLimits limits = new RemoteLimits(4, Duration.ofMinutes(1), 100, Duration.ofMinutes(1), 1000, 1024);
        endpoint = JdbcEndpoint.over(dir, new Properties(), ApiKeys.none(), limits);
        server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(endpoint).build();
        server.start();
        int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        uri = URI.create("http://127.0.0.1:" + port + "/jdbc");
    }

    @AfterEach
    void stop() {
        server.stop();
        endpoint.close();
    }

    @Test
    void onlyPostIsServed() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri)
            .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[2048])).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(413);
    }

    @Test
    void bytesThatAreNoAvaticaRequestGet400InTheJsonErrorShapeNamingNoClass() throws Exception {
        byte[][] bodies = {{1, 2, 3}, "{}".getBytes(StandardCharsets.UTF_8), new byte[0]};
        for (byte[] body : bodies) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(r.body()).startsWith("{\"error\":\"the body is not an Avatica protobuf request")
                .contains("\"code\":\"bad_request\"").doesNotContain("Exception").doesNotContain("com.google")
                .doesNotContain("\tat ");
        }
    }
}
