package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code REVERSE} and {@code TO_HEX} as PostgreSQL's (they were 42883): given the fixture's streams a (3 events),
 * b (2), c (1), when a statement calls them, then it gets PostgreSQL 15's answers.
 */
class PostgresTextFunctionsTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:3", "b:2", "c:1");

    @Test
    void givenText_whenReversed_thenItsCharactersInReverseOrderKeepingEachWhole() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT REVERSE('abc'), REVERSE(''), REVERSE(CAST(NULL AS VARCHAR))"))
            .containsExactly("cba, , null");
        String text = "a\uD83D\uDE00b"; // a, an emoji of two UTF-16 units, b
        assertThat(sql.rows("SELECT REVERSE(?)", text)).containsExactly("b\uD83D\uDE00a");
        assertThat(sql.rows("SELECT REVERSE(CONCAT(stream_id, 'xy')) FROM events WHERE stream_id = 'b' "
            + "ORDER BY version")).containsExactly("yxb", "yxb");
    }

    @Test
    void givenIntegers_whenToHex_thenNegativesAreTwosComplementInTheirOwnWidth() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT TO_HEX(255), TO_HEX(0), TO_HEX(-1), TO_HEX(CAST(-1 AS BIGINT)), "
            + "TO_HEX(CAST(-1 AS SMALLINT)), TO_HEX(9223372036854775807), TO_HEX(CAST(NULL AS INTEGER))"))
            .containsExactly("ff, 0, ffffffff, ffffffffffffffff, ffffffff, 7fffffffffffffff, null");
        assertThat(sql.rows("SELECT TO_HEX(seq * 10) FROM events WHERE seq IN (1, 2) ORDER BY seq"))
            .containsExactly("a", "14");
    }

    @Test
    void givenANumberPostgresRefuses_whenSplitPartOrChrTakesIt_thenItsError() throws SQLException {
        // Calcite's SPLIT_PART of field 0 was '', its CHR(0) a NUL character and CHR(55296) half a surrogate pair
        assertThat(sql.refusal("SELECT SPLIT_PART('a,b', ',', 0)").getSQLState()).isEqualTo("22023");
        for (String code : new String[] {"0", "55296", "57343", "1114112", "-1"}) {
            assertThat(sql.refusal("SELECT CHR(" + code + ")").getSQLState()).as(code).isEqualTo("54000");
        }
        assertThat(sql.rows("SELECT SPLIT_PART('a,b,c', ',', 2), SPLIT_PART('a,b,c', ',', -1), CHR(66), CHR(128512), "
            + "CHR(CAST(NULL AS INTEGER))")).containsExactly("b, c, B, \uD83D\uDE00, null");
    }
}
