package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.log.EventLog;
import dev.hindsight.log.ExpectedVersion;
import dev.hindsight.log.LogConfig;
import dev.hindsight.log.NewEvent;
import dev.hindsight.projection.Fold;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SQL states kept packed as longs ({@link PackedStates}): values at the edges (NULL, negatives, the extremes of
 * BIGINT and INTEGER, a real {@code Long.MIN_VALUE} — the NULL sentinel —, DECIMALs of other scales or beyond 18
 * digits, scales mixed in one group) come back through SQL equal to the oracle, now and {@code AS OF}; and the
 * packing itself gives back equal values of the same classes, or refuses.
 */
class PackedStatesTest {

    private static final String SELECT = "SELECT JSON_VALUE(data, '$.g') AS g, "
        + "MIN(CAST(JSON_VALUE(data, '$.b') AS BIGINT)) AS bmin,"
        + " MAX(CAST(JSON_VALUE(data, '$.b') AS BIGINT)) AS bmax, "
        + "LATEST(CAST(JSON_VALUE(data, '$.b') AS BIGINT)) AS blast,"
        + " SUM(CAST(JSON_VALUE(data, '$.s') AS BIGINT)) AS bs, "
        + "MIN(CAST(JSON_VALUE(data, '$.i') AS INTEGER)) AS imin,"
        + " MAX(CAST(JSON_VALUE(data, '$.i') AS INTEGER)) AS imax, "
        + "SUM(CAST(JSON_VALUE(data, '$.d') AS DECIMAL(10,2))) AS dsum, "
        + "MIN(CAST(JSON_VALUE(data, '$.d') AS DECIMAL(10,2))) AS dmin, "
        + "LATEST(CAST(JSON_VALUE(data, '$.d') AS DECIMAL(10,2))) AS dlast, "
        + "AVG(CAST(JSON_VALUE(data, '$.d') AS DECIMAL(10,2))) AS davg, "
        + "LATEST(CAST(JSON_VALUE(data, '$.w') AS DECIMAL(19,4))) AS wlast, "
        + "MAX(CAST(JSON_VALUE(data, '$.w') AS DECIMAL(19,4))) AS wmax, "
        + "SUM(CAST(JSON_VALUE(data, '$.w') AS DECIMAL(19,4))) AS wsum, "
        + "SUM(CAST(JSON_VALUE(data, '$.d') AS DECIMAL(10,2)) * 1.5) AS scaled, "
        + "COUNT(*) AS c FROM events";
    private static final String WHERE = " WHERE name = 'edge'";
    private static final String GROUP = " GROUP BY JSON_VALUE(data, '$.g')";

    /** The edge events, in order; each one group's. */
    private static final String[] EDGES = {
        "{\"g\":\"nulls\"}",
        "{\"g\":\"nulls\",\"b\":null,\"i\":null,\"d\":null,\"w\":null,\"s\":null}",
        "{\"g\":\"neg\",\"b\":-5,\"s\":-3,\"i\":-2147483648,\"d\":-1.5,\"w\":-0.0001}",
        "{\"g\":\"neg\",\"b\":-7,\"s\":-4,\"i\":-1,\"d\":-2.25,\"w\":-12.5}",
        "{\"g\":\"max\",\"b\":9223372036854775806,\"s\":9223372036854775806,\"i\":2147483647,\"d\":9999999.99}",
        "{\"g\":\"max\",\"b\":9223372036854775807,\"s\":1,\"i\":2147483646,\"d\":0.01}",
        "{\"g\":\"min\",\"b\":-9223372036854775807,\"s\":-9223372036854775807,\"i\":-2147483648}",
        "{\"g\":\"min\",\"b\":-9223372036854775808,\"s\":-1}",
        "{\"g\":\"min\",\"b\":null,\"i\":null}",
        "{\"g\":\"wide\",\"w\":123456789012345.1234,\"d\":3}",
        "{\"g\":\"wide\",\"w\":1.5,\"d\":0.125}",
        "{\"g\":\"wide\",\"w\":-922337203685477.5808,\"d\":1}",
        "{\"g\":\"wide\",\"w\":-1}",
        "{\"g\":\"mixed\",\"d\":1.5,\"w\":2}",
        "{\"g\":\"mixed\",\"d\":2.25,\"w\":0.001}",
        "{\"g\":\"mixed\",\"d\":3,\"w\":1e2}",
        "{\"g\":\"mixed\",\"d\":0.1,\"w\":-3.14159}",
        "{\"g\":\"mixed\",\"d\":-0.10,\"w\":\"7.25\"}",
    };

    @TempDir
    Path dir;

    @ParameterizedTest(name = "after {0} other events")
    @ValueSource(ints = {0, 70_000})
    void valuesAtTheEdgesOfPackingComeBackEqualToTheOracleNowAndAsOfEverySeq(int filler) throws Exception {
        List<Long> edgeSeqs = new ArrayList<>();
        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            for (int i = 0; i < filler; i += 500) {
                List<NewEvent> batch = new ArrayList<>();
                for (int j = 0; j < 500 && i + j < filler; j++) {
                    batch.add(NewEvent.of("filler", "{\"g\":\"neg\",\"b\":" + (i + j) + "}"));
                }
                log.append("filler-" + i % 7, "thing", batch, ExpectedVersion.any());
            }
            for (int i = 0; i < EDGES.length; i++) {
                edgeSeqs.add(log.append("edge-" + i % 3, "thing", List.of(NewEvent.of("edge", EDGES[i])),
                    ExpectedVersion.any()).lastSeq());
                if (i == EDGES.length / 2) {
                    // more filler between the edges: the groups' histories interleave with skipped events
                    log.append("filler-x", "thing", List.of(NewEvent.of("filler", "{\"g\":\"min\"}")),
                        ExpectedVersion.any());
                }
            }
        }
        try (SqlFixture sql = SqlFixture.open(dir)) {
            sql.update("CREATE PROJECTION packed AS " + SELECT + WHERE + GROUP);
            assertThat(sorted(sql.rows("SELECT * FROM packed"))).isEqualTo(oracle(sql, Long.MAX_VALUE));
            List<Long> bounds = new ArrayList<>(List.of(0L, (long) filler));
            for (long seq : edgeSeqs) {
                bounds.add(seq - 1);
                bounds.add(seq);
            }
            for (long n : bounds) {
                assertThat(sorted(sql.rows("SELECT * FROM packed AS OF SEQUENCE " + n)))
                    .as("as of seq %d", n).isEqualTo(oracle(sql, n));
            }
        }
    }

    private static List<String> oracle(SqlFixture sql, long n) throws SQLException {
        return sorted(sql.rows(SELECT + WHERE + " AND seq <= " + n + GROUP));
    }

    @Test
    void packingGivesBackEqualValuesOfTheSameClassesOrRefuses() {
        Accumulator[] accumulators = {
            new Accumulator(Accumulator.Kind.COUNT, -1, -1, SqlTypeName.BIGINT, 0),
            new Accumulator(Accumulator.Kind.MAX, 0, -1, SqlTypeName.BIGINT, 0),
            new Accumulator(Accumulator.Kind.MIN, 0, -1, SqlTypeName.INTEGER, 0),
            new Accumulator(Accumulator.Kind.SUM, 0, -1, SqlTypeName.DECIMAL, 2),
        };
        Fold.StatePacking packing = PackedStates.of(accumulators).orElseThrow();
        assertThat(packing.width()).isEqualTo(4);
        Object[][] packs = {
            {0L, null, null, null},
            {1L, -1L, -1, new BigDecimal("-0.01")},
            {Long.MAX_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE, new BigDecimal("92233720368547758.07")},
            {3L, Long.MIN_VALUE + 1, Integer.MIN_VALUE, new BigDecimal("-92233720368547758.07")},
            {4L, 0L, 0, new BigDecimal("0.00")},
        };
        for (Object[] state : packs) {
            long[] into = new long[6];
            assertThat(packing.pack(state, into, 1)).as("packs %s", Arrays.toString(state)).isTrue();
            Object[] back = (Object[]) packing.unpack(into, 1);
            assertThat(back).as("round trip of %s", Arrays.toString(state)).containsExactly(state);
            for (int i = 0; i < state.length; i++) {
                if (state[i] != null) {
                    assertThat(back[i]).isExactlyInstanceOf(state[i].getClass());
                }
            }
        }
        Object[][] refused = {
            {Long.MIN_VALUE, 1L, 1, BigDecimal.ONE.setScale(2)}, // a real Long.MIN_VALUE is not NULL
            {1L, Long.MIN_VALUE, 1, BigDecimal.ONE.setScale(2)},
            {1L, 1L, 1, new BigDecimal("-92233720368547758.08")}, // unscaled Long.MIN_VALUE
            {1L, 1L, 1, new BigDecimal("1.5")}, // another scale
            {1L, 1L, 1, new BigDecimal("1.500")},
            {1L, 1L, 1, new BigDecimal("92233720368547758.08")}, // 19 digits
            {1L, 1L, 1, new BigDecimal("123456789012345678901234.56")},
            {1L, 1, 1, BigDecimal.ONE.setScale(2)}, // an Integer where a Long goes
            {1L, 1L, 1L, BigDecimal.ONE.setScale(2)},
            {1L, 1L, 1},
        };
        for (Object[] state : refused) {
            assertThat(packing.pack(state, new long[4], 0)).as("packs %s", Arrays.toString(state)).isFalse();
        }
        assertThat(packing.pack("not a state", new long[4], 0)).isFalse();
    }

    private static List<String> sorted(List<String> rows) {
        List<String> out = new ArrayList<>(rows);
        Collections.sort(out);
        return out;
    }
}
