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
 * Closing over the wire: a statement closed while its connection is open tells the server, one closed after its
 * connection tells it nothing (the server dropped the connection's statements with the connection), and is closed all
 * the same, with its result.
 */
class RemoteCloseTest {

    @TempDir
    Path dir;

    @Test
    void aStatementClosedAfterItsConnectionSendsNothing() throws Exception {
        try (RemoteServer server = RemoteServer.start(dir)) {
            Connection c = server.connect(RemoteServer.WRITE_KEY);
            Statement st = c.createStatement();
            st.executeUpdate(Rows.INSERT + "VALUES ('a', 't', 'x.y', '{}', NULL, 0)", Statement.RETURN_GENERATED_KEYS);
            ResultSet keys = st.getGeneratedKeys(); // read by a statement of its own, closed with its result
            PreparedStatement ps = c.prepareStatement("SELECT seq FROM events WHERE seq > ?");
            ps.setLong(1, 0);
            ResultSet rows = ps.executeQuery();
            Statement closedFirst = c.createStatement();

            int before = server.requests();
            closedFirst.close();
            assertThat(server.requests() - before).as("a statement closed before its connection tells the server")
                .isEqualTo(1);

            c.close();
            before = server.requests();
            keys.close();
            rows.close();
            st.close();
            ps.close();
            assertThat(server.requests() - before).as("requests after the connection's close").isZero();
            assertThat(st.isClosed()).isTrue();
            assertThat(ps.isClosed()).isTrue();
        }
    }

    @Test
    void aStatementLeftOpenWithItsConnectionClosesQuietlyWithItsResult() throws Exception {
        try (RemoteServer server = RemoteServer.start(dir)) {
            Connection c = server.connect(RemoteServer.WRITE_KEY);
            Statement st = c.createStatement();
            ResultSet rs = st.executeQuery("VALUES 1");
            c.close();
            int before = server.requests();
            st.close();
            assertThat(rs.isClosed()).as("the statement's result").isTrue();
            assertThat(server.requests() - before).isZero();
        }
    }
}
