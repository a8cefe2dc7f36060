package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code UPPER}, {@code LOWER} and {@code INITCAP} map one character at a time, as PostgreSQL 15 does with its default
 * (libc) collation provider ({@link CharacterCase}): Calcite's made {@code ß} two letters, a final sigma, and broke an
 * {@code INITCAP} word at every accented letter.
 */
class CharacterCaseTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:1");

    @Test
    void givenLettersBeyondAscii_whenInitcapped_thenEachWordStartsUpperAndGoesOnLowerAsPostgres()
            throws SQLException {
        assertThat(sql.rows("SELECT INITCAP('crème brûlée'), INITCAP('àb àb'), INITCAP('ΟΔΟΣ'), "
            + "INITCAP('hello wORLD-foo_bar 1st'), INITCAP('aⅻb')"))
            .containsExactly("Crème Brûlée, Àb Àb, Οδοσ, Hello World-Foo_Bar 1st, Aⅻb");
    }

    @Test
    void givenLettersWithoutASingleCaseMapping_whenUpperOrLower_thenEachCharacterAloneAsPostgres()
            throws SQLException {
        assertThat(sql.rows("SELECT UPPER('straße'), CHAR_LENGTH(UPPER('straße')), LOWER('ΟΔΟΣ'), UPPER(stream_id) "
            + "FROM events")).containsExactly("STRAßE, 6, οδοσ, A");
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE UPPER(stream_id) = 'A' AND LOWER(UPPER(stream_id)) = "
            + "stream_id")).containsExactly("1");
    }
}
