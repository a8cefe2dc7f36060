package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hindsight.projection.Fold;
import dev.hindsight.projection.Projections;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SQL-defined projections (SPEC §3): given events, when a projection is created and events follow, then its rows. */
class ProjectionSqlTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest();

    private void order(String stream, String name, String data) throws SQLException {
        sql.update("INSERT INTO events (stream_id, entity_type, name, data) VALUES ('" + stream + "', 'order', '"
            + name + "', '" + data + "')");
    }

    private static final String CUSTOMER_ORDERS = "CREATE PROJECTION customer_orders AS "
        + "SELECT JSON_VALUE(data, '$.customerId') AS customer_id, COUNT(*) AS orders, "
        + "SUM(CAST(JSON_VALUE(data, '$.total') AS DECIMAL(12,2))) AS revenue, MAX(ts) AS last_order_ts, "
        + "MIN(CAST(JSON_VALUE(data, '$.total') AS DECIMAL(12,2))) AS smallest, "
        + "AVG(CAST(JSON_VALUE(data, '$.total') AS DECIMAL(12,2))) AS average, "
        + "LATEST(JSON_VALUE(data, '$.orderId')) AS last_order "
        + "FROM events WHERE name = 'order.placed' GROUP BY JSON_VALUE(data, '$.customerId')";

    @Test
    void aPreparedCreateOrDropRunsWhenExecutedNotWhenPreparedAndEachExecuteRunsItAgain() throws SQLException {
        // Calcite ran DDL as it prepared it, then failed at execute with an internal error (no plan to bind)
        order("o1", "order.placed", "{}");
        try (PreparedStatement create = sql.connection.prepareStatement(
                 "CREATE PROJECTION counted AS SELECT name, COUNT(*) AS n FROM events GROUP BY name;");
             PreparedStatement drop = sql.connection.prepareStatement("DROP PROJECTION counted")) {
            assertThat(sql.rows("SELECT name FROM sys.projections")).as("prepared, not run").isEmpty();

            assertThat(create.executeUpdate()).isZero();
            assertThat(sql.rows("SELECT name, n FROM counted")).containsExactly("order.placed, 1");
            assertThatThrownBy(create::execute).as("run again: the name is taken")
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42P07"));
            assertThat(drop.execute()).isFalse();
            assertThat(sql.rows("SELECT name FROM sys.projections")).isEmpty();
            assertThat(create.executeUpdate()).as("and again once dropped").isZero();
        }
        assertThat(sql.rows("SELECT name FROM sys.projections")).containsExactly("counted");
        try (PreparedStatement drop = sql.connection.prepareStatement("DROP PROJECTION counted")) {
            drop.addBatch();
            assertThat(drop.executeBatch()).as("in a batch too").containsExactly(0);
        }
        assertThat(sql.rows("SELECT name FROM sys.projections")).isEmpty();
    }

    @Test
    void aListOfTwentyValuesOrMoreInAProjectionIsComparedValueByValueNotRefusedAsASubQuery() throws SQLException {
        // from 20 values Calcite made x IN (…) a join with the list, which a projection refused as a sub-query (0A000)
        order("o1", "v3", "{}");
        order("o2", "v25", "{}");
        order("o3", "other", "{}");
        StringBuilder thirty = new StringBuilder("'v0'");
        for (int i = 1; i < 30; i++) {
            thirty.append(", 'v").append(i).append('\'');
        }
        sql.update("CREATE PROJECTION named AS SELECT name, COUNT(*) AS n FROM events WHERE name IN (" + thirty
            + ") GROUP BY name");
        sql.update("CREATE PROJECTION unnamed AS SELECT COUNT(*) AS n, COUNT(*) FILTER (WHERE stream_id NOT IN ("
            + thirty + ", 'o1')) AS f FROM events WHERE name NOT IN (" + thirty + ")");
        order("o4", "v29", "{}");

        assertThat(sql.rows("SELECT name, n FROM named ORDER BY name")).containsExactly("v25, 1", "v29, 1", "v3, 1");
        assertThat(sql.rows("SELECT n, f FROM unnamed")).containsExactly("1, 1");
    }

    @Test
    void aSumOfIntegersIsABigintColumnAndTheSnapshotFingerprintNamesTheColumnTypes() throws SQLException {
        order("o1", "order.placed", "{}");
        order("o2", "order.placed", "{}");
        sql.update("CREATE PROJECTION weights AS SELECT name, SUM(schema_version * 2000000000) AS weight FROM events "
            + "GROUP BY name");

        assertThat(sql.rows("SELECT name, weight FROM weights")).containsExactly("order.placed, 4000000000");
        // a snapshot written when the same text compiled to other types (an INTEGER sum) must not be read as this one
        Fold fold = sql.connection.unwrap(Projections.class).fold("weights").orElseThrow();
        // and one written when the engine computed the same types otherwise (EXTRACT(DOW …) counted from 1)
        assertThat(fold.fingerprint()).startsWith("sql:" + SqlFold.SEMANTICS + ":CREATE PROJECTION weights AS")
            .contains("BIGINT NOT NULL weight");
    }

    @Test
    void theSpecExampleCountsSumsAndAveragesPerCustomerAndFollowsNewEvents() throws SQLException {
        order("o1", "order.placed", "{\"orderId\":\"o1\",\"customerId\":\"c1\",\"total\":10.50}");
        order("o2", "order.placed", "{\"orderId\":\"o2\",\"customerId\":\"c1\",\"total\":4}");
        order("o2", "order.shipped", "{\"orderId\":\"o2\",\"customerId\":\"c1\",\"total\":999}");
        sql.update(CUSTOMER_ORDERS);
        String query = "SELECT customer_id, orders, revenue, smallest, average, last_order FROM customer_orders "
            + "ORDER BY customer_id";
        // an average of DECIMALs has 16 fraction digits at least, as PostgreSQL's numeric average (7.2500000000000000)
        assertThat(sql.rows(query)).containsExactly("c1, 2, 14.50, 4.00, 7.2500000000000000, o2");
        order("o3", "order.placed", "{\"orderId\":\"o3\",\"customerId\":\"c2\",\"total\":1}");
        assertThat(sql.rows(query)).containsExactly("c1, 2, 14.50, 4.00, 7.2500000000000000, o2",
            "c2, 1, 1.00, 1.00, 1.0000000000000000, o3");
        String oracle = "SELECT JSON_VALUE(data, '$.customerId') AS customer_id, COUNT(*), "
            + "SUM(CAST(JSON_VALUE(data, '$.total') AS DECIMAL(12,2))), "
            + "MIN(CAST(JSON_VALUE(data, '$.total') AS DECIMAL(12,2))), "
            + "AVG(CAST(JSON_VALUE(data, '$.total') AS DECIMAL(12,2))), LATEST(JSON_VALUE(data, '$.orderId')) "
            + "FROM events WHERE name = 'order.placed' GROUP BY JSON_VALUE(data, '$.customerId') ORDER BY 1";
        assertThat(sql.rows(query)).isEqualTo(sql.rows(oracle));
        assertThat(sql.rows("SELECT customer_id, orders FROM customer_orders AS OF SEQUENCE 2"))
            .containsExactly("c1, 2");
        assertThat(sql.rows("SELECT customer_id, orders FROM customer_orders AS OF SEQUENCE 1"))
            .containsExactly("c1, 1");
        assertThat(sql.rows("SELECT * FROM customer_orders AS OF SEQUENCE 0")).isEmpty();
        assertThat(sql.rows("SELECT name, status, position, lag, error FROM sys.projections"))
            .containsExactly("customer_orders, active, 4, 0, null");
    }

    @Test
    void aProjectionRoundsItsCastsAndKeepsAnAveragesFractionAsItsQueryDoes() throws SQLException {
        order("o1", "order.placed", "{\"total\":19.999}"); // 20.00 at two places, not 19.99
        order("o1", "order.paid", "{\"total\":0.005}");   // 0.01, not 0.00
        sql.update("CREATE PROJECTION totals AS SELECT stream_id, SUM(CAST(JSON_VALUE(data, '$.total') AS "
            + "DECIMAL(12,2))) AS total, AVG(version) AS average FROM events GROUP BY stream_id");

        assertThat(sql.rows("SELECT stream_id, total, average FROM totals")).containsExactly(
            "o1, 20.01, 1.5000000000000000");
        assertThat(sql.rows("SELECT stream_id, SUM(CAST(JSON_VALUE(data, '$.total') AS DECIMAL(12,2))), AVG(version) "
            + "FROM events GROUP BY stream_id")).containsExactly("o1, 20.01, 1.5000000000000000");
    }

    @Test
    void aProjectionReadsIsoTimesInTheEventsAsItsQueryDoes() throws SQLException {
        order("o1", "order.placed", "{\"at\":\"2026-11-01T10:00:00.250Z\"}");
        order("o1", "order.shipped", "{\"at\":\"2026-11-02T08:30:00+00:00\"}");
        order("o2", "order.placed", "{\"at\":\"2026-11-01 11:00:00.5\"}");
        String select = "SELECT stream_id, MIN(CAST(JSON_VALUE(data, '$.at') AS TIMESTAMP)) AS first_at, "
            + "MAX(CAST(JSON_VALUE(data, '$.at') AS TIMESTAMP)) AS last_at FROM events GROUP BY stream_id";
        sql.update("CREATE PROJECTION times AS " + select);

        assertThat(sql.rows("SELECT * FROM times ORDER BY stream_id")).containsExactly(
            "o1, 2026-11-01 10:00:00.250, 2026-11-02 08:30:00.000",
            "o2, 2026-11-01 11:00:00.500, 2026-11-01 11:00:00.500");
        assertThat(sql.rows("SELECT * FROM times ORDER BY stream_id"))
            .isEqualTo(sql.rows("SELECT * FROM (" + select + ") t ORDER BY stream_id"));
    }

    @Test
    void aProjectionReadsAndWritesFormattedDatesAsItsQueryDoesAndNamesTheTextItCannotRead() throws SQLException {
        // every TO_DATE, TO_TIMESTAMP and TO_CHAR failed in a projection ("Invalid format"): Calcite's formatter
        // asks the context for a locale, which a projection's did not have
        order("o1", "order.placed", "{\"at\":\"2026-01-31\"}");
        order("o1", "order.paid", "{\"at\":\"2026-02-01\"}");
        String select = "SELECT stream_id, MIN(TO_DATE(JSON_VALUE(data, '$.at'), 'yyyy-mm-dd')) AS first_day, "
            + "MAX(TO_TIMESTAMP(JSON_VALUE(data, '$.at'), 'YYYY-MM-DD')) AS last_at, "
            + "MAX(TO_CHAR(CAST(JSON_VALUE(data, '$.at') AS TIMESTAMP), 'Month')) AS month FROM events "
            + "GROUP BY stream_id";
        sql.update("CREATE PROJECTION days AS " + select);

        assertThat(sql.rows("SELECT * FROM days"))
            .containsExactly("o1, 2026-01-31, 2026-02-01 00:00:00.000, January  ");
        assertThat(sql.rows("SELECT * FROM days")).isEqualTo(sql.rows(select));

        String wrong = "CREATE PROJECTION wrong_days AS SELECT stream_id, MIN(TO_DATE(JSON_VALUE(data, '$.at'), "
            + "'YYYY-MM-DD')) AS first_day FROM events GROUP BY stream_id";
        sql.update(wrong);
        order("o2", "order.placed", "{\"at\":\"2026-13-01\"}");
        assertThat(sql.rows("SELECT COUNT(*) FROM wrong_days")).containsExactly("1"); // as of the event before
        assertThat(sql.rows("SELECT status, error FROM sys.projections WHERE name = 'wrong_days'")).as(
            "the formatter's own words, not the wrapper's (java.sql.SQLException: …)").containsExactly(
            "failed, failed at seq 3: Invalid format: 'YYYY-MM-DD' for datetime string: '2026-13-01'.");
        sql.update("DROP PROJECTION wrong_days");
        assertThat(sql.refusal(wrong).getMessage()).as("created over the event: the error, nothing created")
            .contains("projection wrong_days was not created: it failed at seq 3: Invalid format");
        assertThat(sql.rows("SELECT name FROM sys.projections WHERE name = 'wrong_days'")).isEmpty();
    }

    /**
     * A sum beyond a BIGINT fails the projection as it fails the query over the same events (22003): it wrapped, and
     * the projection stayed active with a negative sum and average of two positive numbers.
     */
    @Test
    void aSumBeyondABigintFailsTheProjectionAsItFailsTheQuery() throws SQLException {
        String select = "SELECT SUM(CAST(JSON_VALUE(data, '$.v') AS BIGINT)) AS s, "
            + "AVG(CAST(JSON_VALUE(data, '$.v') AS BIGINT)) AS av FROM events";
        sql.update("CREATE PROJECTION sums AS " + select);
        order("o1", "order.placed", "{\"v\":9223372036854775807}");
        order("o2", "order.placed", "{\"v\":1}");

        assertThat(sql.refusal(select).getSQLState()).isEqualTo("22003");
        // the read waits for the projection to apply the head or fail (sys.projections does not wait: read it after)
        assertThat(sql.rows("SELECT s FROM sums")).as("as of the event before").containsExactly("9223372036854775807");
        assertThat(sql.rows("SELECT status FROM sys.projections WHERE name = 'sums'")).containsExactly("failed");
        // a wait for it is refused at once, as the HTTP wait's 409 (it answered applied = false, as a timeout)
        SQLException wait = sql.refusal("SELECT * FROM TABLE(sys.await_projection('sums', 2, 60000))");
        assertThat(wait.getSQLState()).isEqualTo("55000");
        assertThat(wait.getMessage()).contains("projection sums will not apply seq 2: it failed at seq 2");
        sql.update("DROP PROJECTION sums");
        // a wait for a projection not there is 42P01, as a read of it (it was 22023, a bad value)
        assertThat(sql.refusal("SELECT * FROM TABLE(sys.await_projection('sums', 2, 100))").getSQLState())
            .isEqualTo("42P01");
        SQLException refused = sql.refusal("CREATE PROJECTION sums AS " + select);
        assertThat(refused.getSQLState()).isEqualTo("22003");
        assertThat(refused.getMessage()).contains("projection sums was not created: it failed at seq 2");
    }

    /**
     * Integer arithmetic per event fails the projection on overflow as it fails the query (22003): it wrapped, and the
     * projection answered a plausible wrong sum, active.
     */
    @Test
    void anIntegerOverflowPerEventFailsTheProjectionAsItFailsTheQuery() throws SQLException {
        String select = "SELECT SUM(CAST(JSON_VALUE(data, '$.i') AS INTEGER) * 1000000000) AS s FROM events";
        sql.update("CREATE PROJECTION big AS " + select);
        order("o1", "order.placed", "{\"i\":1}");
        order("o2", "order.placed", "{\"i\":3}");

        assertThat(sql.refusal(select).getSQLState()).isEqualTo("22003");
        assertThat(sql.rows("SELECT s FROM big")).as("as of the event before").containsExactly("1000000000");
        assertThat(sql.rows("SELECT status FROM sys.projections WHERE name = 'big'")).containsExactly("failed");
        sql.update("DROP PROJECTION big");
        SQLException refused = sql.refusal("CREATE PROJECTION big AS " + select);
        assertThat(refused.getSQLState()).isEqualTo("22003");
        assertThat(refused.getMessage()).contains("projection big was not created: it failed at seq 2");
    }

    /**
     * A CREATE OR REPLACE of a failed projection is built up to the log's head, as a CREATE is: it was swapped in once
     * as far as the failed state's stale position, so a definition failing on a later event took the name (the old
     * definition lost), and one that did not fail answered before it had caught up.
     */
    @Test
    void givenAFailedProjection_whenReplaced_thenTheNewDefinitionMustFoldTheWholeLogAsACreateMust()
            throws SQLException {
        sql.update("CREATE PROJECTION p AS SELECT SUM(CAST(JSON_VALUE(data, '$.v') AS INTEGER)) AS s FROM events");
        order("o1", "order.placed", "{\"v\":\"x\",\"w\":1}");
        order("o2", "order.placed", "{\"v\":1,\"w\":\"y\"}");
        assertThat(sql.rows("SELECT s FROM p")).as("as of the event before it failed").containsExactly("null");
        assertThat(sql.rows("SELECT status, position FROM sys.projections")).containsExactly("failed, 0");

        SQLException refused = sql.refusal(
            "CREATE OR REPLACE PROJECTION p AS SELECT SUM(CAST(JSON_VALUE(data, '$.w') AS INTEGER)) AS s FROM events");
        assertThat(refused.getSQLState()).isEqualTo("22018");
        assertThat(refused.getMessage()).contains("failed at seq 2");
        assertThat(sql.rows("SELECT status, position, error FROM sys.projections")).singleElement()
            .asString().startsWith("failed, 0, failed at seq 1");

        sql.update("CREATE OR REPLACE PROJECTION p AS SELECT COUNT(*) AS s FROM events");
        assertThat(sql.rows("SELECT status, position, lag FROM sys.projections")).containsExactly("active, 2, 0");
        assertThat(sql.rows("SELECT s FROM p")).containsExactly("2");
    }

    /**
     * Text beyond a DOUBLE or a REAL cast to it fails the projection as it fails the query (22003): the projection's
     * per-event cast answered Infinity (0 for 1e-400) and stayed active.
     */
    @Test
    void aTextBeyondAFloatingPointTypeFailsTheProjectionAsItFailsTheQuery() throws SQLException {
        order("o1", "order.placed", "{\"big\":\"1e400\",\"real\":1e39,\"tiny\":1e-400}");
        for (String cast : List.of("CAST(JSON_VALUE(data, '$.big') AS DOUBLE)",
            "CAST(JSON_VALUE(data, '$.real') AS REAL)", "CAST(JSON_VALUE(data, '$.tiny') AS DOUBLE)")) {
            String select = "SELECT MAX(" + cast + ") AS m FROM events";
            assertThat(sql.refusal(select).getSQLState()).as(cast).isEqualTo("22003");
            SQLException refused = sql.refusal("CREATE PROJECTION peak AS " + select);
            assertThat(refused.getSQLState()).as(cast).isEqualTo("22003");
            assertThat(refused.getMessage()).contains("out of range for a floating-point type");
        }
        sql.update("CREATE PROJECTION peak AS SELECT MAX(JSON_VALUE(data, '$.big' RETURNING DOUBLE)) AS m FROM events");
        assertThat(sql.rows("SELECT m FROM peak")).as("RETURNING's cast is NULL on error, as the query's")
            .containsExactly("null");
    }

    /**
     * An AVG with a HAVING was refused (0A000, "a projection aggregates events into groups …"); a HAVING never true
     * is refused saying so (it said only that a projection reads the events table).
     */
    @Test
    void anAverageWithAHavingIsMaintainedAsItsQueryAnswers() throws SQLException {
        order("o1", "order.placed", "{}");
        order("o1", "order.paid", "{}");
        order("o2", "order.placed", "{}");
        String select = "SELECT name, AVG(version) AS av, COUNT(*) AS n FROM events GROUP BY name "
            + "HAVING COUNT(*) > 1 AND AVG(version) > 1";
        sql.update("CREATE PROJECTION placed AS " + select);
        order("o3", "order.paid", "{}");

        assertThat(sql.rows("SELECT * FROM placed")).as("order.placed's average is 1: not past the HAVING")
            .containsExactly("order.paid, 1.5000000000000000, 2").isEqualTo(sql.rows(select));
        assertThat(sql.refusal("CREATE PROJECTION never AS SELECT name, COUNT(*) AS n FROM events GROUP BY name "
            + "HAVING FALSE").getMessage()).contains("reads constant rows", "HAVING FALSE");
    }

    /**
     * A cast kept from the rows it fails on, by a CASE or a FILTER, runs on the other rows only, as in PostgreSQL:
     * the query was 22018 (Calcite made the CASE a FILTER, and computes a filtered argument for every row), and the
     * projection with the FILTER was refused, while the one with the CASE folded.
     */
    @Test
    void aCastGuardedByCaseOrFilterInAnAggregateRunsOnlyOnTheRowsItKeepsInQueriesAndProjections() throws SQLException {
        order("o1", "order.placed", "{\"total\":\"true\"}");
        order("o1", "order.paid", "{\"total\":\"12\"}");
        order("o2", "order.placed", "{\"total\":\"5\"}");
        String total = "CAST(JSON_VALUE(data, '$.total') AS BIGINT)";
        String digits = "JSON_VALUE(data, '$.total') SIMILAR TO '[0-9]+'";
        String select = "SELECT stream_id, SUM(CASE WHEN " + digits + " THEN " + total + " END) AS by_case, "
            + "MAX(" + total + ") FILTER (WHERE " + digits + ") AS by_filter, COUNT(" + total + ") FILTER (WHERE "
            + digits + ") AS n FROM events GROUP BY stream_id";

        assertThat(sql.rows(select + " ORDER BY stream_id")).containsExactly("o1, 12, 12, 1", "o2, 5, 5, 1");
        sql.update("CREATE PROJECTION totals AS " + select);
        assertThat(sql.rows("SELECT * FROM totals ORDER BY stream_id")).isEqualTo(sql.rows(select
            + " ORDER BY stream_id"));
        assertThat(sql.refusal("SELECT SUM(" + total + ") FILTER (WHERE name = 'order.placed') FROM events")
            .getSQLState()).as("a filter that keeps the failing row: the cast fails").isEqualTo("22018");
        assertThat(sql.rows("SELECT ARRAY_AGG(version + 1) FILTER (WHERE version > 1), STRING_AGG(UPPER(stream_id), "
            + "',') FILTER (WHERE version > 1) FROM events")).as("aggregates typed by their argument: as they were")
            .containsExactly("[3], O1");
    }

    @Test
    void aDefinitionReadingASubQueryWithAnOrderByCompilesAsItDid() throws SQLException {
        // a query keeps a sub-query's ORDER BY (SelectTest); a definition, for which it means nothing, does not
        order("o1", "order.placed", "{}");
        sql.update("CREATE PROJECTION per_stream AS SELECT k, COUNT(*) AS n FROM (SELECT stream_id AS k FROM events "
            + "ORDER BY seq) t GROUP BY k");
        assertThat(sql.rows("SELECT k, n FROM per_stream")).containsExactly("o1, 1");
    }

    @Test
    void latestIsTheValueOfTheHighestSeqInQueriesToo() throws SQLException {
        order("o1", "order.placed", "{\"status\":\"new\"}");
        order("o1", "order.paid", "{\"status\":\"paid\"}");
        order("o2", "order.placed", "{\"status\":\"new\"}");
        order("o2", "order.noted", "{}"); // no status: LATEST skips NULLs, as every SQL aggregate does
        String q = "SELECT stream_id, LATEST(name), LATEST(JSON_VALUE(data, '$.status')), MAX(version) FROM events "
            + "GROUP BY stream_id ORDER BY stream_id";
        assertThat(sql.rows(q)).containsExactly("o1, order.paid, paid, 2", "o2, order.noted, new, 2");
        sql.update("CREATE PROJECTION order_status AS SELECT stream_id AS order_id, LATEST(name) AS last_event, "
            + "LATEST(JSON_VALUE(data,'$.status')) AS status, MAX(version) AS version FROM events "
            + "WHERE entity_type = 'order' GROUP BY stream_id");
        assertThat(sql.rows("SELECT * FROM order_status ORDER BY order_id")).isEqualTo(sql.rows(q));
    }

    @Test
    void anUnnamedAggregateIsAColumnNamedAfterItAsInAPostgresView() throws SQLException {
        order("o1", "order.placed", "{}");
        order("o1", "order.paid", "{}");
        sql.update("CREATE PROJECTION event_counts AS SELECT stream_id, COUNT(*), MAX(version) FROM events "
            + "GROUP BY stream_id");

        // MAX is a reserved word of Calcite's: a column of that name is quoted
        assertThat(sql.rows("SELECT stream_id, count, \"max\" FROM event_counts")).containsExactly("o1, 2, 2");
    }

    @Test
    void refusedDefinitionsSayWhatIsNotSupportedAndCreateNothing() throws SQLException {
        List<String[]> cases = List.of(
            new String[] {"SELECT COUNT(DISTINCT stream_id) AS n FROM events", "DISTINCT"},
            // Calcite's other distinct aggregate: it was folded as the plain aggregate, every event counted
            new String[] {"SELECT name, COUNT(*) WITHIN DISTINCT (stream_id) AS n FROM events GROUP BY name",
                "COUNT … WITHIN DISTINCT is not supported in a projection"},
            new String[] {"SELECT e.stream_id, COUNT(*) AS n FROM events e JOIN streams s ON e.stream_id = "
                + "s.stream_id GROUP BY e.stream_id", "joins"},
            new String[] {"SELECT stream_id, COUNT(*) AS n FROM streams GROUP BY stream_id", "events table"},
            new String[] {"SELECT stream_id, name FROM events", "aggregates events into groups"},
            new String[] {"SELECT stream_id, COUNT(*) AS n FROM events GROUP BY stream_id ORDER BY stream_id",
                "ORDER BY"},
            new String[] {"SELECT stream_id, SUM(version) / COUNT(*) FROM events GROUP BY stream_id", "needs a name"},
            new String[] {"SELECT stream_id AS \"s id\", COUNT(*) AS n FROM events GROUP BY stream_id",
                "column 1 of the projection is named \"s id\": a projection's column names are plain identifiers"},
            new String[] {"SELECT stream_id, COUNT(*), COUNT(name) FROM events GROUP BY stream_id",
                "two columns of the projection are named count"},
            new String[] {"SELECT stream_id, MAX(CURRENT_TIMESTAMP) AS t FROM events GROUP BY stream_id",
                "depends on when it runs"},
            // the session's user, converted to a literal before the plan is checked (so they passed unseen)
            new String[] {"SELECT stream_id, MAX(CURRENT_USER) AS u FROM events GROUP BY stream_id",
                "CURRENT_USER is not supported in a projection: its value depends on who runs the statement"},
            new String[] {"SELECT stream_id, COUNT(*) AS n FROM events WHERE session_user = 'sa' GROUP BY stream_id",
                "SESSION_USER is not supported"},
            new String[] {"SELECT stream_id, MAX(SYSTEM_USER) AS u FROM events GROUP BY stream_id",
                "SYSTEM_USER is not supported"});
        for (String[] c : cases) {
            SQLException e = catchThrowableOfType(SQLException.class,
                () -> sql.update("CREATE PROJECTION p AS " + c[0]));
            assertThat((Throwable) e).as(c[0]).isNotNull();
            assertThat(e.getMessage()).as(c[0]).contains(c[1]);
            assertThat(e.getSQLState()).as(c[0]).isEqualTo("0A000");
        }
        assertThat(sql.rows("SELECT name FROM sys.projections")).isEmpty();
    }

    @Test
    void aWhereOnACastOfTheNameToShorterTextAdmitsTheEventsItsQueryAdmits() throws SQLException {
        order("o1", "order.placed", "{}");
        order("o1", "order.paid", "{}");
        order("o2", "x", "{}");
        // every name beginning with 'order', where the projection took it for the one name 'order': it counted none
        assertCountedAsTheQueryCounts("CAST(name AS VARCHAR(5)) = 'order'", "order.shipped");
        assertCountedAsTheQueryCounts("CAST(name AS CHAR(5)) IN ('order', 'x')", "orderly");
        assertCountedAsTheQueryCounts("name = 'order.paid'", "order.paid");
    }

    @Test
    void aWhereOnANameCastToANumberIsAProjectionAsItIsAQuery() throws SQLException {
        order("o1", "5", "{}");
        order("o1", "6", "{}");
        // an internal error at CREATE: the number literal was read as a name
        assertCountedAsTheQueryCounts("CAST(name AS INTEGER) = 5", "5");
        assertCountedAsTheQueryCounts("CAST(name AS BIGINT) IN (5, 6)", "7");
    }

    /** Creates a projection counting the events {@code where} admits, compares it with the query, then again after
     * an event named {@code next}; drops it. */
    private void assertCountedAsTheQueryCounts(String where, String next) throws SQLException {
        String query = "SELECT COUNT(*) AS n FROM events WHERE " + where;
        sql.update("CREATE PROJECTION p AS " + query);
        assertThat(sql.rows("SELECT n FROM p")).as(where).isEqualTo(sql.rows(query));
        order("o3", next, "{}");
        assertThat(sql.rows("SELECT n FROM p")).as(where + ", then " + next).isEqualTo(sql.rows(query));
        sql.update("DROP PROJECTION p");
    }
}
