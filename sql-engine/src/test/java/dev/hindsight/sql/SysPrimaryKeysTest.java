package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code sys.primary_keys}: the keys the tables declare, as a table, so that a client whose protocol has no request for
 * keys (the remote driver's {@code getPrimaryKeys}) can read them with a query; the same keys as
 * {@code DatabaseMetaData.getPrimaryKeys}.
 */
class SysPrimaryKeysTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:2");

    @Test
    void givenTheBuiltInTables_whenSysPrimaryKeysIsRead_thenEachKeyColumnIsARowOrderedBySchemaTableAndColumn()
            throws SQLException {
        assertThat(sql.rows("SELECT * FROM sys.primary_keys")).containsExactly(
            "public, events, seq, 1, events_pkey",
            "public, streams, stream_id, 1, streams_pkey",
            "sys, projections, name, 1, projections_pkey",
            "sys, settings, name, 1, settings_pkey",
            "sys, statements, shape, 1, statements_pkey");
    }

    @Test
    void givenAnyTables_whenSysPrimaryKeysIsRead_thenItHoldsWhatGetPrimaryKeysAnswers() throws SQLException {
        sql.update("CREATE PROJECTION per_name AS SELECT stream_id, name, COUNT(*) AS n FROM events "
            + "GROUP BY stream_id, name");
        List<String> answered;
        try (ResultSet rs = sql.connection.getMetaData().getPrimaryKeys(null, null, null)) {
            answered = SqlFixture.text(rs);
        }
        assertThat(answered).hasSize(7);
        assertThat(sql.rows("SELECT * FROM sys.primary_keys")).containsExactlyElementsOf(
            answered.stream().map(row -> row.substring("null, ".length())).toList());
    }

    @Test
    void givenAProjectionGroupedByTwoColumns_whenCreated_thenItsKeyIsListedWithEachColumnsPlaceInTheKey()
            throws SQLException {
        sql.update("CREATE PROJECTION per_name AS SELECT stream_id, name AS event_name, COUNT(*) AS n FROM events "
            + "GROUP BY stream_id, name");
        assertThat(sql.rows("SELECT column_name, key_seq, pk_name FROM sys.primary_keys "
            + "WHERE table_schema = 'public' AND table_name = 'per_name'"))
            .containsExactly("event_name, 2, per_name_pkey", "stream_id, 1, per_name_pkey");
    }

    @Test
    void givenSysPrimaryKeys_whenAnInsertTargetsIt_thenItIsRefusedAndTheKeysStayAsDeclared() throws SQLException {
        assertThatThrownBy(() -> sql.update("INSERT INTO sys.primary_keys VALUES ('public', 't', 'c', 1, 't_pkey')"))
            .isInstanceOf(SQLException.class);
        assertThat(sql.rows("SELECT COUNT(*) FROM sys.primary_keys WHERE table_name = 't'")).containsExactly("0");
    }
}
