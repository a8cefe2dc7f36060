package dev.hindsight.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing a remote connection closes, on the server, the statements it left open (JDBC: {@code Connection.close()}
 * releases its statements). They stayed in the server's statement cache, each holding the connection's whole session,
 * until idle for ten minutes, and on a server without JDBC traffic longer (a soak found far more sessions held than
 * connections open).
 */
class RemoteConnectionCloseTest {

    @TempDir
    Path dir;

    @Test
    void closingAConnectionClosesTheStatementsAndResultsItLeftOpenOnTheServer() throws Exception {
        try (RemoteServer server = RemoteServer.start(dir);
             Connection other = server.connect(RemoteServer.READ_KEY);
             PreparedStatement kept = other.prepareStatement("SELECT COUNT(*) FROM events")) {
            Connection c = server.connect(RemoteServer.READ_KEY);
            PreparedStatement prepared = c.prepareStatement("SELECT COUNT(*) FROM events WHERE seq > ?");
            Statement plain = c.createStatement();
            plain.setFetchSize(1);
            ResultSet open = plain.executeQuery("SELECT * FROM (VALUES (1), (2), (3)) AS t(n)");
            assertThat(open.next()).isTrue();
            assertThat(prepared.isClosed()).isFalse();
            assertThat(server.openStatements()).isEqualTo(3);

            c.close(); // neither statement closed first

            assertThat(server.openStatements()).as("the other connection's statement only").isEqualTo(1);
            try (ResultSet rs = kept.executeQuery()) {
                assertThat(rs.next()).isTrue();
            }
        }
    }
}
