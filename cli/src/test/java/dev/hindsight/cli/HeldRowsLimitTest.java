package dev.hindsight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What all open transactions hold until their commit is bounded together, not only each one: given a server with a
 * 256 MB heap (room for 32 Mi characters of held events, an eighth of it) and one transaction holding 18 million
 * characters, when another holds more, then its INSERT that would pass the limit is refused with 53200 and nothing of
 * it held, and once the first transaction is closed the second holds on and commits everything it held. One client
 * keeping 45 connections' transactions full (each within its own 64 Mi limit) ran a 6 GB server out of heap.
 */
class HeldRowsLimitTest {

    private static final String INSERT = "INSERT INTO events (stream_id, entity_type, name, data) "
        + "VALUES (?, 'doc', 'doc.written', ?)";
    /** One event's data: 900,000 characters, within the log's 1 MiB for an event. */
    private static final String DATA = "{\"p\":\"" + "x".repeat(900_000 - 8) + "\"}";

    @TempDir
    Path dir;

    @Test
    void theOpenTransactionsOfAllConnectionsHoldAtMostAnEighthOfTheHeap() throws Exception {
        ServeProcess server = ServeProcess.start(List.of("-Xmx256m"), dir.resolve("data"), dir, "held");
        String url = "jdbc:hindsight://127.0.0.1:" + server.port();
        Connection first = DriverManager.getConnection(url);
        try (Connection second = DriverManager.getConnection(url);
             PreparedStatement secondInsert = second.prepareStatement(INSERT)) {
            PreparedStatement firstInsert = first.prepareStatement(INSERT);
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            for (int i = 0; i < 20; i++) {
                hold(firstInsert, "first-" + i);
            }

            int held = 0;
            SQLException refused = null;
            while (refused == null && held < 40) { // 40 events: 36 M characters, within one transaction's 64 Mi
                try {
                    hold(secondInsert, "second-" + held);
                    held++;
                } catch (SQLException e) {
                    refused = e;
                }
            }
            assertThat(refused == null ? "all held" : refused.getSQLState() + " " + refused.getMessage())
                .as("the second transaction, after %d events", held).startsWith("53200 ");
            assertThat(held).as("the first's 18 M and the second's within 32 Mi characters").isBetween(10, 19);

            first.close(); // its transaction's rows go, and their room with them
            hold(secondInsert, "second-" + held);
            held++;
            second.commit();
            try (Connection reader = DriverManager.getConnection(url);
                 ResultSet rs = reader.createStatement().executeQuery(
                     "SELECT COUNT(*), SUM(CASE WHEN stream_id LIKE 'first-%' THEN 1 ELSE 0 END) FROM events")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).as("the second's, all of them").isEqualTo(held);
                assertThat(rs.getLong(2)).as("nothing of the first").isZero();
            }
        } finally {
            first.close();
            server.destroyIfAlive();
        }
    }

    private static void hold(PreparedStatement insert, String stream) throws SQLException {
        insert.setString(1, stream);
        insert.setString(2, DATA);
        assertThat(insert.executeUpdate()).isEqualTo(1);
    }
}
