package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PostgreSQL's {@code btrim}, two-operand {@code ltrim}/{@code rtrim} and {@code trunc} ({@link PostgresSpellings}):
 * given text and numbers, when trimmed or truncated in PostgreSQL's spelling, then PostgreSQL 15's answers for the
 * same values, named as PostgreSQL names them (Calcite refused each, 42883).
 */
class TrimAndTruncateTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest();

    @Test
    void givenTextAndCharacters_whenTrimmedInPostgresSpelling_thenEachCharacterTakenOffInAnyOrder()
        throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT btrim('xyaxyx', 'xy'), ltrim('yxa', 'xy'), rtrim('xaabba', 'ab'), "
            + "btrim('  a  '), ltrim('  a'), rtrim('a  ')")).containsExactly("a, a, x, a, a, a");
        assertThat(sql.rows("SELECT BTRIM(?, ?)", "xxaxx", "x")).containsExactly("a");
        assertThat(sql.rows("SELECT btrim(?, 'x')", (Object) null)).containsExactly("null");
    }

    @Test
    void givenNumbers_whenTruncated_thenTowardZero() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT trunc(2.57), trunc(-2.57), trunc(2.5789, 2), trunc(257, -1), "
            + "TRUNC(CAST(2.75 AS DOUBLE))")).containsExactly("2, -2, 2.57, 250, 2.0");
        assertThat(sql.rows("SELECT TRUNC(?, 1)", new BigDecimal("2.57"))).containsExactly("2.5");
    }

    @Test
    void givenTheseFunctions_whenNamed_thenAsInPostgres() throws SQLException {
        try (var st = sql.connection.createStatement(); var rs = st.executeQuery("SELECT btrim('a'), ltrim('a', 'b'), "
            + "rtrim('a', 'b'), trunc(1.5)")) {
            assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("btrim");
            assertThat(rs.getMetaData().getColumnLabel(2)).isEqualTo("ltrim");
            assertThat(rs.getMetaData().getColumnLabel(3)).isEqualTo("rtrim");
            assertThat(rs.getMetaData().getColumnLabel(4)).isEqualTo("trunc");
        }
    }
}
