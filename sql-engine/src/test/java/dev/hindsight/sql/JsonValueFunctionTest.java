package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fast JSON_VALUE gives what Calcite's gives, on random documents and paths; and the planner uses it. */
class JsonValueFunctionTest {

    static final List<String> PATHS = List.of("$.a", "lax $.b", "$.a.b", "$.b.a.c", "$.c", "$.a.a", "$.d");

    static Connection calcite;
    static Map<String, PreparedStatement> calciteJsonValue = new HashMap<>();

    @BeforeContainer
    static void open() throws SQLException {
        Properties p = new Properties();
        p.setProperty("fastPath", "false");
        calcite = DriverManager.getConnection("jdbc:hindsight:mem:", p);
        for (String path : PATHS) {
            calciteJsonValue.put(path, calcite.prepareStatement("SELECT JSON_VALUE(CAST(? AS VARCHAR), '" + path
                + "') FROM (VALUES (1))"));
        }
    }

    @AfterContainer
    static void close() throws SQLException {
        calcite.close();
    }

    private static String calcitesAnswer(String doc, String path) throws SQLException {
        PreparedStatement ps = calciteJsonValue.get(path);
        ps.setString(1, doc);
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Provide
    Arbitrary<String> documents() {
        Arbitrary<String> keys = Arbitraries.of("a", "b", "c", "d", "\\u0061");
        Arbitrary<String> scalars = Arbitraries.oneOf(
            Arbitraries.of("true", "false", "null", "0", "-0", "7", "-12", "100.50", "1e3", "2.5E-2", "12345678901234567890",
                "3.0", "\"x\"", "\"\"", "\"a\\\"b\"", "\"tab\\tnew\\nline\"", "\"\\u00e9\\u20ac\"", "\"slash\\/\"",
                "\"caf\u00e9\""),
            Arbitraries.integers().between(-1000, 1000).map(Object::toString));
        Arbitrary<String> leaf = Arbitraries.oneOf(scalars, Arbitraries.of("[]", "[1,2]", "{}", "[{\"a\":1}]"));
        Arbitrary<String> inner = Arbitraries.lazy(() -> object(keys, leaf, 3));
        Arbitrary<String> value = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, leaf),
            net.jqwik.api.Tuple.of(1, inner));
        return object(keys, value, 5);
    }

    private static Arbitrary<String> object(Arbitrary<String> keys, Arbitrary<String> values, int maxMembers) {
        Arbitrary<String> member = net.jqwik.api.Combinators.combine(keys, values, Arbitraries.of("", " ", "\n"))
            .as((k, v, ws) -> "\"" + k + "\"" + ws + ":" + ws + v);
        return member.list().ofMaxSize(maxMembers).map(ms -> "{" + String.join(",", ms) + "}");
    }

    @Property(tries = 1500)
    void fastJsonValueAgreesWithCalcite(@ForAll("documents") String doc, @ForAll("paths") String path)
        throws SQLException {
        assertThat(JsonValueFunction.eval(doc, path)).as("JSON_VALUE(%s, '%s')", doc, path)
            .isEqualTo(calcitesAnswer(doc, path));
    }

    /** Several paths asked of one document object in turn: the walk is shared, the answers are not. */
    @Property(tries = 500)
    void severalPathsOfOneDocumentAgreeWithCalcite(@ForAll("documents") String doc,
                                                   @ForAll("pathLists") List<String> paths) throws SQLException {
        for (String path : paths) {
            assertThat(JsonValueFunction.eval(doc, path)).as("JSON_VALUE(%s, '%s') after %s", doc, path, paths)
                .isEqualTo(calcitesAnswer(doc, path));
        }
    }

    /**
     * A scan's paths answered from one walk ({@link JsonValueFunction.PathSet}). Only well-formed documents: the
     * walk does not validate what it skips, and the scan only ever sees documents the log checked on append.
     */
    @Property(tries = 800)
    void aPathSetAnswersEachPathAsCalciteDoes(@ForAll("documents") String tested,
                                              @ForAll("pathLists") List<String> paths) throws SQLException {
        JsonValueFunction.PathSet set = new JsonValueFunction.PathSet(
            paths.stream().map(JsonValueFunction::compile).toArray(String[][]::new));
        String[] out = new String[paths.size()];
        set.values(tested, out);
        for (int i = 0; i < paths.size(); i++) {
            assertThat(out[i]).as("JSON_VALUE(%s, '%s') among %s", tested, paths.get(i), paths)
                .isEqualTo(calcitesAnswer(tested, paths.get(i)));
        }
    }

    @Provide
    Arbitrary<List<String>> pathLists() {
        return Arbitraries.of(PATHS).list().ofMinSize(2).ofMaxSize(5);
    }

    @net.jqwik.api.Example // a jqwik example: it runs inside the container that opened Calcite's connection
    void aBadEscapeInAnEarlierKeyFailsTheDocumentAsInCalcite() throws SQLException {
        for (String doc : List.of("{\"\\uZZZZ\":1,\"a\":\"x\"}", "{\"\\u0061\":1,\"a\":\"x\"}")) {
            assertThat(JsonValueFunction.eval(doc, "$.a")).as(doc).isEqualTo(calcitesAnswer(doc, "$.a"));
        }
    }

    /** Where the shortcut for numbers that print as written is taken, parsing and printing gives the same. */
    @Test
    void numbersThatPrintAsWrittenAreExactlyThose() {
        long seed = Long.getLong("hindsight.json.seed", System.nanoTime());
        java.util.Random random = new java.util.Random(seed);
        int shortcuts = 0;
        for (int i = 0; i < 500_000; i++) {
            StringBuilder text = new StringBuilder();
            if (random.nextInt(4) == 0) {
                text.append('-');
            }
            int intDigits = random.nextInt(10);
            text.append(intDigits == 0 ? "0" : Long.toString((long) (random.nextDouble() * Math.pow(10, intDigits))));
            int fracDigits = random.nextInt(19) - 2;
            if (fracDigits >= 0) {
                text.append('.');
                int zeros = random.nextInt(3) == 0 ? random.nextInt(6) : 0;
                for (int d = 0; d < fracDigits; d++) {
                    text.append(d < zeros ? '0' : (char) ('0' + random.nextInt(10)));
                }
            }
            String t = text.toString();
            String slow = t.indexOf('.') < 0 ? new java.math.BigInteger(t).toString()
                : fracDigits == 0 ? null : Double.toString(Double.parseDouble(t));
            if (slow == null) {
                continue; // "12." is not JSON
            }
            boolean shortcut = JsonValueFunction.printsAsItself(t);
            shortcuts += shortcut ? 1 : 0;
            if (shortcut) { // taking it where the text prints differently would be wrong; missing one only slower
                assertThat(slow).as("seed=%d", seed).isEqualTo(t);
            }
        }
        assertThat(shortcuts).as("the shortcut is taken").isGreaterThan(50_000);
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.of(PATHS);
    }

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
}
