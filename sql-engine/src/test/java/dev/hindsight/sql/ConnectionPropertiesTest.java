package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How an embedded URL opens its log: the durability property, and one log per directory however it is named. */
class ConnectionPropertiesTest {

    @TempDir
    Path dir;

    private static Properties durability(String value) {
        Properties p = new Properties();
        p.setProperty("durability", value);
        return p;
    }

    private static void insert(Connection c, String stream) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO events (stream_id, entity_type, name, data) VALUES ('" + stream
                + "', 'thing', 'a.b', '{}')");
        }
    }

    private static long count(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM events")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aConnectionWithDurabilityFsyncAppendsAndReads() throws SQLException {
        try (Connection c = SqlFixture.connect("jdbc:hindsight:file:" + dir, durability("fsync"))) {
            insert(c, "s-1");
            assertThat(count(c)).isEqualTo(1);
        }
    }

    @Test
    void anUnknownDurabilityIsRefusedWithSqlState22023() {
        assertThatThrownBy(() -> SqlFixture.connect("jdbc:hindsight:mem:", durability("sometimes")))
            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22023"))
            .hasMessageContaining("durability must be process or fsync, was 'sometimes'");
    }

    @Test
    void aSecondConnectionAskingAnotherDurabilityOfAnOpenLogIsRefused() throws SQLException {
        try (Connection c = SqlFixture.connect("jdbc:hindsight:file:" + dir, new Properties())) {
            assertThatThrownBy(() -> SqlFixture.connect("jdbc:hindsight:file:" + dir, durability("fsync")))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"))
                .hasMessageContaining("open in this JVM with durability process, not fsync");
            assertThat(count(c)).isZero();
        }
    }

    @Test
    void connectionsThroughASymlinkShareTheLogOfTheDirectory() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), data);
        try (Connection direct = SqlFixture.connect("jdbc:hindsight:file:" + data, new Properties());
             Connection viaLink = SqlFixture.connect("jdbc:hindsight:file:" + link, new Properties())) {
            insert(direct, "s-1");
            insert(viaLink, "s-2");
            assertThat(count(direct)).isEqualTo(2);
            assertThat(count(viaLink)).isEqualTo(2);
        }
    }
}
