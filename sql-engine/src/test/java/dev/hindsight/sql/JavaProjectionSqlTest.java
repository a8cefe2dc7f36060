package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.projection.Projections;
import dev.hindsight.projection.example.CustomerOrdersProjection;
import dev.hindsight.projection.example.OrderDetailProjection;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Java-defined projections through {@code jdbc:hindsight:file:}: the worked example (order_detail, customer_orders)
 * registered in-process, read as tables; an upcaster seen by a SQL projection after a rebuild.
 */
class JavaProjectionSqlTest {

    @TempDir
    Path dir;

    private static void event(SqlFixture sql, String stream, String name, String data, int schemaVersion)
            throws SQLException {
        sql.update("INSERT INTO events (stream_id, entity_type, name, data, schema_version) VALUES ('" + stream
            + "', 'order', '" + name + "', '" + data + "', " + schemaVersion + ")");
    }

    @Test
    void theOrderExampleFollowsEachOrderAndEachCustomer() throws Exception {
        try (SqlFixture sql = SqlFixture.open(dir)) {
            Projections projections = sql.connection.unwrap(Projections.class);
            projections.register(new OrderDetailProjection());
            projections.register(new CustomerOrdersProjection());
            event(sql, "order-1", "order.placed", "{\"orderId\":\"order-1\",\"customerId\":\"c1\",\"total\":10}", 1);
            event(sql, "order-2", "order.placed", "{\"orderId\":\"order-2\",\"customerId\":\"c1\",\"total\":5.5}", 1);
            event(sql, "order-3", "order.placed", "{\"orderId\":\"order-3\",\"customerId\":\"c2\",\"total\":7}", 1);
            event(sql, "order-1", "order.shipped", "{\"orderId\":\"order-1\",\"customerId\":\"c1\"}", 1);
            event(sql, "order-2", "order.cancelled",
                "{\"orderId\":\"order-2\",\"customerId\":\"c1\",\"reason\":\"changed mind\"}", 1);
            event(sql, "order-2", "order.shipped", "{\"orderId\":\"order-2\",\"customerId\":\"c1\"}", 1);
            assertThat(sql.rows("SELECT order_id, customer_id, status, total, cancel_reason, shipped_at IS NOT NULL "
                + "FROM order_detail ORDER BY order_id")).containsExactly(
                "order-1, c1, shipped, 10, null, true",
                "order-2, c1, cancelled, 5.5, changed mind, false",
                "order-3, c2, placed, 7, null, false");
            assertThat(sql.rows("SELECT customer_id, orders, open_orders, order_ids, spent FROM customer_orders "
                + "ORDER BY customer_id")).containsExactly("c1, 2, 0, order-1,order-2, 10", "c2, 1, 1, order-3, 7");
            assertThat(sql.rows("SELECT status FROM order_detail AS OF SEQUENCE 2 WHERE order_id = 'order-2'"))
                .containsExactly("placed");
            assertThat(sql.rows("SELECT d.order_id, c.orders FROM order_detail d JOIN customer_orders c "
                + "ON c.customer_id = d.customer_id WHERE d.status = 'placed'")).containsExactly("order-3, 1");
            try (ResultSet rs = sql.connection.getMetaData().getPrimaryKeys(null, "public", "order_detail")) {
                assertThat(SqlFixture.text(rs)).extracting(r -> r.split(", ", -1)[3]).containsExactly("order_id");
            }
        }
    }

    @Test
    void anUpcasterReachesASqlProjectionAfterARebuildAsIfEventsHadBeenWrittenNew() throws Exception {
        try (SqlFixture sql = SqlFixture.open(dir)) {
            event(sql, "o1", "order.placed", "{\"customerId\":\"c1\",\"amount\":3}", 1);
            event(sql, "o2", "order.placed", "{\"customerId\":\"c1\",\"total\":4}", 2);
            sql.update("CREATE PROJECTION revenue AS SELECT JSON_VALUE(data, '$.customerId') AS customer_id, "
                + "SUM(CAST(JSON_VALUE(data, '$.total') AS INTEGER)) AS revenue, MAX(schema_version) AS shape "
                + "FROM events GROUP BY JSON_VALUE(data, '$.customerId')");
            assertThat(sql.rows("SELECT * FROM revenue")).containsExactly("c1, 4, 2");
            Projections projections = sql.connection.unwrap(Projections.class);
            projections.register(new AmountToTotal());
            projections.rebuild("revenue").get(30, TimeUnit.SECONDS);
            assertThat(sql.rows("SELECT * FROM revenue")).containsExactly("c1, 7, 2");
            // the events table keeps what was stored
            assertThat(sql.rows("SELECT data, schema_version FROM events WHERE seq = 1"))
                .containsExactly("{\"customerId\":\"c1\",\"amount\":3}, 1");
        }
    }
}
