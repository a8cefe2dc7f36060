package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.SQLException;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * JDBC conformance, the dialect: SQL as PostgreSQL users and BI tools type it (docs/sql.md, "Dialect") gives
 * PostgreSQL's answers, through a plain statement and a prepared one. The log holds events 1–3 of stream
 * {@code a} at 2026-11-01 10:00, 10:01 and 10:02 UTC, named {@code thing.odd}, {@code thing.even},
 * {@code thing.odd}.
 */
class JdbcDialectTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:3");

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '"', textBlock = """
        SELECT date_trunc('day', ts) FROM events WHERE seq = 3                    => 2026-11-01 00:00:00.000
        SELECT 2 ^ 3 ^ 2, seq ^ 2, 2 ^ 2 + 1 FROM events WHERE seq = 3                 => 64.0, 9.0, 5.0
        SELECT date_trunc('hour', ts + interval '90 minutes') FROM events WHERE seq = 1 => 2026-11-01 11:00:00.000
        SELECT date_trunc('week', TIMESTAMP '2026-11-08 10:00:00')                => 2026-11-02 00:00:00.000
        SELECT date_trunc('month', ts) FROM events WHERE seq = 1                  => 2026-11-01 00:00:00.000
        SELECT ts + interval '1 day' FROM events WHERE seq = 1                    => 2026-11-02 10:00:00.000
        SELECT ts - interval '2 hours 30 minutes' FROM events WHERE seq = 1       => 2026-11-01 07:30:00.000
        SELECT ts + interval '1 year 2 months' FROM events WHERE seq = 1          => 2028-01-01 10:00:00.000
        SELECT ts + '1 day'::interval, ts - CAST('2 hours 30 minutes' AS INTERVAL), ts + '90'::interval \
        FROM events WHERE seq = 1 => 2026-11-02 10:00:00.000, 2026-11-01 07:30:00.000, 2026-11-01 10:01:30.000
        SELECT ts + '01:30:00'::interval, ts - interval '1 day 02:00', ts + CAST('-00:00:30.5' AS INTERVAL) \
        FROM events WHERE seq = 1 => 2026-11-01 11:30:00.000, 2026-10-31 08:00:00.000, 2026-11-01 09:59:29.500
        SELECT ts + 'P1DT2H'::interval, ts + interval 'P1Y2M', ts - 'PT90M'::interval, ts + 'P1W'::interval \
        FROM events WHERE seq = 1 => 2026-11-02 12:00:00.000, 2028-01-01 10:00:00.000, 2026-11-01 08:30:00.000, \
        2026-11-08 10:00:00.000
        SELECT seq::varchar || '!' FROM events WHERE seq = 2                      => 2!
        SELECT '1' || 2 * 3, 1 + 1 || 'a', '10' || 5 % 3, 'a' || 'b' LIKE 'ab', '1' || 2 * 3 = '16' \
        => 16, 2a, 102, true, true
        SELECT ts::date FROM events WHERE seq = 2                                 => 2026-11-01
        SELECT 1 + '2'::int, '7'::int8 * 2, ts::text FROM events WHERE seq = 1    => 3, 14, 2026-11-01 10:00:00
        SELECT CAST(CAST('10:00:00.25' AS TIME) AS VARCHAR), CAST(TIME '10:00:00' AS VARCHAR), \
        (ts + INTERVAL '0.5' SECOND)::time::text FROM events WHERE seq = 2 => 10:00:00.25, 10:00:00, 10:01:00.5
        SELECT COUNT(*) FROM events WHERE name ILIKE 'THING.O%'                    => 2
        SELECT COUNT(*) FROM events WHERE name ~ '^thing\\.e'                      => 1
        SELECT CONCAT(stream_id, '-', seq, '-', name) FROM events WHERE seq = 1    => a-1-thing.odd
        SELECT LENGTH(name), LEFT(name, 5), RIGHT(name, 3) FROM events WHERE seq = 1 => 9, thing, odd
        SELECT SPLIT_PART(name, '.', 2) FROM events WHERE seq = 2                  => even
        SELECT REGEXP_REPLACE(name, 'o.d', 'x') FROM events WHERE seq = 1          => thing.x
        SELECT STRING_AGG(name, ',') FROM (SELECT name FROM events ORDER BY seq) t => thing.odd,thing.even,thing.odd
        SELECT STRING_AGG(stream_id, NULL ORDER BY seq), STRING_AGG(stream_id, CAST(NULL AS VARCHAR)) \
        FROM events => aaa, aaa
        SELECT EXTRACT(SECOND FROM TIMESTAMP '2026-11-01 10:00:07.25'), \
        EXTRACT(MILLISECONDS FROM TIMESTAMP '2026-11-01 10:00:07.25'), date_part('seconds', TIME '10:00:07.5'), \
        EXTRACT(MINUTES FROM ts) FROM events WHERE seq = 2 => 7.250, 7250, 7.500, 1
        SELECT AGE(TIMESTAMP '2024-05-01 00:00:00', TIMESTAMP '2024-03-30 00:00:00'), \
        AGE(TIMESTAMP '2027-01-01 00:00:00', TIMESTAMP '2024-02-29 10:30:15.25'), \
        AGE(TIMESTAMP '2024-03-30 00:00:00', TIMESTAMP '2024-05-01 00:00:00'), \
        AGE(DATE '2026-12-05', DATE '2000-01-01') => 1 mon 2 days, 2 years 10 mons 13:29:44.75, -1 mons -2 days, \
        26 years 11 mons 4 days
        SELECT AGE(CAST(CURRENT_DATE AS TIMESTAMP) - INTERVAL '1' DAY) => 1 day
        SELECT date_part('day', INTERVAL '3 4' DAY TO HOUR), \
        date_part('hour', TIMESTAMP '2027-01-01 00:00:00' - TIMESTAMP '2026-12-30 10:00:00') => 3, 14
        SELECT TO_CHAR(ts, 'YYYY-MM-DD HH24:MI') FROM events WHERE seq = 2         => 2026-11-01 10:01
        SELECT GREATEST(seq, 2), LEAST(seq, 2) FROM events WHERE seq = 3           => 3, 2
        SELECT ts AT TIME ZONE 'Europe/Paris' FROM events WHERE seq = 1            => 2026-11-01 11:00:00.000
        SELECT (ts + INTERVAL '0.007' SECOND) AT TIME ZONE 'europe/paris' \
        FROM events WHERE seq = 1 => 2026-11-01 11:00:00.007
        SELECT date_trunc('hour', DATE '2026-11-04'), date_trunc('week', DATE '2026-11-04') \
        => 2026-11-04 00:00:00.000, 2026-11-02 00:00:00.000
        SELECT ts + interval '1.5 days' FROM events WHERE seq = 1                  => 2026-11-02 22:00:00.000
        SELECT seq % 2 FROM events WHERE seq = 3                                   => 1
        SELECT ROUND(2.5e0), ROUND(-2.5e0), ROUND(3.5e0), ROUND(2.6e0), ROUND(2.5), ROUND(-2.5), ROUND(2.45e0, 1) \
        => 2.0, -2.0, 4.0, 3.0, 3, -3, 2.5
        SELECT ROUND(CAST(NULLIF(seq, 2) AS REAL) + 0.5), ROUND(CAST(NULL AS REAL)) FROM events WHERE seq = 1 \
        => 2.0, null
        SELECT ROUND(1234, -2), ROUND(-1250, -2), ROUND(seq + 14, -1), ROUND(7, 2), ROUND(CAST(NULL AS INTEGER), -1) \
        FROM events WHERE seq = 1 => 1200, -1300, 20, 7, null
        SELECT NOW() >= TIMESTAMP '2026-01-01 00:00:00'                            => true
        SELECT CURRENT_SCHEMA                                                      => public
        SELECT current_schema(), current_database() = CURRENT_CATALOG             => public, true
        SELECT seq FROM events ORDER BY seq OFFSET 1 ROW FETCH NEXT ROW ONLY      => 2
        SELECT extract(epoch from ts), date_part('hour', ts) FROM events WHERE seq = 1 => 1793527200.000, 10
        SELECT EXTRACT(EPOCH FROM ts + INTERVAL '0.25' SECOND), date_part('epoch', DATE '2026-11-01'), \
        EXTRACT(EPOCH FROM INTERVAL '1' DAY), EXTRACT(EPOCH FROM INTERVAL '1' MONTH), \
        EXTRACT(EPOCH FROM INTERVAL '13' MONTH), EXTRACT(EPOCH FROM INTERVAL '-1-1' YEAR TO MONTH), \
        EXTRACT(EPOCH FROM TIME '10:00:00.5'), \
        EXTRACT(EPOCH FROM CAST(ts AS TIMESTAMP WITH LOCAL TIME ZONE)) FROM events WHERE seq = 1 \
        => 1793527200.250, 1793491200, 86400.000, 2592000, 34149600, -34149600, 36000.500, 1793527200.000
        SELECT name AS n, COUNT(*) FROM events GROUP BY n ORDER BY 1               => thing.even, 1
        SELECT TIMESTAMP '2026-11-01T10:00:00Z' = TIMESTAMP '2026-11-01 10:00:00', \
        TIMESTAMP '2026-11-01T10:00:00.5+01:00' = TIMESTAMP '2026-11-01 09:00:00.5', \
        TIMESTAMP '2026-11-01t10:00' = TIMESTAMP '2026-11-01 10:00:00', \
        TIMESTAMP '2026-11-01 10:00:00 +0100' = TIMESTAMP '2026-11-01 09:00:00', \
        TIMESTAMP '2026-11-01T23:30-01:30' = TIMESTAMP '2026-11-02 01:00:00' => true, true, true, true, true
        SELECT COUNT(*) FROM events AS OF TIMESTAMP '2026-11-01T10:01:00Z'          => 2
        SELECT COUNT(*) FROM events WHERE ts >= '2026-11-01T10:01:00Z'             => 2
        SELECT COUNT(*) FROM events WHERE ts < '2026-11-01T10:01:00.001+00:00' AND ts > '2026-11-01 10:00' => 1
        SELECT CAST('2026-11-01T10:01:00.25Z' AS TIMESTAMP), '2026-11-01t10:02'::timestamp(3), \
        CAST('2026-11-01 10:00:00' AS TIMESTAMP) => 2026-11-01 10:01:00.250, 2026-11-01 10:02:00.000, \
        2026-11-01 10:00:00.000
        SELECT COUNT(*) FROM events WHERE ts >= CAST(TRIM(' 2026-11-01T10:01:00Z ') AS TIMESTAMP) => 2
        SELECT CAST('2026-11-01T10:00:00Z' AS DATE), CAST('2026-11-01T23:30:00-01:00' AS DATE), \
        CAST('2026-11-01 10:00:00' AS DATE), CAST('2026-11-01T11:00:00.5+01:00' AS TIME), CAST('10:00' AS TIME), \
        CAST(TRIM('2026-11-01T10:00Z ') AS DATE), CAST(TRIM('2026-11-01T10:00:00.25Z') AS TIME) \
        => 2026-11-01, 2026-11-02, 2026-11-01, 10:00:00.500, 10:00:00.000, 2026-11-01, 10:00:00.250
        SELECT COUNT(*) FROM events FOR SYSTEM_TIME AS OF TIMESTAMP '2026-11-01T05:01:00-05:00' => 2
        SELECT COUNT(*) FROM events WHERE ts >= '2026-11-01T11:01:00+01:00'        => 2
        SELECT extract(dow FROM DATE '2026-12-06'), date_part('dow', DATE '2026-12-05'), \
        EXTRACT(DOW FROM TIMESTAMP '2026-11-02 10:00:00') => 0, 6, 1
        SELECT JSON_VALUE(data, '$.i' RETURNING INTEGER) + 1, JSON_VALUE(data, '$.i' RETURNING int8) * 2 \
        FROM events WHERE seq = 2 => 3, 4
        """)
    void postgresSpellingsGivePostgresAnswers(String query, String expected) throws SQLException {
        assertThat(sql.rowsOfStatement(query)).as("statement").first().isEqualTo(expected);
        assertThat(sql.rows(query)).as("prepared").first().isEqualTo(expected);
    }

    @Test
    void currentSchemaIsTheOneTheConnectionWasSetTo() throws SQLException {
        sql.connection.setSchema("sys");
        // it answered public whatever the connection's schema, where unqualified names resolved in sys
        assertThat(sql.rowsOfStatement("SELECT CURRENT_SCHEMA, (SELECT COUNT(*) FROM projections)"))
            .containsExactly("sys, 0");
        sql.connection.setSchema("public");
        assertThat(sql.rowsOfStatement("SELECT CURRENT_SCHEMA")).containsExactly("public");
    }

    @Test
    void aCatalogSetIsIgnoredAsJdbcSaysOfADriverWithoutCatalogs() throws SQLException {
        String before = sql.connection.getCatalog();
        sql.connection.setCatalog("x");
        assertThat(sql.connection.getCatalog()).isEqualTo(before).isNotEqualTo("x");
    }

    @Test
    void anIntegerRoundedToPlacesBeyondItsTypeIs22003NotWrappedAround() {
        // Calcite rounded in the integer: ROUND(2147483647, -1) was -2147483646 (PostgreSQL: 2147483650, a numeric)
        for (String round : new String[] {"ROUND(2147483647, -1)", "ROUND(CAST(9223372036854775807 AS BIGINT), -1)",
            "ROUND(CAST(32767 AS SMALLINT), -1)", "ROUND(CAST(seq AS INTEGER) + 2147483645, -1) FROM events "
            + "WHERE seq = 1"}) {
            SQLException e = catchThrowableOfType(SQLException.class, () -> sql.rows("SELECT " + round));
            assertThat(e.getSQLState()).as(round).isEqualTo("22003");
        }
    }

    @Test
    void intervalTextWithAUnitNoneOfTheUnitsIs22007AsPostgresSaysIt() {
        // Calcite read the text as seconds: "invalid value for a cast to a number" (22018) for every unit
        SQLException e = catchThrowableOfType(SQLException.class, () -> sql.rows("SELECT '3 blorps'::interval"));
        assertThat(e.getSQLState()).isEqualTo("22007");
        assertThat(e.getMessage()).contains("unknown unit \"blorps\"");
        for (String bad : new String[] {"1:00 2:00", "00:75", "1:2:99", "PT", "P1DT", "P1D2H"}) {
            SQLException refused = catchThrowableOfType(SQLException.class,
                () -> sql.rows("SELECT '" + bad + "'::interval"));
            assertThat(refused.getSQLState()).as(bad).isEqualTo("22007");
            assertThat(refused.getMessage()).as(bad).contains("interval '" + bad + "'");
        }
    }

    @Test
    void aTimeInTheEventsJsonCastsToATimestampAsPostgresReadsIt() throws SQLException {
        String at = "JSON_VALUE('{\"at\":\"2026-11-01T10:00:59.5Z\"}', '$.at')";
        String query = "SELECT CAST(" + at + " AS TIMESTAMP), CAST(" + at + " AS TIMESTAMP) < ts FROM events "
            + "WHERE seq = 2";
        assertThat(sql.rowsOfStatement(query)).containsExactly("2026-11-01 10:00:59.500, true");
        assertThat(sql.rows(query)).containsExactly("2026-11-01 10:00:59.500, true");
        assertThat(catchThrowableOfType(SQLException.class,
            () -> sql.rows("SELECT CAST(JSON_VALUE('{\"at\":\"soon\"}', '$.at') AS TIMESTAMP)")).getSQLState())
            .as("text that is no time").isEqualTo("22007");
    }

    @Test
    void aTimeWithAnOffsetNamesOneInstantAsLiteralTextAndAsAParameter() throws SQLException {
        String at = "2026-11-01T11:01:00+01:00"; // 10:01 UTC: events 2 and 3 are at or after it
        assertThat(sql.rowsOfStatement("SELECT COUNT(*) FROM events WHERE ts >= '" + at + "'")).containsExactly("2");
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE ts >= ?", at)).containsExactly("2");
        assertThat(sql.rows("SELECT COUNT(*) FROM events AS OF TIMESTAMP '" + at + "'")).containsExactly("2");
        assertThat(sql.rows("SELECT COUNT(*) FROM events AS OF TIMESTAMP ?", at)).containsExactly("2");
        for (String nothing : List.of("2026-13-01T10:00:00+01:00", "2026-11-01T10:00:00+01:75",
            "9999-12-31T23:30:00-01:00")) {
            assertThat(catchThrowableOfType(SQLException.class,
                () -> sql.rows("SELECT CAST('" + nothing + "' AS TIMESTAMP)")).getMessage())
                .as("no such time: refused naming the text as written").contains(nothing);
        }
        assertThat(sql.rows("SELECT CAST('2026-11-01T10:00:00.1234567891Z' AS TIMESTAMP)"))
            .as("more fraction digits than Java's nine").containsExactly("2026-11-01 10:00:00.123");
    }

    @Test
    void literalsHoldAnyCharacterNotOnlyLatin1() throws SQLException {
        String euro = "\u20ac"; // beyond ISO-8859-1, Calcite's default for literals: it failed with XX000
        String emoji = "\ud83d\ude00";
        assertThat(sql.rowsOfStatement("SELECT '" + euro + "1' || '" + emoji + "'"))
            .containsExactly(euro + "1" + emoji);
        assertThat(sql.update("INSERT INTO events (stream_id, entity_type, name, data) VALUES ('" + euro + "-1', "
            + "'thing', 'thing.noted', '{\"note\":\"" + euro + emoji + "\"}')")).isEqualTo(1);
        assertThat(sql.rowsOfStatement("SELECT stream_id, JSON_VALUE(data, '$.note') FROM events WHERE stream_id = '"
            + euro + "-1'")).containsExactly(euro + "-1, " + euro + emoji);
    }

    @Test
    void jsonValueReturningADecimalIsTheNumberAsWrittenNotItsDouble() throws SQLException {
        String doc = "'{\"t\":492.51}'";
        String query = "SELECT JSON_VALUE(" + doc + ", '$.t' RETURNING DECIMAL(12,2)), JSON_VALUE(" + doc
            + ", '$.t' RETURNING DECIMAL(12,2)) + 0, SUM(JSON_VALUE(" + doc + ", '$.t' RETURNING DECIMAL(12,2))) "
            + "FROM events";
        assertThat(sql.rowsOfStatement(query)).containsExactly("492.51, 492.51, 1477.53");
        assertThat(sql.rows(query)).containsExactly("492.51, 492.51, 1477.53");
    }

    @Test
    void aComparisonWithTheRowsOfAValuesListOfTimestampsOrDatesRuns() throws SQLException {
        // an internal error before (Calcite's type coercion of a bare VALUES of datetimes, or code not compiling)
        String[] runs = {
            "ts > ANY (VALUES (TIMESTAMP '2020-01-01 00:00:00'), (TIMESTAMP '2999-01-01 00:00:00'))", "3",
            "ts > ALL (VALUES (TIMESTAMP '2020-01-01 00:00:00'), (TIMESTAMP '2999-01-01 00:00:00'))", "0",
            "ts > SOME (VALUES ('2020-01-01 00:00:00'))", "3",
            "ts IN (VALUES (TIMESTAMP '2020-01-01 00:00:00'), (CURRENT_TIMESTAMP))", "0",
            "CAST(ts AS DATE) NOT IN (VALUES (DATE '2020-01-01'))", "3",
            "(seq, version) IN (VALUES (1, 1), (3, 3), (3, 1))", "2",
        };
        for (int i = 0; i < runs.length; i += 2) {
            assertThat(sql.rows("SELECT count(*) FROM events WHERE " + runs[i])).as(runs[i])
                .containsExactly(runs[i + 1]);
        }
    }

    @Test
    void atTimeZoneDoesNotDependOnTheJvmsZone() throws SQLException {
        TimeZone jvm = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
        try {
            // a DST gap in New York: converting through the JVM's zone would move it by an hour
            assertThat(sql.rows("SELECT TIMESTAMP '2026-03-08 02:30:00' AT TIME ZONE 'Europe/Paris', "
                + "TIMESTAMP '2026-03-08 07:30:00' AT TIME ZONE 'Etc/GMT+5'"))
                .containsExactly("2026-03-08 03:30:00.000, 2026-03-08 02:30:00.000");
        } finally {
            TimeZone.setDefault(jvm);
        }
    }

    @Test
    void versionNamesTheProduct() throws SQLException {
        assertThat(sql.rows("SELECT version()")).singleElement().asString().startsWith("Hindsight ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"position", "lag", "lead", "prev", "running", "one", "year", "month", "day", "hour",
        "minute", "second", "value", "result", "count", "language", "start"})
    void wordsPeopleUseAsColumnNamesAreNames(String name) throws SQLException {
        assertThat(sql.rows("SELECT " + name + " FROM (SELECT seq AS " + name + " FROM events WHERE seq = 2) t"))
            .containsExactly("2");
        assertThat(sql.rows("SELECT POSITION('.' IN name), LAG(seq) OVER (ORDER BY seq), COUNT(*) OVER (), "
            + "EXTRACT(YEAR FROM ts), CAST(ts + INTERVAL '1' DAY AS DATE) FROM events WHERE seq = 1"))
            .as("the functions and units of the same names still work").containsExactly("6, null, 1, 2026, 2026-11-02");
    }

    @Test
    void aSyntaxErrorNamesTheWordAndWhereItIs() {
        SQLException e = catchThrowableOfType(SQLException.class, () -> sql.rows("SELECT seq FROM events WHERE"));
        assertThat(e.getSQLState()).isEqualTo("42601");
        assertThat(e.getMessage()).startsWith("syntax error at end of input (line 1, column 28)")
            .doesNotContain("Was expecting");
        // a reserved word out of place: Calcite's "Incorrect syntax near the keyword …" and its page of token names
        SQLException keyword = catchThrowableOfType(SQLException.class, () -> sql.rows("SELECT 1 WHERE 1 = 1"));
        assertThat(keyword.getSQLState()).isEqualTo("42601");
        assertThat(keyword.getMessage()).isEqualTo("syntax error at or near \"WHERE\" (line 1, column 10)");
        // a quoted word, as PostgreSQL writes it (Calcite's escapes left "\b\")
        assertThat(catchThrowableOfType(SQLException.class, () -> sql.rows("SELECT 1 FROM events t \"b\""))
            .getMessage()).isEqualTo("syntax error at or near \"\"b\"\" (line 1, column 24)");
    }

    @Test
    void aConvertToACharacterSetThatIsNoneIs22023NamingItAndTheEscapeConvertsToAType() throws SQLException {
        // Calcite reads CONVERT(x, SQL_INTEGER) as a character set conversion: an internal error (XX000) before
        SQLException e = catchThrowableOfType(SQLException.class, () -> sql.rows("SELECT CONVERT('12', SQL_INTEGER)"));
        assertThat(e.getSQLState()).isEqualTo("22023");
        assertThat(e.getMessage()).startsWith("invalid encoding name \"SQL_INTEGER\"").contains("{fn CONVERT");
        assertThat(sql.rows("SELECT {fn CONVERT('12', SQL_INTEGER)} + 1")).containsExactly("13");
    }

    @Test
    void aStatementNestedTooDeeplyIsASyntaxErrorSayingSo() throws SQLException {
        String nested = "SELECT " + "(".repeat(20_000) + "1" + ")".repeat(20_000);
        SQLException e = catchThrowableOfType(SQLException.class, () -> sql.rows(nested));
        assertThat(e.getSQLState()).isEqualTo("42601");
        assertThat(e.getMessage()).contains("nested too deeply");
        assertThat(sql.rows("SELECT 1")).as("the connection goes on").containsExactly("1");
    }

    @Test
    void anIntervalLiteralWithAnUnknownUnitIs22007NamingItAsTheSameTextCast() {
        // PostgreSQL's "invalid input syntax for type interval"; it was a syntax error (42601), the cast 22007
        SQLException e = catchThrowableOfType(SQLException.class,
            () -> sql.rows("SELECT ts + interval '1 fortnight' FROM events"));
        assertThat(e.getSQLState()).isEqualTo("22007");
        assertThat(e.getMessage()).contains("fortnight").doesNotContain("Error while");
        SQLException months = catchThrowableOfType(SQLException.class,
            () -> sql.rows("SELECT ts + interval '1.5 months' FROM events"));
        assertThat(months.getSQLState()).isEqualTo("22007");
        assertThat(months.getMessage()).contains("whole");
    }

    @Test
    void anUnknownTimeZoneIs22023NamingIt() {
        SQLException e = catchThrowableOfType(SQLException.class,
            () -> sql.rows("SELECT ts AT TIME ZONE 'Mars/Olympus' FROM events"));
        assertThat(e.getSQLState()).isEqualTo("22023");
        assertThat(e.getMessage()).contains("Mars/Olympus");
        SQLException offset = catchThrowableOfType(SQLException.class,
            () -> sql.rows("SELECT ts AT TIME ZONE '+02:00' FROM events"));
        assertThat(offset.getSQLState()).as("PostgreSQL and ISO 8601 read its sign oppositely").isEqualTo("22023");
    }

    @Test
    void aMisspeltStatementIsASyntaxErrorAtTheWordToldOnce() {
        for (boolean prepared : List.of(false, true)) {
            SQLException e = catchThrowableOfType(SQLException.class,
                () -> { if (prepared) { sql.rows("SELEC 1"); } else { sql.rowsOfStatement("SELEC 1"); } });
            assertThat(e.getSQLState()).isEqualTo("42601");
            assertThat(e.getMessage()).as(prepared ? "prepared" : "statement")
                .startsWith("syntax error at or near \"SELEC\" (line 1, column 1)")
                .doesNotContain("Error while", "Error 0", "Non-query");
        }
        // the statements there are, all of them: the list left out the projections' DDL, SHOW and ALTER SESSION
        SQLException e = catchThrowableOfType(SQLException.class, () -> sql.rowsOfStatement("START TRANSACTION"));
        assertThat(e.getSQLState()).isEqualTo("42601");
        assertThat(e.getMessage()).contains("SHOW", "ALTER SESSION", "CREATE [OR REPLACE] PROJECTION",
            "DROP PROJECTION");
    }
}
