package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A select list's unnamed columns are named as PostgreSQL names them (what a BI tool shows as headings), through a
 * plain statement and a prepared one alike; a sub-query's names are unique so that {@code *} can expand over it.
 */
class ColumnNamesTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:3", "b:1");

    @Test
    void aFunctionOrAggregateIsNamedAfterItself() throws SQLException {
        assertThat(labels("SELECT COUNT(*), SUM(version), MAX(seq), UPPER(stream_id), JSON_VALUE(data, '$.a'), "
            + "COUNT(*) OVER () FROM events GROUP BY stream_id, data"))
            .containsExactly("count", "sum", "max", "upper", "json_value", "count");
    }

    @Test
    void aValuesListNamedWithoutItsColumnsHasPostgresColumn1Column2() throws SQLException {
        assertThat(labels("SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS t")).containsExactly("column1", "column2");
        assertThat(sql.rows("SELECT t.column2 FROM (VALUES (1, 'a'), (2, 'b')) AS t WHERE t.column1 = 2"))
            .containsExactly("b");
        assertThat(sql.rows("SELECT e.seq FROM events e JOIN (VALUES ('b')) AS v ON e.stream_id = v.column1"))
            .containsExactly("4");
        assertThat(labels("SELECT * FROM (VALUES (1, 'a')) AS t(n, s)")).as("the user's names")
            .containsExactly("n", "s");
        assertThat(sql.update("INSERT INTO events (stream_id, entity_type, name, data) VALUES ('v', 't', 'x.y', '{}')"))
            .as("an INSERT's rows are no table").isEqualTo(1);
    }

    @Test
    void aCastIsNamedAfterWhatItCastsElseAfterItsType() throws SQLException {
        assertThat(labels("SELECT CAST(seq AS VARCHAR), seq::text, CAST(MAX(version) AS INTEGER), CAST(1 AS BIGINT), "
            + "'1'::int8 FROM events GROUP BY seq")).containsExactly("seq", "seq", "max", "bigint", "int8");
    }

    @Test
    void operatorsLiteralsAndCaseAreNamedAsPostgresNamesThem() throws SQLException {
        assertThat(labels("SELECT seq + 1, 'x', 2, CASE WHEN seq > 1 THEN 1 END, EXISTS (SELECT 1), "
            + "(SELECT MIN(seq) FROM events) FROM events"))
            .containsExactly("?column?", "?column?", "?column?", "case", "exists", "min");
        // the texts Calcite prepares by a shortcut of its own too: a pool's test query, the first a shell user types
        assertThat(labels("SELECT 1")).containsExactly("?column?");
        assertThat(labels("select 1")).containsExactly("?column?");
    }

    @Test
    void columnsAndAliasesKeepTheirNames() throws SQLException {
        assertThat(labels("SELECT seq, e.version, COUNT(*) AS n, UPPER(stream_id) \"Upper\" FROM events e "
            + "GROUP BY seq, e.version, stream_id")).containsExactly("seq", "version", "n", "Upper");
    }

    @Test
    void aSubQuerysNamesCanBeSelectedAndStarExpandsOverRepeatedOnes() throws SQLException {
        assertThat(sql.rows("SELECT count FROM (SELECT COUNT(*) FROM events) t")).containsExactly("4");
        assertThat(labels("SELECT * FROM (SELECT COUNT(*), COUNT(DISTINCT stream_id), MAX(seq) AS count0 "
            + "FROM events) t")).containsExactly("count", "count1", "count0");
        assertThat(sql.rows("SELECT * FROM (SELECT COUNT(*), COUNT(DISTINCT stream_id), MAX(seq) AS count0 "
            + "FROM events) t")).containsExactly("4, 2, 4");
    }

    @Test
    void aNullOfTheResultIsTextAsPostgresResolvesItAndTakesItsTypeInAUnion() throws SQLException {
        // typed NULL, it reported JDBC type NULL (0), which tools read as no type
        try (PreparedStatement ps = sql.connection.prepareStatement("SELECT NULL, NULL AS x, 1");
             PreparedStatement union = sql.connection.prepareStatement("SELECT NULL UNION SELECT 1")) {
            assertThat(List.of(ps.getMetaData().getColumnType(1), ps.getMetaData().getColumnType(2),
                ps.getMetaData().getColumnType(3))).containsExactly(Types.VARCHAR, Types.VARCHAR, Types.INTEGER);
            assertThat(union.getMetaData().getColumnType(1)).isEqualTo(Types.INTEGER);
        }
        assertThat(labels("SELECT NULL, NULL AS x")).containsExactly("?column?", "x");
    }

    @Test
    void theResultsNamesMayRepeatAsInPostgres() throws SQLException {
        assertThat(labels("SELECT COUNT(*), COUNT(DISTINCT stream_id) FROM events")).containsExactly("count", "count");
        assertThat(labels("SELECT COUNT(*) FROM events UNION ALL SELECT 1 ORDER BY 1")).containsExactly("count");
    }

    @Test
    void aSetOperationWithOrderByOrLimitAnswersOverRepeatedNames() throws SQLException {
        // Calcite reads it as SELECT * FROM (… UNION …) ORDER BY …: its first operand's names are made unique
        assertThat(sql.rows("SELECT COUNT(*), COUNT(DISTINCT stream_id) FROM events UNION ALL SELECT 1, 2 "
            + "ORDER BY 1")).containsExactly("1, 2", "4, 2");
        assertThat(sql.rows("SELECT seq + 1, seq + 2 FROM events WHERE seq < 3 UNION SELECT 0, 0 ORDER BY 2 "
            + "FETCH FIRST 2 ROWS ONLY")).containsExactly("0, 0", "2, 3");
        assertThat(labels("WITH x AS (SELECT 1 AS one) SELECT seq, seq::text FROM events WHERE seq < 2 "
            + "EXCEPT SELECT one, 'x' FROM x ORDER BY 1")).containsExactly("seq", "seq0");
    }

    @Test
    void aSubQueryWithOrderByTimeZonesRowsAndArraysAreNamedAsInPostgres() throws SQLException {
        assertThat(labels("SELECT (SELECT seq FROM events ORDER BY seq DESC LIMIT 1), ts AT TIME ZONE 'UTC', "
            + "ROW(1, 2), ARRAY[1, 2] FROM events WHERE seq = 1")).containsExactly("seq", "timezone", "row", "array");
        assertThat(labels("SELECT CURRENT_DATE, current_timestamp, CURRENT_SCHEMA, 1 AS \"CURRENT_DATE\" "
            + "FROM events")).containsExactly("current_date", "current_timestamp", "current_schema", "CURRENT_DATE");
        assertThat(labels("SELECT * FROM (SELECT CURRENT_DATE, seq FROM events) t"))
            .containsExactly("current_date", "seq");
        assertThat(labels("SELECT TRANSLATE(name, 'a', 'b') FROM events"))
            .containsExactly("translate"); // Calcite's operator is named TRANSLATE3
    }

    /** The column labels of {@code query}, checked to be the same prepared and as a plain statement. */
    private List<String> labels(String query) throws SQLException {
        List<String> plain;
        try (Statement st = sql.connection.createStatement(); ResultSet rs = st.executeQuery(query)) {
            plain = labels(rs.getMetaData());
        }
        try (PreparedStatement ps = sql.connection.prepareStatement(query)) {
            assertThat(labels(ps.getMetaData())).as("prepared, before it runs").isEqualTo(plain);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(labels(rs.getMetaData())).as("prepared").isEqualTo(plain);
            }
        }
        return plain;
    }

    private static List<String> labels(ResultSetMetaData meta) throws SQLException {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            out.add(meta.getColumnLabel(i));
            assertThat(meta.getColumnName(i)).as("name of column %d", i).isEqualTo(meta.getColumnLabel(i));
        }
        return out;
    }
}
