package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A limit of a {@code UNION}: given inputs with many duplicates (3,000 events of three streams, one entity type), when
 * the union is ordered and limited, then the limit counts distinct rows. Calcite's merge of sorted inputs gave each
 * input the limit, right for {@code UNION ALL}, but each input's first ten rows were one stream's or one type's: two
 * rows answered of four. Enough events that the planner merges.
 */
class UnionLimitTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("s0:1000", "s1:1000", "s2:1000");

    @Test
    void givenAUnionWithDuplicatesInEachInput_whenLimited_thenTheLimitCountsDistinctRows() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT stream_id FROM events WHERE version > 0 UNION "
            + "SELECT entity_type FROM events WHERE version > 0 ORDER BY 1 LIMIT 10"))
            .containsExactly("s0", "s1", "s2", "thing");
        assertThat(sql.rowsOfStatement("SELECT stream_id FROM events WHERE version > 0 UNION ALL "
            + "SELECT entity_type FROM events WHERE version > 0 ORDER BY 1 LIMIT 3"))
            .as("UNION ALL keeps its merge").containsExactly("s0", "s0", "s0");
    }
}
