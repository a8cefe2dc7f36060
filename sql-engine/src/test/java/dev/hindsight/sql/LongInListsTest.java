package dev.hindsight.sql;

import static java.util.stream.Collectors.joining;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.testkit.Seeds;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * A column tested against a long list holding expressions beside its literals ({@link LongInLists}): given stream a
 * of 40 events, when its versions are tested against such a list, then the literals are planned as one table (a
 * union of one-row queries took cubic time to plan: 200 values 3 s, 1,000 none within minutes), and each row answers
 * as three-valued logic says, written here in Java.
 */
class LongInListsTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:40");

    @Test
    void givenALongListWithAnExpression_whenPlanned_thenItsLiteralsAreOneTableNotAUnionOfRows() throws SQLException {
        String values = IntStream.range(0, 100).mapToObj(Integer::toString).collect(joining(", "));

        assertThat(sql.plan("SELECT seq FROM events WHERE version IN (" + values + ", 1 + 1)")).doesNotContain("Union");
        assertThat(sql.plan("SELECT seq FROM events WHERE version NOT IN (" + values + ", UPPER('5'))"))
            .doesNotContain("Union");
    }

    @ParameterizedTest(name = "seed {0}")
    @Seeds.Source(runs = 6)
    void givenALongListOfLiteralsParametersNullsAndExpressions_whenTested_thenEachRowIsAsThreeValuedLogicSays(
        long seed) throws SQLException {
        Random random = new Random(seed);
        List<String> members = new ArrayList<>();
        List<Integer> values = new ArrayList<>(); // null: a NULL member
        List<Object> parameters = new ArrayList<>();
        for (int i = 20 + random.nextInt(30); i > 0; i--) {
            int value = random.nextInt(50) - 5;
            switch (random.nextInt(10)) {
                case 0 -> {
                    members.add("NULL");
                    values.add(null);
                }
                case 1 -> {
                    members.add("CAST(NULL AS INTEGER)");
                    values.add(null);
                }
                case 2, 3 -> {
                    members.add(value + " + 0");
                    values.add(value);
                }
                case 4 -> {
                    members.add("?");
                    parameters.add(value);
                    values.add(value);
                }
                default -> {
                    members.add(Integer.toString(value));
                    values.add(value);
                }
            }
        }
        String list = "(" + String.join(", ", members) + ")";
        List<Object> bound = new ArrayList<>(parameters);
        bound.addAll(parameters); // the list twice: IN and NOT IN

        List<String> rows = sql.rows("SELECT version, version IN " + list + ", version NOT IN " + list
            + " FROM events ORDER BY version", bound.toArray());

        assertThat(rows).hasSize(40);
        for (String row : rows) {
            int version = Integer.parseInt(row.substring(0, row.indexOf(',')));
            Boolean in = values.contains(version) ? Boolean.TRUE : values.contains(null) ? null : Boolean.FALSE;
            Boolean notIn = in == null ? null : !in;
            assertThat(row).as("list %s", list).isEqualTo(version + ", " + in + ", " + notIn);
        }
    }
}
