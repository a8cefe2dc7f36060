package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.http.demo.DemoDataSet;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoServerTest {

    static final ServerExtensions DEMO = ServerExtensions.none().withOnOpen(context -> {
        DemoDataSet.load(context.log());
        DemoDataSet.registerProjections(context.projections());
    });

    @TempDir
    Path dir;

    @Test
    void a_demo_server_answers_queries_over_order_detail_and_customer_orders() throws Exception {
        try (RunningServer running = RunningServer.start(dir, UnaryOperator.identity(), DEMO)) {
            Client.Answer details = running.client.post("/v1/sql",
                "{\"sql\":\"SELECT order_id, customer_id, status, total FROM order_detail ORDER BY order_id "
                    + "LIMIT 5\"}");
            Client.Answer customers = running.client.post("/v1/sql",
                "{\"sql\":\"SELECT COUNT(*) FROM customer_orders\"}");

            assertThat(details.status()).as(details.body()).isEqualTo(200);
            assertThat(details.json().get("rows")).hasSize(5);
            assertThat(details.json().get("rows").get(0).get(0).asText()).isEqualTo("order-00001");
            assertThat(customers.json().get("rows").get(0).get(0).asLong()).isBetween(200L, 300L);
        }
    }

    @Test
    void a_java_projections_decimal_reads_over_http_as_sql_reads_it() throws Exception {
        try (RunningServer running = RunningServer.start(dir, UnaryOperator.identity(), DEMO)) {
            Client.Answer appended = running.client.post("/v1/streams/order-y1/events", "{\"entityType\":\"order\","
                + "\"name\":\"order.placed\",\"data\":{\"orderId\":\"order-y1\",\"customerId\":\"customer-9999\","
                + "\"total\":1.2345}}");
            assertThat(appended.status()).as(appended.body()).isEqualTo(201);
            long seq = appended.json().get(0).get("seq").asLong();
            assertThat(running.client.get("/v1/projections/order_detail/wait?seq=" + seq + "&timeoutMs=10000")
                .status()).isEqualTo(200);

            // the fold's own BigDecimal was written: 1.2345 where SQL reads the DECIMAL(38, 2) column as 1.23
            Client.Answer read = running.client.get("/v1/projections/order_detail?partition=order-y1");
            Client.Answer sql = running.client.post("/v1/sql",
                "{\"sql\":\"SELECT total FROM order_detail WHERE order_id = 'order-y1'\"}");
            int total = 0;
            while (!read.json().get("columns").get(total).get("name").asText().equals("total")) {
                total++;
            }
            assertThat(read.json().get("rows").get(0).get(total).decimalValue())
                .isEqualTo(sql.json().get("rows").get(0).get(0).decimalValue()).isEqualTo(new BigDecimal("1.23"));
        }
    }

    @Test
    void a_projection_holding_a_demo_name_is_left_as_it_is_and_named_as_such() throws Exception {
        try (RunningServer running = RunningServer.start(dir)) {
            Client.Answer created = running.client.post("/v1/projections",
                "{\"sql\":\"CREATE PROJECTION order_detail AS SELECT COUNT(*) AS n FROM events\"}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);

            assertThat(DemoDataSet.registerProjections(running.server.context().projections()))
                .containsExactly("order_detail");
            assertThat(DemoDataSet.registerProjections(running.server.context().projections()))
                .containsExactly("order_detail", "customer_orders");
            assertThat(running.client.get("/v1/projections/order_detail").json().get("columns").get(0).get("name")
                .asText()).isEqualTo("n");
        }
    }

    @Test
    void the_demo_loads_only_into_an_empty_log() throws Exception {
        long head;
        try (RunningServer running = RunningServer.start(dir, UnaryOperator.identity(), DEMO)) {
            head = running.server.context().log().headSeq();
        }

        try (RunningServer again = RunningServer.start(dir, UnaryOperator.identity(), DEMO)) {
            assertThat(again.server.context().log().headSeq()).isEqualTo(head);
            assertThat(again.server.context().projections().names()).contains("order_detail", "customer_orders");
        }
    }
}
