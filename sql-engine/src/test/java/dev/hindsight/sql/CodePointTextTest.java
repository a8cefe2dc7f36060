package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Text functions count a character beyond the BMP (an emoji, two UTF-16 units) as one, as PostgreSQL does
 * ({@link CodePointText}): given text with and without such characters, when measured, searched, cut, overlaid,
 * padded or cast to a length, as literals, columns or parameters, then PostgreSQL 15's answers (Calcite's counted
 * units: {@code CHAR_LENGTH('😀')} was 2, and a cut through a character printed {@code ?}).
 */
class CodePointTextTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:1");

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiterString = "→", textBlock = """
        CHAR_LENGTH('😀'), CHARACTER_LENGTH('a😀'), LENGTH('😀'), CHAR_LENGTH('')     → 1, 2, 1, 0
        POSITION('a' IN '😀a'), STRPOS('😀a', 'a'), POSITION('' IN '😀a'), POSITION('x' IN '😀') → 2, 2, 1, 0
        SUBSTRING('😀ab' FROM 2 FOR 1), SUBSTR('😀ab', 2, 1), SUBSTRING('a😀b' FROM 2)       → a, a, 😀b
        SUBSTRING('😀😀😀' FROM -1 FOR 3), SUBSTRING('😀ab' FROM 5), SUBSTRING('😀ab' FROM 0) → 😀, , 😀ab
        OVERLAY('😀ab' PLACING 'x' FROM 2 FOR 1), OVERLAY('😀😀' PLACING 'x' FROM 4)         → 😀xb, 😀😀x
        CAST('😀😀' AS VARCHAR(1)), CONCAT(CAST('😀' AS CHAR(3)), '|'), LPAD('x', 3, '😀')   → 😀, 😀  |, 😀😀x
        RPAD('😀', 3, 'ab'), LPAD('😀😀😀', 2), LEFT('😀ab', 1), RIGHT('ab😀', 1)           → 😀ab, 😀😀, 😀, 😀
        SUBSTRING('abc' FROM 5), SUBSTRING('abc' FROM -1 FOR 3), SUBSTRING('abc' FROM 2 FOR 100) → , a, bc
        OVERLAY('abc' PLACING 'xy' FROM 5), OVERLAY('abc' PLACING 'xy' FROM 2 FOR 0)        → abcxy, axybc
        CONCAT(CAST('ab' AS CHAR(4)), '|'), CAST('abcdef' AS VARCHAR(3))                   → ab  |, abc
        """)
    void givenTextWithAndWithoutCharactersBeyondTheBmp_whenAsked_thenAsPostgres(String calls, String expected)
            throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT " + calls)).containsExactly(expected);
    }

    @Test
    void givenAColumnAndParameters_whenCutAndSearched_thenCountedInCharacters() throws SQLException {
        sql.update("INSERT INTO events (stream_id, entity_type, name, data) VALUES ('e', 't', 'thing😀x', '{}')");
        assertThat(sql.rows("SELECT SUBSTRING(name FROM ? FOR ?), CHAR_LENGTH(name), POSITION(? IN name), "
            + "CAST(name AS VARCHAR(6)), LPAD(name, 8, '*') FROM events WHERE stream_id = 'e'", 2, 5, "x"))
            .containsExactly("hing😀, 7, 7, thing😀, *thing😀x");
    }

    @Test
    void givenALengthBeyond65536_whenCastTo_thenTheTextIsCutThereAndNoSooner() throws SQLException {
        // Calcite's longest VARCHAR, 65,536, was applied to the declared length without a word
        sql.update("INSERT INTO events (stream_id, entity_type, name, data) VALUES ('long', 't', 'x', '{\"s\":\""
            + "a".repeat(70_000) + "\"}')");
        // (a CHAR cut, not padded: PostgreSQL's LENGTH of a padded CHAR leaves the blanks out, Hindsight's counts them)
        assertThat(sql.rows("SELECT LENGTH(CAST(data AS VARCHAR(100000))), LENGTH(CAST(data AS VARCHAR(70005))), "
            + "LENGTH(CAST(data AS CHAR(70005))), LENGTH(data) FROM events WHERE stream_id = 'long'"))
            .containsExactly("70008, 70005, 70005, 70008");
    }

    @Test
    void givenANegativeLength_whenCut_then22011() {
        for (String call : new String[] {"SUBSTRING('😀' FROM 1 FOR -1)", "SUBSTRING('abc' FROM 1 FOR -1)",
            "OVERLAY('abc' PLACING 'x' FROM 0)"}) {
            SQLException e = sql.refusal("SELECT " + call);
            assertThat(e.getSQLState()).as(call).isEqualTo("22011");
            assertThat(e.getMessage()).as(call).contains("negative substring length not allowed");
        }
    }
}
