package dev.hindsight.sql.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.testkit.Seeds;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The fast JSON_VALUE gives what Calcite's gives, on random documents and paths (that the planner uses it:
 * {@code JsonValueRuleTest}).
 */
class JsonValueFunctionTest {

    static final List<String> PATHS = List.of("$.a", "lax $.b", "$.a.b", "$.b.a.c", "$.c", "$.a.a", "$.d");

    static Connection calcite;
    static Map<String, PreparedStatement> calciteJsonValue = new HashMap<>();

    @BeforeAll
    static void open() throws SQLException {
        Properties p = new Properties();
        p.setProperty("fastPath", "false");
        calcite = DriverManager.getConnection("jdbc:hindsight:mem:", p);
        for (String path : PATHS) {
            calciteJsonValue.put(path, calcite.prepareStatement("SELECT JSON_VALUE(CAST(? AS VARCHAR), '" + path
                + "') FROM (VALUES (1))"));
        }
    }

    @AfterAll
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

    private static final List<String> KEYS = List.of("a", "b", "c", "d", "\\u0061");
    private static final List<String> SCALARS = List.of("true", "false", "null", "0", "-0", "7", "-12", "100.50", "1e3",
        "2.5E-2", "12345678901234567890", "3.0", "-0.00", "12345678901.25", "0.1234567890123456789", "1E-7",
        "\"x\"", "\"\"", "\"a\\\"b\"", "\"tab\\tnew\\nline\"",
        "\"\\u00e9\\u20ac\"", "\"slash\\/\"", "\"caf\u00e9\"");
    private static final List<String> CONTAINERS = List.of("[]", "[1,2]", "{}", "[{\"a\":1}]");

    /** A random document: an object of up to 5 members, a quarter of them objects of up to 3 members themselves. */
    static String document(Random random) {
        return object(random, 5, true);
    }

    private static String object(Random random, int maxMembers, boolean nest) {
        StringJoiner members = new StringJoiner(",", "{", "}");
        for (int n = random.nextInt(maxMembers + 1); n > 0; n--) {
            String ws = List.of("", " ", "\n").get(random.nextInt(3));
            members.add("\"" + KEYS.get(random.nextInt(KEYS.size())) + "\"" + ws + ":" + ws + value(random, nest));
        }
        return members.toString();
    }

    private static String value(Random random, boolean nest) {
        if (nest && random.nextInt(4) == 0) {
            return object(random, 3, false);
        }
        int pick = random.nextInt(3);
        return pick == 0 ? Integer.toString(random.nextInt(2001) - 1000)
            : pick == 1 ? SCALARS.get(random.nextInt(SCALARS.size())) : random.nextBoolean()
            ? CONTAINERS.get(random.nextInt(CONTAINERS.size())) : SCALARS.get(random.nextInt(SCALARS.size()));
    }

    /** 2–5 of the paths, repeats allowed. */
    private static List<String> paths(Random random) {
        return random.ints(2 + random.nextInt(4), 0, PATHS.size()).mapToObj(PATHS::get).toList();
    }

    @ParameterizedTest(name = "seed {0}")
    @Seeds.Source(runs = 15)
    void fastJsonValueAgreesWithCalcite(long seed) throws SQLException {
        Random random = new Random(seed);
        for (int i = 0; i < 100; i++) {
            String doc = document(random);
            String path = PATHS.get(random.nextInt(PATHS.size()));
            assertThat(JsonValueFunction.eval(doc, path)).as("JSON_VALUE(%s, '%s')", doc, path)
                .isEqualTo(calcitesAnswer(doc, path));
        }
    }

    /** Several paths asked of one document object in turn: the walk is shared, the answers are not. */
    @ParameterizedTest(name = "seed {0}")
    @Seeds.Source(runs = 10)
    void severalPathsOfOneDocumentAgreeWithCalcite(long seed) throws SQLException {
        Random random = new Random(seed);
        for (int i = 0; i < 50; i++) {
            String doc = document(random);
            List<String> paths = paths(random);
            for (String path : paths) {
                assertThat(JsonValueFunction.eval(doc, path)).as("JSON_VALUE(%s, '%s') after %s", doc, path, paths)
                    .isEqualTo(calcitesAnswer(doc, path));
            }
        }
    }

    /**
     * A scan's paths answered from one walk ({@link PathSet}). Only well-formed documents: the
     * walk does not validate what it skips, and the scan only ever sees documents the log checked on append.
     */
    @ParameterizedTest(name = "seed {0}")
    @Seeds.Source(runs = 10)
    void aPathSetAnswersEachPathAsCalciteDoes(long seed) throws SQLException {
        Random random = new Random(seed);
        for (int t = 0; t < 80; t++) {
            String tested = document(random);
            List<String> paths = paths(random);
            boolean[] raw = new boolean[paths.size()];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = random.nextBoolean();
            }
            PathSet set = new PathSet(raw, paths.stream().map(JsonPath::compile).toArray(JsonPath[]::new));
            String[] out = new String[paths.size()];
            set.values(tested, out);
            for (int i = 0; i < paths.size(); i++) {
                String answer = out[i];
                if (set.numberFrom(i) >= 0) { // left in place: its text is the printed number, out[i] untouched
                    assertThat(raw[i]).isTrue();
                    assertThat(out[i]).isNull();
                    answer = set.printedNumber(i);
                    assertThat(new BigDecimal(new String(set.document(), set.numberFrom(i),
                        set.numberTo(i) - set.numberFrom(i), StandardCharsets.US_ASCII)))
                        .as("the bytes left of %s in %s", paths.get(i), tested).isEqualByComparingTo(answer);
                }
                assertThat(answer).as("JSON_VALUE(%s, '%s') among %s", tested, paths.get(i), paths)
                    .isEqualTo(calcitesAnswer(tested, paths.get(i)));
            }
        }
    }

    @Test
    void aBadEscapeInAnEarlierKeyFailsTheDocumentAsInCalcite() throws SQLException {
        for (String doc : List.of("{\"\\uZZZZ\":1,\"a\":\"x\"}", "{\"\\u0061\":1,\"a\":\"x\"}")) {
            assertThat(JsonValueFunction.eval(doc, "$.a")).as(doc).isEqualTo(calcitesAnswer(doc, "$.a"));
        }
    }

    /**
     * Where the shortcut for numbers that print as written is taken, parsing and printing gives the same; the printing
     * of every number, shortcut or not, is its value's plain numeral with the digits it was written with
     * (PostgreSQL's {@code jsonb}); and a number read in place from its bytes has the printed text's value.
     */
    @ParameterizedTest(name = "seed {0}")
    @Seeds.Source(runs = 1)
    void numbersPrintAsTheirPlainNumeral(long seed) {
        Random random = new Random(seed);
        int shortcuts = 0;
        int keeps = 0;
        for (int i = 0; i < 500_000; i++) {
            StringBuilder text = new StringBuilder();
            if (random.nextInt(4) == 0) {
                text.append('-');
            }
            int intDigits = random.nextInt(22);
            text.append(intDigits == 0 ? "0" : new BigInteger(intDigits * 4, random).toString());
            int fracDigits = random.nextInt(25) - 2;
            if (fracDigits >= 0) {
                text.append('.');
                int zeros = random.nextInt(3) == 0 ? random.nextInt(6) : 0;
                for (int d = 0; d < fracDigits; d++) {
                    text.append(d < zeros ? '0' : (char) ('0' + random.nextInt(10)));
                }
            }
            if (random.nextInt(5) == 0) {
                text.append(random.nextBoolean() ? 'e' : 'E').append(List.of("", "+", "-").get(random.nextInt(3)))
                    .append(random.nextInt(30));
            }
            String t = text.toString();
            if (t.endsWith(".") || t.contains(".e") || t.contains(".E")) {
                continue; // "12." is not JSON
            }
            BigDecimal value = new BigDecimal(t);
            String slow = (value.scale() < 0 ? value.setScale(0) : value).toPlainString();
            assertThat(JsonNumbers.print(t)).as("seed=%d: %s", seed, t).isEqualTo(slow);
            assertThat(ExactJson.value("[" + t + "]", "$[0]", null, null, null, null)).as("seed=%d: %s", seed, t)
                .isEqualTo(slow);
            if (JsonNumbers.keepsValue(t.getBytes(StandardCharsets.US_ASCII), 0, t.length())) {
                keeps++; // its value may be read from its bytes: it must be the printed text's
                assertThat(new BigDecimal(slow)).as("seed=%d: %s", seed, t).isEqualByComparingTo(value);
            }
            boolean shortcut = JsonNumbers.printsAsItself(t);
            shortcuts += shortcut ? 1 : 0;
            if (shortcut) { // taking it where the text prints differently would be wrong; missing one only slower
                assertThat(slow).as("seed=%d", seed).isEqualTo(t);
            }
        }
        assertThat(shortcuts).as("the shortcut is taken").isGreaterThan(50_000);
        assertThat(keeps).as("numbers whose value is read in place").isGreaterThan(shortcuts);
    }

    @Test
    void aNumberPastThePlainRangePrintsWithAnExponent() {
        assertThat(JsonNumbers.print("1e101")).isEqualTo("1E+101");
        assertThat(JsonNumbers.print("1.5e-101")).isEqualTo("1.5E-101");
        assertThat(ExactJson.value("{\"a\":1e101}", "$.a", null, null, null, null)).isEqualTo("1E+101");
        assertThat(JsonNumbers.print("1e100")).isEqualTo("1" + "0".repeat(100));
        assertThat(JsonNumbers.print("1" + "0".repeat(1000))).as("an integer's scale is 0").hasSize(1001);
    }
}
