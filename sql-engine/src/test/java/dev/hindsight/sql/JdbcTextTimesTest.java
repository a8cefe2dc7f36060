package dev.hindsight.sql;

import dev.hindsight.testkit.TextTimesContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.io.TempDir;

/** The embedded driver's reads of text as dates and times ({@link TextTimesContract}). */
class JdbcTextTimesTest extends TextTimesContract {

    @TempDir
    Path dir;

    @Override
    protected Connection connect() throws SQLException {
        return SqlFixture.connect("jdbc:hindsight:file:" + dir, new Properties());
    }
}
