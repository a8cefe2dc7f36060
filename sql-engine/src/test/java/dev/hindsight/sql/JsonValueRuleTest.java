package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.calcite.runtime.Hook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The planner puts the fast JSON_VALUE in place of Calcite's, compiles its path once per call site, and answers the
 * same.
 */
class JsonValueRuleTest {

    @Test
    void thePlannerUsesTheFastFunctionAndAnswersTheSame(@TempDir Path dir) throws Exception {
        String q = "SELECT stream_id, SUM(CAST(JSON_VALUE(data, '$.i') AS DECIMAL(12,2))) FROM events "
            + "WHERE JSON_VALUE(data, '$.i') <> '2' GROUP BY stream_id ORDER BY stream_id";
        SqlFixture sql = SqlFixture.seeded(dir, "a:3", "b:2");
        List<String> fast;
        try {
            assertThat(sql.plan(q)).contains("HINDSIGHT_JSON_VALUE").doesNotContain("[JSON_VALUE(");
            fast = sql.rows(q);
        } finally {
            sql.connection.close();
        }
        Properties p = new Properties();
        p.setProperty("fastPath", "false");
        try (Connection slow = DriverManager.getConnection("jdbc:hindsight:file:" + dir, p);
             ResultSet rs = slow.createStatement().executeQuery(q)) {
            assertThat(SqlFixture.text(rs)).isEqualTo(fast).containsExactly("a, 4.00", "b, 9.00");
        }
    }

    /**
     * Each literal path is compiled once, in the plan: Calcite's code generator hoists {@code JsonValueFunction.of}
     * into a static final field of the plan's own class, and the code run per row only evaluates.
     */
    @Test
    void aLiteralPathIsCompiledOnceInThePlanNotPerRow(@TempDir Path dir) throws Exception {
        String q = "SELECT seq AS compiled_once, JSON_VALUE(data, 'lax $.i'), JSON_VALUE(metadata, '$.traceId') "
            + "FROM events WHERE JSON_VALUE(data, '$.i') <> '3' ORDER BY seq";
        List<String> code = new ArrayList<>();
        List<String> rows;
        try (SqlFixture sql = SqlFixture.seeded(dir, "a:3", "b:2")) {
            Hook.Closeable generated = Hook.JAVA_PLAN.addThread((Consumer<String>) code::add);
            try {
                rows = sql.rows(q);
            } finally {
                generated.close();
            }
        }
        assertThat(rows).containsExactly("1, 1, null", "2, 2, t2", "4, 4, null", "5, 5, null");
        List<String> lines = String.join("\n", code).lines().map(String::strip).toList();
        assertThat(lines).filteredOn(l -> l.contains("JsonValueFunction.of(")).as(String.join("\n", code))
            .hasSize(3)
            .allMatch(l -> l.startsWith("static final dev.hindsight.sql.json.JsonValueFunction "))
            .anyMatch(l -> l.endsWith("JsonValueFunction.of(\"lax $.i\");"))
            .anyMatch(l -> l.endsWith("JsonValueFunction.of(\"$.traceId\");"))
            .anyMatch(l -> l.endsWith("JsonValueFunction.of(\"$.i\");"));
        assertThat(lines).filteredOn(l -> l.contains(".eval(")).isNotEmpty()
            .noneMatch(l -> l.contains("JsonValueFunction.of("));
    }

    /**
     * A path bound as a parameter reaches Calcite's own JSON_VALUE (the rule takes literal paths only); a literal one
     * the fast function, compiled in the plan: computed by the scan for a plain projection, by the generated code
     * where a filter keeps it there. All answer alike, on values of every kind and on paths either way.
     */
    @Test
    void literalAndParameterPathsGiveTheSameAnswers(@TempDir Path dir) throws Exception {
        String[] documents = {
            "{\"a\":{\"b\":\"x\"},\"n\":100.50,\"s\":\"caf\u00e9\",\"t\":true,\"z\":null,\"arr\":[1]}",
            "{\"a\":{\"c\":7,\"b\":\"last\"},\"n\":1e3,\"s\":\"tab\\tx\",\"t\":false,\"o\":{}}",
            "{\"\\u0061\":{\"b\":-0},\"n\":12345678901234567890,\"s\":\"\\u20ac\"}",
            "{}",
        };
        List<String> paths = List.of("$.a", "$.a.b", "lax $.a.b", "$.n", "$.s", "$.t", "$.z", "$.arr", "$.o",
            "$.missing", "$.a.b.c");
        try (SqlFixture sql = SqlFixture.open(dir)) {
            for (String doc : documents) {
                sql.update("INSERT INTO events (stream_id, entity_type, name, data) VALUES ('s', 'thing', "
                    + "'thing.happened', '" + doc + "')");
            }
            for (String path : paths) {
                String byScan = "SELECT seq, JSON_VALUE(data, '" + path + "') FROM events ORDER BY seq";
                String byCode = "SELECT seq, JSON_VALUE(data, '" + path + "') FROM events "
                    + "WHERE JSON_VALUE(data, '$.never') IS NULL ORDER BY seq";
                String byParameter = "SELECT seq, JSON_VALUE(data, CAST(? AS VARCHAR)) FROM events ORDER BY seq";
                if (SqlFixture.fastPaths()) {
                    assertThat(sql.plan(byScan)).contains("json=[[data:'" + path + "']]");
                    assertThat(sql.plan(byCode)).contains("['" + path + "']").contains("HINDSIGHT_JSON_VALUE");
                }
                List<String> expected = sql.rows(byParameter, path);
                assertThat(expected).hasSize(documents.length);
                assertThat(sql.rows(byScan)).as(path).isEqualTo(expected);
                assertThat(sql.rows(byCode)).as(path).isEqualTo(expected);
            }
        }
    }
}
