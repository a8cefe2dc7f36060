package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.StringJoiner;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * JDBC conformance, errors: whatever a statement does wrong reaches the client as an {@code SQLException} with a
 * SQLState, PostgreSQL's where it has one, never as a Java error, through a plain statement or a prepared one, the
 * first time and every time after.
 */
class JdbcErrorsTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:3");

    @Test
    void aConstantDivisionByZeroIs22012EveryTime() {
        for (int i = 0; i < 3; i++) {
            assertThat(stateOf("SELECT 1 / 0", false)).as("statement, run %d", i).isEqualTo("22012");
            assertThat(stateOf("SELECT 1 / 0", true)).as("prepared, run %d", i).isEqualTo("22012");
        }
    }

    @Test
    void aPreparedQueryWhoseConstantFailsGivesTheSameErrorOnEveryRun() throws SQLException {
        // 1 / 0 is computed once, when the generated class initialises; a class whose initialiser threw is refused by
        // the JVM for good, so a second run was XX000 "Could not initialize class"
        String[] queries = {
            "SELECT COUNT(*) FROM events WHERE seq < CASE WHEN ? > 0 THEN 50 ELSE 1 / 0 END",
            "SELECT seq FROM events WHERE seq < CASE WHEN ? > 0 THEN 50 ELSE 1 / 0 END ORDER BY seq DESC",
        };
        for (String query : queries) {
            try (PreparedStatement ps = sql.connection.prepareStatement(query)) {
                for (int run = 0; run < 3; run++) {
                    ps.setInt(1, run);
                    Throwable thrown = catchThrowable(() -> SqlFixture.text(ps.executeQuery()));
                    assertThat(thrown).as("%s, run %d", query, run).isInstanceOf(SQLException.class)
                        .hasMessageContaining("division by zero");
                    assertThat(((SQLException) thrown).getSQLState()).as("%s, run %d", query, run).isEqualTo("22012");
                }
            }
        }
    }

    @Test
    void adHocQueriesOfOneShapeWhoseConstantFailsGiveTheSameErrorForEveryText() {
        // the texts share one cached plan (their bounds are lifted): its class failed to initialise at the first
        for (int bound = 0; bound < 3; bound++) {
            assertThat(stateOf("SELECT COUNT(*) FROM events WHERE seq > " + bound
                + " AND seq < CASE WHEN version > 0 THEN 50 ELSE 1 / 0 END", false)).as("bound %d", bound)
                .isEqualTo("22012");
        }
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
        "SELECT * FROM nope | 42P01",
        "SELECT * FROM sys.nope | 42P01",
        "SELECT nope.seq FROM events | 42P01",
        "SELECT nope FROM events | 42703",
        "SELECT e.nope FROM events e | 42703",
        "INSERT INTO events (stream_id, entity_type, name, data, nope) VALUES ('a', 'o', 'n', '{}', 1) | 42703",
        "SELECT seq FROM events a, events b | 42702",
        "SELECT nope(seq) FROM events | 42883",
        "SELECT 1 + 2 ^ 2 | 0A000",
        "SELECT 2 ^ 3 * 2 | 0A000",
        "SELECT UPPER(seq, seq) FROM events | 42883",
        "SELECT stream_id, COUNT(*) FROM events | 42803",
        "SELECT seq FROM events WHERE COUNT(*) > 1 | 42803",
        "SELECT seq FROM events a, events a | 42712",
        "SELECT seq > 1 FROM events UNION SELECT seq FROM events | 42804",
        "SELECT seq FROM events UNION SELECT seq, version FROM events | 42601",
        "SELECT seq FROM events WHERE seq | 42804",
        "SELECT e.* FROM events | 42P01",
        "SELECT DISTINCT stream_id FROM events ORDER BY seq | 42P10",
        "SELECT * FROM streams FOR SYSTEM_TIME AS OF TIMESTAMP '2026-11-01 10:00:00' AS OF SEQUENCE 1 | 42601",
        "SELECT NEXT VALUE FOR events FROM events | 42809",
        "INSERT INTO events (stream_id, name, data) VALUES ('x', 'y', '{}') | 42601",
        "INSERT INTO events (stream_id, entity_type, name, data) VALUES ('x', NULL, 'y', '{}') | 23502",
        "INSERT INTO streams (stream_id) VALUES ('x') | 42809",
        "INSERT INTO sys.projections (name) VALUES ('x') | 42809",
        "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ts) FROM events | 0A000",
        "SELECT JSON_VALUE(data, 'strict $.nope' ERROR ON ERROR) FROM events | 2203A",
        "SELECT JSON_VALUE(data, '$.nope' ERROR ON EMPTY) FROM events | 22035",
        "SELECT JSON_VALUE('{}', '$.nope' ERROR ON EMPTY) | 22035", // a constant: computed as the code initialises
        "SELECT JSON_QUERY(data, '$.nope' ERROR ON EMPTY) FROM events | 22035",
        "SELECT JSON_VALUE(data, 'strict $' ERROR ON ERROR) FROM events | 2203F",
        "SELECT JSON_QUERY(data, 'strict $.i' ERROR ON ERROR) FROM events | 2203C"})
    void aStatementThatNamesWhatIsNotThereHasPostgresSqlState(String query, String state) {
        assertThat(stateOf(query, false)).as("statement").isEqualTo(state);
        assertThat(stateOf(query, true)).as("prepared").isEqualTo(state);
    }

    @Test
    void textThatIsNoTimestampIs22007() {
        assertThat(stateOf("SELECT CAST('2026-01-01 at noon' AS TIMESTAMP)", false)).isEqualTo("22007");
        assertThat(stateOf("SELECT CAST('yesterday' AS TIMESTAMP)", true)).isEqualTo("22007");
    }

    /** Calcite said "Invalid DATE value" of a TIMESTAMP too, and named one format where ISO-8601 is read as well. */
    @Test
    void textThatIsNoTimestampIsRefusedNamingTheFormsThatAreRead() {
        Throwable cast = catchThrowable(() -> sql.rows("SELECT CAST('garbage' AS TIMESTAMP)"));
        Throwable literal = catchThrowable(() -> sql.rows("SELECT COUNT(*) FROM events AS OF TIMESTAMP 'garbage'"));

        assertThat(cast).hasMessage("invalid input syntax for a date or time: 'garbage' (ISO-8601 is read: "
            + "2026-11-01, 2026-11-01 10:00:00, 2026-11-01T10:00:00.250Z)");
        assertThat(literal).hasMessageEndingWith("Illegal TIMESTAMP literal 'garbage': not in format "
            + "'yyyy-MM-dd HH:mm:ss' nor ISO-8601 ('2026-11-01T10:00:00.250Z')");
    }

    @Test
    void constantsThatCannotBeAreDataErrorsNotInternalOnes() {
        assertThat(stateOf("SELECT CAST('2020-13-45' AS DATE)", false)).isEqualTo("22008");
        assertThat(stateOf("SELECT SUBSTRING('abc' FROM -5 FOR -1)", false)).isEqualTo("22011");
        assertThat(stateOf("SELECT 1234567890123456789012345678901234567890", false)).as("beyond DECIMAL(38)")
            .isEqualTo("22003");
    }

    @Test
    void aTimeWithAFieldOutOfRangeIs22008NotCarriedIntoTheNextField() throws SQLException {
        // Calcite alone read 10:61:00 as 11:01:00 and 25:00:00 as a TIME beyond the day
        for (String time : List.of("10:61:00", "25:00:00", "10:00:61", "24:00:01", "100:00:00", "10:100:00",
            "2026-11-01 10:61:00")) {
            assertThat(stateOf("SELECT CAST('" + time + "' AS TIME)", false)).as(time).isEqualTo("22008");
            assertThat(stateOf("SELECT CAST('" + time + "' AS TIME)", true)).as(time).isEqualTo("22008");
        }
        assertThat(stateOf("SELECT CAST(CAST(version + 9 AS VARCHAR(2)) || ':61' AS TIME) FROM events", false))
            .as("computed text").isEqualTo("22008");
        assertThat(stateOf("SELECT TIME '10:61:00'", false)).as("a literal").isEqualTo("22008");
        assertThat(stateOf("SELECT TIME ' 10:61:00 '", false)).as("blanks around").isEqualTo("22008");
        assertThat(stateOf("SELECT TIME 'noon'", false)).as("no time at all").isEqualTo("22007");
        assertThat(stateOf("SELECT CAST('noon' AS TIME)", false)).as("no time at all").isEqualTo("22007");
        assertThat(stateOf("SELECT DATE '2026-11'", false)).as("no date").isEqualTo("22007");
        assertThat(stateOf("SELECT DATE '10000-01-01'", false)).as("beyond year 9999: was XX000").isEqualTo("22008");
        for (String compared : List.of("CAST(1 AS DOUBLE) = TRUE", "NULLIF(CAST(3 AS DOUBLE), TRUE)",
            "CAST(0.5 AS REAL) <> FALSE")) {
            assertThat(stateOf("SELECT " + compared, false)).as(compared + ": code that did not compile, XX000")
                .isEqualTo("42883");
        }
        for (String mixed : List.of("COALESCE(NULL, 7, DATE '2024-01-01')", "CASE WHEN seq > 1 THEN CAST(0.5 AS "
            + "DECIMAL(4, 1)) ELSE DATE '1999-12-31' END FROM events", "CASE WHEN seq = 0 THEN ts ELSE INTERVAL '36' "
            + "YEAR END FROM events")) {
            assertThat(stateOf("SELECT " + mixed, false)).as(mixed + ": the number was made a date (1970-01-08)")
                .isEqualTo("42804");
        }
        for (String mixed : List.of("SELECT seq FROM events UNION ALL SELECT ts FROM events", "SELECT 1 UNION SELECT "
            + "DATE '2020-01-01'", "SELECT INTERVAL '1' DAY INTERSECT SELECT TIMESTAMP '2020-01-01 00:00:00'",
            "VALUES (1), (DATE '2020-01-01')")) {
            // the fuzz hunt: as in a CASE, the number was made a date (seq 1 a time of 1970-01-01), or, in VALUES, an
            // internal error (a ClassCastException in the converter)
            assertThat(stateOf(mixed, false)).as(mixed).isEqualTo("42804");
        }
        assertThat(sql.rows("SELECT COALESCE(ts, DATE '2024-01-01') = ts, CASE WHEN seq = 1 THEN 1 ELSE 2.5 END "
            + "FROM events WHERE seq = 1")).as("dates with dates, numbers with numbers").containsExactly("true, 1.0");
        assertThat(sql.rows("SELECT (SELECT COUNT(*) FROM (SELECT ts FROM events UNION ALL SELECT DATE '2024-01-01')), "
            + "(SELECT COUNT(*) FROM (SELECT seq FROM events UNION ALL SELECT 2.5))")).as("in a UNION too")
            .containsExactly("4, 4");
        assertThat(sql.rows("SELECT CAST('23:59:59.999' AS TIME), CAST('7:05' AS TIME), CAST('24:00:00' AS TIME), "
            + "CAST('10:59:60' AS TIME)")).as("PostgreSQL's end of the day and leap second are times")
            .containsExactly("23:59:59.999, 07:05:00.000, 24:00:00.000, 11:00:00.000");
    }

    @Test
    void textOfDigitsBeyondAnIntegerTypeIs22003NotAnInvalidNumber() {
        assertThat(stateOf("SELECT CAST('99999999999999999999' AS BIGINT)", false)).isEqualTo("22003");
        assertThat(stateOf("SELECT CAST(' -99999999999 ' AS INTEGER)", true)).isEqualTo("22003");
        assertThat(stateOf("SELECT CAST(JSON_VALUE(data, '$.i') || '99999999999999999999' AS BIGINT) FROM events",
            false)).isEqualTo("22003");
        assertThat(stateOf("SELECT CAST('99999' AS SMALLINT)", false)).isEqualTo("22003");
        assertThat(stateOf("SELECT CAST('999' AS TINYINT)", false)).isEqualTo("22003");
        assertThat(stateOf("SELECT CAST('12.5' AS INTEGER)", false)).as("not digits alone").isEqualTo("22018");
    }

    @Test
    void aPlainStatementWithAParameterIs07001AndRunsNothing() throws SQLException {
        assertThat(stateOf("SELECT seq FROM events WHERE seq = ?", false)).isEqualTo("07001");
        assertThat(stateOf("SELECT seq FROM events WHERE seq = ?", false)).as("again, from the plan cache's side")
            .isEqualTo("07001");
        try (Statement st = sql.connection.createStatement()) {
            Throwable thrown = catchThrowable(() -> st.executeUpdate("INSERT INTO events (stream_id, entity_type, "
                + "name, data) VALUES (?, 'order', 'order.placed', '{}')"));
            assertThat(thrown).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("07001"));
        }
        assertThat(sql.rows("SELECT COUNT(*) FROM events")).containsExactly("3");
    }

    @Test
    void nextOnAClosedResultSetIs24000() throws SQLException {
        try (Statement st = sql.connection.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT seq FROM events");
            rs.close();

            Throwable thrown = catchThrowable(rs::next);

            assertThat(thrown).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("24000"));
        }
    }

    @Test
    void aStatementTooDeepForThePlannerIs54001NotAJavaError() {
        String deep = "SELECT 1" + "+1".repeat(3000);
        assertThat(stateOf(deep, false)).isEqualTo("54001");
        assertThat(stateOf(deep, true)).isEqualTo("54001");
    }

    @Test
    void aStatementTooLargeToCompileIs54000AndItsMessageHoldsNoCode() {
        // a long list of TIME values is left to Calcite (ValueLists takes other types), which compiles every value
        StringJoiner times = new StringJoiner(", ");
        for (int i = 0; i < 8000; i++) {
            times.add(String.format("TIME '10:%02d:%02d'", i / 60 % 60, i % 60));
        }

        Throwable thrown = catchThrowable(() -> sql.rows("SELECT COUNT(*) FROM events WHERE CAST(ts AS TIME) IN ("
            + times + ")"));

        // Calcite's own message holds the statement's whole generated code: 130 KB, to the client
        assertThat(thrown).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("54000");
            assertThat(e.getMessage()).contains("too large to compile", "Code grows beyond 64 KB").hasSizeLessThan(300)
                .doesNotContain("root.get", "public");
        });
    }

    @Test
    void aSelectListOfMoreThan1664ColumnsIs54011AsInPostgreSql() {
        // Calcite's code generation for 3,000 such columns ran over 16 minutes of CPU
        StringJoiner columns = new StringJoiner(", ");
        for (int i = 0; i < 1665; i++) {
            columns.add("seq * " + i + " + version");
        }

        assertThat(stateOf("SELECT " + columns + " FROM events", false)).isEqualTo("54011");
        assertThat(stateOf("SELECT * FROM (SELECT " + columns + " FROM events)", true)).isEqualTo("54011");
        assertThat(stateOf("VALUES (" + columns.toString().replace("seq", "2").replace("version", "1") + ")", false))
            .isEqualTo("54011");
    }

    @Test
    void aSelectListOf1664ColumnsRuns() throws SQLException {
        StringJoiner columns = new StringJoiner(", ");
        for (int i = 0; i < 1664; i++) {
            columns.add("seq * " + i);
        }

        List<String> rows = sql.rows("SELECT " + columns + " FROM events WHERE seq = 2");

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).split(", ")).hasSize(1664).endsWith("3326");
    }

    @Test
    void whatCalciteCannotRunIsNotSupported0A000() {
        assertThat(stateOf("SELECT CAST(TIMESTAMP '2026-01-01 10:00:00' AS TIMESTAMP WITH TIME ZONE)", false))
            .isEqualTo("0A000");
        assertThat(stateOf("SELECT CAST(TIMESTAMP '2026-01-01 10:00:00' AS TIMESTAMP WITH TIME ZONE)", true))
            .isEqualTo("0A000");
    }

    @Test
    void aClosedConnectionsPreparedInsertAppendsNothing() throws SQLException {
        Connection c = SqlFixture.connect(sql.url(), new Properties());
        PreparedStatement ps = c.prepareStatement(InsertTest.COLUMNS + "VALUES (?, 't', 'x.y', '{}', NULL, NULL)");
        ps.setString(1, "closed");
        c.close();
        assertThat(catchThrowable(ps::executeUpdate)).isInstanceOf(SQLException.class)
            .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08003");
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE stream_id = 'closed'")).containsExactly("0");
    }

    @Test
    void aClosedConnectionOrStatementRefusesEverythingWith08003() throws SQLException {
        Connection c = SqlFixture.connect(sql.url(), new Properties());
        Statement st = c.createStatement();
        st.close();
        for (ThrowingCallable call : List.<ThrowingCallable>of(() -> st.executeQuery("SELECT 1"),
            () -> st.executeUpdate(InsertTest.COLUMNS + "VALUES ('x', 't', 'x.y', '{}', NULL, NULL)"),
            st::getResultSet, () -> st.setFetchSize(10))) {
            assertThat(((SQLException) catchThrowable(call)).getSQLState()).as("closed statement").isEqualTo("08003");
        }
        c.close();
        for (ThrowingCallable call : List.<ThrowingCallable>of(c::createStatement, () -> c.prepareStatement("SELECT 1"),
            c::commit, c::rollback, () -> c.setAutoCommit(false), c::getMetaData, c::getAutoCommit,
            () -> c.setReadOnly(true))) {
            assertThat(((SQLException) catchThrowable(call)).getSQLState()).as("closed connection").isEqualTo("08003");
        }
        assertThat(c.isClosed()).isTrue();
        c.close(); // closing again is allowed
    }

    /** The SQLState {@code query} fails with, or the failure itself if it is not an SQLException. */
    private String stateOf(String query, boolean prepared) {
        Throwable thrown = catchThrowable(() -> {
            if (prepared) {
                try (PreparedStatement ps = sql.connection.prepareStatement(query); ResultSet rs = ps.executeQuery()) {
                    SqlFixture.text(rs);
                }
            } else {
                try (Statement st = sql.connection.createStatement(); ResultSet rs = st.executeQuery(query)) {
                    SqlFixture.text(rs);
                }
            }
        });
        assertThat(thrown).as(query).isInstanceOf(SQLException.class);
        return ((SQLException) thrown).getSQLState();
    }
}
