package dev.hindsight.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.http.HindsightServer;
import dev.hindsight.http.ServerExtensions;
import dev.hindsight.http.server.ServerConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
}
