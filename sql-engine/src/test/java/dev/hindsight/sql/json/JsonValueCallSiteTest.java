package dev.hindsight.sql.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hindsight.testkit.Seeds;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * A compiled path belongs to its call site: a literal path is compiled once into the function a plan holds
 * ({@link JsonValueFunction#of}), any other at each call, and neither is kept anywhere else. ({@code JsonValueRuleTest}
 * shows the plan holding it; {@link JsonValueFunctionTest} holds the answers to Calcite's.)
 */
class JsonValueCallSiteTest {

    /** A call site's function (its path compiled once) answers as a call that is handed the path text each time. */
    @ParameterizedTest(name = "seed {0}")
    @Seeds.Source(runs = 5)
    void aCallSiteAnswersAsACallGivenThePathText(long seed) {
        Random random = new Random(seed);
        Map<String, JsonValueFunction> callSites = new HashMap<>();
        JsonValueFunctionTest.PATHS.forEach(path -> callSites.put(path, JsonValueFunction.of(path)));
        for (int i = 0; i < 500; i++) {
            String doc = JsonValueFunctionTest.document(random);
            for (String path : JsonValueFunctionTest.PATHS) {
                assertThat(callSites.get(path).eval(doc)).as("JSON_VALUE(%s, '%s')", doc, path)
                    .isEqualTo(JsonValueFunction.eval(doc, path));
            }
        }
    }

    @Test
    void eachCallSiteOwnsItsCompiledPath() {
        JsonValueFunction one = JsonValueFunction.of("$.customer.id");
        JsonValueFunction other = JsonValueFunction.of("$.customer.id");
        assertThat(one.path()).isNotSameAs(other.path()).hasToString("$.customer.id");
        assertThat(one.eval("{\"customer\":{\"id\":\"c-7\"}}")).isEqualTo("c-7");
    }

    @Test
    void aPathTheFastFunctionDoesNotTakeIsRefusedByName() {
        for (String path : List.of("strict $.a", "$.a[0]", "$.*", "$", "$.", "$..a", "$.1a", "lax$.a", "$.a b")) {
            assertThat(JsonPath.compile(path)).as(path).isNull();
            assertThatThrownBy(() -> JsonValueFunction.of(path)).as(path)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("path='" + path + "'");
        }
    }

    /**
     * Client path texts are compiled by whoever asks and kept by them alone: after thousands of distinct texts, none
     * is reachable from any static field of this package (the cache that once held every text ever asked would be).
     */
    @Test
    void manyDistinctPathTextsAccumulateNowhereStatic() throws Exception {
        String doc = "{\"k1\":\"one\",\"k2\":{\"k3\":\"three\"}}";
        String[] out = new String[1];
        for (int i = 0; i < 5_000; i++) {
            String text = "$.k" + i + ".unheld" + i;
            assertThat(JsonValueFunction.eval(doc, text)).isNull();
            assertThat(JsonValueFunction.of(text).eval(doc)).isNull();
            new PathSet(JsonPath.compile(text)).values(doc, out);
            assertThat(out[0]).isNull();
        }
        assertThat(JsonValueFunction.eval(doc, "$.k2.k3")).isEqualTo("three");
        List<String> held = StaticState.stringsReachable(JsonValueFunction.class);
        assertThat(held).as("the walk reaches the package's static strings").contains(JsonValueRule.FAST_NAME);
        assertThat(held.stream().filter(s -> s.contains("unheld")).limit(5)).as("path texts held statically")
            .isEmpty();
    }
}
