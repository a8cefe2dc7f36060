package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.http.server.Route;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code HEAD} answers as {@code GET} without a body (RFC 9110 §9.3.2), on every {@code GET} route. */
class HeadRequestTest {

    @TempDir
    Path dir;

    RunningServer running;
    Client client;

    @BeforeEach
    void start() throws Exception {
        running = RunningServer.start(dir);
        client = running.client;
        client.post("/v1/streams/s-1/events", "{\"entityType\":\"s\",\"name\":\"x\",\"data\":{}}");
        client.post("/v1/projections",
            "{\"sql\":\"CREATE PROJECTION p AS SELECT name, COUNT(*) AS n FROM events GROUP BY name\"}");
    }

    @AfterEach
    void stop() {
        running.close();
    }

    @Test
    void head_on_health_and_metrics_answers_the_get_head_and_sends_no_body_on_a_connection_kept_open()
            throws Exception {
        try (Socket socket = RawHttp.connect(InetAddress.getLoopbackAddress(), running.server.port())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (String path : List.of("/health", "/metrics")) {
                out.write(RawHttp.head("HEAD", path));
                out.flush();
                List<String> head = head(in);

                assertThat(head.get(0)).as(path).startsWith("HTTP/1.1 200");
                assertThat(head).as(path).anyMatch(h -> h.startsWith("content-type:"));
            }
            // had a body followed either head, this answer's status line would not come first
            out.write(RawHttp.head("GET", "/health"));
            out.flush();
            RawHttp.Answer health = RawHttp.Answer.read(in);
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.body()).startsWith("{\"status\":\"ok\"");
        }
    }

    @Test
    void every_get_route_answers_head_with_the_status_of_its_get_and_no_body() {
        List<String> checked = new ArrayList<>();
        for (Route route : running.server.routes()) {
            if (!route.method().equals("GET")) {
                continue;
            }
            String path = route.template().replace("{streamId}", "s-1").replace("{name}", "p")
                + (route.template().endsWith("/wait") ? "?seq=1" : "");
            Client.Answer get = client.get(path);
            Client.Answer head = client.send("HEAD", path, null);

            assertThat(head.status()).as(route.key()).isEqualTo(get.status()).isEqualTo(200);
            assertThat(head.contentType()).as(route.key()).isEqualTo(get.contentType());
            assertThat(head.body()).as(route.key()).isEmpty();
            checked.add(route.template());
        }
        assertThat(checked).contains("/health", "/metrics", "/v1/streams/{streamId}/subscribe");
    }

    @Test
    void head_on_a_subscription_answers_the_header_fields_of_its_get_with_no_content_length() throws Exception {
        for (String path : List.of("/v1/events/subscribe", "/v1/streams/s-1/subscribe")) {
            List<String> get = rawHead("GET", path);
            List<String> head = rawHead("HEAD", path);

            assertThat(head.get(0)).as(path).isEqualTo("HTTP/1.1 200 OK");
            // an event stream has no length: it ends when the connection closes, so a HEAD claims none either
            assertThat(head).as(path).isEqualTo(get)
                .noneMatch(h -> h.startsWith("content-length:") || h.startsWith("transfer-encoding:"));
        }
    }

    @Test
    void head_is_refused_with_405_where_there_is_no_get() {
        Client.Answer answer = client.send("HEAD", "/v1/sql", null);

        assertThat(answer.status()).isEqualTo(405);
    }

    @Test
    void a_head_request_is_counted_in_the_metrics_as_head() {
        client.send("HEAD", "/health", null);

        assertThat(client.get("/metrics").body())
            .contains("hindsight_http_requests_total{route=\"HEAD /health\",status=\"200\"} 1.0");
    }

    /** The head of the answer to {@code method path} on a connection of its own, without its {@code date}. */
    private List<String> rawHead(String method, String path) throws IOException {
        try (Socket socket = RawHttp.connect(InetAddress.getLoopbackAddress(), running.server.port())) {
            socket.getOutputStream().write(RawHttp.head(method, path));
            socket.getOutputStream().flush();
            List<String> lines = head(socket.getInputStream());
            lines.removeIf(h -> h.startsWith("date:"));
            return lines;
        }
    }

    /** The status line and header lines (lower case) of one answer, up to the blank line; nothing after it. */
    private static List<String> head(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.US_ASCII);
                if (text.isEmpty()) {
                    return lines;
                }
                lines.add(lines.isEmpty() ? text : text.toLowerCase(Locale.ROOT));
                line.reset();
            } else if (b != '\r') {
                line.write(b);
            }
        }
        throw new IOException("the server closed the connection mid-head: " + lines);
    }
}
