package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code LEFT} and {@code RIGHT} as PostgreSQL's: given the fixture's streams a (3 events), b (2), c (1), when a
 * statement takes the ends of text, then it gets PostgreSQL's answer; Calcite's gave the empty text for a negative
 * length and did not run with a BIGINT one (0A000).
 */
class TextEndsTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:3", "b:2", "c:1");

    @Test
    void givenALength_whenLeftOrRight_thenTheAnswerIsPostgresqls() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT LEFT('hello', 2), RIGHT('hello', 2), LEFT('hello', -2), "
            + "RIGHT('hello', -2), LEFT('hello', 9), RIGHT('hello', -9), LEFT('hello', 0), "
            + "LEFT(CAST(NULL AS VARCHAR), 1), RIGHT('x', CAST(NULL AS INTEGER))"))
            .containsExactly("he, lo, hel, llo, hello, , , null, null");
    }

    @Test
    void givenABigintLengthOrAParameter_whenLeftOrRight_thenEachRowGetsItsOwn() throws SQLException {
        assertThat(sql.rows("SELECT LEFT(name, version), RIGHT(name, -version) FROM events WHERE seq <= 3 "
            + "ORDER BY seq"))
            .containsExactly("t, hing.odd", "th, ing.even", "thi, ng.odd");
        assertThat(sql.rows("SELECT LEFT(?, ?)", "hello", 3)).containsExactly("hel");
    }

    @Test
    void givenCharactersBeyondUtf16Units_whenLeftOrRight_thenNoneIsCutInTwo() throws SQLException {
        String text = "a\uD83D\uDE00b"; // a, an emoji of two UTF-16 units, b: three characters
        assertThat(sql.rows("SELECT LEFT(?, 2), RIGHT(?, 2), LEFT(?, -1)", text, text, text))
            .containsExactly("a\uD83D\uDE00, \uD83D\uDE00b, a\uD83D\uDE00");
    }
}
