package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A body sent to a route that reads none (a {@code GET}, a {@code DELETE}) counts against the request body limit as
 * the body of an append does: within it, it is dropped and the route answers as without it; over it (declared, or
 * counted while a chunked body is read), {@code 413 payload_too_large} before the route runs, the connection closed
 * with the rest unread.
 */
class IgnoredBodyTest {

    private static final int LIMIT = 64 * 1024;

    @TempDir
    Path dir;

    RunningServer running;
    Socket socket;
    OutputStream out;

    @BeforeEach
    void start() throws Exception {
        running = RunningServer.start(dir, b -> b.maxBodyBytes(LIMIT));
        socket = RawHttp.connect(InetAddress.getLoopbackAddress(), running.server.port());
        out = socket.getOutputStream();
    }

    @AfterEach
    void stop() throws Exception {
        socket.close();
        running.close();
    }

    @Test
    void a_small_body_on_a_get_is_ignored_and_the_connection_serves_the_next_request() throws Exception {
        byte[] body = "{\"ignored\":true}".getBytes(StandardCharsets.US_ASCII);
        out.write(RawHttp.head("GET", "/health", "Content-Length: " + body.length));
        out.write(body);
        out.flush();
        RawHttp.Answer first = RawHttp.Answer.read(socket.getInputStream());
        out.write(RawHttp.head("GET", "/health", "Transfer-Encoding: chunked"));
        RawHttp.writeChunk(out, body);
        RawHttp.writeChunk(out, new byte[0]);
        out.flush();
        RawHttp.Answer second = RawHttp.Answer.read(socket.getInputStream());

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.body()).contains("\"status\":\"ok\"");
        assertThat(second.status()).as("the same connection, its body read to the end: " + second.body())
            .isEqualTo(200);
        assertThat(second.body()).contains("\"status\":\"ok\"");
    }

    @Test
    void a_get_that_declares_a_body_over_the_limit_is_refused_with_413_before_the_body_is_sent() throws Exception {
        out.write(RawHttp.head("GET", "/v1/streams/order-1", "Content-Length: " + (LIMIT + 1)));
        out.flush(); // and not one byte of the body

        RawHttp.Answer answer = RawHttp.Answer.read(socket.getInputStream());

        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertThat(answer.body()).contains("\"code\":\"payload_too_large\"").contains("of " + (LIMIT + 1) + " bytes");
        assertThat(answer.headers()).contains("connection: close");
        assertThat(RawHttp.closedByServer(socket)).as("the server hung up instead of waiting for the body").isTrue();
    }

    @Test
    void a_get_with_a_chunked_body_that_keeps_growing_past_the_limit_is_refused_before_it_ends() throws Exception {
        out.write(RawHttp.head("GET", "/health", "Transfer-Encoding: chunked"));
        RawHttp.writeChunksPast(out, LIMIT);

        RawHttp.Answer answer = RawHttp.Answer.read(socket.getInputStream());

        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertThat(answer.body()).contains("\"code\":\"payload_too_large\"").contains(Integer.toString(LIMIT));
        assertThat(answer.headers()).contains("connection: close");
        assertThat(RawHttp.closedByServer(socket)).as("the server hung up instead of reading the rest").isTrue();
    }

    @Test
    void a_delete_with_a_chunked_body_over_the_limit_is_refused_and_drops_nothing() throws Exception {
        assertThat(running.client.post("/v1/projections", ProjectionRoutesTest.CREATE).status()).isEqualTo(201);

        out.write(RawHttp.head("DELETE", "/v1/projections/customer_totals", "Transfer-Encoding: chunked"));
        RawHttp.writeChunksPast(out, LIMIT);
        RawHttp.Answer answer = RawHttp.Answer.read(socket.getInputStream());

        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertThat(running.client.get("/v1/projections/customer_totals/status").status())
            .as("the projection is still there").isEqualTo(200);
    }
}
