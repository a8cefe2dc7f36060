package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.log.EventLog;
import dev.hindsight.log.ExpectedVersion;
import dev.hindsight.log.LogConfig;
import dev.hindsight.log.NewEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scans of the whole log read ahead on worker threads ({@link ReadAhead}) and compute {@code JSON_VALUE} in the scan
 * ({@link JsonExtracts}); Calcite's own path ({@code fastPath=false}) does neither. Both give the same answers on a
 * seeded log large enough to be read ahead, with awkward JSON (escapes, nesting, repeated keys, numbers printed their
 * own way, values that are objects or arrays).
 */
class ParallelScanTest {

    @TempDir
    Path dir;

    private static final int EVENTS = 3 * (int) EventsTable.READ_AHEAD_MIN + 517;

    private static final String[] QUERIES = {
        "SELECT * FROM events",
        "SELECT seq, name, data FROM events ORDER BY seq DESC",
        "SELECT JSON_VALUE(data, '$.c'), SUM(CAST(JSON_VALUE(data, '$.t') AS DECIMAL(12,2))), COUNT(*) FROM events "
            + "GROUP BY JSON_VALUE(data, '$.c') ORDER BY 1",
        "SELECT seq, JSON_VALUE(data, '$.n.x'), JSON_VALUE(metadata, '$.trace'), JSON_VALUE(data, '$.t') FROM events",
        "SELECT seq, data, JSON_VALUE(data, '$.c') FROM events WHERE seq BETWEEN 700 AND 9000",
        "SELECT COUNT(*), MAX(JSON_VALUE(data, '$.k')) FROM events WHERE name = 'item.added'",
        "SELECT seq, JSON_VALUE(data, '$.c') FROM events ORDER BY seq DESC LIMIT 3000",
        "SELECT stream_id, JSON_VALUE(data, '$.t') FROM events WHERE JSON_VALUE(data, '$.c') = 'c-7' AND seq > 100",
        "SELECT UPPER(JSON_VALUE(data, '$.c')) || JSON_VALUE(data, '$.t'), seq FROM events LIMIT 5000 OFFSET 2000",
        // the benchmark's shape: once wrongly planned without its aggregate (a key claimed by column position)
        "SELECT JSON_VALUE(data, '$.c'), SUM(CAST(JSON_VALUE(data, '$.t') AS DECIMAL(12,2))) FROM events "
            + "GROUP BY JSON_VALUE(data, '$.c') ORDER BY 1",
        "SELECT stream_id, SUM(version) FROM events GROUP BY stream_id ORDER BY 1",
    };

    @BeforeEach
    void seed() {
        SplittableRandom random = new SplittableRandom(20261123);
        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            for (int i = 0; i < EVENTS; i++) {
                String data = switch (random.nextInt(8)) {
                    case 0 -> "{\"c\":{\"deep\":[1,2]},\"n\":[1]}";
                    case 1 -> "{\"c\":\"c-" + random.nextInt(20) + "\",\"d\":\"c-dup\",\"t\":1}";
                    case 2 -> "{ \"n\" : { \"x\" : \"a\\\"b\\u00e9\" }, \"t\" : 1e3, \"c\" : \"c\\u002d7\" }";
                    default -> String.format(Locale.ROOT,
                        "{\"c\":\"c-%d\",\"t\":%d.%02d0,\"k\":\"%s\",\"n\":{\"x\":%d}}",
                        random.nextInt(20), random.nextInt(1000), random.nextInt(100),
                        random.nextBoolean() ? "é" : "k" + random.nextInt(5), random.nextInt(3));
                };
                String metadata = random.nextInt(3) == 0 ? null : "{\"trace\":\"t-" + random.nextInt(100) + "\"}";
                String name = random.nextBoolean() ? "item.added" : "item.removed";
                log.append("s-" + random.nextInt(50), "cart", List.of(new NewEvent(name, data, metadata, 1)),
                    ExpectedVersion.any());
            }
        }
    }

    private List<String> answers(boolean fastPath) throws SQLException {
        Properties props = new Properties();
        props.setProperty("fastPath", Boolean.toString(fastPath));
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:hindsight:file:" + dir, props)) {
            for (String sql : QUERIES) {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                    List<String> rows = SqlFixture.text(rs);
                    out.add(sql + " -> " + rows.size() + " rows");
                    out.addAll(rows);
                }
            }
            assertThat(c.unwrap(SqlSession.class).readAheadScans()).isEqualTo(fastPath ? QUERIES.length : 0);
        }
        return out;
    }

    @Test
    void readAheadScansGiveCalcitesAnswers() throws Exception {
        List<String> fast = answers(true);
        List<String> calcite = answers(false);
        assertThat(fast).hasSize(calcite.size());
        for (int i = 0; i < fast.size(); i++) {
            assertThat(fast.get(i)).as("line %d", i).isEqualTo(calcite.get(i));
        }
    }

    @Test
    void jsonValueIsComputedByTheScan() throws Exception {
        try (SqlFixture sql = SqlFixture.open(dir)) {
            assertThat(sql.plan(QUERIES[2]))
                .contains("json=[[data:'$.c', data:'$.t'::DECIMAL(12, 2), data:'$.t']]").doesNotContain("JSON_VALUE");
            assertThat(sql.plan(QUERIES[3]))
                .contains("fields=[[0]], json=[[data:'$.n.x', metadata:'$.trace', data:'$.t']]");
        }
    }

    private static final String[] CAST_QUERIES = {
        "SELECT SUM(CAST(JSON_VALUE(data, '$.t') AS DECIMAL(12,2))) FROM events",
        "SELECT SUM(CAST(JSON_VALUE(data, '$.t') AS DECIMAL(12,2))) FROM events WHERE seq < 4500",
        "SELECT seq, CAST(JSON_VALUE(data, '$.t') AS DECIMAL(12,2)) FROM events LIMIT 100",
        "SELECT seq, CAST(JSON_VALUE(data, '$.t') AS DECIMAL(12,2)) FROM events WHERE stream_id = 'bad'",
        "SELECT seq, CAST(JSON_VALUE(data, '$.t') AS DECIMAL(12,2)) FROM events WHERE name = 'ok'",
        "SELECT MAX(t) FROM (SELECT name, CAST(JSON_VALUE(data, '$.t') AS DECIMAL(12,2)) AS t FROM events) "
            + "WHERE name <> 'bad'",
        "SELECT seq, CAST(JSON_VALUE(data, '$.t') AS DECIMAL(5,1)) FROM events WHERE seq BETWEEN 4400 AND 4499",
        // a window between the cast and the filter: Calcite casts every row below the window, and so must we
        "SELECT t FROM (SELECT seq, CAST(JSON_VALUE(data, '$.t') AS DECIMAL(12,2)) t, "
            + "ROW_NUMBER() OVER (ORDER BY seq) r FROM events) WHERE r < 5",
        "SELECT JSON_VALUE(data, '$.t'), SUM(CAST(JSON_VALUE(data, '$.t') AS DECIMAL(12,2))) FROM events "
            + "WHERE stream_id = 'bad' GROUP BY JSON_VALUE(data, '$.t')",
    };

    /** Each query's rows, or its error's SQLState and message. */
    private Map<String, List<String>> castAnswers(Path log, boolean fastPath) throws SQLException {
        Properties props = new Properties();
        props.setProperty("fastPath", Boolean.toString(fastPath));
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:hindsight:file:" + log, props)) {
            for (String sql : CAST_QUERIES) {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                    out.put(sql, SqlFixture.text(rs));
                } catch (SQLException e) {
                    out.put(sql, List.of("error " + e.getSQLState() + ": " + e.getMessage()));
                }
            }
        }
        return out;
    }

    /**
     * Where Calcite's plain plan answers, the fast one answers the same; it never fails where that plan does not, and
     * fails where it does: a cast below a window fails on a row the query then drops, in both (window calls are made
     * a window before the optimisation, {@code WindowSplit}, so no plan moves the cast above it; SQL leaves that order
     * open, and PostgreSQL computes it below the window too).
     */
    @Test
    void aCastTheScanCachedFailsOnlyWhereCalcitesFails() throws Exception {
        Path log = dir.resolve("casts");
        try (EventLog events = EventLog.open(LogConfig.at(log))) {
            for (int i = 1; i <= 5000; i++) {
                // seq 4500 is not a number, 4700 does not fit DECIMAL(12,2); both are named and streamed 'bad'
                String t = i == 4500 ? "\"abc\"" : i == 4700 ? "1e20" : i % 7 + "." + i % 100 + "5";
                boolean bad = i == 4500 || i == 4700;
                events.append(bad ? "bad" : "s-" + i % 9, "x", List.of(new NewEvent(bad ? "bad" : "ok",
                    "{\"t\":" + t + "}", null, 1)), ExpectedVersion.any());
            }
        }
        Map<String, List<String>> fast = castAnswers(log, true);
        Map<String, List<String>> calcite = castAnswers(log, false);
        for (String sql : CAST_QUERIES) {
            assertThat(fast.get(sql)).as(sql).isEqualTo(calcite.get(sql));
        }
        assertThat(calcite.get(CAST_QUERIES[7])).singleElement().asString().startsWith("error 22018");
        // the log is as described: the whole-log sum fails, the filtered ones do not
        assertThat(calcite.get(CAST_QUERIES[0])).singleElement().asString()
            .startsWith("error 22018: ").contains("invalid value for a cast to a number");
        // values such as 3.105 round half away from zero to two places, as PostgreSQL's numeric (toward zero: 15929.20)
        assertThat(calcite.get(CAST_QUERIES[1])).containsExactly("15969.70");
        try (SqlFixture sql = SqlFixture.open(log)) {
            assertThat(sql.plan(CAST_QUERIES[0])).contains("data:'$.t'::DECIMAL(12, 2)");
        }
    }
}
