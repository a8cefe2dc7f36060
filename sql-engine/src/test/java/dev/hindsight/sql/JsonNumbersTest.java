package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A JSON number is read as a decimal and printed as PostgreSQL prints a {@code jsonb} number: given events whose
 * payloads hold amounts written several ways, when {@code JSON_VALUE} or {@code JSON_QUERY} reads them (from the
 * stored column, which the fast walk answers, from text Calcite's JSONPath engine answers, with {@code ON} clauses,
 * cast to a DECIMAL, in a projection), then the text is the value's plain numeral with its written digits (checked
 * against PostgreSQL 15's {@code ->>}). Calcite read them into doubles: {@code 12345678901.25} came out as
 * {@code 1.234567890125E10}, {@code 100.50} as {@code 100.5}, and 19 fraction digits were rounded to 17.
 */
class JsonNumbersTest {

    private static final String[] AMOUNTS = {"12345678901.25", "100.50", "1e2", "1.5e-3", "-0", "0.1234567890123456789",
        "1E-7", "99999999999999999999.99"};

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest();

    @BeforeEach
    void givenEventsWithAmounts() throws SQLException {
        for (int i = 0; i < AMOUNTS.length; i++) {
            sql.update("INSERT INTO events (stream_id, entity_type, name, data) VALUES ('o-" + i + "', 'order', "
                + "'order.placed', '{\"customerId\":\"c-" + (i % 2) + "\",\"total\":" + AMOUNTS[i] + ",\"lines\":["
                + AMOUNTS[i] + "]}')");
        }
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiterString = "|", textBlock = """
        12345678901.25          | 12345678901.25
        100.50                  | 100.50
        1e2                     | 100
        1.5e-3                  | 0.0015
        -0                      | 0
        0.1234567890123456789   | 0.1234567890123456789
        1E-7                    | 0.0000001
        99999999999999999999.99 | 99999999999999999999.99
        """)
    void givenAnAmount_whenReadAsText_thenItIsItsPlainNumeral(String written, String text) throws SQLException {
        String doc = "'{\"total\":" + written + "}'";
        assertThat(sql.rows("SELECT JSON_VALUE(" + doc + ", '$.total')")).as("a literal document")
            .containsExactly(text);
        assertThat(sql.rows("SELECT JSON_VALUE(" + doc + " FORMAT JSON, 'strict $.total' DEFAULT 'none' ON EMPTY)"))
            .as("with an ON clause").containsExactly(text);
        assertThat(sql.rows("SELECT JSON_QUERY(" + doc + ", '$')")).as("JSON_QUERY")
            .containsExactly("{\"total\":" + text + "}");
        String stream = "o-" + Arrays.asList(AMOUNTS).indexOf(written);
        assertThat(sql.rows("SELECT JSON_VALUE(data, '$.total'), JSON_VALUE(data, 'lax $.lines[0]'), "
            + "JSON_VALUE(data, '$.total' NULL ON ERROR) FROM events WHERE stream_id = ?", stream))
            .as("the stored column").containsExactly(text + ", " + text + ", " + text);
        assertThat(sql.rows("SELECT JSON_VALUE(data, '$.total') FROM events WHERE JSON_VALUE(data, '$.total') = ?",
            text)).as("compared as text").containsExactly(text);
    }

    @Test
    void givenAmounts_whenCastToADecimalOrSummed_thenNoDigitIsLost() throws SQLException {
        assertThat(sql.rows("SELECT CAST(JSON_VALUE(data, '$.total') AS DECIMAL(30, 20)) FROM events "
            + "WHERE stream_id = 'o-5'")).containsExactly("0.12345678901234567890");
        assertThat(sql.rows("SELECT JSON_VALUE(data, '$.total' RETURNING DECIMAL(30, 20)) FROM events "
            + "WHERE stream_id = 'o-5'")).containsExactly("0.12345678901234567890");
        assertThat(sql.rows("SELECT SUM(CAST(JSON_VALUE(data, '$.total') AS DECIMAL(24, 2))) FROM events "
            + "WHERE stream_id IN ('o-0', 'o-1', 'o-7')")).containsExactly(
                "100000000012345679001.74");
    }

    @Test
    void givenAProjection_whenItGroupsAndSumsAmounts_thenAsAQuery() throws SQLException {
        sql.update("CREATE PROJECTION totals AS SELECT JSON_VALUE(data, '$.total') AS total, COUNT(*) AS n, "
            + "SUM(CAST(JSON_VALUE(data, '$.total') AS DECIMAL(24, 2))) AS revenue FROM events "
            + "WHERE stream_id IN ('o-0', 'o-1', 'o-2') GROUP BY JSON_VALUE(data, '$.total')");
        assertThat(sql.rows("SELECT total, n, revenue FROM totals ORDER BY revenue")).containsExactly(
            "100, 1, 100.00", "100.50, 1, 100.50", "12345678901.25, 1, 12345678901.25");
    }

    @Test
    void givenNumbers_whenAJsonConstructorTakesThemAsJson_thenTheyKeepTheirDigits() throws SQLException {
        assertThat(sql.rows("SELECT JSON_OBJECT('k' VALUE JSON_QUERY(data, '$') FORMAT JSON) FROM events "
            + "WHERE stream_id = 'o-1'")).containsExactly(
                "{\"k\":{\"customerId\":\"c-1\",\"total\":100.50,\"lines\":[100.50]}}");
        assertThat(sql.rows("SELECT JSON_ARRAYAGG(x FORMAT JSON) FROM (VALUES ('1e2'), ('12345678901.25')) t(x)"))
            .containsExactly("[100,12345678901.25]");
    }

    @Test
    void givenTextWithMoreAfterTheDocument_whenAskedIsJson_thenItIsNotAsTheJsonFunctionsReadIt() throws SQLException {
        // Calcite's reader stopped after the first value: '{} x' and '{}{}' were JSON, which JSON_VALUE refuses
        assertThat(sql.rows("SELECT '{} x' IS JSON, '{}{}' IS JSON, '{} x' IS NOT JSON, '{}' IS JSON OBJECT, "
            + "'[1]' IS JSON ARRAY, '[1]' IS NOT JSON OBJECT, 'null' IS JSON SCALAR, '1' IS JSON SCALAR, 'x' IS JSON, "
            + "CAST(NULL AS VARCHAR) IS JSON"))
            .containsExactly("false, false, true, true, true, true, true, true, false, null");
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE data IS JSON OBJECT AND (data || data) IS NOT JSON"))
            .isEqualTo(sql.rows("SELECT COUNT(*) FROM events"));
    }

    @Test
    void givenDatesAndTimes_whenAJsonConstructorTakesThem_thenTheyAreTheirTextAsPostgresWritesThem()
            throws SQLException {
        // Calcite wrote the number inside: 20758 days, 1793527200500 ms, which nothing reads back as a time
        assertThat(sql.rows("SELECT JSON_OBJECT('ts': TIMESTAMP '2026-11-01 10:00:00.5', 'd': DATE '2026-11-01', "
            + "'t': TIME '10:00:00'), JSON_ARRAY(DATE '2026-11-01', 1)"))
            .containsExactly("{\"d\":\"2026-11-01\",\"t\":\"10:00:00\",\"ts\":\"2026-11-01T10:00:00.5\"}, "
                + "[\"2026-11-01\",1]");
        assertThat(sql.rows("SELECT JSON_ARRAYAGG(CAST(ts AS DATE) ORDER BY seq), JSON_OBJECTAGG(stream_id : "
            + "CAST(ts AS DATE)), JSON_VALUE(JSON_OBJECT('a': MIN(ts)), '$.a' RETURNING TIMESTAMP) = MIN(ts) "
            + "FROM events WHERE stream_id = 'o-1'")).singleElement().asString()
            .matches("\\[\"\\d{4}-\\d{2}-\\d{2}\"(,\"[-0-9]+\")*], \\{\"o-1\":\"[-0-9]+\"(,.*)?}, true");
        // bound, as written: each was 42804 ("parameter 1 is JAVA_OBJECT and cannot take a TIMESTAMP")
        try (PreparedStatement ps = sql.connection.prepareStatement("SELECT JSON_OBJECT('ts': ?, 'd': ?, 't': ?), "
                + "JSON_ARRAY(?, 1)")) {
            ps.setTimestamp(1, Timestamp.valueOf("2026-11-01 10:00:00.5"));
            ps.setObject(2, LocalDate.of(2026, 11, 1));
            ps.setObject(3, LocalTime.of(10, 0));
            ps.setObject(4, LocalDateTime.of(2026, 11, 1, 10, 0, 0, 120_000_000));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("{\"d\":\"2026-11-01\",\"t\":\"10:00:00\",\"ts\":"
                    + "\"2026-11-01T10:00:00.5\"}");
                assertThat(rs.getString(2)).isEqualTo("[\"2026-11-01T10:00:00.12\",1]");
            }
        }
        // JSON_QUERY's answer is JSON, as the standard and PostgreSQL take it: it was a string, "[100.50]"
        assertThat(sql.rows("SELECT JSON_OBJECT('k': JSON_QUERY(data, '$.lines')), JSON_ARRAY(JSON_QUERY(data, "
            + "'$.nope')) FROM events WHERE stream_id = 'o-1'")).containsExactly("{\"k\":[100.50]}, []");
    }

    /**
     * The log refuses such a number now (as the HTTP API does), but a log written before may hold one, and any text
     * may be given to the JSON functions: the document is read, past Jackson's default limit of 1000 digits.
     */
    @Test
    void givenANumberOfMoreThanAThousandDigits_whenReadEitherWay_thenTheDocumentIsRead() throws SQLException {
        String big = "1" + "0".repeat(1000);
        String document = "{\"a\":" + big + ",\"b\":\"x\"}";
        assertThat(sql.rows("SELECT JSON_VALUE(d, '$.b'), JSON_VALUE(d, 'strict $.b'), JSON_VALUE(d, 'strict "
            + "$.a') = ?, JSON_VALUE(d, '$.a') = ? FROM (VALUES (CAST(? AS VARCHAR))) AS t(d)", big, big, document))
            .containsExactly("x, x, true, true");
        SQLException refused = catchThrowableOfType(SQLException.class, () -> sql.update("INSERT INTO events "
            + "(stream_id, entity_type, name, data) VALUES ('big', 'order', 'order.placed', '" + document + "')"));
        assertThat(refused.getSQLState()).isEqualTo("22023");
        assertThat(refused.getMessage()).contains("holds a number of more than 1000 digits");
    }

    @Test
    void givenALiteralWithAHugeExponent_whenCastToADecimal_thenRefusedAtOnce() {
        // Calcite folds the cast while converting, its range check stripping 999,999 zeros: minutes
        SQLException thrown = catchThrowableOfType(SQLException.class,
            () -> sql.rows("SELECT CAST('1E+999999' AS DECIMAL(12, 2))"));
        assertThat((Throwable) thrown).isNotNull();
        assertThat(thrown.getSQLState()).isEqualTo("22003");
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // unjudged, each cast took minutes
    void givenAPayloadNumberWithAHugeExponent_whenCastToADecimal_thenJudgedAtOnce() throws SQLException {
        sql.update("INSERT INTO events (stream_id, entity_type, name, data) VALUES ('huge', 'order', 'order.placed', "
            + "'{\"total\":1e999999,\"tiny\":-1e-999999}')");
        String huge = "CAST(JSON_VALUE(data, '$.total') AS DECIMAL(38, 2))"; // every other amount fits
        for (String query : new String[] {"SELECT " + huge + " FROM events WHERE stream_id = 'huge'",
            "SELECT COUNT(*) FROM events WHERE " + huge + " > 0",
            "SELECT COUNT(*) FROM events a JOIN events b ON " + huge.replace("data", "a.data") + " < b.seq"}) {
            SQLException thrown = catchThrowableOfType(SQLException.class, () -> sql.rows(query));
            assertThat((Throwable) thrown).as(query).isNotNull();
            assertThat(thrown.getSQLState()).isEqualTo("22003");
            assertThat(thrown.getMessage()).contains("1E+999999 does not fit a DECIMAL(38, 2)");
        }
        assertThat(sql.rows("SELECT JSON_VALUE(data, '$.total' RETURNING DECIMAL(12, 2)), "
            + "CAST(JSON_VALUE(data, '$.tiny') AS DECIMAL(12, 2)) FROM events WHERE stream_id = 'huge'"))
            .containsExactly("null, 0.00"); // RETURNING is NULL ON ERROR; far below the last digit rounds to 0

        SQLException peaks = sql.refusal("CREATE PROJECTION peaks AS SELECT stream_id, MAX(" + huge + ") AS peak "
            + "FROM events GROUP BY stream_id");
        assertThat(peaks.getSQLState()).isEqualTo("22003");
        assertThat(peaks.getMessage()).contains("projection peaks was not created: it failed at seq")
            .contains("1E+999999 does not fit a DECIMAL(38, 2)");
        assertThat(sql.rows("SELECT name FROM sys.projections WHERE name = 'peaks'")).isEmpty();
    }
}
