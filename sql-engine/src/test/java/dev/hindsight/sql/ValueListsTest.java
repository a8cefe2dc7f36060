package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.testkit.Seeds;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Long {@code IN} lists and {@code VALUES} clauses, of parameters (as an ORM sends {@code WHERE id IN (?, ?, …)}) and
 * of literals, are one table read when the statement runs ({@link ValueLists}): the answers of SQL's three-valued
 * {@code IN}, for lists that Calcite's own plan took seconds over or refused.
 */
class ValueListsTest {

    /** The seed's ten events: seq 1..10, streams a a a b b c c c c a, one minute apart from T0. */
    private static final List<String> STREAMS = List.of("a", "a", "a", "b", "b", "c", "c", "c", "c", "a");

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:3", "b:2", "c:4", "a:1");

    @Test
    void aPreparedInListOfParametersIsPlannedAsOneTableOfValues() throws SQLException {
        String plan = preparedPlan("SELECT COUNT(*) FROM events WHERE seq IN (" + marks(2000) + ")");

        assertThat(plan).contains("BoundValues(type=[RecordType(BIGINT EXPR$0)], tuples=[[?0], [?1], [?2], ")
            .contains("[?1999]])").doesNotContain("Union");
    }

    @Test
    void twentyThousandParametersAnswer() throws SQLException {
        // Calcite's own plan, a union of one-row queries, failed at 1,500 (54001) and took seconds at 500
        List<Object> values = new ArrayList<>();
        for (long v = -10_000; v < 10_000; v++) {
            values.add(v);
        }

        assertThat(sql.rows("SELECT COUNT(*), MIN(seq), MAX(seq) FROM events WHERE seq IN (" + marks(20_000) + ")",
            values.toArray())).containsExactly("10, 1, 10");
    }

    @Test
    void twentyThousandLiteralsAnswer() throws SQLException {
        // compiled into the statement's code, 8,000 literals failed (XX000: Java bounds a method's size)
        StringJoiner list = new StringJoiner(", ");
        for (int v = 0; v < 20_000; v++) {
            list.add(Integer.toString(v * 3));
        }

        assertThat(sql.rowsOfStatement("SELECT seq FROM events WHERE seq IN (" + list + ") ORDER BY seq"))
            .containsExactly("3", "6", "9");
    }

    @Test
    void aPreparedListReadsItsParametersAtEachExecution() throws SQLException {
        try (PreparedStatement ps = sql.connection.prepareStatement(
            "SELECT seq FROM events WHERE seq IN (" + marks(25) + ") ORDER BY seq")) {
            for (int i = 1; i <= 25; i++) {
                ps.setLong(i, 100 + i);
            }
            ps.setLong(7, 4);
            assertThat(rows(ps)).containsExactly("4");

            ps.setLong(7, 104);
            ps.setInt(20, 9); // an Integer for a BIGINT parameter
            ps.setObject(21, 2L);
            assertThat(rows(ps)).containsExactly("2", "9");
        }
    }

    @Test
    void twoListsOfParametersInOneStatementAreTwoTables() throws SQLException {
        // the planner merges nodes whose digests are equal: each table's digest names its parameters
        List<Object> values = new ArrayList<>(Collections.nCopies(50, 100L));
        values.set(0, 3L);
        values.set(1, 4L);
        values.set(25, 4L);
        values.set(26, 5L);

        assertThat(sql.rows("SELECT seq FROM events WHERE seq IN (" + marks(25) + ") AND seq IN (" + marks(25) + ")",
            values.toArray())).containsExactly("4");
    }

    @Test
    void textAndTimeListsMixParametersAndLiterals() throws SQLException {
        String texts = "?, 'b', " + marks(20) + ", 'zz'";
        List<Object> streams = new ArrayList<>(Collections.nCopies(21, "nope"));
        streams.set(0, "c");
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE stream_id IN (" + texts + ")", streams.toArray()))
            .containsExactly("6");

        List<Object> times = new ArrayList<>();
        for (int minute = 0; minute < 30; minute += 4) { // seq 1, 5, 9 at minutes 0, 4, 8
            times.add(new Timestamp(SqlFixture.T0 + minute * 60_000L));
        }
        String timeList = marks(times.size()) + ", TIMESTAMP '2026-11-01 10:01:00', " + marks(15);
        times.addAll(Collections.nCopies(15, new Timestamp(0)));
        assertThat(sql.rows("SELECT seq FROM events WHERE ts IN (" + timeList + ") ORDER BY seq", times.toArray()))
            .containsExactly("1", "2", "5", "9");
    }

    @Test
    void aValuesClauseOfManyRowsIsATableOfRows() throws SQLException {
        StringJoiner rows = new StringJoiner(", ");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rows.add(i == 7 ? "(7, NULL)" : "(" + i + ", 'r" + i + "')");
            expected.add(i + ", " + (i == 7 ? "null" : "r" + i));
        }
        String query = "SELECT n, s FROM (VALUES " + rows + ") AS t(n, s) ORDER BY n";

        assertThat(sql.plan(query)).contains("BoundValues(type=[RecordType(INTEGER n, VARCHAR(3) s)]")
            .contains("[7, null], [8, 'r8']");
        assertThat(sql.rowsOfStatement(query)).isEqualTo(expected);
    }

    /** A double's NaN and infinities have no {@code BigDecimal}: such a list of 20 or more failed with 22018. */
    @Test
    void aLongListOfDoublesHoldingNaNAndTheInfinitiesAnswersAsAShortOne() throws SQLException {
        StringJoiner rows = new StringJoiner(", ");
        for (int i = 1; i <= 20; i++) {
            rows.add("(" + i + "e0)");
        }
        String special = "(CAST('NaN' AS DOUBLE)), (CAST('Infinity' AS DOUBLE)), (CAST('-Infinity' AS REAL))";

        // a second column: the table alone as the whole plan trips an assertion of Calcite's planner (with -ea only)
        assertThat(sql.rowsOfStatement("SELECT x, 1 AS k FROM (VALUES " + special + ", " + rows + ") AS t(x)"))
            .startsWith("NaN, 1", "Infinity, 1", "-Infinity, 1", "1.0, 1").hasSize(23);
        assertThat(sql.rowsOfStatement("SELECT COUNT(*) FROM (VALUES (2e0), (21e0)) AS t(x) WHERE x IN ("
            + rows.toString().replace("(", "").replace(")", "") + ", CAST('NaN' AS DOUBLE))")).containsExactly("1");
    }

    @Test
    void aColumnsListHoldingAnExpressionHasItsParametersBoundAndTheExpressionTestedApart() throws SQLException {
        // LongInLists splits the expression out (a union of one-row queries planned in cubic time before)
        List<Object> values = new ArrayList<>(Collections.nCopies(24, 100L));
        values.set(3, 5L);
        String list = marks(20) + ", ? + 1, " + marks(3);

        assertThat(preparedPlan("SELECT seq FROM events WHERE seq IN (" + list + ")")).contains("BoundValues")
            .doesNotContain("Union");
        assertThat(sql.rows("SELECT seq FROM events WHERE seq IN (" + list + ") ORDER BY seq", values.toArray()))
            .containsExactly("5");
    }

    @Test
    void aLongListAnswersAsTheSameListUnderTwentyValuesForEveryKindOfColumn() throws SQLException {
        // each found in review: a CHAR parameter unpadded, a Long for text, a DECIMAL at another scale
        assertSameAnswerLongAndShort("SELECT COUNT(*) FROM events WHERE CAST(stream_id AS CHAR(3)) IN (%s)", "a", "zz");
        assertSameAnswerLongAndShort("SELECT seq FROM events WHERE CAST(seq AS VARCHAR(5)) IN (%s) ORDER BY seq", 3L,
            99L);
        assertSameAnswerLongAndShort("SELECT seq FROM events WHERE CAST(seq AS DECIMAL(10,2)) IN (%s) ORDER BY seq",
            new BigDecimal("2"), new BigDecimal("2.001"));
        assertSameAnswerLongAndShort("SELECT seq FROM events WHERE CAST(seq AS DECIMAL(10,2)) IN (%s, 3) ORDER BY seq",
            new BigDecimal("5.0"), new BigDecimal("99"));
        assertThat(sql.rows(String.format("SELECT seq FROM events WHERE CAST(seq AS DECIMAL(10,2)) IN (%s) ORDER BY "
            + "seq", "4, " + "99, ".repeat(24) + "2.0"))).containsExactly("2", "4");
    }

    @Test
    void aLongListIsExplainedAsJson() throws SQLException {
        String plan = String.join("\n", sql.rowsOfStatement("EXPLAIN PLAN AS JSON FOR SELECT seq FROM events WHERE "
            + "seq IN (" + "7, ".repeat(24) + "1)"));

        assertThat(plan).contains("\"relOp\": \"dev.hindsight.sql.BoundValues\"").contains("[7], [7]");
    }

    @Test
    void aMultiRowInsertOfParametersAppendsEveryRow() throws SQLException {
        StringJoiner rows = new StringJoiner(", ");
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            rows.add("(?, 't', 'many.added', ?)");
            values.add(i % 2 == 0 ? "m-even" : "m-odd");
            values.add("{\"i\":" + i + "}");
        }
        try (PreparedStatement ps = sql.connection.prepareStatement(
            "INSERT INTO events (stream_id, entity_type, name, data) VALUES " + rows)) {
            for (int i = 0; i < values.size(); i++) {
                ps.setObject(i + 1, values.get(i));
            }
            assertThat(ps.executeUpdate()).isEqualTo(25);
        }

        assertThat(sql.rowsOfStatement("SELECT stream_id, COUNT(*), MIN(version), MAX(version) FROM events "
            + "WHERE name = 'many.added' GROUP BY stream_id ORDER BY stream_id"))
            .containsExactly("m-even, 13, 1, 13", "m-odd, 12, 1, 12");
    }

    /**
     * For random lists of parameters and literals, with duplicates and NULLs, {@code seq IN} and {@code stream_id
     * NOT IN} answer as SQL's three-valued logic says: a row is kept only when the test is true, and {@code x NOT IN}
     * a list holding NULL is never true.
     */
    @ParameterizedTest(name = "seed {0}")
    @Seeds.Source(runs = 12)
    void inAndNotInAnswerAsThreeValuedLogicSays(long seed) throws SQLException {
        Random random = new Random(seed);
        int size = 20 + random.nextInt(random.nextBoolean() ? 40 : 400);
        List<Long> seqs = new ArrayList<>();
        List<String> streams = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            boolean isNull = random.nextInt(60) == 0;
            seqs.add(isNull ? null : (long) random.nextInt(30) - 10);
            streams.add(isNull ? null : List.of("a", "b", "c", "d", "it's").get(random.nextInt(5)));
        }
        boolean[] literal = new boolean[size];
        for (int i = 0; i < size; i++) {
            literal[i] = random.nextInt(4) == 0;
        }

        List<String> inSeq = new ArrayList<>();
        List<String> notInStream = new ArrayList<>();
        for (int seq = 1; seq <= STREAMS.size(); seq++) {
            if (seqs.contains((long) seq)) {
                inSeq.add(Integer.toString(seq));
            }
            if (!streams.contains(null) && !streams.contains(STREAMS.get(seq - 1))) {
                notInStream.add(Integer.toString(seq));
            }
        }

        assertThat(answer("SELECT seq FROM events WHERE seq IN (%s) ORDER BY seq", seqs, literal, Types.BIGINT))
            .as("seq IN %s", seqs).isEqualTo(inSeq);
        assertThat(answer("SELECT seq FROM events WHERE stream_id NOT IN (%s) ORDER BY seq", streams, literal,
            Types.VARCHAR))
            .as("stream_id NOT IN %s", streams).isEqualTo(notInStream);
    }

    /**
     * {@code query} with {@code %s} a list of 25 parameters, the first {@code match}, the others {@code miss}, answers
     * as with a list of 5 (which Calcite plans as {@code OR}s, without {@link ValueLists}).
     */
    private void assertSameAnswerLongAndShort(String query, Object match, Object miss) throws SQLException {
        List<String> answers = new ArrayList<>();
        for (int length : new int[] {25, 5}) {
            List<Object> values = new ArrayList<>(Collections.nCopies(length, miss));
            values.set(0, match);
            answers.add(length + ": " + sql.rows(String.format(query, marks(length)), values.toArray()));
        }
        assertThat(answers.get(0).substring(4)).as(query).isEqualTo(answers.get(1).substring(3)).isNotEqualTo("[]")
            .isNotEqualTo("[0]");
    }

    /** {@code query} with the list of {@code values}, those marked {@code literal} written into the text. */
    private List<String> answer(String query, List<?> values, boolean[] literal, int sqlType)
        throws SQLException {
        StringJoiner list = new StringJoiner(", ");
        List<Object> parameters = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (literal[i] && value != null) {
                list.add(value instanceof String s ? "'" + s.replace("'", "''") + "'" : value.toString());
            } else {
                list.add("?");
                parameters.add(value);
            }
        }
        String sqlText = String.format(query, list);
        try (PreparedStatement ps = sql.connection.prepareStatement(sqlText)) {
            for (int i = 0; i < parameters.size(); i++) {
                ps.setObject(i + 1, parameters.get(i), sqlType);
            }
            return rows(ps);
        }
    }

    private String preparedPlan(String query) throws SQLException {
        try (PreparedStatement ps = sql.connection.prepareStatement("EXPLAIN PLAN FOR " + query)) {
            int count = ps.getParameterMetaData().getParameterCount();
            for (int i = 1; i <= count; i++) {
                ps.setObject(i, null);
            }
            return String.join("\n", rows(ps));
        }
    }

    private static List<String> rows(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return SqlFixture.text(rs);
        }
    }

    private static String marks(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
