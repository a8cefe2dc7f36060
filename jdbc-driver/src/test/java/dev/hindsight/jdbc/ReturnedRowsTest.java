package dev.hindsight.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.jdbc.spi.SqlText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MetaImpl;
import org.junit.jupiter.api.Test;

/**
 * Which statements {@code executeUpdate} counts by their returned rows: INSERTs (an {@code INSERT … RETURNING} is the
 * one that answers with rows), found by their first word after white space, comments and parentheses, and, prepared,
 * by columns that are not Avatica's update count.
 */
class ReturnedRowsTest {

    @Test
    void givenAnInsertBehindSpacesCommentsOrParentheses_whenChecked_thenItIsAnInsert() {
        assertThat(SqlText.isInsert("INSERT INTO events VALUES (1) RETURNING seq")).isTrue();
        assertThat(SqlText.isInsert("  insert into events")).isTrue();
        assertThat(SqlText.isInsert("-- a note\n/* and another */ (Insert\tINTO events")).isTrue();
    }

    @Test
    void givenAnotherStatementOrAWordThatOnlyStartsLikeInsert_whenChecked_thenItIsNot() {
        assertThat(SqlText.isInsert("SELECT * FROM events")).isFalse();
        assertThat(SqlText.isInsert("inserted")).isFalse();
        assertThat(SqlText.isInsert("-- INSERT\nSELECT 1")).isFalse();
        assertThat(SqlText.isInsert("/* unclosed INSERT")).isFalse();
        assertThat(SqlText.isInsert("")).isFalse();
    }

    @Test
    void givenAPreparedInsertWhoseColumnsAreRows_whenChecked_thenItReturnsRowsButAPlainInsertOrQueryDoesNot() {
        assertThat(ReturnedRows.returnsRows(signature("INSERT INTO events VALUES (?) RETURNING seq", "seq"))).isTrue();
        assertThat(ReturnedRows.returnsRows(signature("INSERT INTO events VALUES (?)", "ROWCOUNT"))).isFalse();
        assertThat(ReturnedRows.returnsRows(signature("SELECT seq FROM events", "seq"))).isFalse();
        assertThat(ReturnedRows.returnsRows(signature("INSERT INTO events VALUES (?)"))).isFalse();
    }

    private static Meta.Signature signature(String sql, String... columns) {
        List<ColumnMetaData> described = new ArrayList<>();
        for (String column : columns) {
            described.add(MetaImpl.columnMetaData(column, described.size(), Long.class, false));
        }
        return new Meta.Signature(described, sql, List.of(), Map.of(), Meta.CursorFactory.ARRAY,
            Meta.StatementType.SELECT);
    }
}
