package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * JDBC conformance, answers: values come back as PostgreSQL gives them, not as Calcite's defaults would have them
 * (text of a timestamp, strings of different lengths, whole-number parameters, JSON read from mixed rows).
 */
class JdbcAnswersTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:3");

    @Test
    void aTimestampAsTextKeepsItsMillisecondsAndDropsAnEmptyFraction() throws SQLException {
        String query = "SELECT CAST(ts + INTERVAL '0.123' SECOND AS VARCHAR), CAST(ts AS VARCHAR), "
            + "CAST(TIMESTAMP '2026-11-01 10:00:00.5' AS VARCHAR(40)) FROM events WHERE seq = 1";
        assertThat(sql.rows(query)).containsExactly("2026-11-01 10:00:00.123, 2026-11-01 10:00:00, "
            + "2026-11-01 10:00:00.5");
        assertThat(sql.rowsOfStatement(query)).isEqualTo(sql.rows(query));
    }

    @Test
    void columnsOfDifferentTypesInAUnionMeetAsText() throws SQLException {
        // the validator casts one side to the other's type itself; such a cast has no validated type of its own
        String timeAndText = "SELECT ts FROM events WHERE seq = 1 UNION ALL SELECT stream_id FROM events WHERE seq = 1";
        assertThat(sql.rows(timeAndText)).containsExactly("2026-11-01 10:00:00", "a");
        assertThat(sql.rowsOfStatement(timeAndText)).isEqualTo(sql.rows(timeAndText));
        assertThat(sql.rows("SELECT seq FROM events WHERE seq < 3 UNION SELECT stream_id FROM events ORDER BY 1"))
            .containsExactly("1", "2", "a");
    }

    @Test
    void aCorrelatedSubqueryOverValuesOfAnotherTypeAnswers() throws SQLException {
        // VALUES (1) is INTEGER, version BIGINT: the validator casts the sub-query's column in its select list
        assertThat(sql.rows("SELECT e.seq FROM events e WHERE e.version IN "
            + "(SELECT v FROM (VALUES (1), (2)) AS t(v) WHERE v = e.version) ORDER BY e.seq"))
            .containsExactly("1", "2");
    }

    @Test
    void stringsOfDifferentLengthsAreNotPadded() throws SQLException {
        assertThat(sql.rows("SELECT CASE WHEN seq > 1 THEN 'bbb' ELSE 'a' END || '|' FROM events ORDER BY seq"))
            .containsExactly("a|", "bbb|", "bbb|");
        assertThat(sql.rows("SELECT COALESCE(NULL, 'a') || '|' FROM events WHERE seq = 1 UNION ALL SELECT 'ccc'"))
            .containsExactly("a|", "ccc");
    }

    @Test
    void anIntegerParameterOutOfRangeIs22003AndWritesNothing() throws SQLException {
        try (PreparedStatement ps = sql.connection.prepareStatement("INSERT INTO events (stream_id, entity_type, "
            + "name, data, schema_version) VALUES ('v', 't', 'x.y', '{}', ?)")) {
            ps.setLong(1, 4294967297L);
            SQLException e = catchThrowableOfType(SQLException.class, ps::executeUpdate);
            assertThat(e.getSQLState()).isEqualTo("22003");
            assertThat(e.getMessage()).contains("4294967297");
            ps.setLong(1, 2L);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        assertThat(sql.rows("SELECT schema_version FROM events WHERE stream_id = 'v'")).containsExactly("2");
    }

    @Test
    void limitAndOffsetTakeLongParametersAsJooqBindsThem() throws SQLException {
        try (PreparedStatement ps = sql.connection.prepareStatement(
            "SELECT seq FROM events ORDER BY seq LIMIT ? OFFSET ?")) {
            ps.setLong(1, 2L);
            ps.setLong(2, 1L);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(SqlFixture.text(rs)).containsExactly("2", "3");
            }
        }
        try (PreparedStatement ps = sql.connection.prepareStatement(
            "SELECT seq FROM events ORDER BY seq OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
            ps.setObject(1, 2L);
            ps.setObject(2, 5L);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(SqlFixture.text(rs)).containsExactly("3");
            }
        }
    }

    @Test
    void jsonFromRowsThatAreNotStoredEventsIsReadAsCalciteReadsIt() throws SQLException {
        String query = "SELECT JSON_VALUE(d, '$.a') FROM (SELECT data AS d FROM events WHERE seq = 1 "
            + "UNION ALL SELECT '{\"a\":3,\"b\":tru}') t";
        assertThat(sql.rows(query)).as("the second document is malformed: NULL, not 3").containsExactly("null", "null");
        assertThat(sql.rows("SELECT JSON_VALUE(d, '$.i') FROM (SELECT data AS d FROM events WHERE seq = 1 "
            + "UNION ALL SELECT '{\"i\":7}') t")).containsExactlyInAnyOrder("1", "7");
    }
}
