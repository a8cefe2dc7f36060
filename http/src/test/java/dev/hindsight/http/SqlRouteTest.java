package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlRouteTest {

    @TempDir
    Path dir;

    RunningServer running;
    Client client;

    @BeforeEach
    void start() throws Exception {
        running = RunningServer.start(dir);
        client = running.client;
    }

    @AfterEach
    void stop() {
        running.close();
    }

    @Test
    void an_insert_answers_its_update_count_and_a_query_its_columns_and_rows() {
        Client.Answer insert = client.post("/v1/sql", "{\"sql\":\"INSERT INTO events (stream_id, entity_type, name, "
            + "data) VALUES ('order-1', 'order', 'order.placed', '{\\\"total\\\": 12.5}')\"}");
        Client.Answer query = client.post("/v1/sql", "{\"sql\":\"SELECT seq, stream_id, ts, "
            + "CAST(JSON_VALUE(data, '$.total') AS DECIMAL(12,2)) AS total FROM events\"}");

        assertThat(insert.status()).isEqualTo(200);
        assertThat(insert.json().get("updateCount").asLong()).isEqualTo(1);
        assertThat(query.status()).isEqualTo(200);
        JsonNode columns = query.json().get("columns");
        assertThat(columns.get(0).get("name").asText()).isEqualToIgnoringCase("seq");
        assertThat(columns.get(0).get("type").asText()).isEqualTo("BIGINT");
        JsonNode row = query.json().get("rows").get(0);
        assertThat(row.get(0).asLong()).isEqualTo(1);
        assertThat(row.get(1).asText()).isEqualTo("order-1");
        assertThat(row.get(2).asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(row.get(3).decimalValue()).isEqualByComparingTo("12.5");
    }

    @Test
    void a_decimal_is_written_as_its_plain_numeral() {
        // Jackson wrote BigDecimal's own text: 0E-16, 1.000000000E-7
        Client.Answer query = client.post("/v1/sql", "{\"sql\":\"SELECT 0.0 / 3 AS z, 1.0 / 10000000 AS small\"}");
        assertThat(query.status()).isEqualTo(200);
        assertThat(query.body()).contains("[0.0000000000000000,0.0000001000000000]");
    }

    @Test
    void an_interval_is_written_as_postgresql_writes_it_not_as_avaticas_text() {
        Client.Answer answer = client.post("/v1/sql", "{\"sql\":\"SELECT INTERVAL '1' DAY AS d, INTERVAL '14' MONTH "
            + "AS m, TIMESTAMP '2026-01-02 10:00:00' - TIMESTAMP '2026-01-01 08:30:00' AS diff, "
            + "CAST(NULL AS INTERVAL HOUR) AS n, INTERVAL '25' HOUR AS h\"}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        // Avatica's: "+1", "+1-02", "+1 01:30:00.000"
        assertThat(answer.body()).contains("[\"1 day\",\"1 year 2 mons\",\"1 day 01:30:00\",null,\"25:00:00\"]");
    }

    @Test
    void the_end_of_the_day_is_written_as_the_time_it_is() {
        // a LocalTime has no 24:00:00: read as its last moment, it was written 23:59:59.999 (PostgreSQL 15: 24:00:00)
        Client.Answer answer = client.post("/v1/sql", "{\"sql\":\"SELECT CAST('24:00:00' AS TIME) AS e, "
            + "CAST(TIME '23:59:59.6' AS TIME(0)) AS r, TIME '23:59:59.999' AS l\"}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("[\"24:00:00\",\"24:00:00\",\"23:59:59.999\"]");
    }

    @Test
    void a_timestamp_before_the_gregorian_calendar_is_written_as_the_day_it_is() {
        // read through java.sql's Julian milliseconds, 1500-03-01 was written 1500-03-11 (its text and EXTRACT: 1)
        Client.Answer answer = client.post("/v1/sql", "{\"sql\":\"SELECT TIMESTAMP '1500-03-01 10:00:00' AS t, "
            + "DATE '1500-03-01' AS d, CAST(? AS TIMESTAMP) AS p\",\"params\":[\"0001-01-01T00:00:00Z\"]}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body())
            .contains("[\"1500-03-01T10:00:00.000Z\",\"1500-03-01\",\"0001-01-01T00:00:00.000Z\"]");
    }

    @Test
    void a_real_is_written_with_its_own_shortest_digits_not_a_doubles() {
        Client.Answer answer = client.post("/v1/sql",
            "{\"sql\":\"SELECT CAST(0.1 AS REAL) AS r, CAST(0.1 AS DOUBLE) AS d, CAST(NULL AS REAL) AS n\"}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("[0.1,0.1,null]");
    }

    @Test
    void an_interval_typed_finer_than_milliseconds_is_written_with_its_milliseconds() {
        // Avatica's text wrote the fraction of a 6-digit interval as zeros: +1.000000; PostgreSQL 15's answers
        Client.Answer query = client.post("/v1/sql", "{\"sql\":\"SELECT INTERVAL '1.5' SECOND AS s, "
            + "(TIMESTAMP '2026-01-02 00:00:00' - TIMESTAMP '2026-01-01 00:00:00.250') + INTERVAL '1' DAY AS d\"}");
        assertThat(query.status()).isEqualTo(200);
        assertThat(query.body()).contains("[\"00:00:01.5\",\"1 day 23:59:59.75\"]");
    }

    @Test
    void an_idempotency_key_on_a_write_is_refused_rather_than_ignored_and_nothing_runs() {
        String insert = "{\"sql\":\"/* retried */ INSERT INTO events (stream_id, entity_type, name, data) "
            + "VALUES ('order-1', 'order', 'order.placed', '{}')\"}";

        Client.Answer keyed = client.post("/v1/sql", insert, "Idempotency-Key", "k-1");
        // a query may carry one (some clients send it on every POST): reading twice is harmless
        Client.Answer count = client.post("/v1/sql", "{\"sql\":\"-- how many\\n SELECT COUNT(*) FROM events\"}",
            "Idempotency-Key", "k-2");

        assertThat(keyed.status()).isEqualTo(400);
        assertThat(keyed.json().get("error").asText()).contains("Idempotency-Key", "/v1/streams/{streamId}/events");
        assertThat(count.status()).isEqualTo(200);
        assertThat(count.json().get("rows").get(0).get(0).asLong()).isZero();
        assertThat(client.post("/v1/sql", "{\"sql\":\"(SELECT 1) UNION ALL (SELECT 2)\"}", "Idempotency-Key", "k-3")
            .status()).isEqualTo(200);
    }

    @Test
    void a_write_behind_a_line_comment_ended_as_the_parser_ends_it_is_refused_with_an_idempotency_key_too() {
        // the parser ends a line comment at a bare carriage return: the check read "-- x\rINSERT …" as a comment and
        // ran the INSERT, once per retry of the key; "//" starts a line comment for the parser as "--" does
        String insert = "INSERT INTO events (stream_id, entity_type, name, data)\\n"
            + "SELECT 'order-1', 'order', 'order.placed', '{}' FROM (VALUES (1)) AS v(x)";
        for (String sql : List.of("-- x\\r" + insert, "-- x\\r\\n" + insert, "/* a */ -- b\\r" + insert)) {
            Client.Answer keyed = client.post("/v1/sql", "{\"sql\":\"" + sql + "\"}", "Idempotency-Key", "k-cr");

            assertThat(keyed.status()).as(sql).isEqualTo(400);
        }
        assertThat(client.post("/v1/sql", "{\"sql\":\"SELECT COUNT(*) FROM events\"}").json().get("rows").get(0).get(0)
            .asLong()).as("nothing ran").isZero();
        assertThat(client.post("/v1/sql", "{\"sql\":\"// how many\\rSELECT COUNT(*) FROM events\"}",
            "Idempotency-Key", "k-slash").json().get("rows").get(0).get(0).asLong()).isZero();
    }

    @Test
    void unnamed_columns_are_named_as_postgres_names_them() {
        Client.Answer query = client.post("/v1/sql", "{\"sql\":\"SELECT COUNT(*), MAX(seq) + 1 FROM events\"}");

        assertThat(query.status()).isEqualTo(200);
        JsonNode columns = query.json().get("columns");
        assertThat(columns.get(0).get("name").asText()).isEqualTo("count");
        assertThat(columns.get(1).get("name").asText()).isEqualTo("?column?");
    }

    @Test
    void parameters_bind_in_order() {
        client.post("/v1/streams/order-1/events", "{\"entityType\":\"order\",\"name\":\"order.placed\",\"data\":{}}");
        client.post("/v1/streams/order-2/events", "{\"entityType\":\"order\",\"name\":\"order.placed\",\"data\":{}}");

        Client.Answer query = client.post("/v1/sql",
            "{\"sql\":\"SELECT stream_id FROM events WHERE stream_id = ? AND seq >= ?\",\"params\":[\"order-2\",1]}");

        assertThat(query.status()).isEqualTo(200);
        assertThat(query.json().get("rows")).hasSize(1);
        assertThat(query.json().get("rows").get(0).get(0).asText()).isEqualTo("order-2");
    }

    @Test
    void a_statement_with_params_kept_prepared_takes_each_requests_values_and_none_of_the_last_ones() {
        client.post("/v1/streams/order-1/events", "{\"entityType\":\"order\",\"name\":\"order.placed\",\"data\":{}}");
        String sql = "SELECT COUNT(*) AS n FROM events WHERE stream_id = ?";
        for (String stream : List.of("order-1", "order-2", "order-1")) {
            Client.Answer answer = client.post("/v1/sql", "{\"sql\":\"" + sql + "\",\"params\":[\"" + stream + "\"]}");
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().get("rows").get(0).get(0).asLong()).as(stream)
                .isEqualTo(stream.equals("order-1") ? 1 : 0);
        }
        Client.Answer unset = client.post("/v1/sql", "{\"sql\":\"" + sql + "\",\"params\":[]}");
        assertThat(unset.status()).as("the last request's value is not this one's").isEqualTo(400);
        assertThat(unset.json().get("sqlState").asText()).isEqualTo("22023");
    }

    /**
     * A statement kept prepared over a projection whose columns changed since is prepared again: run as it was kept,
     * it failed 0A000 ("run the statement again") on each pooled connection that kept it.
     */
    @Test
    void a_statement_with_params_kept_prepared_sees_a_projection_replaced_since() {
        client.post("/v1/streams/order-1/events", "{\"entityType\":\"order\",\"name\":\"order.placed\",\"data\":{}}");
        assertThat(client.post("/v1/sql", "{\"sql\":\"CREATE PROJECTION p AS SELECT stream_id, COUNT(*) AS n "
            + "FROM events GROUP BY stream_id\"}").status()).isEqualTo(200);
        String read = "{\"sql\":\"SELECT * FROM p WHERE stream_id = ?\",\"params\":[\"order-1\"]}";
        assertThat(client.post("/v1/sql", read).json().get("columns")).hasSize(2);
        assertThat(client.post("/v1/sql", read).json().get("columns")).hasSize(2);

        assertThat(client.post("/v1/sql", "{\"sql\":\"CREATE OR REPLACE PROJECTION p AS SELECT stream_id, "
            + "COUNT(*) AS n, MAX(seq) AS last_seq FROM events GROUP BY stream_id\"}").status()).isEqualTo(200);

        Client.Answer after = client.post("/v1/sql", read);
        assertThat(after.status()).as(after.body()).isEqualTo(200);
        assertThat(after.json().get("columns")).hasSize(3);
    }

    /**
     * A version conflict or a typo leaves the pooled connection serving, its plan cache with it: every SQL error closed
     * it, so a guarded INSERT's conflict cost the next requests their preparations.
     */
    @Test
    void a_statements_own_error_leaves_its_pooled_connection_and_plan_cache_serving() {
        String count = "{\"sql\":\"SELECT COUNT(*) AS n FROM events WHERE stream_id = 'order-1'\"}";
        client.post("/v1/sql", count);
        assertThat(client.post("/v1/sql", count).status()).isEqualTo(200);
        long hits = planCacheHits();
        assertThat(hits).isPositive();

        assertThat(client.post("/v1/sql", "{\"sql\":\"INSERT INTO events (stream_id, entity_type, name, data, "
            + "expected_version) VALUES ('order-1', 'order', 'order.placed', '{}', 5)\"}").status()).isEqualTo(409);
        assertThat(client.post("/v1/sql", "{\"sql\":\"SELEC 1\"}").status()).isEqualTo(400);

        assertThat(client.post("/v1/sql", count).status()).isEqualTo(200);
        assertThat(planCacheHits()).as("the same connection, its plan cache kept").isEqualTo(hits + 1);
    }

    private long planCacheHits() {
        String metrics = client.get("/metrics").body();
        return metrics.lines().filter(l -> l.startsWith("hindsight_plan_cache_hits_total "))
            .mapToLong(l -> (long) Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst().orElseThrow();
    }

    @Test
    void a_repeated_shape_runs_again_on_a_pooled_connection_with_the_same_answer() {
        for (int i = 0; i < 20; i++) {
            Client.Answer answer = client.post("/v1/sql", "{\"sql\":\"SELECT COUNT(*) AS n FROM events\"}");
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().get("rows").get(0).get(0).asLong()).isZero();
        }
    }

    @Test
    void an_array_is_a_json_array_of_its_elements_written_as_columns_are() {
        Client.Answer a = client.post("/v1/sql", "{\"sql\":\"SELECT ARRAY['a, b', NULL] AS x, ARRAY['a', 'b'] AS y, "
            + "ARRAY[1.5, 2] AS d, ARRAY[CAST(1.5 AS DOUBLE)] AS f, ARRAY[x'00ff'] AS b, ARRAY[ARRAY[1, 2], ARRAY[3]] "
            + "AS n, ARRAY[TIMESTAMP '2026-01-01 00:00:00'] AS t\"}");

        assertThat(a.status()).isEqualTo(200);
        // it was the Java text: "[a, b, null]" and "[a, b]" read the same, and the binary's bytes were lost
        assertThat(a.json().get("rows").get(0).toString()).isEqualTo("[[\"a, b\",null],[\"a\",\"b\"],[1.5,2.0],[1.5],"
            + "[\"00ff\"],\"[[1, 2], [3]]\",\"[2026-01-01 00:00:00]\"]"); // the last two as before: see ArrayValues
    }

    @Test
    void a_request_on_a_pooled_connection_does_not_see_what_the_request_before_it_appended() {
        Client.Answer insert = client.post("/v1/sql", "{\"sql\":\"INSERT INTO events (stream_id, entity_type, name, "
            + "data) VALUES ('secret-1', 'order', 'order.placed', '{}') RETURNING seq\"}");
        assertThat(insert.status()).isEqualTo(200);

        // the pool's one idle connection served each: it showed the INSERT's seq, version and event id to them
        for (int i = 0; i < 3; i++) {
            Client.Answer last = client.post("/v1/sql", "{\"sql\":\"SELECT seq FROM sys.last_append\"}");
            assertThat(last.status()).isEqualTo(200);
            assertThat(last.json().get("rows")).as("another request's append").isEmpty();
        }
    }

    @Test
    void a_request_on_a_pooled_connection_does_not_see_what_the_requests_before_it_ran() {
        Client.Answer secret = client.post("/v1/sql", "{\"sql\":\"SELECT stream_id FROM events WHERE "
            + "JSON_VALUE(data, '$.email') = 'alice.private@example.com'\"}");
        assertThat(secret.status()).isEqualTo(200);

        // the pool's one idle connection served each: sys.statements listed the earlier request's text, literal
        // and all (to other API keys of the role as well)
        for (int i = 0; i < 3; i++) {
            Client.Answer shapes = client.post("/v1/sql", "{\"sql\":\"SELECT shape, hits FROM sys.statements\"}");
            assertThat(shapes.status()).isEqualTo(200);
            assertThat(shapes.body()).as("another request's statement").doesNotContain("alice.private");
        }
    }

    @Test
    void sql_errors_map_to_statuses_by_sqlstate_without_a_stack_trace() {
        Client.Answer syntax = client.post("/v1/sql", "{\"sql\":\"SELEC nothing\"}");
        Client.Answer noTable = client.post("/v1/sql", "{\"sql\":\"SELECT * FROM no_such_table\"}");
        Client.Answer appendOnly = client.post("/v1/sql", "{\"sql\":\"DELETE FROM events\"}");
        client.post("/v1/streams/order-1/events", "{\"entityType\":\"order\",\"name\":\"order.placed\",\"data\":{}}");
        Client.Answer conflict = client.post("/v1/sql", "{\"sql\":\"INSERT INTO events (stream_id, entity_type, "
            + "name, data, expected_version) VALUES ('order-1', 'order', 'order.paid', '{}', 0)\"}");

        assertThat(syntax.status()).isEqualTo(400);
        assertThat(syntax.code()).isEqualTo("sql_error");
        assertThat(syntax.json().get("sqlState").asText()).startsWith("42");
        assertThat(noTable.status()).isEqualTo(400);
        assertThat(noTable.json().get("sqlState").asText()).isEqualTo("42P01");
        assertThat(appendOnly.status()).isEqualTo(403);
        assertThat(appendOnly.json().get("error").asText()).contains("append-only");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.code()).isEqualTo("version_conflict");
        assertThat(conflict.json().get("actualVersion").asLong()).isEqualTo(1);
        // a multi-row INSERT's conflict names its row, as the append route's does (it had no index)
        Client.Answer second = client.post("/v1/sql", "{\"sql\":\"INSERT INTO events (stream_id, entity_type, "
            + "name, data, expected_version) VALUES ('order-2', 'order', 'order.placed', '{}', 0), ('order-1', "
            + "'order', 'order.paid', '{}', 5)\"}");
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("index").asInt()).as(second.body()).isEqualTo(1);
        for (Client.Answer a : new Client.Answer[] {syntax, noTable, appendOnly, conflict}) {
            assertThat(a.body()).doesNotContain("\tat ").doesNotContain("Exception:");
        }
    }

    @Test
    void a_body_without_sql_is_400_naming_the_field() {
        Client.Answer answer = client.post("/v1/sql", "{\"query\":\"SELECT 1\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error").asText()).contains("query");
    }
}
