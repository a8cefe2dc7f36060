package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A {@code USING} or {@code NATURAL} join's common column named bare in {@code WHERE}: given streams a (3 events), b
 * (2) and c (1), when a self-join {@code USING (stream_id)} filters on {@code stream_id}, then it is the join's merged
 * column, as in PostgreSQL (Calcite resolved the bare name in the select list alone: 42702, "ambiguous").
 */
class CommonColumnsTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:3", "b:2", "c:1");

    @Test
    void givenAUsingJoin_whenWhereNamesTheCommonColumnBare_thenItIsTheMergedColumn() throws SQLException {
        assertThat(sql.rows("SELECT COUNT(*) FROM events a JOIN events b USING (stream_id) WHERE stream_id = 'a'"))
            .containsExactly("9");
        assertThat(sql.rows("SELECT COUNT(*) FROM events a JOIN events b USING (stream_id, version) WHERE version = 2 "
            + "AND stream_id IN (SELECT stream_id FROM events WHERE version = 3)"))
            .as("a sub-query's names are its own").containsExactly("1");
        assertThat(sql.rows("SELECT x FROM (VALUES (1), (4)) a(x) FULL JOIN (VALUES (1), (3)) b(x) USING (x) "
            + "WHERE x > 1 ORDER BY x")).as("an outer join's: either side's value").containsExactly("3", "4");
        assertThat(sql.rows("SELECT x FROM (VALUES (1), (2)) a(x) NATURAL JOIN (VALUES (2)) b(x) WHERE x = 2"))
            .containsExactly("2");
        // (COUNT(*): Calcite's own merge of x in a select list asserts that two tables have it)
        assertThat(sql.rows("SELECT COUNT(*) FROM (VALUES (1), (2)) a(x) JOIN (VALUES (2)) b(x) USING (x) JOIN "
            + "(VALUES (2)) c(x) USING (x) WHERE x = 2")).as("a chain of them").containsExactly("1");
    }

    @Test
    void givenAJoinOnACondition_whenWhereNamesAColumnBothSidesHave_thenItIsAmbiguousAsInPostgres() {
        assertThat(sql.refusal("SELECT COUNT(*) FROM events a JOIN events b ON a.seq = b.seq WHERE stream_id = 'a'")
            .getSQLState()).isEqualTo("42702");
    }
}
