package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code REPEAT}, {@code LPAD}, {@code RPAD} as PostgreSQL's, and never past {@link PaddedText#MAX_LENGTH}: given the
 * fixture's streams a (3 events), b (2), c (1), when a statement asks for text, then it gets PostgreSQL's answer, or
 * 54000 for a length too large, where Calcite's own filled the heap ({@code OutOfMemoryError}) or failed with XX000.
 */
class PaddedTextTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:3", "b:2", "c:1");

    @Test
    void givenTextAndALength_whenPaddedOrRepeated_thenTheAnswerIsPostgresqls() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT REPEAT('ab', 3), LPAD('ab', 5, 'xy'), RPAD('ab', 5) || '|', "
            + "LPAD('abcdef', 3), RPAD('abcdef', 3), LPAD('ab', 5, ''), LPAD('ab', -1), REPEAT('x', 0), "
            + "REPEAT(CAST(NULL AS VARCHAR), 2), LPAD('a', CAST(NULL AS INTEGER))"))
            .containsExactly("ababab, xyxab, ab   |, abc, abc, ab, , , null, null");
        assertThat(sql.rows("SELECT REPEAT(stream_id, seq - 3), LPAD(stream_id, seq - 3, 'xy'), "
            + "RPAD(stream_id, seq, '') FROM events WHERE seq >= 4 ORDER BY seq"))
            .as("each row's own length, a negative one too")
            .containsExactly("b, b, b", "bb, xb, b", "ccc, xyc, c");
    }

    @Test
    void givenTextThatMayBeNull_whenPadded_thenTheCallMayBeNullToo() throws SQLException {
        // Calcite typed LPAD/RPAD NOT NULL whatever their operands: COUNT counted the NULLs, COALESCE was dropped,
        // and a sort on one beside another key failed on the NULL (XX000)
        String maybe = "NULLIF(stream_id, 'a')";
        assertThat(sql.rows("SELECT COUNT(LPAD(" + maybe + ", 3, '*')), COUNT(RPAD(" + maybe + ", 3)), "
            + "COALESCE(MIN(RPAD(CAST(NULL AS VARCHAR), 3)), 'none') FROM events")).containsExactly("3, 3, none");
        assertThat(sql.rows("SELECT seq, LPAD(" + maybe + ", 2, '*') FROM events ORDER BY 2 NULLS FIRST, 1"))
            .containsExactly("1, null", "2, null", "3, null", "4, *b", "5, *b", "6, *c");
    }

    @Test
    void givenALengthWithAFractionOrAsAParameter_whenPadded_thenItIsRoundedToAWholeLength() throws SQLException {
        // LPAD's signature takes any number, so a parameter there is a DECIMAL; generated code wanted a whole one
        assertThat(sql.rowsOfStatement("SELECT LPAD('a', 3.5), RPAD('a', 2.4, 'x')")).containsExactly("   a, ax");
        assertThat(sql.rows("SELECT LPAD('a', ?, 'xy'), RPAD(?, ?)", 3, "b", 2)).containsExactly("xya, b ");
        assertThat(sql.rows("SELECT REPEAT(stream_id, ?) FROM events WHERE seq = 1", 3)).containsExactly("aaa");
    }

    @Test
    void givenALengthOverTheLimit_whenAsked_then54000AndTheServerStaysUp() throws SQLException {
        for (String query : new String[] {"SELECT REPEAT('ab', 1000000000)",
            "SELECT REPEAT(stream_id, 100000000) FROM events", "SELECT LPAD(stream_id, 100000000) FROM events",
            "SELECT RPAD('x', 3000000000, 'yz')"}) {
            SQLException e = catchThrowableOfType(SQLException.class, () -> sql.rows(query));
            assertThat((Throwable) e).as(query).isNotNull();
            assertThat(e.getSQLState()).as(query).isEqualTo("54000");
            assertThat(e.getMessage()).contains("requested length too large");
        }
        assertThat(sql.rows("SELECT CHAR_LENGTH(REPEAT('ab', " + PaddedText.MAX_LENGTH / 2 + "))"))
            .as("up to the limit").containsExactly(Integer.toString(PaddedText.MAX_LENGTH));
    }
}
