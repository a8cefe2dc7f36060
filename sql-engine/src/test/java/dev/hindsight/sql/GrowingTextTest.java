package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ||} and {@code REPLACE} never past {@link PaddedText#MAX_LENGTH}: given the fixture's streams a (3 events),
 * b (2), c (1), when a statement builds text, then it gets the answer it got before, or 54000 for text too long, where
 * a statement of capped pieces filled the heap and the server died ({@code REPLACE} of 60 million characters, each
 * by 30) or the client got an empty answer (text past Java's longest string).
 */
class GrowingTextTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:3", "b:2", "c:1");

    @Test
    void givenText_whenJoinedOrReplaced_thenTheAnswerIsAsBefore() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT 'ab' || 'cd', 'ab' || CAST(NULL AS VARCHAR), REPLACE('aaa', 'a', 'bb'), "
            + "REPLACE('abc', '', 'x'), REPLACE('AbA', 'a', 'z'), REPLACE('abab', 'ab', ''), "
            + "REPLACE(CAST(NULL AS VARCHAR), 'a', 'b'), CAST('a' AS CHAR(3)) || 'b'"))
            .containsExactly("abcd, null, bbbbbb, abc, AbA, , null, a  b");
        assertThat(sql.rows("SELECT stream_id || '-' || seq, REPLACE(stream_id, 'b', 'xyz') FROM events "
            + "WHERE seq >= 4 ORDER BY seq")).containsExactly("b-4, xyz", "b-5, xyz", "c-6, c");
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE stream_id || 'x' = ?", "ax")).containsExactly("3");
    }

    @Test
    void givenTextThatWouldBeTooLong_whenJoinedOrReplaced_then54000AndNothingIsMade() throws SQLException {
        for (String query : new String[] {"SELECT CHAR_LENGTH(REPLACE(REPEAT('x', 60000000), 'x', REPEAT('y', 30)))",
            "SELECT CHAR_LENGTH(REPEAT('x', 60000000) || REPEAT('y', 60000000))",
            "SELECT CHAR_LENGTH(REPLACE(REPEAT(stream_id, 1000000), stream_id, REPEAT('y', 10000))) FROM events",
            "SELECT CHAR_LENGTH(REPEAT(stream_id, 40000000) || REPEAT(stream_id, 40000000)) FROM events",
            "SELECT CHAR_LENGTH(REGEXP_REPLACE(REPEAT('x', 3000000), 'x', REPEAT('y', 23), 'g'))"}) {
            SQLException e = catchThrowableOfType(SQLException.class, () -> sql.rows(query));
            assertThat((Throwable) e).as(query).isNotNull();
            assertThat(e.getSQLState()).as(query).isEqualTo("54000");
            assertThat(e.getMessage()).as(query).contains("requested length too large");
        }
        assertThat(sql.rows("SELECT CHAR_LENGTH(REPEAT('x', 30000000) || REPEAT('y', 30000000)), "
            + "CHAR_LENGTH(REPLACE(REPEAT('x', 1000000), 'x', 'abc'))")).as("within the limit")
            .containsExactly("60000000, 3000000");
    }
}
