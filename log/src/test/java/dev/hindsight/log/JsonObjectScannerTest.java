package dev.hindsight.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.hindsight.testkit.Seeds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast scanner accepts exactly what Jackson's strict parser (duplicate keys refused) accepts as one object. */
class JsonObjectScannerTest {

    private static final JsonFactory JACKSON = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(JsonObjectScanner.MAX_DEPTH).build())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION) // a key given twice: refused, as the HTTP API does
        .build();

    /**
     * The oracle: Jackson reads one object, every string and number of it in full, and nothing after it. Given the
     * text, not bytes: from bytes Jackson guesses the encoding, and reads {@code "{\0}\0"} as UTF-16 {@code {}}.
     */
    static boolean jacksonAccepts(String json) {
        try (JsonParser p = JACKSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            // read every token of the object, so numbers and strings are fully checked
            while (!p.getParsingContext().inRoot()) {
                JsonToken t = p.nextToken();
                if (t == null) {
                    return false;
                }
                if ((t == JsonToken.VALUE_STRING || t == JsonToken.FIELD_NAME) && !isUnicode(p.getText())) {
                    return false; // "\ud800": Jackson reads half a pair, the scanner refuses it as no Unicode text
                }
                if (t.isNumeric()) {
                    p.getNumberValue(); // an integer's digits are counted here; a fraction's, by this parser of
                    // text, only as a BigDecimal (the parser of bytes the HTTP API reads with counts them at once)
                    if (p.getText().chars().filter(Character::isDigit).count() > JsonObjectScanner.MAX_NUMBER_DIGITS) {
                        return false;
                    }
                }
            }
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isUnicode(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean scannerAccepts(String json) {
        return JsonObjectScanner.isObject(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Tokens of valid-looking JSON, to be joined at random: the interesting inputs lie near the grammar. */
    private static final List<String> TOKENS = List.of("{", "}", "[", "]", ":", ",", "\"", "\"k\"", "\"v\\n\"", "\\",
        "\\u00e9", "\\x", "0", "01", "-1", "1.5", "1.", "2e10", "2E-3", "1e", "-", "+1", ".5", "true", "false",
        "null", "tru", "nul", " ", "\n", "\t", "\u0001", "é", "x", "{\"a\":1}", "[1,2]", "\"\"", "{}", "[]",
        "\"k\":", "\"\\u006b\":", "\"é\":", "\"\\u00e9\":", "\\ud83d", "\\ude00", "\\ud83d\\ude00", "\\uDBFF",
        "\\uDC00", "\"\\ud800\":", "\"\\ud83d\\ude00\":");

    /** 1–14 random tokens, joined. */
    private static String jsonish(Random random) {
        StringBuilder input = new StringBuilder();
        for (int n = 1 + random.nextInt(14); n > 0; n--) {
            input.append(TOKENS.get(random.nextInt(TOKENS.size())));
        }
        return input.toString();
    }

    @ParameterizedTest(name = "seed {0}")
    @Seeds.Source(runs = 20)
    void scannerAgreesWithJacksonOnRandomInput(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 1000; i++) {
            String input = jsonish(random);
            assertThat(scannerAccepts(input)).as("input %s", input).isEqualTo(jacksonAccepts(input));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @Seeds.Source(runs = 20)
    void scannerAgreesWithJacksonOnObjectsWithRandomInsides(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 100; i++) {
            String input = "{\"k\":" + jsonish(random) + "}";
            assertThat(scannerAccepts(input)).as("input %s", input).isEqualTo(jacksonAccepts(input));
        }
    }

    /** Jackson's default limit, as the HTTP API and import read bodies: digits of whole part, fraction, exponent. */
    @ParameterizedTest
    @ValueSource(strings = {"", "-", "0.", "1.5e", "-1.5E+", "1e-"})
    void aNumberOfAThousandDigitsIsTakenAndOneMoreRefusedAsByJackson(String prefix) {
        long prefixDigits = prefix.chars().filter(Character::isDigit).count();
        String thousand = prefix + "7".repeat(1000 - (int) prefixDigits);
        String more = thousand + "7";
        assertThat(scannerAccepts("{\"n\":" + thousand + "}")).as(thousand).isTrue();
        assertThat(scannerAccepts("{\"n\":" + more + "}")).as(more).isFalse();
        assertThat(jacksonAccepts("{\"n\":" + more + "}")).as(more).isFalse();
        assertThat(scannerAccepts("{\"n\":[1," + more + "]}")).as(more).isFalse();
    }

    /** Jackson's default limit on a key, 50,000 characters, counted once its escapes are read. */
    @Test
    void aKeyOfFiftyThousandCharactersIsTakenAndOneMoreRefusedAsByJackson() {
        String longest = "k".repeat(50_000);
        assertThat(scannerAccepts("{\"" + longest + "\":1}")).isTrue();
        assertThat(jacksonAccepts("{\"" + longest + "\":1}")).isTrue();
        assertThat(scannerAccepts("{\"" + longest + "k\":1}")).isFalse();
        assertThat(jacksonAccepts("{\"" + longest + "k\":1}")).isFalse();
        String escaped = "\\u006b".repeat(50_000); // 300,000 bytes, 50,000 characters
        assertThat(scannerAccepts("{\"" + escaped + "\":1}")).isTrue();
        assertThat(scannerAccepts("{\"a\":{\"" + longest + "é\":1}}")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 255, 256, 257, 300})
    void nestingLimitIsTheSameAsJacksons(int depth) {
        String input = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
        assertThat(scannerAccepts(input)).isEqualTo(jacksonAccepts(input)).isEqualTo(depth <= 256);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1,\"a\":2}", "{\"a\":1,\"b\":{\"c\":1,\"c\":2}}", "{\"k\":1,\"\\u006b\":2}",
        "{\"é\":1,\"\\u00e9\":2}", "{\"\\n\":1,\"\\u000a\":2}", "{\"\uD83D\uDE00\":1,\"\\ud83d\\ude00\":2}",
        "{\"x\":[{\"a\":1,\"a\":1}]}"})
    void refusesAKeyGivenTwiceInOneObject(String json) {
        assertThat(scannerAccepts(json)).as(json).isFalse();
        assertThat(jacksonAccepts(json)).as(json).isFalse();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anObjectOfManyKeysIsCheckedInLinearTimeAndItsDuplicateFound() {
        // compared pairwise, 100,000 keys (1 MiB, an event's limit) took 50 s of one core per append
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 100_000; i++) {
            many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":0");
        }
        String unique = many + "}";
        String twice = many + ",\"k\\u0037\":1}"; // k7 again, written with an escape
        assertThat(scannerAccepts(unique)).isTrue();
        assertThat(scannerAccepts(twice)).isFalse();
        assertThat(jacksonAccepts(twice)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":{\"a\":{\"a\":1}},\"b\":{\"a\":2}}", "{\"a\":1,\"A\":2,\"\\u0062\":3}",
        "{\"ab\":1,\"a\":2,\"b\":3}", "{\"x\":[{\"a\":1},{\"a\":1}],\"a\":0}"})
    void acceptsTheSameKeyInDifferentObjects(String json) {
        assertThat(scannerAccepts(json)).as(json).isTrue();
        assertThat(jacksonAccepts(json)).as(json).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":\"\\ud800\"}", "{\"a\":\"\\udc00\"}", "{\"a\":\"\\ude00\\ud83d\"}",
        "{\"a\":\"\\ud83d\\u0041\"}", "{\"a\":\"\\ud83d\\ud83d\"}", "{\"a\":\"\\ud83dé\"}",
        "{\"\\ud800\":1}", "{\"a\":[\"x\\udfff\"]}", "{\"a\":\"\\ud83d\\n\"}", "{\"a\":\"\\ud83d\"}"})
    void refusesAnEscapedSurrogateThatIsHalfOfNoPairThoughJacksonReadsIt(String json) {
        assertThat(scannerAccepts(json)).as(json).isFalse();
        assertThat(jacksonAccepts(json)).as(json).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":\"\\ud83d\\ude00\"}", "{\"\\uD83D\\uDE00\":\"\\udbff\\udfff x\"}",
        "{\"a\":\"\uD83D\uDE00\"}"})
    void acceptsEscapedAndRawSurrogatePairs(String json) {
        assertThat(scannerAccepts(json)).as(json).isTrue();
        assertThat(jacksonAccepts(json)).as(json).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", " {\"a\" : [1, -2.5e3, true, false, null, {\"b\": \"\\u00e9\\\"\"}]} ",
        "{\"customerId\":\"c-1\",\"total\":100.25}"})
    void acceptsObjects(String json) {
        assertThat(scannerAccepts(json)).isTrue();
        assertThat(jacksonAccepts(json)).isTrue();
    }
}
