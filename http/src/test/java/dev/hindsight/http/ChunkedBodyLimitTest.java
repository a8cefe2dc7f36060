package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A body sent with {@code Transfer-Encoding: chunked} declares no length, so the body limit ({@code maxBodyBytes}) can
 * only be enforced while the body is read: past the limit the request is refused with {@code 413 payload_too_large}
 * and nothing is written, without waiting for the body to end; a body of exactly the limit is served.
 */
class ChunkedBodyLimitTest {

    private static final int LIMIT = 64 * 1024;
    private static final String EVENT_HEAD = "{\"entityType\":\"order\",\"name\":\"order.placed\",\"data\":{\"pad\":\"";
    private static final String EVENT_TAIL = "\"}}";

    @TempDir
    Path dir;

    @Test
    void a_chunked_append_of_exactly_the_limit_is_accepted() throws Exception {
        try (RunningServer running = RunningServer.start(dir, b -> b.maxBodyBytes(LIMIT))) {
            byte[] body = eventOfSize(LIMIT);

            HttpResponse<String> answer = postStreamed(running, body);

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
            assertThat(running.server.context().log().headSeq()).isEqualTo(1);
        }
    }

    @Test
    void a_chunked_append_one_byte_over_the_limit_is_refused_with_413_and_writes_nothing() throws Exception {
        try (RunningServer running = RunningServer.start(dir, b -> b.maxBodyBytes(LIMIT))) {
            byte[] body = eventOfSize(LIMIT + 1);

            HttpResponse<String> answer = postStreamed(running, body);

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
            JsonNode error = new ObjectMapper().readTree(answer.body());
            assertThat(error.get("code").asText()).isEqualTo("payload_too_large");
            assertThat(error.get("error").asText()).contains(Integer.toString(LIMIT));
            assertThat(running.server.context().log().headSeq()).isZero();
            assertThat(running.client.get("/v1/streams/order-1").status()).isEqualTo(404);
        }
    }

    @Test
    void a_chunked_body_that_keeps_growing_past_the_limit_is_refused_before_it_ends() throws Exception {
        try (RunningServer running = RunningServer.start(dir, b -> b.maxBodyBytes(LIMIT));
             Socket socket = RawHttp.connect(InetAddress.getLoopbackAddress(), running.server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(RawHttp.head("POST", "/v1/streams/order-1/events", "Content-Type: application/json",
                "Transfer-Encoding: chunked"));
            RawHttp.writeChunk(out, EVENT_HEAD.getBytes(StandardCharsets.US_ASCII));
            RawHttp.writeChunksPast(out, LIMIT + 4096); // and no last chunk: the body has not ended, and will not

            RawHttp.Answer answer = RawHttp.Answer.read(socket.getInputStream());

            assertThat(answer.status()).as(answer.body()).isEqualTo(413);
            assertThat(new ObjectMapper().readTree(answer.body()).get("code").asText()).isEqualTo("payload_too_large");
            assertThat(answer.headers()).contains("connection: close");
            assertThat(RawHttp.closedByServer(socket)).as("the server hung up instead of reading the rest").isTrue();
            assertThat(running.server.context().log().headSeq()).isZero();
        }
    }

    /** An append of one event whose JSON text is exactly {@code size} bytes. */
    private static byte[] eventOfSize(int size) {
        String json = EVENT_HEAD + "x".repeat(size - EVENT_HEAD.length() - EVENT_TAIL.length()) + EVENT_TAIL;
        byte[] bytes = json.getBytes(StandardCharsets.US_ASCII);
        assertThat(bytes).hasSize(size);
        return bytes;
    }

    /** POSTs {@code body} as a stream of unknown length, which HTTP/1.1 sends chunked. */
    private static HttpResponse<String> postStreamed(RunningServer running, byte[] body) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest.BodyPublisher unknownLength = HttpRequest.BodyPublishers.ofInputStream(
            () -> new ByteArrayInputStream(body));
        assertThat(unknownLength.contentLength()).as("no Content-Length: sent chunked").isNegative();
        HttpRequest request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + running.server.port() + "/v1/streams/order-1/events"))
            .header("Content-Type", "application/json")
            .POST(unknownLength)
            .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
