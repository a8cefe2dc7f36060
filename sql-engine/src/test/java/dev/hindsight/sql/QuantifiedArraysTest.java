package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A value compared with the elements of an array written out ({@code = ANY (ARRAY[…])}, {@code <> ALL}, …): given
 * events 1 to 3, when the array holds a NULL, then the answer is PostgreSQL 15's, three-valued (psql's answers
 * written in); Calcite's run-time comparison failed on the NULL element with XX000.
 */
class QuantifiedArraysTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest();

    @BeforeEach
    void givenThreeEvents() throws SQLException {
        sql.update("INSERT INTO events (stream_id, entity_type, name, data) VALUES ('a', 't', 'n', '{}'), "
            + "('b', 't', 'n', '{}'), ('c', 't', 'n', '{}')");
    }

    @Test
    void whenTheArrayHoldsANull_thenAnyAndAllAreThreeValued() throws SQLException {
        assertThat(sql.rows("SELECT seq FROM events WHERE seq = ANY (ARRAY[1, NULL, 3]) ORDER BY seq"))
            .containsExactly("1", "3");
        assertThat(sql.rows("SELECT seq, seq = ANY (ARRAY[1, NULL]), seq <> ALL (ARRAY[1, NULL]) FROM events "
            + "ORDER BY seq")).containsExactly("1, true, false", "2, null, null", "3, null, null");
        assertThat(sql.rows("SELECT seq, seq < SOME (ARRAY[2, 3]), seq >= ALL (ARRAY[2, 3]) FROM events ORDER BY seq"))
            .containsExactly("1, true, false", "2, true, false", "3, false, true");
    }

    @Test
    void whenTheArrayIsCastOrItsElementsAreCoerced_thenEachElementIsComparedAsCast() throws SQLException {
        assertThat(sql.rows("SELECT seq FROM events WHERE seq = ANY (CAST(ARRAY[1.4, 2.6] AS INTEGER ARRAY)) "
            + "ORDER BY seq")).containsExactly("1", "3");
        assertThat(sql.rows("SELECT seq FROM events WHERE seq = ANY (ARRAY['1', '2']) ORDER BY seq"))
            .containsExactly("1", "2");
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE DATE '2024-01-01' = ANY (ARRAY['2024-01-01'])"))
            .containsExactly("3");
    }

    @Test
    void whenAnElementIsAParameter_thenItIsComparedAsTheOthers() throws SQLException {
        assertThat(sql.rows("SELECT seq FROM events WHERE seq = ANY (ARRAY[?, 3]) ORDER BY seq", 1L))
            .containsExactly("1", "3");
        assertThat(sql.rows("SELECT seq FROM events WHERE seq <> ALL (ARRAY[?, 3]) ORDER BY seq", 1L))
            .containsExactly("2");
    }
}
