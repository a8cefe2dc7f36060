package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hindsight.projection.ColumnType;
import dev.hindsight.projection.Projection;
import dev.hindsight.projection.ProjectionColumn;
import dev.hindsight.projection.ProjectionEvent;
import dev.hindsight.projection.Projections;
import dev.hindsight.projection.example.CustomerOrdersProjection;
import dev.hindsight.projection.example.OrderDetailProjection;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
                "order-1, c1, shipped, 10.00, null, true",
                "order-2, c1, cancelled, 5.50, changed mind, false",
                "order-3, c2, placed, 7.00, null, false");
            assertThat(sql.rows("SELECT customer_id, orders, open_orders, order_ids, spent FROM customer_orders "
                + "ORDER BY customer_id")).as("money: DECIMAL(38, 2)")
                .containsExactly("c1, 2, 0, order-1,order-2, 10.00", "c2, 1, 1, order-3, 7.00");
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
    void givenAJavaFoldsDecimalsOfAnyScale_whenMatchedWithComputedValues_thenEqualValuesMatch() throws Exception {
        // the fold's BigDecimals kept the scale it computed (32.0 from 32.00), and Calcite's hash joins, IN, UNION,
        // INTERSECT, EXCEPT and DISTINCT compare by equals: 32.0 met no 32 (0 rows where PostgreSQL answers them)
        try (SqlFixture sql = SqlFixture.open(dir)) {
            sql.connection.unwrap(Projections.class).register(new OrderDetailProjection());
            event(sql, "order-1", "order.placed", "{\"orderId\":\"order-1\",\"customerId\":\"c1\",\"total\":32.00}", 1);
            event(sql, "order-2", "order.placed", "{\"orderId\":\"order-2\",\"customerId\":\"c1\",\"total\":32.5}", 1);
            event(sql, "order-3", "order.placed", "{\"orderId\":\"order-3\",\"customerId\":\"c2\",\"total\":7}", 1);
            assertThat(sql.rows("SELECT COUNT(*) FROM order_detail a WHERE a.total IN (SELECT total * 1 "
                + "FROM order_detail)")).containsExactly("3");
            assertThat(sql.rows("SELECT a.order_id, b.order_id FROM order_detail a JOIN order_detail b "
                + "ON a.total = FLOOR(b.total) ORDER BY 1, 2")).containsExactly("order-1, order-1", "order-1, order-2",
                "order-3, order-3");
            assertThat(sql.rows("SELECT COUNT(*) FROM (SELECT total FROM order_detail UNION SELECT FLOOR(total) "
                + "FROM order_detail) t")).containsExactly("3");
            assertThat(sql.rows("SELECT COUNT(*) FROM (SELECT total FROM order_detail INTERSECT SELECT CAST(total "
                + "AS DECIMAL(12, 2)) FROM order_detail) t")).containsExactly("3");
            assertThat(sql.rows("SELECT COUNT(DISTINCT x) FROM (SELECT total AS x FROM order_detail UNION ALL "
                + "SELECT total * 1 FROM order_detail) t")).containsExactly("3");
        }
    }

    /** Registered again at the next start, it silently took its name back from the SQL stored in its place. */
    @Test
    void aJavaProjectionCannotBeReplacedOrDroppedBySql() throws Exception {
        try (SqlFixture sql = SqlFixture.open(dir)) {
            sql.connection.unwrap(Projections.class).register(new OrderDetailProjection());

            for (String statement : List.of("CREATE OR REPLACE PROJECTION order_detail AS SELECT COUNT(*) AS n "
                + "FROM events", "DROP PROJECTION order_detail", "DROP PROJECTION IF EXISTS order_detail")) {
                SQLException refused = catchThrowableOfType(SQLException.class, () -> sql.update(statement));
                assertThat(refused.getSQLState()).as(statement).isEqualTo("42809");
                assertThat(refused.getMessage()).as(statement).contains("projection order_detail: it is defined in "
                    + "Java");
            }
            // a CREATE of its name is 42P07 as any taken name, without pointing at CREATE OR REPLACE, refused too
            SQLException taken = catchThrowableOfType(SQLException.class, () -> sql.update("CREATE PROJECTION "
                + "order_detail AS SELECT COUNT(*) AS n FROM events"));
            assertThat(taken.getSQLState()).isEqualTo("42P07");
            assertThat(taken.getMessage()).contains("defined in Java").doesNotContain("CREATE OR REPLACE");
            assertThat(sql.rows("SELECT COUNT(*) FROM order_detail")).containsExactly("0");
        }
    }

    /** An Integer for a BIGINT: an unchecked ClassCastException from the driver's accessor, or XX000. */
    @Test
    void aJavaRowValueOfTheWrongClassIsA42804NamingTheColumn() throws Exception {
        try (SqlFixture sql = SqlFixture.open(dir)) {
            sql.connection.unwrap(Projections.class).register(counting("wrong_class", "orders", ColumnType.BIGINT,
                Long::intValue));
            event(sql, "order-1", "order.placed", "{\"orderId\":\"order-1\",\"customerId\":\"c1\",\"total\":10}", 1);

            SQLException refused = catchThrowableOfType(SQLException.class,
                () -> sql.rows("SELECT * FROM wrong_class"));
            assertThat(refused.getSQLState()).isEqualTo("42804");
            assertThat(refused.getMessage()).isEqualTo("projection wrong_class gave column orders (BIGINT, held as "
                + "a 64-bit integer) a 32-bit integer");
        }
    }

    @Test
    void aJavaDecimalOfMoreWholeDigitsThanItsColumnHoldsIs22003NamingIt() throws Exception {
        try (SqlFixture sql = SqlFixture.open(dir)) {
            sql.connection.unwrap(Projections.class).register(counting("too_big", "amount", ColumnType.DECIMAL,
                count -> new BigDecimal("1e20").multiply(BigDecimal.valueOf(count))));
            event(sql, "order-1", "order.placed", "{\"orderId\":\"order-1\",\"customerId\":\"c1\",\"total\":10}", 1);

            SQLException refused = catchThrowableOfType(SQLException.class, () -> sql.rows("SELECT * FROM too_big"));
            assertThat(refused.getSQLState()).isEqualTo("22003");
            assertThat(refused.getMessage()).contains("projection too_big gave column amount", "100000000000000000000");
        }
    }

    /** A projection of one row, one column: {@code value} of the count of every event so far. */
    private static Projection<Long> counting(String name, String column, ColumnType type,
                                             Function<Long, Object> value) {
        return new Projection<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Set<String> eventNames() {
                return Set.of();
            }

            @Override
            public Class<Long> stateType() {
                return Long.class;
            }

            @Override
            public Long initialState() {
                return 0L;
            }

            @Override
            public Long apply(Long count, ProjectionEvent event) {
                return count + 1;
            }

            @Override
            public List<ProjectionColumn> columns() {
                return List.of(ProjectionColumn.of(column, type));
            }

            @Override
            public Object[] row(String partition, Long count) {
                return new Object[] {value.apply(count)};
            }
        };
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
