package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.log.EventLog;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * JDBC conformance, URLs (SPEC §4): {@code mem:NAME} is one in-memory log shared by the JVM's connections to that
 * name, gone when the last one closes; plain {@code mem:} is private to its connection.
 */
class JdbcUrlsTest {

    private static final String INSERT = InsertTest.COLUMNS + "VALUES ('s', 't', 'x.y', '{}', NULL, NULL)";

    @Test
    void aNamedMemoryLogIsSharedByItsConnectionsUntilTheLastCloses() throws SQLException {
        try (Connection one = connect("mem:shared-by-name"); Connection two = connect("mem:shared-by-name");
             Connection other = connect("mem:another-name")) {
            assertThat(one.createStatement().executeUpdate(INSERT)).isEqualTo(1);
            assertThat(count(two)).isEqualTo(1);
            assertThat(count(other)).isZero();
        }
        try (Connection again = connect("mem:shared-by-name")) {
            assertThat(count(again)).as("a new log once the last connection closed").isZero();
        }
    }

    @Test
    void plainMemIsPrivateToItsConnection() throws SQLException {
        try (Connection one = connect("mem:"); Connection two = connect("mem:")) {
            one.createStatement().executeUpdate(INSERT);
            assertThat(count(one)).isEqualTo(1);
            assertThat(count(two)).isZero();
        }
    }

    @Test
    void connectionsToOneNameUnwrapToTheOneLogTheyShare() throws SQLException {
        try (Connection one = connect("mem:unwrapped"); Connection two = connect("mem:unwrapped")) {
            assertThat(one.isWrapperFor(EventLog.class)).isTrue();
            EventLog log = one.unwrap(EventLog.class);
            assertThat(two.unwrap(EventLog.class)).isSameAs(log);

            one.createStatement().executeUpdate(INSERT);

            assertThat(log.headSeq()).isEqualTo(1);
        }
    }

    private static Connection connect(String target) throws SQLException {
        return SqlFixture.connect("jdbc:hindsight:" + target, new Properties());
    }

    private static long count(Connection c) throws SQLException {
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT COUNT(*) FROM events")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
