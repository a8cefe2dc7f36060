package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ORDER BY … LIMIT n} keeps the first n rows as it reads ({@code EnumerableLimitSort}) where a sort then a
 * limit held every row: {@code ORDER BY version DESC, seq LIMIT 3} over 1.5 million events ran a 256 MB server out of
 * heap (a hunt's run). The rows are those of the whole sort's first n, NULLs and ties where the sort puts them.
 */
class TopNSortTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:5", "b:3", "c:7", "a:2", "d:1", "b:4");

    private static final List<String> ORDERS = List.of(
        "version DESC, seq",
        "stream_id, version DESC",
        "JSON_VALUE(metadata, '$.traceId') NULLS FIRST, seq DESC",
        "JSON_VALUE(metadata, '$.traceId') DESC NULLS LAST, seq",
        "CAST(JSON_VALUE(data, '$.i') AS INTEGER) % 4, seq DESC",
        "name DESC, ts, seq");

    @Test
    void theFirstRowsOfALimitedSortAreTheWholeSortsFirstRows() throws SQLException {
        for (String order : ORDERS) {
            String sorted = "SELECT seq, stream_id, version, name FROM events ORDER BY " + order;
            List<String> all = sql.rowsOfStatement(sorted);
            assertThat(all).as(order).hasSize(22);
            for (int[] limitOffset : new int[][] {{3, 0}, {5, 4}, {2, 21}}) {
                String limited = sorted + " LIMIT " + limitOffset[0] + " OFFSET " + limitOffset[1];
                int from = Math.min(all.size(), limitOffset[1]);
                assertThat(sql.rowsOfStatement(limited)).as(limited)
                    .containsExactlyElementsOf(all.subList(from, Math.min(all.size(), from + limitOffset[0])));
            }
            assertThat(sql.plan(sorted + " LIMIT 3")).as(order).contains("EnumerableLimitSort");
        }
    }

    @Test
    void aSortBySeqAloneStaysTheLogsOwnOrderAndReadsOnlyTheLimit() throws SQLException {
        assertThat(sql.plan("SELECT seq FROM events ORDER BY seq DESC LIMIT 2")).contains("descending=[true]")
            .doesNotContain("EnumerableLimitSort");
        assertThat(sql.rowsOfStatement("SELECT seq FROM events ORDER BY seq DESC LIMIT 2")).containsExactly("22", "21");
    }
}
