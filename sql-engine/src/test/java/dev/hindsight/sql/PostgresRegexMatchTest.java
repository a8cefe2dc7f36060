package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ~}, {@code ~*}, {@code !~}, {@code !~*} and {@code REGEXP_REPLACE} read letters, case and classes as
 * PostgreSQL 15 does in a UTF-8 database ({@link PostgresRegexMatch}): Calcite's operators were ASCII only, so a
 * filter on a name with an accent left its rows out.
 */
class PostgresRegexMatchTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:2");

    @Test
    void givenLettersBeyondAscii_whenMatched_thenCaseWordsAndClassesAreUnicodes() throws SQLException {
        assertThat(sql.rows("SELECT 'Ärger' ~* 'ärger', 'ΟΔΟΣ' ~* 'οδοσ', 'Ärger' ~ '^\\w+$', "
            + "'Ärger' ~ '^[[:alpha:]]+$', 'ärger' ~ '^[[:lower:]]', 'Ärger' !~* 'ÄRGER', 'x' !~ 'y'"))
            .containsExactly("true, true, true, true, true, false, true");
        assertThat(sql.rows("SELECT REGEXP_REPLACE('Ärger', '\\w+', 'X'), "
            + "REGEXP_REPLACE('Crème Brûlée', '\\W', '_', 'g')")).containsExactly("X, Crème_Brûlée");
        // but digits are ASCII's, and white space too (Java's Unicode classes count other scripts' digits: ٣, ３)
        assertThat(sql.rows("SELECT '٣' ~ '\\d', '３' ~ '^\\d$', REGEXP_REPLACE('a٣b', '\\d', 'X'), "
            + "'\u00A0' ~ '\\s', 'a-b' ~ '^[\\w-]+$'")).containsExactly("false, false, a٣b, false, true");
        // PostgreSQL's word boundaries (Java refused \y: 2201B)
        assertThat(sql.rows("SELECT 'foo bar' ~ '\\ybar\\y', 'foobar' ~ '\\ybar', 'foo bar' ~ '\\mbar\\M'"))
            .containsExactly("true, false, true");
        // other scripts' digits are word characters (glibc's alnum), a letter beyond the BMP ends a word, a space
        // beyond ASCII's is one, and \B is a backslash, as in PostgreSQL; a boundary inside brackets is 2201B
        assertThat(sql.rows("SELECT '٣' ~ '^\\w$', 'x\uD835\uDC00 y' ~ '\\M ', REGEXP_REPLACE('a' || CHR(8195) || 'b', "
            + "'\\s', '_'), 'a\\b' ~ 'a\\Bb', 'ab' || CHR(10) ~ 'ab\\Z'"))
            .containsExactly("true, true, a_b, true, false");
        assertThat(sql.refusal("SELECT 'a' ~ '[\\y]'").getSQLState()).isEqualTo("2201B");
    }

    @Test
    void givenRowsWithAccents_whenFilteredByAMatch_thenEveryMatchingRowIsKept() throws SQLException {
        sql.update("INSERT INTO events (stream_id, entity_type, name, data) VALUES ('Ärger-1', 't', 'x.y', '{}'), "
            + "('ärger-2', 't', 'x.y', '{}'), ('other-3', 't', 'x.y', '{}')");
        assertThat(sql.rows("SELECT stream_id FROM events WHERE stream_id ~* '^ärger' ORDER BY seq"))
            .containsExactly("Ärger-1", "ärger-2");
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE stream_id !~ '^[[:upper:]]'")).containsExactly("4");
        assertThat(sql.refusal("SELECT 'a' ~ '('").getSQLState()).isEqualTo("2201B");
    }

    @Test
    void givenSubstringFromText_whenRun_thenItIsTheRegularExpressionsMatchAsPostgres() throws SQLException {
        // Calcite read the text as a position: SUBSTRING('abc123' FROM '1') was abc123, FROM '[0-9]+' 22018
        assertThat(sql.rows("SELECT SUBSTRING('abc123' FROM '1'), SUBSTRING('order-00042' FROM '[0-9]+$'), "
            + "SUBSTRING('order-00042' FROM 'r(d)e'), SUBSTRING('abc' FROM 'x'), SUBSTRING('abcdef' FROM 2 FOR 3), "
            + "SUBSTRING('abc' FROM 2)")).containsExactly("1, 00042, d, null, bcd, bc");
        assertThat(sql.refusal("SELECT SUBSTRING(stream_id FROM '(') FROM events").getSQLState()).isEqualTo("2201B");
    }
}
