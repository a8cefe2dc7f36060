package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code SIMILAR TO} as PostgreSQL 15 matches: given values and patterns whose answers were read from PostgreSQL, when
 * matched as literals, through the plan cache or with the pattern as a parameter, then the same answers (Calcite's
 * took {@code .}, {@code ^} and {@code $} as a regular expression's and had no escape character).
 */
class SimilarPatternsTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:3", "b:2", "c:1");

    @Test
    void givenMarksThatAreLiteralInSqlPatterns_whenMatched_thenAsInPostgres() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT 'abc' SIMILAR TO 'a.c', 'a.c' SIMILAR TO 'a.c', 'a^b' SIMILAR TO 'a^b', "
            + "'a$b' SIMILAR TO 'a$b', 'a\\b' SIMILAR TO 'a\\\\b', 'a{' SIMILAR TO 'a{', 'abc' NOT SIMILAR TO 'a.c'"))
            .containsExactly("false, true, true, true, true, true, true");
    }

    @Test
    void givenTheBackslashOrAnEscapeOfTheStatement_whenMatched_thenTheNextCharacterIsLiteral() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT 'a%' SIMILAR TO 'a\\%', 'ab' SIMILAR TO 'a\\%', "
            + "'a.c' SIMILAR TO 'a#.c' ESCAPE '#', 'a\\' SIMILAR TO 'a\\' ESCAPE '', '5' SIMILAR TO '\\d', "
            + "'d' SIMILAR TO '\\d', 'abc' SIMILAR TO 'a\\\"b\\\"c'"))
            .containsExactly("true, false, true, true, true, false, true");
    }

    @Test
    void givenTheOperatorsOfSqlPatterns_whenMatched_thenAsInPostgres() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT 'abc' SIMILAR TO '(a|x)bc', 'aa' SIMILAR TO 'a{2}', "
            + "'ab' SIMILAR TO 'a|b', 'AB' SIMILAR TO 'ab', 'b' SIMILAR TO '[[:alpha:]]', ']' SIMILAR TO '[]]', "
            + "'a-' SIMILAR TO '[a\\-]-', 'x' SIMILAR TO '[^a]', '^' SIMILAR TO '[\\^]', '' SIMILAR TO '%', "
            + "'a' || CHR(10) || 'b' SIMILAR TO 'a_b', 'é' SIMILAR TO '[[:alpha:]]'"))
            .containsExactly("true, true, false, false, true, true, true, true, true, true, true, true");
    }

    @Test
    void givenCharacterClassesAndRegularExpressionEscapes_whenMatched_thenAsInPostgres() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT '$' SIMILAR TO '[[:punct:]]', '+' SIMILAR TO '[[:punct:]]', "
            + "'٣' SIMILAR TO '\\d', '٣' SIMILAR TO '[[:digit:]]', '‿' SIMILAR TO '\\w', "
            + "CHR(160) SIMILAR TO '[[:space:]]', 'a' SIMILAR TO '[[:ascii:]]', 'é' SIMILAR TO '[[:word:]]', "
            + "'a' SIMILAR TO '[[.a.]]', 'a' SIMILAR TO '[[=a=]]'"))
            .containsExactly("true, true, false, false, false, false, true, true, true, true");
        assertThat(sql.rowsOfStatement("SELECT CONCAT('a', CHR(9), 'b') SIMILAR TO 'a\\tb', 'atb' SIMILAR TO 'a\\tb', "
            + "CONCAT('a', CHR(10)) SIMILAR TO 'a\\n', 'A' SIMILAR TO '\\x41', 'ab' SIMILAR TO 'a\\Yb', "
            + "'a' SIMILAR TO '\\a', 'a.b' SIMILAR TO 'a😀.b' ESCAPE '😀', 'ac' SIMILAR TO 'a|b\\\"c\\\"', "
            + "'!x' SIMILAR TO '[!-/]%', 'a-z' SIMILAR TO '[!-/]%'"))
            .containsExactly("true, false, true, true, true, false, true, true, true, false");
        assertThat(sql.rowsOfStatement("SELECT 'x' SIMILAR TO '[\\D]', '5' SIMILAR TO '[\\D]', "
            + "'a' SIMILAR TO '[\\W]', 'é' SIMILAR TO '\\mé', 'a{٣' SIMILAR TO 'a{٣', 'aa' SIMILAR TO 'a*?', "
            + "'aaa' SIMILAR TO 'a{1,2}?a'")).containsExactly("true, false, false, true, true, true, true");
    }

    @Test
    void givenAPatternOnAColumn_whenQueriedAsLiteralCachedOrBound_thenTheSameRows() throws SQLException {
        String query = "SELECT seq FROM events WHERE name SIMILAR TO 'thing.(odd|ev_n)' ORDER BY seq";
        assertThat(sql.rowsOfStatement(query)).containsExactly("1", "2", "3", "4", "5", "6");
        assertThat(sql.rowsOfStatement(query)).as("from the plan cache").containsExactly("1", "2", "3", "4", "5", "6");
        assertThat(sql.rows("SELECT seq FROM events WHERE name SIMILAR TO ? ORDER BY seq", "thing\\_odd")).isEmpty();
        assertThat(sql.rows("SELECT seq FROM events WHERE name SIMILAR TO ? ORDER BY seq", "thing.o%"))
            .containsExactly("1", "3", "5");
        assertThat(sql.rows("SELECT seq FROM events WHERE name NOT SIMILAR TO ? ORDER BY seq", "%.odd"))
            .containsExactly("2", "4", "6");
    }

    @Test
    void givenAnEscapeOfTwoCharacters_whenMatched_then22025() {
        SQLException e = sql.refusal("SELECT seq FROM events WHERE name SIMILAR TO 'x' ESCAPE ?", "ab");
        assertThat(e.getSQLState()).isEqualTo("22025");
        assertThat(e.getMessage()).contains("'ab'").contains("empty or one character");
    }

    @Test
    void givenAPatternThatIsNoRegularExpression_whenMatched_then2201bNamingIt() {
        for (String pattern : new String[] {"(a", "[a", "[[:nosuch:]]", "\\q", "a{1", "a{256}", "a{2,1}", "a*+",
            "a{1}{2}", "\\x٣"}) {
            assertRefused(pattern, "2201B");
        }
        assertRefused("a\\\"b\\\"c\\\"", "2200C"); // three separators, as PostgreSQL's invalid use of escape
    }

    private void assertRefused(String pattern, String state) {
        SQLException e = sql.refusal("SELECT seq FROM events WHERE name SIMILAR TO ?", pattern);
        assertThat(e.getSQLState()).as(pattern).isEqualTo(state);
        assertThat(e.getMessage()).as(pattern).contains(pattern);
    }

    @Test
    void givenManyPatternsInTurn_whenMatched_thenEachAnswersForItself() throws SQLException {
        // more patterns than the cache keeps, twice over: the cache starts again, never answers for another pattern
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < SimilarPatterns.CACHED + 10; i++) {
                assertThat(SimilarPatterns.similar("x" + i, "x" + i)).isTrue();
                assertThat(SimilarPatterns.similar("x" + i, "x" + (i + 1))).isFalse();
            }
        }
    }
}
