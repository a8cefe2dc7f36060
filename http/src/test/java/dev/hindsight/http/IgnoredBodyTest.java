package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A body sent to a route that reads none (a {@code GET}, a {@code DELETE}) counts against the request body limit as
 * the body of an append does: within it, it is dropped and the route answers as without it; over it (declared, or
 * counted while a chunked body is read), {@code 413 payload_too_large} before the route runs, the connection closed
 * with the rest unread. Any other answer that leaves a body unread (a 404, a 405, a 401, {@code /metrics}) closes the
 * connection rather than read the rest; routes that read their body keep it.
 */
class IgnoredBodyTest {

    private static final int LIMIT = 64 * 1024;

    @TempDir
    Path dir;

    RawSession session;

    @BeforeEach
    void start() throws Exception {
        session = RawSession.to(RunningServer.start(dir, b -> b.maxBodyBytes(LIMIT)));
    }

    @AfterEach
    void stop() throws Exception {
        session.close();
    }

    @Test
    void a_small_body_on_a_get_is_ignored_and_the_connection_serves_the_next_request() throws Exception {
        byte[] body = "{\"ignored\":true}".getBytes(StandardCharsets.US_ASCII);
        session.out.write(RawHttp.head("GET", "/health", "Content-Length: " + body.length));
        session.out.write(body);
        session.out.flush();
        RawHttp.Answer first = session.answer();
        session.out.write(RawHttp.head("GET", "/health", "Transfer-Encoding: chunked"));
        RawHttp.writeChunk(session.out, body);
        RawHttp.writeChunk(session.out, new byte[0]);
        session.out.flush();
        RawHttp.Answer second = session.answer();

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.body()).contains("\"status\":\"ok\"");
        assertThat(second.status()).as("the same connection, its body read to the end: " + second.body())
            .isEqualTo(200);
        assertThat(second.body()).contains("\"status\":\"ok\"");
    }

    @Test
    void a_get_that_declares_a_body_over_the_limit_is_refused_with_413_before_the_body_is_sent() throws Exception {
        session.out.write(RawHttp.head("GET", "/v1/streams/order-1", "Content-Length: " + (LIMIT + 1)));
        session.out.flush(); // and not one byte of the body

        RawHttp.Answer answer = session.answer();

        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertThat(answer.body()).contains("\"code\":\"payload_too_large\"").contains("of " + (LIMIT + 1) + " bytes");
        assertThat(answer.headers()).contains("connection: close");
        assertThat(session.closedByServer()).as("the server hung up instead of waiting for the body").isTrue();
    }

    @Test
    void a_get_with_a_chunked_body_that_keeps_growing_past_the_limit_is_refused_before_it_ends() throws Exception {
        session.out.write(RawHttp.head("GET", "/health", "Transfer-Encoding: chunked"));
        RawHttp.writeChunksPast(session.out, LIMIT);

        RawHttp.Answer answer = session.answer();

        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertThat(answer.body()).contains("\"code\":\"payload_too_large\"").contains(Integer.toString(LIMIT));
        assertThat(answer.headers()).contains("connection: close");
        assertThat(session.closedByServer()).as("the server hung up instead of reading the rest").isTrue();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"GET, /metrics, 200", "GET, /v1/nothing-here, 404", "PUT, /health, 405"})
    void an_answer_that_reads_no_body_closes_the_connection_rather_than_read_a_body_that_never_ends(
            String method, String path, int status) throws Exception {
        // one write: the server may answer (and close) as soon as it has the head, before a later write arrives
        session.out.write(
            headAndFirstChunk(RawHttp.head(method, path, "Transfer-Encoding: chunked"), "{\"never\":\"ends\"}"));
        session.out.flush(); // and no last chunk

        RawHttp.Answer answer = session.answer();

        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers()).contains("connection: close");
        assertThat(session.closedByServer()).as("the server hung up instead of reading on").isTrue();
    }

    @Test
    void a_refusal_for_a_missing_key_closes_the_connection_rather_than_read_a_body_that_never_ends(
            @TempDir Path keyed) throws Exception {
        try (RunningServer withKeys = RunningServer.start(keyed, b -> b.maxBodyBytes(LIMIT).apiKeys(AuthTest.KEYS));
             Socket s = RawHttp.connect(InetAddress.getLoopbackAddress(), withKeys.server.port())) {
            OutputStream o = s.getOutputStream();
            o.write(headAndFirstChunk(RawHttp.head("POST", "/v1/streams/order-1/events", "Transfer-Encoding: chunked"),
                "{\"entityType\":"));
            o.flush(); // and no last chunk

            RawHttp.Answer answer = RawHttp.Answer.read(s.getInputStream());

            assertThat(answer.status()).as(answer.body()).isEqualTo(401);
            assertThat(answer.headers()).contains("connection: close");
            assertThat(RawHttp.closedByServer(s)).as("the server hung up instead of reading on").isTrue();
        }
    }

    /** A request's head and the first chunk of its body, to be sent in one write. */
    private static byte[] headAndFirstChunk(byte[] head, String chunk) throws IOException {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(head);
        RawHttp.writeChunk(both, chunk.getBytes(StandardCharsets.US_ASCII));
        return both.toByteArray();
    }

    @Test
    void routes_that_read_their_body_keep_the_connection_for_the_next_request() throws Exception {
        byte[] event = IdempotencyTest.EVENT.getBytes(StandardCharsets.UTF_8);
        // answered on the I/O thread, then on a worker (a keyed append), then a SQL query on a worker
        session.out.write(RawHttp.head("POST", "/v1/streams/order-1/events", "Content-Type: application/json",
            "Content-Length: " + event.length));
        session.out.write(event);
        session.out.flush();
        RawHttp.Answer inline = session.answer();
        session.out.write(RawHttp.head("POST", "/v1/streams/order-1/events", "Content-Type: application/json",
            "Idempotency-Key: k-1", "Transfer-Encoding: chunked"));
        RawHttp.writeChunk(session.out, event);
        RawHttp.writeChunk(session.out, new byte[0]);
        session.out.flush();
        RawHttp.Answer keyed = session.answer();
        byte[] query = "{\"sql\":\"SELECT COUNT(*) AS n FROM events\"}".getBytes(StandardCharsets.UTF_8);
        session.out.write(
            RawHttp.head("POST", "/v1/sql", "Content-Type: application/json", "Content-Length: " + query.length));
        session.out.write(query);
        session.out.flush();
        RawHttp.Answer sql = session.answer();

        assertThat(inline.status()).as(inline.body()).isEqualTo(201);
        assertThat(keyed.status()).as(keyed.body()).isEqualTo(201);
        assertThat(sql.status()).as(sql.body()).isEqualTo(200);
        assertThat(sql.body()).contains("2");
        for (RawHttp.Answer a : List.of(inline, keyed, sql)) {
            assertThat(a.headers()).doesNotContain("connection: close");
        }
    }

    @Test
    void a_body_sent_after_100_continue_and_a_jdbc_message_keep_the_connection_too() throws Exception {
        byte[] query = "{\"sql\":\"SELECT COUNT(*) AS n FROM events\"}".getBytes(StandardCharsets.UTF_8);
        session.out.write(RawHttp.head("POST", "/v1/sql", "Content-Type: application/json", "Expect: 100-continue",
            "Content-Length: " + query.length));
        session.out.flush();
        RawHttp.Answer interim = session.answer();
        session.out.write(query);
        session.out.flush();
        RawHttp.Answer sql = session.answer();
        // not a protobuf message: /jdbc reads it whole and answers with an error response
        byte[] message = "{\"request\":\"openConnection\"}".getBytes(StandardCharsets.UTF_8);
        session.out.write(RawHttp.head("POST", "/jdbc", "Content-Length: " + message.length));
        session.out.write(message);
        session.out.flush();
        RawHttp.Answer jdbc = session.answer();
        session.out.write(RawHttp.head("GET", "/health"));
        session.out.flush();
        RawHttp.Answer health = session.answer();

        assertThat(interim.status()).isEqualTo(100);
        assertThat(sql.status()).as(sql.body()).isEqualTo(200);
        assertThat(health.status()).as("the same connection: " + health.body()).isEqualTo(200);
        for (RawHttp.Answer a : List.of(sql, jdbc)) {
            assertThat(a.headers()).doesNotContain("connection: close");
        }
    }

    @Test
    void a_delete_with_a_chunked_body_over_the_limit_is_refused_and_drops_nothing() throws Exception {
        assertThat(session.running.client.post("/v1/projections", ProjectionRoutesTest.CREATE).status()).isEqualTo(201);

        session.out.write(RawHttp.head("DELETE", "/v1/projections/customer_totals", "Transfer-Encoding: chunked"));
        RawHttp.writeChunksPast(session.out, LIMIT);
        RawHttp.Answer answer = session.answer();

        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertThat(session.running.client.get("/v1/projections/customer_totals/status").status())
            .as("the projection is still there").isEqualTo(200);
    }
}
