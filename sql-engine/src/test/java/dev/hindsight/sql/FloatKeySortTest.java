package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ORDER BY} one floating-point key holding NaN or an infinity: given such values (and a NULL), when a statement
 * orders by them alone, in either direction, with NULLs first or last, under a {@code LIMIT} and over a
 * {@code UNION ALL}, then the rows come in PostgreSQL 15's order (psql's answers written in: NaN above every number,
 * NULLs last ascending and first descending). Each failed with 22018 "Infinite or NaN" (Calcite compares a lone key
 * by way of {@code BigDecimal}s).
 */
class FloatKeySortTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest();

    private static final String VALUES = "(VALUES (CAST('Infinity' AS DOUBLE), 'inf'), (1.5e0, 'one and a half'), "
        + "(CAST(NULL AS DOUBLE), 'null'), (CAST('-Infinity' AS DOUBLE), '-inf'), (CAST('NaN' AS DOUBLE), 'nan'), "
        + "(CAST('-0' AS DOUBLE), 'zero')) t(x, label)";

    @Test
    void givenNaNAndInfinities_whenOrderedByThemAlone_thenInPostgresOrder() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT label FROM " + VALUES + " ORDER BY x"))
            .containsExactly("-inf", "zero", "one and a half", "inf", "nan", "null");
        assertThat(sql.rowsOfStatement("SELECT label FROM " + VALUES + " ORDER BY x DESC"))
            .containsExactly("null", "nan", "inf", "one and a half", "zero", "-inf");
        assertThat(sql.rowsOfStatement("SELECT label FROM " + VALUES + " ORDER BY x NULLS FIRST"))
            .containsExactly("null", "-inf", "zero", "one and a half", "inf", "nan");
        assertThat(sql.rowsOfStatement("SELECT label FROM " + VALUES + " ORDER BY x DESC NULLS LAST LIMIT 3"))
            .containsExactly("nan", "inf", "one and a half");
        assertThat(sql.rowsOfStatement("SELECT label FROM " + VALUES + " ORDER BY CAST(x AS REAL) DESC OFFSET 1"))
            .containsExactly("nan", "inf", "one and a half", "zero", "-inf");
    }

    @Test
    void givenNaNAndInfinities_whenAUnionIsOrderedByThem_thenInPostgresOrder() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT x FROM " + VALUES + " WHERE label IN ('inf', 'nan') UNION ALL "
            + "SELECT 2e0 UNION ALL SELECT CAST('NaN' AS DOUBLE) ORDER BY x DESC"))
            .containsExactly("NaN", "NaN", "Infinity", "2.0");
    }

    @Test
    void givenMinusZeroAndZero_whenOrderedByThemThenAnotherKey_thenTheOtherKeyDecidesBetweenThem() throws SQLException {
        for (int i = 1; i <= 6; i++) {
            sql.update("INSERT INTO events (stream_id, entity_type, name, data) VALUES ('z-" + i % 2 + "', 't', 'z.f', "
                + "'{\"f\":" + (i % 2 == 1 ? "-1" : "1") + "}')");
        }
        // f * 0 is -0.0 for the odd seqs and 0.0 for the even ones: PostgreSQL 15 takes them as equal, so seq decides
        // (it answers 1..6, 6..1 descending); Calcite's comparator of several keys put every -0 first
        String zero = "CAST(JSON_VALUE(data, '$.f') AS DOUBLE) * 0";
        assertThat(sql.rows("SELECT seq FROM events ORDER BY " + zero + ", seq"))
            .containsExactly("1", "2", "3", "4", "5", "6");
        assertThat(sql.rows("SELECT seq FROM events ORDER BY " + zero + " DESC, seq DESC"))
            .containsExactly("6", "5", "4", "3", "2", "1");
        assertThat(sql.rows("SELECT seq FROM events ORDER BY " + zero + ", seq LIMIT 3"))
            .containsExactly("1", "2", "3");
        assertThat(sql.rows("SELECT seq FROM events ORDER BY " + zero + " NULLS FIRST, stream_id, seq DESC OFFSET 2"))
            .containsExactly("2", "5", "3", "1");
        assertThat(sql.rows("SELECT z, seq FROM (SELECT " + zero + " AS z, seq FROM events WHERE seq <= 3 UNION ALL "
            + "SELECT " + zero + ", seq FROM events WHERE seq > 3) t ORDER BY z, seq"))
            .as("the values as they were, -0 shown").containsExactly("-0.0, 1", "0.0, 2", "-0.0, 3", "0.0, 4",
                "-0.0, 5", "0.0, 6");
    }

    @Test
    void givenFloatKeysBesideKeysOfOtherTypes_whenOrdered_thenInPostgresOrderAndALimitIsATopN() throws SQLException {
        String values = "(VALUES (1, CAST('-0' AS REAL), 'b', TRUE, DATE '2024-01-02', 1.50), "
            + "(2, CAST('0' AS REAL), 'a', FALSE, DATE '2024-01-01', 1.5), "
            + "(3, CAST('NaN' AS REAL), CAST(NULL AS VARCHAR), NULL, NULL, NULL), "
            + "(4, CAST('-0' AS REAL), 'a', TRUE, DATE '2024-01-01', 2.25), "
            + "(5, CAST(NULL AS REAL), 'c', FALSE, DATE '2023-12-31', 0.5)) t(i, x, s, b, d, n)";
        // PostgreSQL 15's answers: -0 = 0, NaN above numbers, NULLs last ascending and first descending
        assertThat(sql.rowsOfStatement("SELECT i FROM " + values + " ORDER BY x, s, i"))
            .containsExactly("2", "4", "1", "3", "5");
        assertThat(sql.rowsOfStatement("SELECT i FROM " + values + " ORDER BY x DESC, b, d DESC, i"))
            .containsExactly("5", "3", "2", "1", "4");
        assertThat(sql.rowsOfStatement("SELECT i FROM " + values + " ORDER BY x NULLS FIRST, n DESC, i LIMIT 3"))
            .containsExactly("5", "4", "1");
        assertThat(sql.rowsOfStatement("SELECT i FROM " + values + " ORDER BY x, s DESC NULLS LAST, i OFFSET 1 "
            + "FETCH NEXT 2 ROWS ONLY")).containsExactly("2", "4");
        String plan = String.join("\n", sql.rowsOfStatement("EXPLAIN PLAN FOR SELECT seq FROM events ORDER BY "
            + "CAST(seq AS DOUBLE) * 0, seq LIMIT 3"));
        assertThat(plan).as("a top-n, not a sort of all rows then a limit").contains("FloatKeyLimitSort")
            .doesNotContain("EnumerableLimit(");
    }

    @Test
    void givenEventsWithNaNAndInfinities_whenOrderedByAPayloadDouble_thenInPostgresOrder() throws SQLException {
        String[] values = {"\"Infinity\"", "2", "\"NaN\"", "\"-Infinity\"", "-1"};
        for (String v : values) {
            sql.update("INSERT INTO events (stream_id, entity_type, name, data) VALUES ('z', 't', 'z.f', "
                + "'{\"f\":" + v + "}')");
        }
        assertThat(sql.rows("SELECT seq FROM events ORDER BY JSON_VALUE(data, '$.f' RETURNING DOUBLE)"))
            .containsExactly("4", "5", "2", "1", "3");
        assertThat(sql.rows("SELECT seq FROM events ORDER BY JSON_VALUE(data, '$.f' RETURNING DOUBLE) DESC LIMIT 2"))
            .containsExactly("3", "1");
    }
}
