package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A parameter's type where nothing beside it says, as PostgreSQL resolves one: given the fixture's streams a (3
 * events), b (2), c (1), when a statement has a parameter alone in the select list, in a function's place or beside
 * the other results of a {@code CASE} or {@code COALESCE}, then it prepares (Calcite refused each: "Illegal use of
 * dynamic parameter", or an internal error) and the parameter has the type of its place, else text; a rewrite that
 * copies a parameter ({@code NULLIF}, {@code COALESCE}) still asks for one value.
 */
class ParameterInferenceTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:3", "b:2", "c:1");

    @Test
    void givenAParameterNothingTypes_whenPrepared_thenItIsText() throws SQLException {
        assertThat(sql.rows("SELECT ?, UPPER(?), CONCAT(stream_id, ?) FROM events WHERE seq = 1", "x", "y", 5))
            .containsExactly("x, Y, a5");
        assertThat(sql.rows("SELECT COALESCE(?, ?), ? IS NULL", null, "b", null)).containsExactly("b, true");
        assertThat(types("SELECT ?, COALESCE(?, ?)")).containsExactly(Types.VARCHAR, Types.VARCHAR, Types.VARCHAR);
    }

    @Test
    void givenAParameterInAFunctionInACast_whenPrepared_thenItHasItsPlacesType() throws SQLException {
        // Calcite typed the CAST's operand before its parameters: "Cannot apply 'UPPER' to arguments of type UNKNOWN"
        assertThat(sql.rows("SELECT CAST(UPPER(?) AS VARCHAR(3)), CAST(SUBSTR(?, 1, 2) AS VARCHAR(5)), "
            + "CAST(TO_DATE(?, ?) AS DATE), CAST(? + 1 AS VARCHAR)", "abcd", "xyz", "2026-12-03", "YYYY-MM-DD", 5))
            .containsExactly("ABC, xy, 2026-12-03, 6");
        assertThat(types("SELECT CAST(UPPER(?) AS VARCHAR(3)), CAST(ABS(?) AS VARCHAR)"))
            .containsExactly(Types.VARCHAR, Types.DECIMAL);
    }

    @Test
    void givenAParameterInACaseOrComparisonInACast_whenPrepared_thenItHasItsPlacesType() throws SQLException {
        // the CASE's WHEN was typed before its parameter: an internal error (UnsupportedOperationException)
        assertThat(sql.rows("SELECT CAST(CASE WHEN ? > 1 THEN 'abc' END AS VARCHAR(2)), CAST(CASE ? WHEN 1 THEN 'a' "
            + "END AS CHAR(3)), CAST((? > 1) AS VARCHAR(5))", 2, 1, 0)).containsExactly("ab, a  , false");
        assertThat(types("SELECT CAST(CASE WHEN ? > 1 THEN 'a' END AS VARCHAR(1)), CAST(? < 2.5 AS VARCHAR)"))
            .containsExactly(Types.INTEGER, Types.DECIMAL);
    }

    @Test
    void givenATestWithAParameterComparedWithABoolean_whenPrepared_thenItsParameterHasItsPlacesType()
        throws SQLException {
        // Calcite derived the test's BOOLEAN, to type the other side, before its parameter had a type: an internal
        // error ("SqlDynamicParam: ?"), or 42883 for LIKE; PostgreSQL answers each (seq 1-6 over streams a, b, c)
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE (seq > ?) = TRUE", 4)).containsExactly("2");
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE (seq > ?) = ?", 4, false)).containsExactly("4");
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE (stream_id = ?) <> ?", "a", true))
            .containsExactly("3");
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE (seq > 1 AND seq < ?) = TRUE", 4))
            .containsExactly("2");
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE (seq > ?) IS NOT DISTINCT FROM TRUE", 5))
            .containsExactly("1");
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE (stream_id LIKE ?) = TRUE", "b%"))
            .containsExactly("2");
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE (UPPER(?) = 'X') = FALSE", "y")).containsExactly("6");
        assertThat(sql.rows("SELECT SUM(CASE WHEN (seq > ?) = TRUE THEN 1 ELSE 0 END) FROM events", 3))
            .containsExactly("3");
        assertThat(types("SELECT (seq > ?) = ?, (stream_id LIKE ?) = TRUE FROM events"))
            .containsExactly(Types.BIGINT, Types.BOOLEAN, Types.VARCHAR);
        // a CASE there is not such a test: its THEN ? takes the other side's type, as before (the review: text)
        assertThat(types("SELECT seq FROM events WHERE CASE WHEN seq > 2 THEN ? END IS NOT DISTINCT FROM seq"))
            .containsExactly(Types.BIGINT);
        assertThat(sql.rows("SELECT seq FROM events WHERE CASE WHEN seq > 2 THEN ? END IS NOT DISTINCT FROM seq",
            new BigDecimal("3.0"))).containsExactly("3");
    }

    @Test
    void givenACastWithAParameterInsideAnotherExpression_whenPrepared_thenItsParametersAreTyped() throws SQLException {
        // the CAST compared or nested: its operand was typed before its parameters (an internal error, or 42883)
        assertThat(sql.rows("SELECT x FROM (VALUES (1), (2)) t(x) WHERE CAST(CASE WHEN x > ? THEN 'a' END AS "
            + "VARCHAR) = 'a'", 1)).containsExactly("2");
        assertThat(sql.rows("SELECT CAST(? > 1 AS VARCHAR) = ?, CAST(NOT (? > 1) AS VARCHAR), CAST((? > 1) AND "
            + "(? < 5) AS VARCHAR)", 2, "true", 2, 2, 3)).containsExactly("true, false, true");
        assertThat(sql.rows("SELECT x FROM (VALUES ('A')) t(x) WHERE CAST(UPPER(?) AS VARCHAR) = ?", "a", "A"))
            .containsExactly("A");
        assertThat(sql.rows("SELECT x FROM (VALUES (1)) t(x) WHERE CAST(? + 1 AS VARCHAR) = '2' AND CAST(? IS "
            + "DISTINCT FROM 1 AS VARCHAR) = 'true' AND CAST(? LIKE 'a%' AS VARCHAR) = 'true'", 1, 7, "abc"))
            .containsExactly("1");
        // a CASE among a CASE's results, and arithmetic in its results
        assertThat(sql.rows("SELECT CASE WHEN ? > 1 THEN CASE WHEN ? < 5 THEN 'a' END END, CAST(CASE WHEN x > 1 "
            + "THEN ? + 1 END AS INTEGER) FROM (VALUES (2)) t(x)", 2, 3, 5)).containsExactly("a, 6");
    }

    @Test
    void givenAParameterOrNullInAWholeNumbersPlace_whenRun_thenItIsAnIntegerThereAsInPostgres() throws SQLException {
        // typed BIGINT, the family's default, a ? reached CHR's and SPLIT_PART's int: 0A000 "Unable to implement"
        assertThat(sql.rows("SELECT CHR(?), SPLIT_PART('a-b', '-', ?), REPEAT('x', ?)", 66, 2, 3))
            .containsExactly("B, b, xxx");
        assertThat(sql.rows("SELECT TIMESTAMPADD(MICROSECOND, ?, TIMESTAMP '2026-01-01 00:00:00')", 3_600_000_000L))
            .as("a count of microseconds is a BIGINT still").containsExactly("2026-01-01 01:00:00.000");
        // a bare NULL was typed NULL: SUBSTR's an internal error, the others 0A000; PostgreSQL's are NULL
        assertThat(sql.rows("SELECT SUBSTR('abc', NULL), LPAD('abc', NULL), REPEAT('ab', NULL), ROUND(NULL), "
            + "ROUND(2.5, NULL), TRUNC(NULL, 1), MOD(5, NULL), ABS(NULL), SIGN(NULL), UPPER(NULL)"))
            .containsExactly("null, null, null, null, null, null, null, null, null, null");
        // parameters tested against a list of parameters alone have nothing to take a type from (an internal error;
        // as text, 3 and 3.0 bound were unequal): 42P18, as PostgreSQL's indeterminate type; one cast types them all
        SQLException alone = sql.refusal("SELECT ? IN (?)", 3, 3.0);
        assertThat(alone.getSQLState()).isEqualTo("42P18");
        assertThat(alone.getMessage()).contains("CAST(? AS");
        assertThat(sql.rows("SELECT CAST(? AS INTEGER) IN (?), ? NOT IN (CAST(? AS INTEGER), ?)", 3, 3.0, 3, 4, 5))
            .containsExactly("true, true");
        // a NULL beside a number is of its type, as PostgreSQL resolves it (not the family's DECIMAL)
        try (PreparedStatement ps = sql.connection.prepareStatement("SELECT MOD(NULL, 3), MOD(5, NULL) + 1")) {
            assertThat(List.of(ps.getMetaData().getColumnType(1), ps.getMetaData().getColumnType(2)))
                .containsExactly(Types.INTEGER, Types.INTEGER);
        }
    }

    @Test
    void givenAParameterInAFunctionsPlace_whenPrepared_thenItHasThatPlacesType() throws SQLException {
        assertThat(sql.rows("SELECT SUBSTRING(name FROM ? FOR ?), ROUND(?, 1), ABS(?) FROM events WHERE seq = 1",
            3, 4, "2.25", -3)).containsExactly("ing., 2.3, 3");
        assertThat(types("SELECT SUBSTRING(name FROM ?), ROUND(?, 1) FROM events")).hasSize(2)
            .allSatisfy(type -> assertThat(type).isNotEqualTo(Types.VARCHAR));
        // the places of ROUND and TRUNC, which Calcite checks by type name: the ? was text (42883)
        assertThat(sql.rows("SELECT ROUND(seq * 1234, ?), ROUND(1.234, ?), TRUNC(1.239, ?) FROM events WHERE seq = 1",
            -2, 1, 2)).containsExactly("1200, 1.2, 1.23");
        assertThat(types("SELECT ROUND(seq, ?), TRUNC(seq, ?) FROM events")).containsExactly(Types.INTEGER,
            Types.INTEGER);
        assertThat(types("SELECT SUM(seq) OVER (ORDER BY seq ROWS BETWEEN ? PRECEDING AND ? FOLLOWING) FROM events"))
            .containsExactly(Types.BIGINT, Types.BIGINT);
        assertThat(sql.rows("SELECT SUM(seq) OVER (ORDER BY seq ROWS ? PRECEDING) FROM events ORDER BY seq", 1L))
            .containsExactly("1", "3", "5", "7", "9", "11");
        assertThat(sql.rows("SELECT SUM(seq) OVER w FROM events WINDOW w AS (ORDER BY seq ROWS ? PRECEDING) "
            + "ORDER BY seq", 1L)).as("a named window's, an internal error before")
            .containsExactly("1", "3", "5", "7", "9", "11");
        assertThat(types("SELECT SUM(seq) OVER w FROM events WINDOW w AS (ORDER BY seq ROWS BETWEEN ? PRECEDING "
            + "AND ? FOLLOWING)")).containsExactly(Types.BIGINT, Types.BIGINT);
    }

    @Test
    void givenAParameterInAFunctionThatIsCompared_whenPrepared_thenItHasItsPlacesType() throws SQLException {
        // Calcite derived the compared function's type first, to type the other side: 42883, "Cannot apply 'UPPER'
        // to arguments of type UNKNOWN", wherever the function stood first in a comparison
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE UPPER(?) = UPPER(stream_id) AND SUBSTRING(name FROM ? "
            + "FOR ?) = 'in' AND LEFT(stream_id, ?) = ? AND CHAR_LENGTH(?) > 1 AND POSITION(? IN stream_id) = 1",
            "A", 3, 2, 1, "a", "xy", "a")).containsExactly("3");
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE ROUND(?, 1) > 1 AND ABS(?) > 1 AND CONCAT(stream_id, "
            + "?) = 'ax' AND TRIM(?) = stream_id", "1.26", -5, "x", " a ")).containsExactly("3");
        assertThat(sql.rows("SELECT CASE WHEN UPPER(?) = 'A' THEN 1 ELSE 0 END", "a")).containsExactly("1");
        // a function that takes its parameter's type from its other operands is left to the comparison's inference
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE COALESCE(?, 0) = seq", 2L)).containsExactly("1");
        assertThat(types("SELECT 1 FROM events WHERE COALESCE(?, 0) = seq")).containsExactly(Types.INTEGER);
        // NULLIF compared, a CASE once written out: its ELSE ? was still unknown (XX000)
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE NULLIF(?, 5) = seq AND NULLIF(?, 'x') = stream_id",
            1L, "a")).containsExactly("1");
        assertThat(types("SELECT 1 FROM events WHERE UPPER(?) = stream_id AND LEFT(stream_id, ?) = ?"))
            .containsExactly(Types.VARCHAR, Types.INTEGER, Types.VARCHAR);
    }

    @Test
    void givenAParameterBesideOtherResults_whenPrepared_thenItHasTheirTypeAndTextIsNotCut() throws SQLException {
        assertThat(sql.rows("SELECT CASE WHEN seq > 1 THEN ? ELSE 'no' END FROM events WHERE seq <= 2 ORDER BY seq",
            "yes, longer than 'no'")).containsExactly("no", "yes, longer than 'no'");
        assertThat(sql.rows("SELECT COALESCE(?, seq), COALESCE(?, 'x') FROM events WHERE seq = 1", null, "hello"))
            .containsExactly("1, hello");
        assertThat(types("SELECT COALESCE(?, seq) FROM events")).containsExactly(Types.BIGINT);
        assertThat(sql.rows("SELECT COALESCE(?, 1.5), COALESCE(?, 1.5)", new BigDecimal("2.25"), null))
            .as("a DECIMAL beside a DECIMAL(2,1) literal is not cut to it")
            .containsExactly("2.2500000000000000, 1.5000000000000000");
    }

    /**
     * A parameter in arithmetic with a DECIMAL literal is a number of any size, as PostgreSQL's numeric parameter: it
     * took the literal's DECIMAL(3, 2), so {@code ? * 1.00} refused 100 (22003: DECIMAL(6, 4)) and {@code ? + 1.00}
     * was typed DECIMAL(4, 2) with 1001.00 in it.
     */
    @Test
    void givenAParameterBesideADecimalLiteral_whenBoundANumberWiderThanTheLiteral_thenItIsTaken() throws SQLException {
        assertThat(sql.rows("SELECT ? * 1.00 = 100, ? + 1.00 = 1001, ? * 2.5 = 3.125, ? / 4.0 = 25",
            new BigDecimal("100"), new BigDecimal("1000"), new BigDecimal("1.25"), new BigDecimal("100")))
            .containsExactly("true, true, true, true");
        try (PreparedStatement ps = sql.connection.prepareStatement("SELECT ? + 1.00")) {
            assertThat(ps.getParameterMetaData().getPrecision(1)).isEqualTo(38);
            assertThat(ps.getMetaData().getPrecision(1)).isEqualTo(38);
        }
    }

    @Test
    void givenAParameterAloneInABranchOfAUnion_whenPrepared_thenRefusedAsCalciteRefusesIt() {
        // PostgreSQL takes the column's type from the other branch; as text it would sort the column as text
        SQLException e = catchThrowableOfType(SQLException.class,
            () -> sql.rows("SELECT seq FROM events UNION ALL SELECT ? ORDER BY 1", 10L));
        assertThat(e.getMessage()).contains("Illegal use of dynamic parameter");
    }

    @Test
    void givenAParameterARewriteCopies_whenPrepared_thenItIsStillOneParameter() throws SQLException {
        assertThat(types("SELECT NULLIF(?, 'a'), COALESCE(?, 1)")).hasSize(2);
        assertThat(sql.rows("SELECT NULLIF(?, 'a'), NULLIF(?, 'a'), COALESCE(?, 1)", "a", "b", 7))
            .containsExactly("null, b, 7");
        assertThat(sql.rows("SELECT seq FROM events WHERE seq = CASE WHEN seq > 4 THEN ? ELSE ? END ORDER BY seq",
            5L, 1L)).as("typed by the comparison, as before").containsExactly("1", "5");
        // NULLIF(?, ?) compared: both copies of the test take the type of the ELSE's (it was text against a time, and
        // the statement's code did not compile: XX000)
        assertThat(sql.rows("SELECT seq FROM events WHERE ts < NULLIF(?, ?)", Timestamp.valueOf("2026-11-01 10:01:00"),
            Timestamp.valueOf("2026-11-01 10:02:00"))).containsExactly("1");
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE seq = NULLIF(?, ?)", 2L, 2L)).containsExactly("0");
    }

    @Test
    void givenAParameterTestedAgainstAList_whenPrepared_thenItHasTheListsType() throws SQLException {
        // Calcite's inference took the list for a typed operand: an internal error
        assertThat(types("SELECT ? IN (1, 2), ? NOT IN ('a', 'bb'), ? IN (seq, 2) FROM events"))
            .containsExactly(Types.INTEGER, Types.VARCHAR, Types.BIGINT);
        assertThat(sql.rows("SELECT seq FROM events WHERE ? IN (seq, 2) ORDER BY seq", 3L)).containsExactly("3");
        assertThat(sql.rows("SELECT ? IN (1, 2), ? NOT IN ('a', 'bb')", 2, "a longer text"))
            .containsExactly("true, true");
    }

    @Test
    void givenAParameterAsAnOrderByItem_whenPrepared_thenRefusedAsNotSupported() {
        for (String query : new String[] {"SELECT seq FROM events ORDER BY ?",
            "SELECT seq FROM events ORDER BY seq, ? DESC NULLS LAST"}) {
            SQLException e = catchThrowableOfType(SQLException.class, () -> sql.rows(query, 1));
            assertThat((Throwable) e).as(query).isNotNull();
            assertThat(e.getSQLState()).as(query).isEqualTo("0A000");
            assertThat(e.getMessage()).contains("ORDER BY item");
        }
    }

    @Test
    void givenAParameterInsideAnOrderByExpression_whenPrepared_thenItHasItsPlacesTypeAndTheRowsSortByIt()
        throws SQLException {
        // Calcite derived an ORDER BY item's type before typing its parameters: an internal error ("SqlDynamicParam:
        // ?") for a comparison or CASE there, 42883 for arithmetic
        assertThat(sql.rows("SELECT seq FROM events ORDER BY seq = ? DESC, seq", 4))
            .containsExactly("4", "1", "2", "3", "5", "6");
        assertThat(sql.rows("SELECT seq FROM events ORDER BY CASE WHEN stream_id = ? THEN 0 ELSE 1 END, seq DESC", "b"))
            .containsExactly("5", "4", "6", "3", "2", "1");
        assertThat(sql.rows("SELECT seq FROM events ORDER BY ABS(seq - ?), seq", 4))
            .containsExactly("4", "3", "5", "2", "6", "1");
        assertThat(sql.rows("SELECT stream_id FROM events GROUP BY stream_id ORDER BY COUNT(*) > ?, stream_id", 1))
            .containsExactly("c", "a", "b");
        assertThat(types("SELECT seq FROM events ORDER BY seq = ?, CASE WHEN stream_id = ? THEN 0 END, seq + ?"))
            .containsExactly(Types.BIGINT, Types.VARCHAR, Types.BIGINT);
    }

    @Test
    void givenAParameterComparedWithNull_whenBound_thenItIsText() throws SQLException {
        // typed as NULL itself (java.lang.Void), the ? took no value: an internal error, "Integer cannot be cast to
        // Void"; PostgreSQL types such a parameter text
        assertThat(sql.rows("SELECT NULLIF(?, NULL), ? IS DISTINCT FROM NULL, ? IS NOT DISTINCT FROM NULL", 5, 6, null))
            .containsExactly("5, true, true");
        assertThat(types("SELECT NULLIF(?, NULL), ? IS DISTINCT FROM NULL"))
            .containsExactly(Types.VARCHAR, Types.VARCHAR);
    }

    @Test
    void givenATestWithAParameterInsideAnotherTest_whenPrepared_thenItIsTypedAsItWouldBeAlone() throws SQLException {
        // the metamorphic hunt: Calcite derived the inner test's type, to type the outer test's other operands, before
        // the inner ? had one: internal errors under BETWEEN, IS [NOT] DISTINCT FROM, LIKE and = ANY; PostgreSQL
        // answers each (seq 1-6 over streams a, b, c)
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE CASE WHEN seq = ? THEN 1 ELSE 2 END BETWEEN 0 AND 1",
            2)).containsExactly("1");
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE (seq = ?) BETWEEN FALSE AND TRUE", 2))
            .containsExactly("6");
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE CASE WHEN seq = ? THEN 1 ELSE 2 END "
            + "IS NOT DISTINCT FROM 1", 2)).containsExactly("1");
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE COALESCE(seq = ?, FALSE) IS DISTINCT FROM TRUE", 2))
            .containsExactly("5");
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE CASE WHEN seq IN (?, ?) THEN 'x' ELSE stream_id END "
            + "LIKE 'x%'", 1, 6)).containsExactly("2");
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE (seq > ?) = ANY (SELECT TRUE)", 4))
            .containsExactly("2");
        // and arithmetic or || inside a function there (42883, "<BIGINT> - <UNKNOWN>")
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE ABS(seq - ?) BETWEEN 0 AND 1", 4)).containsExactly("3");
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE ABS(seq + ?) IS DISTINCT FROM 5", 1))
            .containsExactly("5");
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE UPPER(stream_id || ?) LIKE 'AX%'", "x"))
            .containsExactly("3");
        assertThat(types("SELECT CASE WHEN seq = ? THEN 1 END BETWEEN 0 AND 1, UPPER(stream_id || ?) LIKE 'A%' "
            + "FROM events")).containsExactly(Types.BIGINT, Types.VARCHAR);
        // but a test of parameters alone, NULLIF(?, ?)'s ?1 = ?2, is typed from around it, not as text (the review)
        assertThat(types("SELECT seq FROM events WHERE seq IS DISTINCT FROM NULLIF(?, ?) AND seq BETWEEN NULLIF(?, ?) "
            + "AND 10")).containsExactly(Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.BIGINT);
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE seq IS DISTINCT FROM NULLIF(?, ?)", "01", "1"))
            .containsExactly("6");
    }

    /** Calcite described each as an unsigned java.lang.Object. */
    @Test
    void givenParametersOfEachType_whenDescribed_thenEachNamesTheClassSetObjectTakesAndNumbersAreSigned()
            throws SQLException {
        String query = "SELECT seq FROM events WHERE seq = ? AND version = ? AND stream_id = ? AND ts > ? "
            + "AND CAST(? AS DECIMAL(10, 2)) > 0 AND CAST(? AS DOUBLE) > 0 AND CAST(? AS BOOLEAN) AND CAST(? AS DATE) "
            + "IS NOT NULL";
        try (PreparedStatement statement = sql.connection.prepareStatement(query)) {
            ParameterMetaData metadata = statement.getParameterMetaData();
            List<String> described = new ArrayList<>();
            for (int i = 1; i <= metadata.getParameterCount(); i++) {
                described.add(metadata.getParameterClassName(i) + (metadata.isSigned(i) ? " signed" : ""));
            }
            // a statement Calcite signs with an immutable list of no parameters still runs (it was XX000)
            assertThat(sql.rowsOfStatement("VALUES 1")).containsExactly("1");
            assertThat(described).containsExactly("java.lang.Long signed", "java.lang.Long signed",
                "java.lang.String", "java.sql.Timestamp", "java.math.BigDecimal signed", "java.lang.Double signed",
                "java.lang.Boolean", "java.sql.Date");
        }
    }

    private List<Integer> types(String query) throws SQLException {
        try (PreparedStatement statement = sql.connection.prepareStatement(query)) {
            ParameterMetaData metadata = statement.getParameterMetaData();
            List<Integer> types = new ArrayList<>();
            for (int i = 1; i <= metadata.getParameterCount(); i++) {
                types.add(metadata.getParameterType(i));
            }
            return types;
        }
    }
}
