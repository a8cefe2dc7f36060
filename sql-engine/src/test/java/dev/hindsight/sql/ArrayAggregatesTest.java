package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ARRAY_AGG} as PostgreSQL's ({@link GatheringAggregates}): given events whose data holds a value or none, when
 * their values are gathered into arrays, then the NULLs are in them where their rows were, and a window's rows each
 * get their own frame's values. Calcite's left the NULLs out, and in a window answered every row with the array
 * the last row of its partition filled. Each answer was read from PostgreSQL 15 for the same values.
 */
class ArrayAggregatesTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest();

    private static final String X = "CAST(JSON_VALUE(data, '$.x') AS INTEGER)";

    @Test
    void givenValuesAndNulls_whenGathered_thenTheNullsAreKept() throws SQLException {
        append("s1", "1", null, "2");
        append("s2", (String) null);
        assertThat(arrays("SELECT ARRAY_AGG(" + X + ") FROM events")).containsExactly(values(1, null, 2, null));
        assertThat(arrays("SELECT ARRAY_AGG(" + X + " ORDER BY " + X + " DESC) FROM events"))
            .containsExactly(values(null, null, 2, 1)); // NULLs first when descending, as PostgreSQL sorts them
        assertThat(arrays("SELECT ARRAY_AGG(" + X + ") FROM events GROUP BY stream_id ORDER BY stream_id"))
            .containsExactly(values(1, null, 2), values((Integer) null));
        assertThat(sql.rowsOfStatement("SELECT CARDINALITY(ARRAY_AGG(" + X + ")) FROM events"))
            .containsExactly("4");
    }

    @Test
    void givenAFilterOrDistinct_whenGathered_thenTheyDecideWhichRowsAndNullsCount() throws SQLException {
        append("s1", "1", null, "1", null, "2");
        assertThat(arrays("SELECT ARRAY_AGG(" + X + ") FILTER (WHERE " + X + " <> 2) FROM events"))
            .containsExactly(values(1, 1)); // a NULL is not <> 2: the filter leaves it out, as in PostgreSQL
        assertThat(arrays("SELECT ARRAY_AGG(" + X + ") FILTER (WHERE seq > 1) FROM events"))
            .containsExactly(values(null, 1, null, 2));
        assertThat(arrays("SELECT ARRAY_AGG(DISTINCT " + X + ") FROM events"))
            .containsExactly(values(1, 2, null)); // sorted, NULLs last, as PostgreSQL finds the distinct values
        assertThat(arrays("SELECT ARRAY_AGG(DISTINCT " + X + " ORDER BY " + X + " DESC) FROM events"))
            .containsExactly(values(null, 2, 1));
        assertThat(arrays("SELECT ARRAY_AGG(DISTINCT " + X + ") FILTER (WHERE seq > 2) FROM events"))
            .containsExactly(values(1, 2, null)); // Calcite's DISTINCT made the rows the filter left out NULLs
        assertThat(arrays("SELECT ARRAY_AGG(DISTINCT " + X + ") FILTER (WHERE seq > 3) FROM events"))
            .containsExactly(values(2, null));
        assertThat(sql.refusal("SELECT ARRAY_AGG(DISTINCT " + X + " ORDER BY seq) FROM events").getSQLState())
            .isEqualTo("42P10"); // as PostgreSQL: the order of values that are not the ones kept means nothing
        assertThat(arrays("SELECT ARRAY_AGG(" + X + " IGNORE NULLS) FROM events"))
            .containsExactly(values(1, 1, 2)); // asked for in so many words
    }

    @Test
    void givenACorrelatedSubQuery_whenGatheredInOrderOrDistinct_thenAsInAQuery() throws SQLException {
        append("a", "1", null, "1");
        append("b", "3", null, "3");
        // decorrelated, Calcite renumbered the aggregate's arguments but not its sort: the order and the DISTINCT
        // (which needs equal values side by side) went by another column
        assertThat(sql.rowsOfStatement("SELECT t.s, (SELECT ARRAY_AGG(DISTINCT " + X + ") FROM events e "
            + "WHERE e.stream_id = t.s), (SELECT ARRAY_AGG(e.seq ORDER BY e.seq DESC) FROM events e "
            + "WHERE e.stream_id = t.s) FROM (VALUES ('a'), ('b'), ('c')) t(s) ORDER BY 1"))
            .containsExactly("a, [1, null], [3, 2, 1]", "b, [3, null], [6, 5, 4]", "c, null, null");
    }

    @Test
    void givenArrays_whenGathered_thenAnArrayOfThemOfOneLengthAndNoneNull() throws SQLException {
        append("s1", "1", "2");
        assertThat(sql.rowsOfStatement("SELECT ARRAY_AGG(ARRAY[seq, version] ORDER BY seq) FROM events"))
            .containsExactly("[[1, 1], [2, 2]]");
        assertThat(sql.rowsOfStatement("SELECT ARRAY_AGG(DISTINCT a), ARRAY_AGG(x ORDER BY a) FROM (VALUES "
            + "(ARRAY[3], 1), (ARRAY[1], 2), (ARRAY[3], 3), (ARRAY[2], 4)) t(a, x)"))
            .containsExactly("[[1], [2], [3]], [2, 4, 1, 3]"); // arrays compare element by element
        // PostgreSQL's rules for arrays of arrays
        assertThat(sql.refusal("SELECT ARRAY_AGG(CASE WHEN seq = 1 THEN ARRAY[seq] END) FROM events").getSQLState())
            .isEqualTo("22004");
        assertThat(sql.refusal("SELECT ARRAY_AGG(CASE WHEN seq = 1 THEN ARRAY[seq] ELSE ARRAY[seq, seq] END) "
            + "FROM events").getSQLState()).isEqualTo("2202E");
    }

    @Test
    void givenASortKeyWithNulls_whenGatheredInItsOrder_thenNullsLastAscendingAndFirstDescending() throws SQLException {
        append("s1", "1", "2");
        // the key typed nullable, the value not: typed as before (Calcite's inference read the key too)
        assertThat(sql.rowsOfStatement("SELECT ARRAY_AGG(seq ORDER BY " + X + "), STRING_AGG(name, ',' ORDER BY "
            + "CASE WHEN seq = 1 THEN NULL ELSE seq END DESC) FROM events")).containsExactly("[1, 2], n,n");
        assertThat(sql.rowsOfStatement("SELECT ARRAY_AGG(seq ORDER BY CASE WHEN seq = 1 THEN NULL ELSE seq END) "
            + "FROM events")).containsExactly("[2, 1]");
    }

    @Test
    void givenAnArray_whenItsLengthIsAskedInPostgresSpelling_thenItsCardinalityOrNullWhenEmpty() throws SQLException {
        append("s1", "1", null);
        assertThat(sql.rowsOfStatement("SELECT array_length(ARRAY_AGG(" + X + "), 1), array_upper(ARRAY['a'], 1), "
            + "array_length(ARRAY_AGG(seq) FILTER (WHERE seq > 5), 1) FROM events")).containsExactly("2, 1, null");
    }

    @Test
    void givenNoRows_whenGathered_thenNull() throws SQLException {
        append("s1", "1");
        assertThat(sql.rows("SELECT ARRAY_AGG(" + X + ") FROM events WHERE seq > ?", 100)).containsExactly("null");
        assertThat(sql.rowsOfStatement("SELECT ARRAY_AGG(" + X + ") FILTER (WHERE seq > 100) FROM events"))
            .containsExactly("null");
        // of a value that is never NULL too: Calcite typed that array NOT NULL, so IS NULL was false and a ROLLUP
        // over no rows had no total row
        assertThat(sql.rows("SELECT ARRAY_AGG(seq) IS NULL, ARRAY_AGG(seq ORDER BY seq DESC) IS NULL FROM events "
            + "WHERE seq > ?", 100)).containsExactly("true, true");
        assertThat(sql.rowsOfStatement("SELECT stream_id, ARRAY_AGG(seq) FROM events WHERE seq > 100 "
            + "GROUP BY ROLLUP(stream_id)")).containsExactly("null, null");
    }

    @Test
    void givenAWindow_whenGathered_thenEachRowHasItsOwnFrame() throws SQLException {
        append("s1", "1", null, "2", "3");
        assertThat(arrays("SELECT ARRAY_AGG(" + X + ") OVER (ORDER BY seq) FROM events ORDER BY seq"))
            .containsExactly(values(1), values(1, null), values(1, null, 2), values(1, null, 2, 3));
        assertThat(arrays("SELECT ARRAY_AGG(" + X + ") OVER (ORDER BY seq ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) "
            + "FROM events ORDER BY seq")).containsExactly(values(1), values(1, null), values(null, 2), values(2, 3));
        assertThat(arrays("SELECT ARRAY_AGG(" + X + ") OVER () FROM events ORDER BY seq"))
            .containsOnly(values(1, null, 2, 3)).hasSize(4);
        SQLException ordered = sql.refusal("SELECT ARRAY_AGG(seq ORDER BY seq) OVER () FROM events");
        assertThat(ordered.getSQLState()).isEqualTo("0A000"); // as PostgreSQL; Calcite's conversion failed (XX000)
        assertThat(ordered.getMessage()).isEqualTo("aggregate ORDER BY is not implemented for window functions");
    }

    @Test
    void givenTextAndTimestamps_whenGathered_thenTheNullsAreKeptBesideThem() throws SQLException {
        append("s1", "1", null);
        assertThat(sql.rowsOfStatement("SELECT ARRAY_AGG(JSON_VALUE(data, '$.x') ORDER BY seq), "
            + "ARRAY_AGG(CASE WHEN JSON_VALUE(data, '$.x') IS NULL THEN NULL ELSE TIMESTAMP '2026-01-02 03:04:05' END "
            + "ORDER BY seq) FROM events")).containsExactly("[1, null], [2026-01-02 03:04:05, null]");
    }

    @Test
    void givenAnArrayAggregate_whenNamed_thenItsColumnIsArrayAggAsInPostgres() throws SQLException {
        append("s1", "1");
        try (Statement st = sql.connection.createStatement(); ResultSet rs = st.executeQuery("SELECT ARRAY_AGG("
            + X + "), ARRAY_AGG(" + X + " IGNORE NULLS) FROM events")) {
            assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("array_agg");
            assertThat(rs.getMetaData().getColumnLabel(2)).isEqualTo("array_agg");
        }
    }

    /**
     * JDBC's {@code Array.getResultSet} has two columns, the index and the element; Avatica's had one, and reading it
     * failed with no SQLState ("cannot convert to Array"). Refused with 0A000, the elements read with getArray().
     */
    @Test
    void givenAnArray_whenItsResultSetIsAskedFor_thenRefusedWith0A000AndItsElementsReadAsAJavaArray()
            throws SQLException {
        append("s1", "1", "2");
        try (Statement st = sql.connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT ARRAY_AGG(" + X + ") AS xs FROM events")) {
            assertThat(rs.next()).isTrue();
            for (Array array : new Array[] {rs.getArray(1), rs.getArray("xs"), (Array) rs.getObject(1),
                rs.getObject(1, Array.class)}) {
                assertThat(Arrays.asList((Object[]) array.getArray())).containsExactly(1, 2);
                assertThat(array).hasToString("[1, 2]");
                SQLException refused = catchThrowableOfType(SQLException.class, array::getResultSet);
                assertThat(refused.getSQLState()).isEqualTo("0A000");
                assertThat(refused.getMessage()).contains("getArray()");
            }
        }
    }

    private List<List<Object>> arrays(String query) throws SQLException {
        try (Statement st = sql.connection.createStatement(); ResultSet rs = st.executeQuery(query)) {
            List<List<Object>> out = new ArrayList<>();
            while (rs.next()) {
                Array array = rs.getArray(1);
                out.add(array == null ? null : Arrays.asList((Object[]) array.getArray()));
            }
            return out;
        }
    }

    private static List<Object> values(Integer... values) {
        return Arrays.asList((Object[]) values);
    }

    /** One event per value; a NULL value is an event whose data has no {@code x}. */
    private void append(String stream, String... values) throws SQLException {
        for (String value : values) {
            sql.update("INSERT INTO events (stream_id, entity_type, name, data) VALUES ('" + stream + "', 't', 'n', "
                + (value == null ? "'{}'" : "'{\"x\": " + value + "}'") + ")");
        }
    }
}
