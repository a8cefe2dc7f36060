package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A correlated scalar sub-query is "more than one row" (21000) only for a row the statement reads: the check was made
 * for every key of the table the sub-query reads, also for those the outer {@code WHERE} removed
 * ({@link JoinedSingleValues}). psql's answers written in. Given streams a (3 events), b (2) and c (1).
 */
class JoinedSingleValuesTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:3", "b:2", "c:1");

    private static final String SEQ_OF = "(SELECT e.seq FROM events e WHERE e.stream_id = s.stream_id)";

    @Test
    void aScalarSubQueryOfOneRowForEachRowReadAnswersThoughOtherKeysHaveMore() throws SQLException {
        assertThat(sql.rows("SELECT s.stream_id, " + SEQ_OF + " FROM streams s WHERE s.stream_id = 'c'"))
            .containsExactly("c, 6");
        assertThat(sql.rows("SELECT s.stream_id, " + SEQ_OF + " + 1 AS n FROM streams s WHERE s.version = 1"))
            .containsExactly("c, 7");
        assertThat(sql.rows("SELECT s.stream_id FROM streams s WHERE s.version < 2 AND " + SEQ_OF + " = 6"))
            .containsExactly("c");
    }

    @Test
    void aScalarSubQueryOfMoreThanOneRowForARowReadIs21000() {
        assertThat(sql.refusal("SELECT s.stream_id, " + SEQ_OF + " FROM streams s").getSQLState())
            .isEqualTo("21000");
        assertThat(sql.refusal("SELECT s.stream_id, " + SEQ_OF + " FROM streams s WHERE s.stream_id = 'b'")
            .getSQLState()).isEqualTo("21000");
        assertThat(sql.refusal("SELECT s.stream_id FROM streams s WHERE " + SEQ_OF + " = 6").getSQLState())
            .isEqualTo("21000");
    }

    @Test
    void aScalarSubQueryOfNoRowIsNullAndOneOfAnAggregateIsItsValue() throws SQLException {
        assertThat(sql.rows("SELECT s.stream_id, (SELECT e.seq FROM events e WHERE e.stream_id = s.stream_id AND "
            + "e.version = 3) FROM streams s ORDER BY 1")).containsExactly("a, 3", "b, null", "c, null");
        assertThat(sql.rows("SELECT s.stream_id, (SELECT MAX(e.seq) FROM events e WHERE e.stream_id = s.stream_id) "
            + "FROM streams s ORDER BY 1")).containsExactly("a, 3", "b, 5", "c, 6");
    }
}
