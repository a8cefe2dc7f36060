package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A correlated sub-query in a select list (or an {@code ORDER BY}, a {@code GROUP BY}) over a derived table of
 * computed columns: given events whose payloads are
 * read as columns of a derived table, when the outer select list reads one beside a sub-query correlated on another,
 * then each row's own values (PostgreSQL's answer). Calcite's converter merged the two select lists and then rebuilt
 * the outer one over the derived table with the merged expressions: the read column was another of the payloads (NULL
 * on every row) or the statement an internal error (an index out of bounds).
 */
class SelectListSubQueriesTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest();

    @BeforeEach
    void ordersOfTwoCustomers() throws SQLException {
        sql.update("INSERT INTO events (stream_id, entity_type, name, data) VALUES "
            + "('c1', 'customer', 'customer.created', '{\"customerId\":\"c1\"}'), "
            + "('o1', 'order', 'order.shipped', '{\"customerId\":\"c1\",\"carrier\":\"dhl\",\"city\":\"Oslo\"}'), "
            + "('o2', 'order', 'order.shipped', '{\"customerId\":\"c2\",\"carrier\":\"ups\",\"city\":\"Rome\"}')");
    }

    @Test
    void givenADerivedTableOfPayloadValues_whenASubQueryIsCorrelatedOnOne_thenTheOthersAreEachRowsOwn()
            throws SQLException {
        assertThat(sql.rows("SELECT e.carrier, (SELECT COUNT(*) FROM streams s WHERE s.stream_id = e.customer_id) "
            + "FROM (SELECT seq, JSON_VALUE(data, '$.customerId') AS customer_id, JSON_VALUE(data, '$.carrier') AS "
            + "carrier FROM events) e ORDER BY e.seq")).containsExactly("null, 1", "dhl, 1", "ups, 0");
        assertThat(sql.rows("SELECT e.city, e.ts IS NOT NULL, (SELECT MAX(s.version) FROM streams s WHERE "
            + "s.stream_id = e.customer_id) FROM (SELECT seq, ts, JSON_VALUE(data, '$.customerId') AS customer_id, "
            + "JSON_VALUE(data, '$.carrier') AS carrier, JSON_VALUE(data, '$.city') AS city FROM events) e "
            + "ORDER BY e.seq")).containsExactly("null, true, 1", "Oslo, true, 1", "Rome, true, null");
        assertThat(sql.rows("SELECT e.kind, (SELECT COUNT(*) FROM events i WHERE i.stream_id = e.sid) FROM (SELECT "
            + "stream_id AS sid, UPPER(entity_type) AS kind FROM events) e ORDER BY 1"))
            .containsExactly("CUSTOMER, 1", "ORDER, 1", "ORDER, 1");
    }

    @Test
    void givenSuchASubQueryInOrderByOrGroupBy_whenRun_thenAnswered() throws SQLException {
        // the same merge failed them (an index out of bounds)
        assertThat(sql.rows("SELECT e.seq FROM (SELECT seq, stream_id AS sid, JSON_VALUE(data, '$.city') AS city "
            + "FROM events) e ORDER BY (SELECT COUNT(*) FROM streams s WHERE s.stream_id = e.sid) || e.city DESC, "
            + "e.seq")).as("DESC: NULL first, as PostgreSQL").containsExactly("1", "3", "2");
        assertThat(sql.rows("SELECT COUNT(*) FROM (SELECT stream_id AS sid, UPPER(entity_type) AS kind FROM events) e "
            + "GROUP BY (SELECT COUNT(*) FROM streams s WHERE s.stream_id = e.sid) || e.kind ORDER BY 1"))
            .containsExactly("1", "2");
    }
}
