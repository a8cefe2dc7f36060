package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Shorthand that Calcite writes out by naming an operand again (NULLIF, COALESCE, GREATEST, …) multiplies the work of
 * planning with each level of a nest: past a limit the statement is refused with 54001 before it is planned
 * ({@link ShorthandCopies}), and calcs stacked by sub-queries are merged only while that does not multiply their
 * terms ({@link BoundedCalcMerge}). Before, forty nested NULLIFs, or five sub-queries of eight, never finished
 * planning: the timeouts only keep a regression from hanging the build.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ShorthandCopiesTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:3");

    /** {@code around} ({@code @} its operand) around itself {@code depth} times, {@code inner} inmost. */
    private static String nest(String around, String inner, int depth) {
        String e = inner;
        for (int i = 0; i < depth; i++) {
            e = around.replace("@", e);
        }
        return e;
    }

    @Test
    void fortyNestedNullifsAreRefusedWith54001NamingTheLimit() {
        SQLException refused = sql.refusal("SELECT " + nest("NULLIF(@, 99)", "seq", 40) + " FROM events");

        assertThat(refused.getSQLState()).isEqualTo("54001");
        assertThat(refused.getMessage()).contains("statement too complex", "NULLIF", "more than a trillion",
            String.valueOf(ShorthandCopies.LIMIT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"COALESCE(@, 1)", "GREATEST(@, 1, 2)", "LEAST(@, 1)",
        "CASE @ WHEN 1 THEN 2 WHEN 3 THEN 4 END", "CASE WHEN @ BETWEEN seq AND 5 THEN 1 ELSE 0 END",
        "CASE WHEN @ NOT BETWEEN SYMMETRIC 5 AND seq THEN 1 ELSE 0 END",
        "CASE WHEN @ IS DISTINCT FROM version THEN 1 ELSE 0 END", "CASE WHEN @ IN (seq, version, 3) THEN 1 ELSE 0 END",
        "CASE WHEN @ IN (1, 2, 3) THEN seq ELSE version END", "CASE WHEN @ > ALL (seq, version) THEN seq ELSE 0 END",
        "CASE @ WHEN 1, 2 THEN seq ELSE version END", "{fn IFNULL(@, 1)}"})
    void eachShorthandThatNamesAnOperandAgainIsRefusedNestedThirtyDeep(String shorthand) {
        SQLException refused = sql.refusal("SELECT " + nest(shorthand, "seq", 30) + " FROM events");

        assertThat(refused.getSQLState()).as(shorthand).isEqualTo("54001");
    }

    @Test
    void commonTableExpressionsThatEachNameTheOneBeforeTwiceAreRefusedTenDeep() {
        StringBuilder with = new StringBuilder("WITH t0 AS (SELECT seq FROM events)");
        for (int i = 1; i <= 10; i++) {
            with.append(", t").append(i).append(" AS (SELECT seq FROM t").append(i - 1)
                .append(" UNION ALL SELECT seq FROM t").append(i - 1).append(')');
        }

        SQLException refused = sql.refusal(with + " SELECT COUNT(*) FROM t10");

        assertThat(refused.getSQLState()).isEqualTo("54001");
        assertThat(refused.getMessage()).contains("common table expressions it names more than once");
    }

    @Test
    void nestsWithinTheLimitAnswerAsTheirInnermostCall() throws SQLException {
        List<String> nullif = sql.rows("SELECT " + nest("NULLIF(@, 99)", "NULLIF(seq, 2)", 10)
            + " FROM events ORDER BY seq");
        List<String> coalesce = sql.rows("SELECT " + nest("COALESCE(@, 99)", "NULLIF(seq, 2)", 10)
            + " FROM events ORDER BY seq");

        assertThat(nullif).isEqualTo(sql.rows("SELECT NULLIF(seq, 2) FROM events ORDER BY seq")).contains("null");
        assertThat(coalesce).isEqualTo(sql.rows("SELECT COALESCE(NULLIF(seq, 2), 99) FROM events ORDER BY seq"))
            .contains("99");
    }

    @Test
    void aLongListOfLiteralsAndACaseOfManyWhensOverAnExpressionAreNotRefused() throws SQLException {
        StringJoiner values = new StringJoiner(", ");
        StringJoiner whens = new StringJoiner(" ");
        for (int i = 1; i <= 2000; i++) {
            values.add(String.valueOf(i * 2));
            if (i <= 100) {
                whens.add("WHEN " + i * 2 + " THEN 'w" + i + "'");
            }
        }

        assertThat(sql.rows("SELECT seq FROM events WHERE seq * 2 + 0 IN (" + values + ") ORDER BY seq"))
            .isEqualTo(sql.rows("SELECT seq FROM events ORDER BY seq"));
        assertThat(sql.rows("SELECT CASE seq * 2 + 0 " + whens + " END FROM events WHERE seq = 2"))
            .containsExactly("w2");
    }

    @Test
    void aListOfThousandsOfParametersIsOneTableNotACopyOfTheExpressionPerValue() throws SQLException {
        StringJoiner marks = new StringJoiner(", ");
        Object[] ids = new Object[5000];
        for (int i = 0; i < ids.length; i++) {
            marks.add("?");
            ids[i] = i == 4999 ? "a" : "s-" + i;
        }

        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE LOWER(TRIM(stream_id)) IN (" + marks + ")", ids))
            .containsExactly("3");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 8})
    void nullifsStackedInFortySubQueriesPlanAndAnswer(int perLevel) throws SQLException {
        String query = "SELECT seq AS x FROM events";
        for (int level = 0; level < 40 / perLevel; level++) {
            query = "SELECT " + nest("NULLIF(@, 99)", "x", perLevel) + " AS x FROM (" + query + ")";
        }

        assertThat(sql.rows(query + " ORDER BY x")).isEqualTo(sql.rows("SELECT seq FROM events ORDER BY seq"));
    }

    @Test
    void aColumnDoubledInEachOfSixteenSubQueriesIsComputedRightWhereTheCalcsStayApart() throws SQLException {
        UnaryOperator<String> level = inner -> "SELECT x + x AS x FROM (" + inner + ") WHERE x > 0";
        String query = "SELECT seq AS x FROM events";
        for (int i = 0; i < 16; i++) {
            query = level.apply(query);
        }

        assertThat(sql.rows(query + " ORDER BY x")).isEqualTo(sql.rows("SELECT seq * 65536 FROM events ORDER BY seq"));
    }
}
