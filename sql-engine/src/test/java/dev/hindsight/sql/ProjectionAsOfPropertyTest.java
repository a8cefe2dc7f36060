package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.testkit.Seeds;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The oracle property of projections (SPEC §2, §3): for a random log, a random definition from the supported class
 * and a random {@code n}, {@code SELECT * FROM p AS OF SEQUENCE n} equals the definition's {@code SELECT} run over
 * {@code events WHERE seq <= n} — the projection answers as if it had been rebuilt from that prefix.
 */
class ProjectionAsOfPropertyTest {

    private static final String[] KEYS = {"stream_id", "name", "JSON_VALUE(data, '$.k')", "entity_type"};
    private static final String[] AGGREGATES = {
        "COUNT(*)", "COUNT(JSON_VALUE(data, '$.v'))", "SUM(CAST(JSON_VALUE(data, '$.v') AS INTEGER))",
        "SUM(CAST(JSON_VALUE(data, '$.d') AS DECIMAL(10,2)))", "MIN(CAST(JSON_VALUE(data, '$.v') AS INTEGER))",
        "MAX(JSON_VALUE(data, '$.k'))", "AVG(CAST(JSON_VALUE(data, '$.d') AS DECIMAL(10,2)))",
        "AVG(CAST(JSON_VALUE(data, '$.v') AS BIGINT))", "LATEST(name)", "LATEST(JSON_VALUE(data, '$.k'))",
        "MAX(ts)", "MIN(version)", "SUM(version)", "COUNT(*) FILTER (WHERE name = 'b')", "MAX(seq)"};
    private static final String[] WHERES = {"", "name = 'a'", "name IN ('a', 'b')",
        "JSON_VALUE(data, '$.v') IS NOT NULL", "version > 1", "stream_id <> 's1' AND name <> 'c'"};

    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @Seeds.Source(runs = 12)
    void asOfAnySeqEqualsTheDefinitionOverThatPrefix(long seed) throws SQLException {
        Random random = new Random(seed);
        try (SqlFixture sql = SqlFixture.open(dir.resolve("log-" + seed))) {
            int events = 1 + random.nextInt(60);
            for (int i = 0; i < events; i++) {
                append(sql, random);
            }
            List<String> keys = pick(random, KEYS, random.nextInt(3));
            List<String> aggregates = pick(random, AGGREGATES, 1 + random.nextInt(4));
            String where = WHERES[random.nextInt(WHERES.length)];
            StringBuilder select = new StringBuilder("SELECT ");
            for (int i = 0; i < keys.size(); i++) {
                select.append(keys.get(i)).append(" AS k").append(i).append(", ");
            }
            for (int i = 0; i < aggregates.size(); i++) {
                select.append(i > 0 ? ", " : "").append(aggregates.get(i)).append(" AS a").append(i);
            }
            String group = keys.isEmpty() ? "" : " GROUP BY " + String.join(", ", keys);
            sql.update("CREATE PROJECTION p AS " + select + " FROM events" + (where.isEmpty() ? "" : " WHERE " + where)
                + group);
            // more events after the CREATE: these are folded live, the ones before by the catch-up
            for (int i = 0; i < random.nextInt(20); i++) {
                append(sql, random);
                events++;
            }
            for (int t = 0; t < 6; t++) {
                int n = random.nextInt(events + 2);
                String oracle = select + " FROM events WHERE seq <= " + n
                    + (where.isEmpty() ? "" : " AND (" + where + ")") + group;
                assertThat(sorted(sql.rows("SELECT * FROM p AS OF SEQUENCE " + n)))
                    .as("definition %s WHERE %s%s, as of seq %d", select, where, group, n)
                    .isEqualTo(sorted(sql.rows(oracle)));
            }
        }
    }

    private static void append(SqlFixture sql, Random random) throws SQLException {
        int stream = random.nextInt(4);
        sql.update("INSERT INTO events (stream_id, entity_type, name, data) VALUES ('s" + stream + "', '"
            + (stream < 2 ? "order" : "cart") + "', '" + "abc".charAt(random.nextInt(3)) + "', '" + data(random)
            + "')");
    }

    private static String data(Random random) {
        List<String> members = new ArrayList<>();
        if (random.nextInt(4) > 0) {
            members.add("\"k\":\"" + "xyz".charAt(random.nextInt(3)) + "\"");
        }
        int v = random.nextInt(5);
        if (v == 1) {
            members.add("\"v\":null");
        } else if (v > 1) {
            members.add("\"v\":" + (random.nextInt(200) - 50));
        }
        if (random.nextBoolean()) {
            members.add("\"d\":" + random.nextInt(10_000) / 100.0);
        }
        return "{" + String.join(",", members) + "}";
    }

    private static List<String> pick(Random random, String[] from, int count) {
        List<String> all = new ArrayList<>(List.of(from));
        Collections.shuffle(all, random);
        return all.subList(0, count);
    }

    private static List<String> sorted(List<String> rows) {
        List<String> out = new ArrayList<>(rows);
        Collections.sort(out);
        return out;
    }
}
