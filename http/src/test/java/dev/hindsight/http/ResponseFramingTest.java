package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How answers are framed on the wire: a small JSON answer goes out whole with its {@code Content-Length} (one write,
 * no chunk framing for the client to undo), a large one streams out chunked while it is written, never held whole.
 */
class ResponseFramingTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;
    RunningServer running;

    @BeforeEach
    void start() throws Exception {
        running = RunningServer.start(dir);
    }

    @AfterEach
    void stop() {
        running.close();
    }

    @Test
    void a_small_answer_is_sent_whole_with_its_content_length() throws Exception {
        HttpResponse<String> append = send(HttpRequest.newBuilder(uri("/v1/streams/order-1/events"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(
                "{\"entityType\":\"order\",\"name\":\"order.placed\",\"data\":{}}")));

        HttpResponse<String> conflict = send(HttpRequest.newBuilder(uri("/v1/streams/order-1/events"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(
                "{\"entityType\":\"order\",\"name\":\"order.paid\",\"data\":{},\"expectedVersion\":0}")));
        HttpResponse<String> health = send(HttpRequest.newBuilder(uri("/health")).GET());

        assertThat(append.statusCode()).isEqualTo(201);
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(health.statusCode()).isEqualTo(200);
        for (HttpResponse<String> answer : List.of(append, conflict, health)) {
            assertThat(answer.headers().firstValue("Transfer-Encoding")).as(answer.uri().toString()).isEmpty();
            assertThat(answer.headers().firstValueAsLong("Content-Length")).hasValue(answer.body().length());
        }
    }

    @Test
    void a_large_answer_streams_out_chunked() throws Exception {
        StringBuilder events = new StringBuilder("[");
        for (int i = 0; i < 2_000; i++) {
            events.append(i == 0 ? "" : ",")
                .append("{\"entityType\":\"order\",\"name\":\"order.noted\",\"data\":{\"note\":\"")
                .append("x".repeat(100)).append("\"}}");
        }
        HttpResponse<String> append = send(HttpRequest.newBuilder(uri("/v1/streams/order-1/events"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(events.append(']').toString())));
        assertThat(append.statusCode()).isEqualTo(201);

        HttpResponse<String> read = send(HttpRequest.newBuilder(uri("/v1/streams/order-1/events?limit=2000")).GET());

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body().length()).as("2,000 events of over 100 bytes each").isGreaterThan(200_000);
        assertThat(read.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + running.server.port() + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
