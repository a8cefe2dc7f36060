package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.nio.CharBuffer;
import java.sql.Array;
import java.sql.Date;
import java.sql.JDBCType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

/**
 * A parameter takes the type of its place, as PostgreSQL's do: given a log of three events, when a prepared statement
 * gets a value of another Java type through {@code setObject} (as JSON parameters of {@code POST /v1/sql} and
 * generic tools give them), then text that is a number, a boolean or a time binds as one, and anything it cannot be is
 * an error with a 22xxx or 42804 SQLState naming the parameter, never an internal error or a silent change.
 */
class ParameterTypesTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:3");

    @Test
    void text_that_is_a_number_binds_to_a_number() throws SQLException {
        assertThat(rows("SELECT seq FROM events WHERE seq = ?", "2")).containsExactly("2");
        assertThat(rows("SELECT count(*) FROM events WHERE schema_version = ?", " 1 ")).containsExactly("3");
        assertThat(rows("SELECT ? + CAST(1.5 AS DECIMAL(5,2))", "2.25")).containsExactly("3.75");
        assertThat(rows("SELECT seq FROM events WHERE seq = ?", new BigDecimal("3.00"))).containsExactly("3");
    }

    @Test
    void text_that_is_a_boolean_or_a_time_binds_to_one() throws SQLException {
        assertThat(rows("SELECT count(*) FROM events WHERE (seq > 1) = ?", "TRUE")).containsExactly("2");
        assertThat(rows("SELECT count(*) FROM events WHERE (seq > 1) = ?", " no ")).as("PostgreSQL's words")
            .containsExactly("1");
        // the fixture's events are one minute apart from 10:00 UTC
        assertThat(rows("SELECT count(*) FROM events WHERE ts < ?", "2026-11-01T10:01:00Z")).containsExactly("1");
        assertThat(rows("SELECT count(*) FROM events WHERE ts <= ?", "2026-11-01 10:01:00")).containsExactly("2");
        assertThat(rows("SELECT count(*) FROM events WHERE ts < ?", "2026-11-01T11:01:00+01:00"))
            .containsExactly("1");
        // the ISO forms a literal takes (IsoTimestampText), one instant either way
        for (String at : List.of("2026-11-01t10:01z", "2026-11-01 11:01:00 +0100", "2026-11-01T08:31-01:30")) {
            assertThat(rows("SELECT count(*) FROM events WHERE ts < ?", at)).as(at).containsExactly("1");
            assertThat(sql.rowsOfStatement("SELECT count(*) FROM events WHERE ts < '" + at + "'")).as(at)
                .containsExactly("1");
        }
        assertThat(rows("SELECT count(*) FROM streams FOR SYSTEM_TIME AS OF ?", "2026-10-31")).containsExactly("0");
    }

    @Test
    void a_date_or_a_time_binds_from_text_as_a_cast_reads_it_or_from_a_date_time_or_timestamp() throws SQLException {
        for (String text : List.of("2026-11-01", " 2026-11-1 ", "2026-11-01T23:30:00Z", "2026-11-02T00:30:00+01:00")) {
            assertThat(rows("SELECT CAST(? AS DATE)", text)).as(text).containsExactly("2026-11-01");
            assertThat(sql.rowsOfStatement("SELECT CAST('" + text + "' AS DATE)")).as(text)
                .containsExactly("2026-11-01");
        }
        for (String text : List.of("10:00:00.5", "2026-11-01T11:00:00.5+01:00")) {
            assertThat(rows("SELECT CAST(? AS TIME(3))", text)).as(text).containsExactly("10:00:00.500");
            assertThat(sql.rowsOfStatement("SELECT CAST('" + text + "' AS TIME(3))")).as(text)
                .containsExactly("10:00:00.500");
        }
        assertThat(rows("SELECT CAST(? AS TIME)", "24:00:00")).as("as in PostgreSQL").containsExactly("24:00:00.000");
        Timestamp lateEvening = Timestamp.from(Instant.parse("2026-11-01T23:30:00Z"));
        assertThat(rows("SELECT CAST(? AS DATE)", lateEvening)).as("its UTC date").containsExactly("2026-11-01");
        assertThat(rows("SELECT CAST(? AS TIME)", lateEvening)).as("its UTC time").containsExactly("23:30:00.000");
        assertThat(rows("SELECT CAST(? AS TIMESTAMP)", Date.valueOf("2026-11-01"))).as("its midnight")
            .containsExactly("2026-11-01 00:00:00.000");
        assertThat(rows("SELECT CAST(? AS DATE)", Date.valueOf("2026-11-01"))).containsExactly("2026-11-01");
        assertThat(rows("SELECT CAST(? AS TIME)", Time.valueOf("10:00:00"))).containsExactly("10:00:00.000");
        assertThat(rows("SELECT CAST(? AS VARCHAR)", Time.valueOf("10:00:00"))).as("as text, not its milliseconds")
            .containsExactly("10:00:00");
        assertThat(rows("SELECT CAST(? AS VARCHAR)", lateEvening)).containsExactly("2026-11-01 23:30:00");
        java.util.Date utilDate = java.util.Date.from(Instant.parse("2026-11-01T23:30:00Z"));
        assertThat(rows("SELECT CAST(? AS DATE)", utilDate)).as("a java.util.Date as a timestamp: its UTC date")
            .containsExactly("2026-11-01");
    }

    @Test
    void text_that_is_no_date_or_time_or_a_value_of_another_type_is_refused_naming_the_parameter() {
        assertError("SELECT CAST(? AS DATE)", "2026-02-30", "22008", "parameter 1 is DATE: Value of DAY field");
        assertError("SELECT CAST(? AS TIME)", "25:00", "22008", "parameter 1 is TIME: Value of HOUR field");
        assertError("SELECT CAST(? AS TIME)", "10:99999999999", "22008", "parameter 1 is TIME");
        assertError("SELECT CAST(? AS DATE)", "soon", "22007", "parameter 1 is DATE: 'soon' is not a date");
        assertError("SELECT CAST(? AS TIME)", "noon", "22007", "parameter 1 is TIME: 'noon' is not a time");
        assertError("SELECT CAST(? AS DATE)", 5L, "42804", "parameter 1 is DATE and cannot take a number (5)");
        assertError("SELECT CAST(? AS TIME)", true, "42804", "parameter 1 is TIME and cannot take BOOLEAN");
        assertError("SELECT CAST(? AS DATE)", Time.valueOf("10:00:00"), "42804", "cannot take a TIME (10:00)");
        assertError("SELECT CAST(? AS TIME)", Date.valueOf("2026-11-01"), "42804", "cannot take a DATE (2026-11-01)");
        assertError("SELECT CAST(? AS TIMESTAMP)", Time.valueOf("10:00:00"), "42804",
            "parameter 1 is TIMESTAMP and cannot take a TIME (10:00)");
        // a number was milliseconds since 1970: AS OF TIMESTAMP ? given a seq read the log's first instants
        assertError("SELECT COUNT(*) FROM events AS OF TIMESTAMP ?", 5L, "42804",
            "parameter 1 is TIMESTAMP and cannot take a number (5)");
        assertError("SELECT COUNT(*) FROM events WHERE ts <= ?", 1_796_455_425_061L, "42804", "cannot take a number");
        assertError("SELECT count(*) FROM events WHERE ts < ?", 60_000, "42804", "cannot take a number (60000)");
        // a Calendar reached Calcite's code (XX000, ClassCastException); named by its class, not its 500 characters
        assertError("SELECT CAST(? AS TIMESTAMP)", new GregorianCalendar(2026, 0, 2), "42804",
            "parameter 1 is TIMESTAMP and cannot take a java.util.GregorianCalendar");
        assertError("SELECT CAST(? AS DATE)", new GregorianCalendar(2026, 0, 2), "42804",
            "parameter 1 is DATE and cannot take a java.util.GregorianCalendar");
        assertError("SELECT CAST(? AS INTEGER)", Time.valueOf("10:00:00"), "42804", "cannot take a TIME (10:00)");
        assertError("SELECT CAST(? AS DECIMAL(10, 2))", Date.valueOf("2026-11-01"), "42804", "cannot take a DATE");
    }

    @Test
    void a_value_its_place_cannot_take_is_an_error_naming_the_parameter() {
        assertError("SELECT seq FROM events WHERE seq = ?", "abc", "22018", "parameter 1 is BIGINT: 'abc'");
        assertError("SELECT seq FROM events WHERE seq = ?", new BigDecimal("1.5"), "22018", "1.5 is not a whole");
        assertError("SELECT seq FROM events WHERE seq = ?", true, "42804", "parameter 1 is BIGINT");
        assertError("SELECT seq FROM events WHERE seq = ?", new BigDecimal("1e30"), "22003", "out of range");
        assertError("SELECT count(*) FROM events WHERE (seq > 1) = ?", 1L, "42804", "parameter 1 is BOOLEAN");
        assertError("SELECT count(*) FROM events WHERE (seq > 1) = ?", "maybe", "22018", "neither true nor false");
        assertError("SELECT count(*) FROM streams FOR SYSTEM_TIME AS OF ?", "seq:2", "22007", "'seq:2' is not a time");
        assertError("SELECT count(*) FROM events WHERE ts - TIMESTAMP '2026-01-01 00:00:00' < ?", "40 days", "0A000",
            "parameter 1 is an interval"); // was XX000, a ClassCastException
        // a number's unit was one the statement does not show (2 ms here), an int XX000, a NULL XX000
        for (Object value : new Object[] {2L, 2, new BigDecimal("2"), null}) {
            assertError("SELECT (TIMESTAMP '2024-01-02 00:00:00' - TIMESTAMP '2024-01-01 00:00:00') < ?", value,
                "0A000", "parameter 1 is an interval");
        }
        assertError("SELECT TIMESTAMP '2024-01-10 00:00:00' - CAST(? AS INTERVAL DAY)", Long.MAX_VALUE, "0A000",
            "parameter 1 is an interval"); // was the day after: Long.MAX_VALUE days wrapped to -1
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // Calcite's cast of these took minutes
    void a_number_of_more_than_a_thousand_digits_before_or_after_its_point_is_refused_at_once() throws SQLException {
        String cast = "SELECT CAST(? AS DECIMAL(12, 2))";
        assertError(cast, "1E+999999", "22003", "value overflows numeric format: parameter 1 is 1E+999999");
        assertError(cast, new BigDecimal("1E-999999"), "22003", "value overflows numeric format");
        assertError("SELECT seq FROM events WHERE seq = ?", "1E+999999", "22003", "value 1E+999999 of parameter 1");
        assertError("SELECT CAST(? AS DOUBLE)", "1e400", "22003", "\"1e400\" is out of range");
        assertError("SELECT CAST(? AS DOUBLE)", "1e-400", "22003", "\"1e-400\" is out of range"); // was 0.0
        assertThat(rows("SELECT CAST(? AS DOUBLE)", "0e-400")).containsExactly("0.0");
        // the same numbers as exact ones (a JSON body's 1e400, setBigDecimal): they were bound as Infinity and 0.0
        assertError("SELECT CAST(? AS DOUBLE)", new BigDecimal("1e400"), "22003", "1E+400 is out of range");
        assertError("SELECT CAST(? AS DOUBLE)", new BigDecimal("-1e-400"), "22003", "-1E-400 is out of range");
        assertError("SELECT CAST(? AS REAL)", new BigDecimal("1e39"), "22003", "parameter 1 is REAL: 1E+39");
        assertThat(rows("SELECT CAST(? AS DOUBLE)", new BigDecimal("1e300"))).containsExactly("1.0E300");
        assertThat(rows(cast, "1E+9")).containsExactly("1000000000.00");
        assertThat(rows("SELECT ? + 1.5", "1E+40")).as("beyond the guessed DECIMAL(2, 1): as before")
            .containsExactly("10000000000000000000000000000000000000001.5");
    }

    @Test
    void a_null_limit_or_offset_is_none_and_a_negative_one_is_refused_as_postgres_does() throws SQLException {
        try (PreparedStatement ps = sql.connection.prepareStatement(
            "SELECT seq FROM events WHERE seq > ? ORDER BY seq LIMIT ? OFFSET ?")) {
            ps.setLong(1, 0);
            ps.setNull(2, Types.INTEGER);
            ps.setNull(3, Types.INTEGER);
            assertThat(SqlFixture.text(ps.executeQuery())).as("NULL: no limit, no offset")
                .containsExactly("1", "2", "3");
            ps.setInt(2, 1);
            ps.setInt(3, 1);
            assertThat(SqlFixture.text(ps.executeQuery())).containsExactly("2");
            ps.setInt(2, -1);
            assertThat(catchThrowableOfType(SQLException.class, ps::executeQuery).getSQLState()).isEqualTo("2201W");
            ps.setInt(2, 1);
            ps.setLong(3, -3);
            assertThat(catchThrowableOfType(SQLException.class, ps::executeQuery).getSQLState()).isEqualTo("2201X");
        }
        assertThat(sql.rowsOfStatement("SELECT seq FROM events ORDER BY seq LIMIT 2 OFFSET 1"))
            .as("literals, through the plan cache").containsExactly("2", "3");
        assertThat(sql.rowsOfStatement("SELECT seq FROM events ORDER BY seq LIMIT 1 OFFSET 2")).containsExactly("3");
    }

    @Test
    void a_limit_or_offset_written_with_a_fraction_is_rounded_as_postgres_rounds_it() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT seq FROM events ORDER BY seq LIMIT 1.5")).containsExactly("1", "2");
        assertThat(sql.rowsOfStatement("SELECT seq FROM events ORDER BY seq LIMIT 0.5")).containsExactly("1");
        assertThat(sql.rowsOfStatement("SELECT seq FROM events ORDER BY seq OFFSET 1.5")).containsExactly("3");
        assertThat(sql.rows("SELECT seq FROM events ORDER BY seq FETCH FIRST 1.5 ROWS ONLY"))
            .containsExactly("1", "2");
        assertThat(sql.rowsOfStatement("SELECT seq FROM events ORDER BY seq LIMIT 2.5e0")).as("a float: half to even")
            .containsExactly("1", "2");
    }

    @Test
    void a_value_of_no_number_for_a_number_or_of_no_bytes_for_bytes_is_42804() throws SQLException {
        // bound as they were, they failed in the statement's code: XX000, a ClassCastException
        for (String cast : new String[] {"DOUBLE", "REAL", "DECIMAL(5, 2)"}) {
            for (Object value : new Object[] {'x', UUID.randomUUID()}) {
                assertThat(sql.refusal("SELECT CAST(? AS " + cast + ")", value).getSQLState()).as(cast + " " + value)
                    .isEqualTo("42804");
            }
        }
        for (Object value : new Object[] {"abc", 5, true, new BigDecimal("1.5")}) {
            assertThat(sql.refusal("SELECT CAST(? AS VARBINARY)", value).getSQLState()).as("%s", value)
                .isEqualTo("42804");
        }
        assertThat(sql.rows("SELECT CAST(? AS VARBINARY(4)), CAST(? AS DOUBLE)", new byte[] {0x41, 0x42}, 1.5))
            .containsExactly("4142, 1.5");
    }

    @Test
    void a_limit_or_offset_beyond_an_int_is_taken_and_beyond_a_bigint_is_22003() throws SQLException {
        // Calcite's plan could not hold more than an int: 0A000, Unable to implement EnumerableLimit
        assertThat(sql.rowsOfStatement("SELECT seq FROM events ORDER BY seq LIMIT 9223372036854775807"))
            .containsExactly("1", "2", "3");
        assertThat(sql.rowsOfStatement("SELECT seq FROM events ORDER BY seq LIMIT 2147483648 OFFSET 1"))
            .containsExactly("2", "3");
        assertThat(sql.rows("SELECT seq FROM events ORDER BY seq OFFSET 2147483648 ROWS")).isEmpty();
        assertThat(sql.refusal("SELECT seq FROM events LIMIT 9223372036854775808").getSQLState()).isEqualTo("22003");
    }

    @Test
    void a_parameter_left_unset_or_one_the_statement_has_not_is_22023() throws SQLException {
        try (PreparedStatement unset = sql.connection.prepareStatement("SELECT seq FROM events WHERE seq = ? OR "
                + "seq = ?");
             PreparedStatement none = sql.connection.prepareStatement("SELECT 1")) {
            unset.setLong(1, 1);
            SQLException left = catchThrowableOfType(SQLException.class, unset::executeQuery);
            SQLException beyond = catchThrowableOfType(SQLException.class, () -> none.setObject(1, 1L));

            assertThat(left.getSQLState()).isEqualTo("22023");
            assertThat(left.getMessage()).contains("parameter 2 has no value");
            assertThat(beyond.getSQLState()).isEqualTo("22023");
            assertThat(beyond.getMessage()).isEqualTo("parameter 1 does not exist: the statement has 0 parameters");
        }
    }

    @Test
    void a_target_type_of_other_binds_by_the_value_and_one_avatica_cannot_convert_to_is_0a000() throws SQLException {
        try (PreparedStatement statement =
                 sql.connection.prepareStatement("SELECT count(*) FROM events WHERE stream_id = ?")) {
            statement.setObject(1, "x", Types.OTHER);
            SQLException unknown = catchThrowableOfType(SQLException.class, () -> statement.setObject(1, "x", 12345));

            assertThat(unknown.getSQLState()).isEqualTo("0A000");
        }
    }

    @Test
    void a_target_type_with_a_scale_or_as_a_jdbc_type_binds_the_value() throws SQLException {
        try (PreparedStatement statement = sql.connection.prepareStatement("SELECT seq FROM events WHERE seq = ?")) {
            statement.setObject(1, 1L);
            statement.setObject(1, 2L, Types.BIGINT, 0); // Avatica's form with a scale bound nothing: seq 1 ran
            assertThat(SqlFixture.text(statement.executeQuery())).containsExactly("2");
            statement.setObject(1, "3", JDBCType.BIGINT);
            assertThat(SqlFixture.text(statement.executeQuery())).containsExactly("3");
            statement.setObject(1, new BigDecimal("1.0"), JDBCType.DECIMAL, 1);
            assertThat(SqlFixture.text(statement.executeQuery())).containsExactly("1");
        }
    }

    @Test
    void a_double_in_a_decimal_place_is_read_as_a_cast_of_it_reads_it() throws SQLException {
        // bound as is, it was its binary value: new BigDecimal(0.1), 0.1000000000000000055511151231257827…, unequal
        // to the DECIMAL 0.1 beside it, so WHERE total = ? with setDouble found no row
        assertThat(rows("SELECT CAST(0.10 AS DECIMAL(5, 2)) = ?", 0.1d)).containsExactly("true");
        assertThat(rows("SELECT CAST(492.51 AS DECIMAL(8, 2)) IN (?, 1)", 492.51d)).containsExactly("true");
        assertThat(rows("SELECT CAST(? AS NUMERIC(5, 2))", 1.005d)).containsExactly("1.01");
        assertThat(rows("SELECT CAST(? AS NUMERIC(5, 2))", 1.005f)).containsExactly("1.01");
        assertThat(rows("SELECT CAST(? AS NUMERIC(5, 2)) = CAST(CAST(1.005 AS DOUBLE) AS NUMERIC(5, 2))", 1.005d))
            .as("as the cast in the statement").containsExactly("true");
        assertError("SELECT CAST(? AS NUMERIC(5, 2))", Double.NaN, "22003", "is DECIMAL: cannot convert NaN");
    }

    /** Avatica bound such an object's toString, which an INSERT appended for good. */
    @Test
    void givenAnObjectOfNoSqlType_whenBoundToText_thenItIs42804AndATextOrUuidStillBinds() throws SQLException {
        for (Object unmapped : List.of(List.of(1L, 2L), Map.of("a", 1), new Long[] {1L}, Duration.ofHours(3),
            new Object())) {
            assertError("SELECT CAST(? AS VARCHAR)", unmapped, "42804", "parameter 1 is VARCHAR and cannot take a "
                + unmapped.getClass().getName());
        }
        CharSequence text = CharBuffer.wrap("sb"); // any CharSequence is its text
        assertThat(rows("SELECT CAST(? AS VARCHAR)", text)).containsExactly("sb");
        assertThat(rows("SELECT CAST(? AS VARCHAR)", UUID.fromString("00000000-0000-0000-0000-000000000001")))
            .containsExactly("00000000-0000-0000-0000-000000000001");
        assertThat(rows("SELECT CARDINALITY(?)", List.of(1L, 2L))).as("a list for an array").containsExactly("2");
        assertThat(rows("SELECT CAST(? AS VARCHAR)", new AtomicLong(7))).as("any Number").containsExactly("7");
        assertError("SELECT CARDINALITY(?)", "[1,2]", "42804", "parameter 1 is ARRAY and cannot take text");
        Array array = sql.connection.createArrayOf("BIGINT", new Object[] {1L, 2L});
        assertThat(rows("SELECT CARDINALITY(?)", array)).as("a java.sql.Array by setObject").containsExactly("2");
        assertError("SELECT CAST(? AS VARCHAR)", array, "42804", "parameter 1 is VARCHAR");
    }

    /** setDouble(1e300) was bound as Infinity, 1e-50 as 0, where the same number as text was 22003. */
    @Test
    void givenADoubleBeyondARealsRange_whenBoundToAReal_thenItIs22003() throws SQLException {
        assertError("SELECT CAST(? AS REAL)", 1e300, "22003", "out of range for a floating-point type");
        assertError("SELECT CAST(? AS REAL)", 1e-50, "22003", "out of range for a floating-point type");
        assertThat(rows("SELECT CAST(? AS REAL)", 0.1)).containsExactly("0.1");
        assertThat(rows("SELECT CAST(? AS REAL)", Double.NEGATIVE_INFINITY)).containsExactly("-Infinity");
        assertThat(rows("SELECT CAST(? AS REAL)", Double.NaN)).containsExactly("NaN");
        try (PreparedStatement ps = sql.connection.prepareStatement("SELECT CAST(? AS DOUBLE)")) {
            SQLException e = catchThrowableOfType(SQLException.class, () -> ps.setObject(1, 1e300, Types.REAL));
            assertThat((Throwable) e).as("setObject as REAL made it a float: Infinity").isNotNull();
            assertThat(e.getSQLState()).isEqualTo("22003");
        }
    }

    private List<String> rows(String query, Object parameter) throws SQLException {
        try (PreparedStatement statement = sql.connection.prepareStatement(query)) {
            statement.setObject(1, parameter);
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return rows;
        }
    }

    private void assertError(String query, Object parameter, String sqlState, String message) {
        SQLException e = catchThrowableOfType(SQLException.class, () -> rows(query, parameter));
        assertThat((Throwable) e).as(query + " with " + parameter).isNotNull();
        assertThat(e.getSQLState()).as(query + " with " + parameter).isEqualTo(sqlState);
        assertThat(e.getMessage()).contains(message);
    }
}
