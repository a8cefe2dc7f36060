package dev.hindsight.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.http.auth.Role;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Statements with parameters kept prepared on their pooled connection, as a JDBC pool's statement cache keeps them:
 * the same text on the same connection is the same statement, until DDL changes the schema, until
 * {@link SqlConnections#PREPARED_PER_CONNECTION} more recent texts push it out, or until its connection is closed.
 */
class SqlConnectionsPreparedTest {

    @TempDir
    Path dir;

    @Test
    void theSameTextOnTheSameConnectionIsTheSameStatementUntilTheSchemaChanges() throws Exception {
        SqlConnections pool = new SqlConnections("jdbc:hindsight:file:" + dir, "process", Duration.ZERO, 1);
        Connection c = pool.acquire(Role.ADMIN);
        String sql = "SELECT COUNT(*) FROM events WHERE stream_id = ?";
        PreparedStatement first = pool.prepared(c, sql);
        first.setString(1, "a");
        assertThat(pool.prepared(c, sql)).isSameAs(first);

        try (Statement ddl = c.createStatement()) {
            ddl.execute("CREATE PROJECTION n AS SELECT COUNT(*) AS n FROM events");
        }
        PreparedStatement again = pool.prepared(c, sql);
        assertThat(again).as("prepared again under the new schema").isNotSameAs(first);
        assertThat(first.isClosed()).isTrue();
        pool.release(Role.ADMIN, c, true);
        pool.close();
    }

    @Test
    void theLeastRecentlyUsedIsClosedBeyondTheLimitAndAllWithTheirConnection() throws Exception {
        SqlConnections pool = new SqlConnections("jdbc:hindsight:file:" + dir, "process", Duration.ZERO, 1);
        Connection c = pool.acquire(Role.READ);
        PreparedStatement oldest = pool.prepared(c, "SELECT ? + 0");
        PreparedStatement used = pool.prepared(c, "SELECT ? + 1");
        for (int i = 2; i <= SqlConnections.PREPARED_PER_CONNECTION; i++) {
            pool.prepared(c, "SELECT ? + " + i);
            assertThat(pool.prepared(c, "SELECT ? + 1")).isSameAs(used); // used again: the most recent
        }
        assertThat(oldest.isClosed()).isTrue();
        assertThat(used.isClosed()).isFalse();

        pool.release(Role.READ, c, false);
        assertThat(used.isClosed()).as("closed with its connection").isTrue();
        pool.close();
    }
}
