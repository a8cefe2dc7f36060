package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The thin driver ({@code jdbc:hindsight://}, the jdbc-driver module's classes as this class path holds them) against
 * the real server: when the link breaks under an open connection because the server stopped, each call fails with
 * SQLState {@code 08006} (connection failure) and a message naming the server, never a stack trace, while closing
 * statements and the connection succeeds quietly; connecting where no server listens is {@code 08001}.
 */
class ThinDriverLinkTest {

    private static final String INSERT = "INSERT INTO events (stream_id, entity_type, name, data) "
        + "VALUES (?, 'order', 'order.placed', '{}')";

    @TempDir
    Path dir;

    @Test
    void calls_after_the_server_stopped_fail_with_08006_naming_the_server_and_closing_is_quiet() throws Exception {
        RunningServer running = RunningServer.start(dir);
        String address = "127.0.0.1:" + running.server.port();
        Connection c = DriverManager.getConnection("jdbc:hindsight://" + address);
        try {
            Statement query = c.createStatement();
            PreparedStatement insert = c.prepareStatement(INSERT);
            insert.setString(1, "order-1");
            assertThat(insert.executeUpdate()).isEqualTo(1);
            Statement onCompletion = c.createStatement();
            onCompletion.closeOnCompletion(); // its result set's close closes it (and tells the server)
            ResultSet open = onCompletion.executeQuery("SELECT seq FROM events");

            running.close();

            // the first call meets the link the server closed, the next ones a server that refuses a new link
            SQLException closed = catchThrowableOfType(SQLException.class,
                () -> query.executeQuery("SELECT COUNT(*) FROM events"));
            SQLException refused = catchThrowableOfType(SQLException.class, insert::executeUpdate);
            SQLException newStatement = catchThrowableOfType(SQLException.class, c::createStatement);

            assertLinkFailure("executeQuery", closed, address);
            assertLinkFailure("executeUpdate", refused, address);
            assertLinkFailure("createStatement", newStatement, address);

            // closing tells the server, which is gone: done here, quietly, as PostgreSQL's driver does
            closeAllAndSeeThemClosed(open, onCompletion, insert, query, c);
        } finally {
            closeQuietly(c);
        }
    }

    /**
     * A server shutting down answers every new message 503 (57P01) while a request it had taken finishes; a close in
     * that window failed with 57P01, so {@code try (PreparedStatement ps = …) { ps.executeUpdate(); }} threw after the
     * INSERT was appended, and a caller retrying it appended it twice.
     */
    @Test
    void closing_while_the_server_shuts_down_is_quiet() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ServerExtensions holding = ServerExtensions.none().withEventsSubscribe(context -> exchange -> exchange.dispatch(
            () -> HeldAnswer.answerWhenReleased(exchange, entered, release)));
        RunningServer running = RunningServer.start(dir, UnaryOperator.identity(), holding);
        String address = "127.0.0.1:" + running.server.port();
        Connection c = DriverManager.getConnection("jdbc:hindsight://" + address);
        CompletableFuture<Void> closing = null;
        CompletableFuture<HttpResponse<String>> held = null;
        try {
            Statement query = c.createStatement();
            PreparedStatement insert = c.prepareStatement(INSERT);
            insert.setString(1, "order-1");
            assertThat(insert.executeUpdate()).isEqualTo(1);
            Statement onCompletion = c.createStatement();
            onCompletion.closeOnCompletion();
            ResultSet open = onCompletion.executeQuery("SELECT seq FROM events");
            held = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create("http://" + address
                + "/v1/events/subscribe")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

            closing = CompletableFuture.runAsync(running::close);
            SQLException refused = null;
            for (int i = 0; i < 10_000 && refused == null; i++) {
                try (ResultSet rs = query.executeQuery("VALUES 1")) { // answered until close() has begun
                    assertThat(rs.next()).isTrue();
                } catch (SQLException e) {
                    refused = e;
                }
            }
            assertThat((Object) refused).as("a message refused once close() began").isNotNull();
            assertThat(refused.getSQLState()).as(refused.getMessage()).isEqualTo("57P01");

            closeAllAndSeeThemClosed(open, onCompletion, insert, query, c);
        } finally {
            release.countDown();
            closeQuietly(c);
            if (closing != null) {
                closing.get(30, TimeUnit.SECONDS);
                assertThat(held.get(30, TimeUnit.SECONDS).body()).as("the request in flight").isEqualTo("done");
            } else {
                running.close();
            }
        }
    }

    @Test
    void connecting_where_the_server_stopped_fails_with_08001_naming_the_server() throws Exception {
        RunningServer running = RunningServer.start(dir);
        String address = "127.0.0.1:" + running.server.port();
        running.close();

        SQLException e = catchThrowableOfType(SQLException.class,
            () -> DriverManager.getConnection("jdbc:hindsight://" + address));

        assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("08001");
        assertThat(e.getMessage()).contains("Hindsight server at " + address).doesNotContain("\n");
    }

    private static void assertLinkFailure(String call, SQLException e, String address) {
        assertThat((Throwable) e).as(call + " fails").isNotNull();
        assertThat(e.getSQLState()).as(call + ": " + e.getMessage()).isEqualTo("08006");
        assertThat(e.getMessage()).as(call).contains("Hindsight server at " + address).doesNotContain("\tat ")
            .doesNotContain("\n");
    }

    /** Closes {@code c} if a failed assertion left it open; that close fails too, and must not hide the assertion. */
    /** Closes {@code open} (and so {@code onCompletion}), the statements and {@code c}: each quietly, each closed. */
    private static void closeAllAndSeeThemClosed(ResultSet open, Statement onCompletion, Statement insert,
                                                 Statement query, Connection c) throws SQLException {
        open.close();
        insert.close();
        query.close();
        c.close();
        assertThat(onCompletion.isClosed()).isTrue();
        assertThat(insert.isClosed()).isTrue();
        assertThat(query.isClosed()).isTrue();
        assertThat(c.isClosed()).isTrue();
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // the server is gone: closing cannot tell it
        }
    }
}
