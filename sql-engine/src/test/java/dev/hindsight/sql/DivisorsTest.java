package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code DIV}, {@code GCD} and {@code LCM} as PostgreSQL's (they were 42883): given the fixture's streams a (3 events),
 * b (2), c (1), when a statement calls them, then it gets PostgreSQL 15's answers, typed as PostgreSQL types them.
 */
class DivisorsTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:3", "b:2", "c:1");

    @Test
    void givenExactNumbers_whenDiv_thenTheWholeQuotientTruncatedTowardZero() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT DIV(7, 2), DIV(-7, 2), DIV(7.5, 2), DIV(-7.5, 2.2), DIV(2, 7), "
            + "DIV(CAST(NULL AS INTEGER), 2)"))
            .containsExactly("3, -3, 3, -3, 0, null");
        assertThat(sql.rows("SELECT seq, DIV(seq, 2) FROM events WHERE seq <= 3 ORDER BY seq"))
            .containsExactly("1, 0", "2, 1", "3, 1");
    }

    @Test
    void givenAZeroDivisor_whenDiv_thenItIs22012() {
        assertThat(sql.refusal("SELECT DIV(7, 0)").getSQLState()).isEqualTo("22012");
        assertThat(sql.refusal("SELECT DIV(seq, seq - 1) FROM events").getSQLState()).isEqualTo("22012");
    }

    @Test
    void givenIntegersAndDecimals_whenGcdOrLcm_thenNeverNegativeAndOfPostgresqlsType() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT GCD(12, 18), GCD(-12, 18), GCD(-12, -18), GCD(0, 0), GCD(0, -5), "
            + "LCM(4, 6), LCM(-4, 6), LCM(0, 5), LCM(0, 0)"))
            .containsExactly("6, 6, 6, 0, 5, 12, 12, 0, 0");
        assertThat(sql.rowsOfStatement("SELECT GCD(1.5, 2.25), GCD(7.0, 0.0), LCM(1.5, 2.25), LCM(1.50, 2)"))
            .as("at the larger scale").containsExactly("0.75, 7.0, 4.50, 6.00");
        assertThat(sql.rowsOfStatement("SELECT GCD(CAST(-2147483648 AS BIGINT), 0), "
            + "LCM(CAST(2147483647 AS BIGINT), 2147483646)"))
            .as("BIGINT answers").containsExactly("2147483648, 4611686011984936962");
        assertThat(sql.rows("SELECT GCD(?, ?), LCM(?, 1.0), GCD(?, 1.5), DIV(?, 2)", 12, 18, new BigDecimal("2.5"),
            new BigDecimal("2.25"), new BigDecimal("7.5")))
            .as("parameters: beside an integer its type, a DECIMAL(38, 16) beside a decimal or of DIV, else BIGINT")
            .containsExactly("6, 5.0000000000000000, 0.7500000000000000, 3");
        assertThat(sql.rows("SELECT GCD(seq, 4) FROM events ORDER BY seq"))
            .containsExactly("1", "2", "1", "4", "1", "2");
    }

    @Test
    void givenAnAnswerBeyondItsType_whenGcdOrLcm_thenItIs22003() {
        assertThat(sql.refusal("SELECT GCD(-2147483648, 0)").getSQLState()).isEqualTo("22003");
        assertThat(sql.refusal("SELECT LCM(2147483647, 2147483646)").getMessage()).contains("integer out of range");
        assertThat(sql.refusal("SELECT GCD(CAST(-9223372036854775808 AS BIGINT), 0)").getMessage())
            .contains("bigint out of range");
    }

    @Test
    void givenTheOperandTypes_whenTheAnswerIsDescribed_thenItsTypeIsPostgresqls() throws SQLException {
        try (Statement st = sql.connection.createStatement(); ResultSet rs = st.executeQuery("SELECT GCD(1, 2), "
            + "LCM(CAST(1 AS BIGINT), 2), GCD(1.5, 2), DIV(7, 2)")) {
            ResultSetMetaData md = rs.getMetaData();
            assertThat(md.getColumnTypeName(1)).isEqualTo("INTEGER");
            assertThat(md.getColumnTypeName(2)).isEqualTo("BIGINT");
            assertThat(md.getColumnTypeName(3)).isEqualTo("DECIMAL");
            assertThat(md.getScale(3)).isEqualTo(1);
            assertThat(md.getColumnTypeName(4)).isEqualTo("DECIMAL");
            assertThat(md.getScale(4)).isZero();
        }
    }
}
