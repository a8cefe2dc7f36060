package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A statement may end with a semicolon, as SPEC §2 writes its examples and PostgreSQL takes them: given a log of two
 * events, when a statement ending with {@code ;} runs as text, prepared or in a batch, then it runs as without it;
 * two statements in one text are still one too many (42601).
 */
class StatementEndTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:2");

    @Test
    void givenAStatementEndingWithASemicolon_whenRun_thenItRunsAsWithout() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT COUNT(*) FROM events;")).containsExactly("2");
        assertThat(sql.rows("SELECT seq FROM events WHERE seq = ? ;\n", 2L)).containsExactly("2");
        assertThat(sql.rowsOfStatement("SELECT 'a;' ; ;")).as("a literal's semicolon stays").containsExactly("a;");
        // SPEC §2's example, as written
        assertThat(sql.update("INSERT INTO events (stream_id, entity_type, name, data, metadata, expected_version)\n"
            + "VALUES ('order-123', 'order', 'order.placed', '{\"total\": 42}', NULL, 0);")).isEqualTo(1);
        try (Statement batch = sql.connection.createStatement()) {
            batch.addBatch("INSERT INTO events (stream_id, entity_type, name, data) VALUES ('b', 't', 'x.y', '{}');");
            assertThat(batch.executeBatch()).containsExactly(1);
        }
        try (PreparedStatement insert = sql.connection.prepareStatement(
                "INSERT INTO events (stream_id, entity_type, name, data) VALUES (?, 't', 'x.y', '{}');")) {
            insert.setString(1, "c");
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
        assertThat(sql.rowsOfStatement("SELECT COUNT(*) FROM events")).containsExactly("5");
    }

    @Test
    void givenTwoStatementsInOneText_whenRun_then42601AndNothingWritten() throws SQLException {
        assertThatThrownBy(() -> sql.update("INSERT INTO events (stream_id, entity_type, name, data) "
            + "VALUES ('b', 't', 'x.y', '{}'); SELECT 1;"))
            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42601"));
        assertThat(sql.rowsOfStatement("SELECT COUNT(*) FROM events")).containsExactly("2");
    }
}
