package dev.hindsight.sql;

import dev.hindsight.testkit.JdbcMisuseContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.io.TempDir;

/** The embedded driver's answers to a caller's misuse of JDBC ({@link JdbcMisuseContract}). */
class JdbcMisuseTest extends JdbcMisuseContract {

    @TempDir
    Path dir;

    @Override
    protected Connection connect() throws SQLException {
        return SqlFixture.connect("jdbc:hindsight:file:" + dir, new Properties());
    }
}
