package dev.hindsight.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.hindsight.http.HindsightServer;
import dev.hindsight.http.ServerExtensions;
import dev.hindsight.http.server.ServerConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The thin driver's link to the real server (the whole server, {@code HindsightServer}): one keep-alive connection
 * per JDBC connection, replaced when the server has closed it while idle.
 */
class RemoteLinkTest {

    @TempDir
    Path dir;

    /**
     * Given a connection, when the server stops, and when another starts on the same port and directory (which does
     * not know the connection), then {@code isValid} says false, as a pool needs to hear to drop it: Avatica's answered
     * true without asking. The database's properties then fail as every call does, with an {@code SQLException}.
     */
    @Test
    void isValidAsksTheServer_falseOnceItStoppedAndAfterARestart() throws Exception {
        ServerConfig config = ServerConfig.builder(dir).port(0).build();
        HindsightServer first = new HindsightServer(config, ServerExtensions.none()).start();
        int port = first.port();
        try (Connection c = ThinDriver.connect("jdbc:hindsight://127.0.0.1:" + port, new Properties())) {
            assertThat(c.isValid(5)).isTrue();
            first.close();
            assertThat(c.isValid(5)).isFalse();
            assertThat(c.isClosed()).as("closed only by its owner").isFalse();
            assertThatThrownBy(() -> c.getMetaData().getSQLKeywords()).isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08006");
            assertThatThrownBy(c::getSchema).isInstanceOf(SQLException.class);

            try (HindsightServer second = new HindsightServer(ServerConfig.builder(dir).port(port).build(),
                ServerExtensions.none()).start()) {
                assertThat(second.port()).isEqualTo(port);
                assertThat(c.isValid(5)).as("a connection the new server never opened").isFalse();
                try (Connection fresh = ThinDriver.connect("jdbc:hindsight://127.0.0.1:" + port, new Properties())) {
                    assertThat(fresh.isValid(0)).isTrue();
                }
            }
        } finally {
            first.close();
        }
    }

    @Test
    void aLinkTheServerClosedWhileIdleIsReplacedAndTheNextStatementRuns() throws Exception {
        ServerConfig config = ServerConfig.builder(dir).port(0).idleTimeout(Duration.ofMillis(200)).build();
        try (HindsightServer server = new HindsightServer(config, ServerExtensions.none()).start();
             Connection c = ThinDriver.connect("jdbc:hindsight://127.0.0.1:" + server.port(), new Properties());
             PreparedStatement insert = c.prepareStatement(
                 "INSERT INTO events (stream_id, entity_type, name, data) VALUES (?, 'order', 'order.placed', '{}')")) {
            insert.setString(1, "order-1");
            assertThat(insert.executeUpdate()).isEqualTo(1);

            // not synchronisation: the point is a link left idle past the server's idle timeout (200 ms) and past the
            // age (1 s) after which the driver checks a link before it sends on it
            Thread.sleep(1_500);
            insert.setString(1, "order-2");

            assertThat(insert.executeUpdate()).isEqualTo(1);
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM events")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).as("each INSERT ran once").isEqualTo(2);
            }
        }
    }

    /**
     * Given a server that accepts the connection and never answers, when a client connects under
     * {@code DriverManager.setLoginTimeout}, then the connection fails with 08001 once that time has passed, as with
     * PostgreSQL's driver: it waited for good. The limit is the opening's only: a connection opened under it runs on.
     */
    @Test
    void aServerThatNeverAnswersTheOpeningFailsItAfterTheLoginTimeout() throws Exception {
        int before = DriverManager.getLoginTimeout();
        DriverManager.setLoginTimeout(1);
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String url = "jdbc:hindsight://127.0.0.1:" + silent.getLocalPort();
            SQLException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> catchThrowableOfType(SQLException.class, () -> ThinDriver.connect(url, new Properties())));
            assertThat(e == null ? "connected" : e.getSQLState()).isEqualTo("08001");

            try (HindsightServer server = new HindsightServer(ServerConfig.builder(dir).port(0).build(),
                     ServerExtensions.none()).start();
                 Connection c = ThinDriver.connect("jdbc:hindsight://127.0.0.1:" + server.port(), new Properties());
                 ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM events")) {
                assertThat(rs.next()).isTrue();
            }
        } finally {
            DriverManager.setLoginTimeout(before);
        }
    }
}
