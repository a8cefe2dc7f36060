package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hindsight.http.jdbc.JdbcEndpoint;
import dev.hindsight.sql.jdbc.RemoteLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /jdbc} refuses a body over its own limit ({@link RemoteLimits#maxRequestBytes()}) with {@code 413} as
 * soon as it is known to be over, from its {@code Content-Length} or while counting a chunked body, and closes the
 * connection with the rest unread; the thin driver, whose request the server stops reading, reports that {@code 413}.
 */
class JdbcBodyLimitTest {

    private static final int LIMIT = 64 * 1024;

    @TempDir
    Path dir;

    RawSession session;

    @BeforeEach
    void start() throws Exception {
        ServerExtensions smallJdbcLimit = ServerExtensions.none().withJdbc(context -> {
            Properties engine = new Properties();
            engine.setProperty("durability", context.config().durability().name().toLowerCase(Locale.ROOT));
            RemoteLimits limits = new RemoteLimits(4, Duration.ofMinutes(1), 100, Duration.ofMinutes(1), 1000, LIMIT);
            try {
                return JdbcEndpoint.over(context.config().dataDir(), engine, context.config().apiKeys(), limits);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        session = RawSession.to(RunningServer.start(dir, b -> b, smallJdbcLimit));
    }

    @AfterEach
    void stop() throws Exception {
        session.close();
    }

    @Test
    void a_chunked_body_many_times_the_limit_is_refused_with_413_before_it_is_all_sent() throws Exception {
        session.out.write(RawHttp.head("POST", "/jdbc", "Content-Type: application/octet-stream",
            "Transfer-Encoding: chunked"));
        byte[] chunk = new byte[4096];
        long whole = 1_000L * LIMIT; // far more than the sockets' buffers hold: the writes wait for the server to read
        long sent = 0;
        try {
            while (sent < whole) {
                RawHttp.writeChunk(session.out, chunk);
                sent += chunk.length;
            }
            RawHttp.writeChunk(session.out, new byte[0]);
            session.out.flush();
        } catch (IOException e) {
            // the server closed the connection with the rest of the body unread, as it should
        }

        RawHttp.Answer answer = session.answer();

        assertThat(sent).as("bytes sent before the server stopped reading").isLessThan(whole);
        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertThat(answer.body()).contains("\"code\":\"payload_too_large\"").contains(Integer.toString(LIMIT));
        assertThat(answer.headers()).contains("connection: close");
    }

    @Test
    void a_body_declared_over_the_limit_is_refused_with_413_before_it_is_sent_and_the_connection_closed()
            throws Exception {
        session.out.write(RawHttp.head("POST", "/jdbc", "Content-Type: application/octet-stream",
            "Content-Length: " + (LIMIT + 1)));
        session.out.flush(); // and not one byte of the body

        RawHttp.Answer answer = session.answer();

        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertThat(answer.body()).contains("of " + (LIMIT + 1) + " bytes");
        assertThat(answer.headers()).contains("connection: close");
        assertThat(session.closedByServer()).as("the server hung up instead of waiting for the body").isTrue();
    }

    @Test
    void a_thin_driver_request_over_the_limit_fails_with_http_413_though_the_server_hangs_up_before_it_is_sent()
            throws Exception {
        String data = "{\"pad\":\"" + "x".repeat(16 * 1024 * 1024) + "\"}"; // more than the sockets' buffers hold
        try (Connection c = DriverManager.getConnection("jdbc:hindsight://127.0.0.1:" + session.running.server.port());
             PreparedStatement insert = c.prepareStatement("INSERT INTO events (stream_id, entity_type, name, data) "
                 + "VALUES ('order-1', 'order', 'order.placed', ?)")) {
            insert.setString(1, data);

            SQLException e = catchThrowableOfType(SQLException.class, insert::executeUpdate);

            assertThat((Throwable) e).as("the statement fails").isNotNull();
            assertThat(causes(e)).as("what the driver reports").contains("HTTP/413");
            assertThat(e.getSQLState()).as("program limit exceeded").isEqualTo("54000");
        }
        assertThat(session.running.server.context().log().headSeq()).as("nothing appended").isZero();
    }

    /** The messages of {@code e} and its causes, which hold the transport's own words under Avatica's. */
    private static String causes(Throwable e) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append(" / ");
        }
        return messages.toString();
    }
}
