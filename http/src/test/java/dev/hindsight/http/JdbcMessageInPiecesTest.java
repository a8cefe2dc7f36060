package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /jdbc} reads a message whole however it arrives (the body is read on the I/O thread as it comes, not by a
 * blocked worker): with a declared length or chunked, the head alone first and the body in pieces after, and each
 * answer keeps the connection for the next message.
 */
class JdbcMessageInPiecesTest {

    private static final ProtobufTranslation PROTOBUF = new ProtobufTranslationImpl();

    @TempDir
    Path dir;

    RawSession session;

    @BeforeEach
    void start() throws Exception {
        session = RawSession.to(RunningServer.start(dir, b -> b));
    }

    @AfterEach
    void stop() throws Exception {
        session.close();
    }

    @Test
    void a_message_with_a_declared_length_sent_in_pieces_is_answered_whole() throws Exception {
        String connection = UUID.randomUUID().toString();
        byte[] open = PROTOBUF.serializeRequest(new Service.OpenConnectionRequest(connection, Map.of()));
        session.out.write(RawHttp.head("POST", "/jdbc", "Content-Length: " + open.length));
        session.out.flush();
        int half = open.length / 2;
        session.out.write(open, 0, half);
        session.out.flush();
        session.out.write(open, half, open.length - half);
        session.out.flush();
        RawHttp.Answer opened = session.answer();

        assertOpenedAndKept(opened, connection);
    }

    @Test
    void a_chunked_message_is_answered_whole() throws Exception {
        String connection = UUID.randomUUID().toString();
        byte[] open = PROTOBUF.serializeRequest(new Service.OpenConnectionRequest(connection, Map.of()));
        session.out.write(RawHttp.head("POST", "/jdbc", "Transfer-Encoding: chunked"));
        session.out.flush();
        for (int from = 0; from < open.length; from += 7) {
            byte[] piece = Arrays.copyOfRange(open, from, Math.min(open.length, from + 7));
            RawHttp.writeChunk(session.out, piece);
            session.out.flush();
        }
        RawHttp.writeChunk(session.out, new byte[0]);
        session.out.flush();
        RawHttp.Answer opened = session.answer();

        assertOpenedAndKept(opened, connection);
    }

    @Test
    void a_message_over_undertows_default_entity_limit_and_within_ours_is_answered() throws Exception {
        String connection = UUID.randomUUID().toString();
        // 3 MiB: over Undertow's default entity limit (2 MiB), within the endpoint's (16 MiB)
        byte[] open = PROTOBUF.serializeRequest(
            new Service.OpenConnectionRequest(connection, Map.of("user", "x".repeat(3 << 20))));
        session.out.write(RawHttp.head("POST", "/jdbc", "Content-Length: " + open.length));
        session.out.write(open);
        session.out.flush();
        RawHttp.Answer opened = session.answer();

        assertOpenedAndKept(opened, connection);
    }

    @Test
    void a_client_gone_mid_message_has_its_exchange_ended() throws Exception {
        session.out.write(RawHttp.head("POST", "/jdbc", "Content-Length: 100"));
        session.out.write(new byte[10]);
        session.out.flush();
        session.socket.close();

        // the exchange ends although no answer can go out: it is counted (as ended unanswered), and a graceful
        // shutdown does not wait for it
        session.running.awaitAbortedCounted("POST /jdbc", Duration.ofSeconds(10));
    }

    /** {@code opened} answers an openConnection, and the connection serves the next message. */
    private void assertOpenedAndKept(RawHttp.Answer opened, String connection) throws Exception {
        assertThat(opened.status()).isEqualTo(200);
        assertThat(PROTOBUF.parseResponse(opened.bytes())).isInstanceOf(Service.OpenConnectionResponse.class);
        assertThat(opened.headers()).doesNotContain("connection: close");
        assertThat(statementCreatedOn(connection)).as("the next message on the same connection").isEqualTo(connection);
    }

    /** Creates a statement on {@code connection} over the same socket: the connection it was made on. */
    private String statementCreatedOn(String connection) throws Exception {
        byte[] create = PROTOBUF.serializeRequest(new Service.CreateStatementRequest(connection));
        session.out.write(RawHttp.head("POST", "/jdbc", "Content-Length: " + create.length));
        session.out.write(create);
        session.out.flush();
        RawHttp.Answer answer = session.answer();
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return ((Service.CreateStatementResponse) PROTOBUF.parseResponse(answer.bytes())).connectionId;
    }
}
