package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code LIKE} patterns as PostgreSQL reads them: given the fixture's events (names {@code thing.odd} and
 * {@code thing.even}), when a pattern escapes with a backslash or the statement's escape character, as a literal,
 * through the plan cache or as a parameter, or is matched by {@code ILIKE} with letters beyond ASCII, then it matches
 * what PostgreSQL 15 matches (Calcite's LIKE had no escape character: nothing matched; its ILIKE knew ASCII's case).
 */
class LikePatternsTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:3", "b:2", "c:1");

    @Test
    void givenABackslashInAPattern_whenMatched_thenItEscapesAsInPostgres() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT 'a.b' LIKE 'a\\.b', '50%' LIKE '50\\%', 'axb' LIKE 'a\\_b', "
            + "'a_b' LIKE 'a\\_b', 'a\\b' LIKE 'a\\\\b', 'ABC' ILIKE 'a\\bc', '5x' NOT LIKE '5\\%', "
            + "'a%' LIKE 'a!%' ESCAPE '!'")).containsExactly("true, true, false, true, true, true, true, true");
        for (String pattern : new String[] {"thing\\.odd", "thing\\.o%", "t_ing\\.od_"}) {
            String query = "SELECT seq FROM events WHERE name LIKE '" + pattern + "' ORDER BY seq";
            assertThat(sql.rowsOfStatement(query)).as(pattern).containsExactly("1", "3", "5");
            assertThat(sql.rowsOfStatement(query)).as(pattern + ", from the plan cache").containsExactly("1", "3", "5");
            assertThat(sql.rows("SELECT seq FROM events WHERE name LIKE ? ORDER BY seq", pattern)).as(pattern)
                .containsExactly("1", "3", "5");
        }
    }

    @Test
    void givenAnEscapeOfTheStatement_whenItEscapesAnyCharacter_thenThatCharacterAsInPostgres() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT 'ab' LIKE 'aXb' ESCAPE 'X', 'a%' LIKE 'aX%' ESCAPE 'X', "
            + "'aX' LIKE 'aXX' ESCAPE 'X', 'a\\b' LIKE 'a\\b' ESCAPE 'X', 'a\\b' LIKE 'a\\b' ESCAPE '', "
            + "'a_' LIKE 'a\\_' ESCAPE '', 'AB' ILIKE 'aXb' ESCAPE 'X'"))
            .containsExactly("true, true, true, true, true, false, true");
        assertThat(sql.rows("SELECT seq FROM events WHERE name LIKE ? ESCAPE ? ORDER BY seq", "thing#.ev#en", "#"))
            .containsExactly("2", "4", "6");
        SQLException e = sql.refusal("SELECT seq FROM events WHERE name LIKE 'x' ESCAPE ?", "ab");
        assertThat(e.getSQLState()).isEqualTo("22025");
        assertThat(e.getMessage()).contains("'ab'");
    }

    @Test
    void givenLettersBeyondAscii_whenMatchedWithIlike_thenWithoutCaseAsInPostgres() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT 'ÄB' ILIKE 'äb', 'ÄB' NOT ILIKE 'äb', 'ÉTÉ' ILIKE 'é_é', "
            + "'Straße' ILIKE 'STRASSE', 'ÄB' LIKE 'äb', 'ΟΔΟΣ' ILIKE 'οδοσ', 'ΟΔΟΣ' ILIKE '%Σ', 'İ' ILIKE '_', "
            + "'a%b' LIKE 'a😀%b' ESCAPE '😀'"))
            .containsExactly("true, false, true, false, false, true, true, true, true");
        assertThat(sql.rows("SELECT seq FROM events WHERE name ILIKE ? ORDER BY seq", "THING.Ö%")).isEmpty();
        assertThat(sql.rows("SELECT seq FROM events WHERE name ILIKE ? ORDER BY seq", "THING.O%"))
            .containsExactly("1", "3", "5");
    }

    @Test
    void givenALineEndInTheText_whenAnUnderscoreMeetsIt_thenItIsACharacterAsInPostgres() throws SQLException {
        // Calcite's _ was a regular expression's '.', which matches no line end: 'a' || CHR(10) || 'b' LIKE 'a_b' false
        assertThat(sql.rowsOfStatement("SELECT 'a' || CHR(10) || 'b' LIKE 'a_b', 'A' || CHR(13) || 'B' ILIKE 'a_b', "
            + "'a' || CHR(10) LIKE 'a_', 'a' || CHR(8232) || 'b' LIKE 'a_b', 'a(b' LIKE 'a(_', 'axb' LIKE 'a.b'"))
            .containsExactly("true, true, true, true, true, false");
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE name || CHR(10) || 'x' LIKE ?", "%_x"))
            .containsExactly("6");
    }

    @Test
    void givenAPatternEndingInABackslash_whenMatched_then22025() {
        SQLException e = sql.refusal("SELECT seq FROM events WHERE name LIKE ?", "thing\\");
        assertThat(e.getSQLState()).isEqualTo("22025");
        assertThat(e.getMessage()).contains("LIKE pattern must not end with escape character");
    }
}
