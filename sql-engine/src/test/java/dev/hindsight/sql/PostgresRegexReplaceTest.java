package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code REGEXP_REPLACE} as PostgreSQL's: given the fixture's streams, when a statement replaces by a pattern, then
 * it gets PostgreSQL 15's answers (Calcite's read a POSIX class as a set of letters, and a missing group was XX000).
 */
class PostgresRegexReplaceTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:2");

    @Test
    void givenAPosixClass_whenReplaced_thenItIsTheClassNotItsLetters() throws SQLException {
        assertThat(sql.rows("SELECT REGEXP_REPLACE('note-001', '[[:upper:]]', ''), "
            + "REGEXP_REPLACE('a1b2', '[[:digit:]]', '#', 'g'), REGEXP_REPLACE('x]y', '[]]', '-'), "
            + "REGEXP_REPLACE('a b.c', '[^[:alpha:]]', '', 'g')")).containsExactly("note-001, a#b#, x-y, abc");
        assertThat(sql.rows("SELECT REGEXP_REPLACE(stream_id || '.x!', '[[:punct:]]', '_', 'g') FROM events "
            + "WHERE seq = 1")).containsExactly("a_x_");
    }

    @Test
    void givenAReplacement_whenItRefersToGroups_thenTheirTextAndNothingForAGroupThereIsNot() throws SQLException {
        assertThat(sql.rows("SELECT REGEXP_REPLACE('Ghent', 'G', '\\1'), REGEXP_REPLACE('Ghent', '(.)', '<\\2>'), "
            + "REGEXP_REPLACE('abc', '(b)', '[\\1\\&\\\\$1]'), REGEXP_REPLACE('ABC', 'b', 'x', 'gi'), "
            + "REGEXP_REPLACE('aaa', 'a', 'b'), REGEXP_REPLACE('a.b', '.', '-', 'gq')"))
            .containsExactly("hent, <>hent, a[bb\\$1]c, AxC, baa, a-b");
        assertThat(sql.rows("SELECT REGEXP_REPLACE(CAST(NULL AS VARCHAR), 'a', 'b'), "
            + "REGEXP_REPLACE('a' || CHR(10) || 'b', 'a.b', 'x'), "
            + "REGEXP_REPLACE('a' || CHR(10) || 'b', '^b', 'x', 'n')"))
            .containsExactly("null, x, a\nx");
    }

    /** Java's $ matched before a last line break, and \r, U+0085, U+2028 were line breaks too. */
    @Test
    void givenALineBreakAtTheEnd_whenADollarIsMatched_thenItIsTheVeryEndUnlessNewlineSensitiveAndOnlyLfBreaks()
            throws SQLException {
        assertThat(sql.rows("SELECT 'a' || CHR(10) ~ 'a$', 'a' || CHR(10) ~ '^a$', 'a' ~ 'a$', "
            + "'a' || CHR(13) ~ 'a$', SUBSTRING('ab' || CHR(10) FROM 'b$'), "
            + "REGEXP_REPLACE('a' || CHR(10), 'a$', 'X'), REGEXP_REPLACE('a' || CHR(10) || 'b', 'a$', 'X', 'n'), "
            + "REGEXP_REPLACE('a' || CHR(13) || 'b', 'a$', 'X', 'n'), REGEXP_REPLACE('a' || CHR(13) || 'b', 'a.b', "
            + "'X', 'n'), REGEXP_REPLACE('x$y', '[$]', '-')"))
            .containsExactly("false, false, true, false, null, a\n, X\nb, a\rb, X, x-y");
    }

    /** Java's find stepped one UTF-16 unit past an empty match, cutting a character beyond the BMP in two. */
    @Test
    void givenAPatternMatchingNothing_whenReplacedEverywhere_thenCharactersBeyondTheBmpStayWhole() throws SQLException {
        assertThat(sql.rows("SELECT REGEXP_REPLACE('\uD83D\uDE00', '', '-', 'g'), "
            + "REGEXP_REPLACE('a\uD83D\uDE00b', 'x*', '-', 'g'), REGEXP_REPLACE('aaa', 'a*', '-', 'g')"))
            .containsExactly("-\uD83D\uDE00-, -a-\uD83D\uDE00-b-, --");
    }

    @Test
    void givenABadOptionOrClass_whenReplaced_then22023Or2201BNamingIt() {
        SQLException option = catchThrowableOfType(SQLException.class,
            () -> sql.rows("SELECT REGEXP_REPLACE('a', 'a', 'b', 'z')"));
        assertThat(option.getSQLState()).isEqualTo("22023");
        assertThat(option.getMessage()).contains("\"z\"");
        SQLException cls = catchThrowableOfType(SQLException.class,
            () -> sql.rows("SELECT REGEXP_REPLACE('a', '[[:nope:]]', 'b')"));
        assertThat(cls.getSQLState()).isEqualTo("2201B");
        assertThat(cls.getMessage()).contains("[:nope:]");
    }
}
