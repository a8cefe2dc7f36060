package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.testkit.JdbcMisuseContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded driver's answers to a caller's misuse of JDBC ({@link JdbcMisuseContract}), and by label as by index:
 * a getter naming a label no column has is 42703 too.
 */
class JdbcMisuseTest extends JdbcMisuseContract {

    @TempDir
    Path dir;

    @Override
    protected Connection connect() throws SQLException {
        return SqlFixture.connect("jdbc:hindsight:file:" + dir, new Properties());
    }

    @Test
    void aGetterByALabelNoColumnHasIs42703() throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT 1 AS one")) {
            assertThat(rs.next()).isTrue();
            SQLException e = failsWith("42703", "its columns are one", () -> rs.getString("two"));
            assertThat(e.getMessage()).contains("\"two\"");
            assertThat(rs.getInt("ONE")).as("a label matches ignoring case").isEqualTo(1);
        }
    }
}
