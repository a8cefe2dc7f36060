package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The internal connection property {@code access} (the role of the API key the server authenticated): a read
 * connection refuses every kind of INSERT, a write connection refuses projection DDL, each with 42501 naming the role
 * it has and the one it needs, and nothing is written; an embedded connection without the property may do everything.
 */
class AccessPropertyTest {

    private static final String INSERT = InsertTest.COLUMNS + "VALUES ('r', 't', 'x.y', '{}', NULL, NULL)";
    private static final String CREATE = "CREATE PROJECTION per_stream AS SELECT stream_id, COUNT(*) AS n "
        + "FROM events GROUP BY stream_id";

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:1");

    @Test
    void aReadConnectionRefusesEveryKindOfInsertWith42501AndWritesNothing() throws SQLException {
        try (Connection read = connect("read")) {
            SQLException plain = refusal(() -> update(read, INSERT));
            assertThat(plain.getSQLState()).isEqualTo("42501");
            assertThat(plain.getMessage()).contains("read role").contains("write role");
            try (PreparedStatement ps = read.prepareStatement(
                InsertTest.COLUMNS + "VALUES (?, 't', 'x.y', '{}', NULL, NULL)")) {
                ps.setString(1, "r");
                assertThat(refusal(ps::executeUpdate).getSQLState()).as("a prepared INSERT").isEqualTo("42501");
                ps.addBatch();
                assertThat(refusal(ps::executeBatch).getSQLState()).as("a batch").isEqualTo("42501");
            }
            assertThat(refusal(() -> update(read, CREATE)).getSQLState()).as("DDL").isEqualTo("42501");
            try (Statement st = read.createStatement()) {
                assertThat(SqlFixture.text(st.executeQuery("SELECT COUNT(*) FROM events"))).containsExactly("1");
            }
        }
        assertThat(sql.rows("SELECT COUNT(*) FROM events")).as("nothing written").containsExactly("1");
    }

    @Test
    void aWriteConnectionAppendsButRefusesProjectionDdl() throws SQLException {
        try (Connection write = connect("write")) {
            assertThat(update(write, INSERT)).isEqualTo(1);
            SQLException ddl = refusal(() -> update(write, CREATE));
            assertThat(ddl.getSQLState()).isEqualTo("42501");
            assertThat(ddl.getMessage()).contains("admin role").contains("write role");
            assertThat(refusal(() -> update(write, "DROP PROJECTION IF EXISTS per_stream")).getSQLState())
                .isEqualTo("42501");
        }
        assertThat(sql.rows("SELECT COUNT(*) FROM sys.projections")).containsExactly("0");
    }

    @Test
    void anAdminConnectionAndOneWithoutThePropertyMayDoEverything() throws SQLException {
        try (Connection admin = connect("admin")) {
            assertThat(update(admin, INSERT)).isEqualTo(1);
            update(admin, CREATE);
        }
        assertThat(sql.update(INSERT)).isEqualTo(1);
        sql.update("DROP PROJECTION per_stream");
    }

    @Test
    void anUnknownAccessLevelIsRefusedNamingTheValue() {
        SQLException e = refusal(() -> connect("root").close());
        assertThat(e.getSQLState()).isEqualTo("22023");
        assertThat(e.getMessage()).contains("access").contains("'root'");
    }

    private Connection connect(String access) throws SQLException {
        Properties p = new Properties();
        p.setProperty("access", access);
        return SqlFixture.connect(sql.url(), p);
    }

    private static int update(Connection c, String statement) throws SQLException {
        try (Statement st = c.createStatement()) {
            return st.executeUpdate(statement);
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    private static SQLException refusal(Call call) {
        return catchThrowableOfType(SQLException.class, call::run);
    }
}
