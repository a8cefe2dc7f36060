package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.projection.ColumnType;
import dev.hindsight.projection.Projection;
import dev.hindsight.projection.ProjectionColumn;
import dev.hindsight.projection.ProjectionEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectionRoutesTest {

    static final String CREATE = "{\"sql\":\"CREATE PROJECTION customer_totals AS SELECT "
        + "JSON_VALUE(data, '$.customerId') AS customer_id, COUNT(*) AS orders FROM events "
        + "WHERE name = 'order.placed' GROUP BY JSON_VALUE(data, '$.customerId')\"}";

    @TempDir
    Path dir;

    RunningServer running;
    Client client;

    @BeforeEach
    void given_orders_of_two_customers() throws Exception {
        running = RunningServer.start(dir);
        client = running.client;
        placeOrder("order-1", "c1");
        placeOrder("order-2", "c1");
        placeOrder("order-3", "c2");
    }

    @AfterEach
    void stop() {
        running.close();
    }

    @Test
    void a_created_projection_is_listed_with_its_status_and_answers_its_rows() {
        Client.Answer created = client.post("/v1/projections", CREATE);
        Client.Answer waited = client.get("/v1/projections/customer_totals/wait?seq=3&timeoutMs=10000");
        Client.Answer list = client.get("/v1/projections");
        Client.Answer status = client.get("/v1/projections/customer_totals/status");
        Client.Answer rows = client.get("/v1/projections/customer_totals");
        Client.Answer c1 = client.get("/v1/projections/customer_totals?partition=c1");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("name").asText()).isEqualTo("customer_totals");
        assertThat(waited.status()).isEqualTo(200);
        assertThat(list.json().findValuesAsText("name")).contains("customer_totals");
        assertThat(status.json().get("position").asLong()).isEqualTo(3);
        assertThat(status.json().get("lag").asLong()).isZero();
        assertThat(rows.json().get("rows")).hasSize(2);
        assertThat(rows.json().get("columns").get(0).get("name").asText()).isEqualToIgnoringCase("customer_id");
        assertThat(c1.json().get("rows")).hasSize(1);
        assertThat(c1.json().get("rows").get(0).get(1).asLong()).isEqualTo(2);
    }

    @Test
    void a_partition_is_read_as_a_value_of_the_keys_type_and_a_null_key_matches_nothing() {
        client.post("/v1/projections", "{\"sql\":\"CREATE PROJECTION by_seq AS SELECT CAST(seq AS DECIMAL(10, 2)) "
            + "AS k, COUNT(*) AS n FROM events GROUP BY CAST(seq AS DECIMAL(10, 2))\"}");
        client.post("/v1/projections", "{\"sql\":\"CREATE PROJECTION by_time AS SELECT ts AS k, COUNT(*) AS n "
            + "FROM events GROUP BY ts\"}");
        client.post("/v1/projections", "{\"sql\":\"CREATE PROJECTION by_missing AS SELECT JSON_VALUE(data, "
            + "'$.missing') AS k, COUNT(*) AS n FROM events GROUP BY JSON_VALUE(data, '$.missing')\"}");
        for (String name : List.of("by_seq", "by_time", "by_missing")) {
            assertThat(client.get("/v1/projections/" + name + "/wait?seq=3&timeoutMs=10000").status()).isEqualTo(200);
        }
        String firstTs = client.get("/v1/projections/by_time").json().get("rows").get(0).get(0).asText();

        Client.Answer two = client.get("/v1/projections/by_seq?partition=2");
        Client.Answer time = client.get("/v1/projections/by_time?partition=" + firstTs);
        Client.Answer nullKey = client.get("/v1/projections/by_missing?partition=null");
        Client.Answer notANumber = client.get("/v1/projections/by_seq?partition=abc");
        Client.Answer notATime = client.get("/v1/projections/by_time?partition=yesterday");

        assertThat(two.json().get("rows")).as("5 finds 5.00").hasSize(1);
        assertThat(two.json().get("rows").get(0).get(0).decimalValue()).isEqualByComparingTo("2");
        assertThat(time.json().get("rows")).as("the time as a read shows it: " + firstTs).isNotEmpty();
        assertThat(nullKey.json().get("rows")).as("a NULL key is no text 'null'").isEmpty();
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.json().get("error").asText()).contains("partition must be a number", "'abc'");
        assertThat(notATime.status()).isEqualTo(400);
        assertThat(notATime.json().get("error").asText()).contains("ISO-8601", "'yesterday'");
        // a time Instant reads but no millisecond count holds (it was a 500 with an ArithmeticException logged)
        Client.Answer tooLate = client.get("/v1/projections/by_time?partition=%2B999999999-12-31T23:59:59Z");
        assertThat(tooLate.status()).isEqualTo(400);
        assertThat(tooLate.json().get("error").asText()).contains("ISO-8601", "'+999999999-12-31T23:59:59Z'");
    }

    @Test
    void a_projection_failed_on_an_event_answers_its_wait_at_once_with_409_and_reads_say_where_its_rows_are_exact() {
        Client.Answer created = client.post("/v1/projections", "{\"sql\":\"CREATE PROJECTION totals AS SELECT "
            + "stream_id AS sid, SUM(CAST(JSON_VALUE(data, '$.total') AS INTEGER)) AS t FROM events "
            + "GROUP BY stream_id\"}");
        client.post("/v1/streams/order-9/events", "{\"entityType\":\"order\",\"name\":\"order.placed\","
            + "\"data\":{\"total\":\"five\"}}");
        placeOrder("order-10", "c4");

        Client.Answer waited = client.get("/v1/projections/totals/wait?seq=5&timeoutMs=60000");
        Client.Answer read = client.get("/v1/projections/totals");

        assertThat(created.status()).isEqualTo(201);
        assertThat(waited.status()).as(waited.body()).isEqualTo(409);
        assertThat(waited.code()).isEqualTo("projection_failed");
        assertThat(waited.json().get("error").asText()).contains("failed at seq 4", "invalid value for a cast");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("seq").asLong()).as("as of the event before the failure").isEqualTo(3);
        assertThat(read.json().get("rows")).hasSize(3);
    }

    @Test
    void a_wait_for_a_projection_dropped_while_it_waits_is_404() throws Exception {
        // the wait ended in an exception no route answers: a 500 (before the wait went on past a replacement, it
        // ended as "not applied" and found no status: a 404 too); a drop before the wait begins is the same 404
        for (int round = 0; round < 5; round++) {
            String name = "dropped_" + round;
            client.post("/v1/sql", "{\"sql\":\"CREATE PROJECTION " + name + " AS SELECT stream_id, COUNT(*) AS n "
                + "FROM events GROUP BY stream_id\"}");
            CompletableFuture<Client.Answer> waited = CompletableFuture.supplyAsync(
                () -> client.get("/v1/projections/" + name + "/wait?seq=1000000&timeoutMs=30000"));
            client.post("/v1/sql", "{\"sql\":\"DROP PROJECTION " + name + "\"}");
            Client.Answer answer = waited.get(60, TimeUnit.SECONDS);

            assertThat(answer.status()).as(answer.body()).isEqualTo(404);
            assertThat(answer.body()).contains("there is no projection named " + name);
        }
    }

    @Test
    void a_time_at_the_end_of_the_day_is_read_as_24_00_00() {
        // a LocalTime holds no 24:00:00: the read was a 500
        client.post("/v1/projections", "{\"sql\":\"CREATE PROJECTION ends AS SELECT stream_id, "
            + "MAX(CAST('24:00:00' AS TIME)) AS t FROM events GROUP BY stream_id\"}");
        Client.Answer read = client.get("/v1/projections/ends");

        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().get("rows").get(0).get(1).asText()).isEqualTo("24:00:00");
    }

    @Test
    void dates_times_intervals_and_small_numbers_are_read_typed_as_post_v1_sql_answers_them() {
        client.post("/v1/projections", "{\"sql\":\"CREATE PROJECTION days AS SELECT CAST(ts AS DATE) AS d, "
            + "MIN(CAST(ts AS TIME)) AS t, MAX(ts) - MIN(ts) + INTERVAL '1' HOUR AS span, "
            + "MAX(INTERVAL '25' HOUR) AS hours, "
            + "MAX(CAST(version AS SMALLINT)) AS v, COUNT(*) AS n FROM events GROUP BY CAST(ts AS DATE)\"}");
        Client.Answer read = client.get("/v1/projections/days");
        Client.Answer sql = client.post("/v1/sql", "{\"sql\":\"SELECT CAST(MIN(ts) AS DATE) AS d, "
            + "CAST(MIN(CAST(ts AS TIME)) AS VARCHAR) AS t, MIN(CAST(ts AS TIME)) AS t2, "
            + "CAST(TIMESTAMP '2026-01-01 10:00:00.120' AS TIME) AS t3 FROM events\"}");
        String day = read.json().get("rows").get(0).get(0).asText();

        assertThat(read.json().get("columns").findValuesAsText("type")).as("was INTERVAL_DAY_SECOND, INTEGER, …")
            .containsExactly("DATE", "TIME", "INTERVAL_DAY_TO_SECOND", "INTERVAL_HOUR", "SMALLINT", "BIGINT")
            .isEqualTo(client.post("/v1/sql", "{\"sql\":\"SELECT * FROM days\"}").json().get("columns")
                .findValuesAsText("type"));
        assertThat(day).as("was days since 1970 as a number").isEqualTo(sql.json().get("rows").get(0).get(0)
            .asText());
        assertThat(client.get("/v1/projections/days?partition=" + day).json().get("rows")).hasSize(1);
        assertThat(read.json().get("rows").get(0).get(1).asText()).matches("\\d\\d:\\d\\d:\\d\\d(\\.\\d{0,2}[1-9])?")
            .isEqualTo(sql.json().get("rows").get(0).get(1).asText());
        assertThat(sql.json().get("rows").get(0).get(2).asText()).as("a TIME, not cast to text: was 3 fraction digits")
            .isEqualTo(sql.json().get("rows").get(0).get(1).asText());
        assertThat(sql.json().get("rows").get(0).get(3).asText()).isEqualTo("10:00:00.12");
        assertThat(read.json().get("rows").get(0).get(2).asText()).startsWith("01:00:");
        assertThat(read.json().get("rows").get(0).get(3).asText()).as("hours whole, as POST /v1/sql writes them")
            .isEqualTo("25:00:00");
        assertThat(read.json().get("rows").get(0).get(4).isNumber()).as("a SMALLINT as a number").isTrue();
        client.post("/v1/projections", "{\"sql\":\"CREATE PROJECTION by_version AS SELECT CAST(version AS SMALLINT) "
            + "AS v, COUNT(*) AS n FROM events GROUP BY CAST(version AS SMALLINT)\"}");
        assertThat(client.get("/v1/projections/by_version?partition=1").json().get("rows"))
            .as("a SMALLINT key by its number").hasSize(1);
    }

    @Test
    void a_statement_with_comments_before_it_is_a_create_projection_still() {
        Client.Answer created = client.post("/v1/projections", "{\"sql\":\"/* why */ -- who\\n CREATE PROJECTION "
            + "commented AS SELECT name, COUNT(*) AS n FROM events GROUP BY name\"}");
        Client.Answer other = client.post("/v1/projections", "{\"sql\":\"/* CREATE PROJECTION x */ SELECT 1\"}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("name").asText()).isEqualTo("commented");
        assertThat(other.status()).isEqualTo(400);
    }

    @Test
    void a_comment_inside_the_head_or_a_quoted_name_touching_as_is_a_create_projection_as_post_v1_sql_runs_it() {
        Client.Answer inside = client.post("/v1/projections", "{\"sql\":\"CREATE /* v2 */ PROJECTION--x\\n "
            + "inside AS SELECT name, COUNT(*) AS n FROM events GROUP BY name\"}");
        Client.Answer touching = client.post("/v1/projections", "{\"sql\":\"CREATE PROJECTION \\\"touching\\\"AS "
            + "SELECT name, COUNT(*) AS n FROM events GROUP BY name\"}");

        assertThat(inside.status()).as(inside.body()).isEqualTo(201);
        assertThat(inside.json().get("name").asText()).isEqualTo("inside");
        assertThat(touching.status()).as(touching.body()).isEqualTo(201);
        assertThat(touching.json().get("name").asText()).isEqualTo("touching");
    }

    @Test
    void a_read_as_of_a_past_seq_sees_the_state_then() {
        client.post("/v1/projections", CREATE);

        Client.Answer atOne = client.get("/v1/projections/customer_totals?asOf=seq:1");
        Client.Answer bad = client.get("/v1/projections/customer_totals?asOf=yesterday");

        assertThat(atOne.json().get("seq").asLong()).isEqualTo(1);
        assertThat(atOne.json().get("rows")).hasSize(1);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").asText()).contains("yesterday");
        // an ISO time with Z, with an offset, or without one (UTC, as ts is)
        for (String before : List.of("2000-01-01T00:00:00Z", "2000-01-01T01:00:00%2B01:00",
            "2000-01-01T01:00:00+01:00", "2000-01-01T00:00:00", "2000-01-01%2000:00:00")) {
            Client.Answer then = client.get("/v1/projections/customer_totals?asOf=" + before);
            assertThat(then.status()).as(before).isEqualTo(200);
            assertThat(then.json().get("seq").asLong()).as(before).isZero();
            assertThat(then.json().get("rows")).as(before).isEmpty();
        }
        Client.Answer later = client.get("/v1/projections/customer_totals?asOf=2999-01-01T00:00:00");
        assertThat(later.json().get("seq").asLong()).isEqualTo(3);
        for (String beyond : List.of("%2B999999999-12-31T23:59:59Z", "-300000000-01-01T00:00:00Z")) {
            Client.Answer refused = client.get("/v1/projections/customer_totals?asOf=" + beyond);
            assertThat(refused.status()).as(beyond).isEqualTo(400);
            assertThat(refused.json().get("code").asText()).as(beyond).isEqualTo("bad_request");
        }
    }

    @Test
    void waiting_for_a_seq_not_yet_in_the_log_times_out_with_408() {
        client.post("/v1/projections", CREATE);

        Client.Answer answer = client.get("/v1/projections/customer_totals/wait?seq=100&timeoutMs=50");

        assertThat(answer.status()).isEqualTo(408);
        assertThat(answer.code()).isEqualTo("timeout");
    }

    @Test
    void waiting_for_an_event_id_returns_once_it_is_applied() {
        client.post("/v1/projections", CREATE);
        String eventId = placeOrder("order-4", "c3");

        Client.Answer answer = client.get("/v1/projections/customer_totals/wait?eventId=" + eventId);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("position").asLong()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void a_rebuild_is_accepted_and_a_drop_removes_the_projection() {
        client.post("/v1/projections", CREATE);

        Client.Answer rebuild = client.post("/v1/projections/customer_totals/rebuild", null);
        Client.Answer drop = client.delete("/v1/projections/customer_totals");
        Client.Answer dropAgain = client.delete("/v1/projections/customer_totals");
        Client.Answer status = client.get("/v1/projections/customer_totals/status");

        assertThat(rebuild.status()).isEqualTo(202);
        assertThat(drop.status()).isEqualTo(204);
        assertThat(dropAgain.status()).isEqualTo(404);
        assertThat(status.status()).isEqualTo(404);
    }

    @Test
    void a_statement_that_is_not_a_create_is_400_and_a_taken_name_409() {
        client.post("/v1/projections", CREATE);

        Client.Answer notCreate = client.post("/v1/projections", "{\"sql\":\"SELECT 1\"}");
        Client.Answer again = client.post("/v1/projections", CREATE);

        assertThat(notCreate.status()).isEqualTo(400);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("already_exists");
    }

    @Test
    void a_create_with_an_idempotency_key_is_400_and_creates_nothing_as_post_v1_sql_refuses_a_write_with_one() {
        // the key was taken and ignored: a retry of a create that succeeded was 409 already_exists
        Client.Answer keyed = client.post("/v1/projections", CREATE, "Idempotency-Key", "create-1");

        assertThat(keyed.status()).as(keyed.body()).isEqualTo(400);
        assertThat(keyed.json().get("error").asText()).contains("Idempotency-Key");
        assertThat(client.get("/v1/projections/customer_totals").status()).isEqualTo(404);
    }

    @Test
    void a_quoted_name_is_taken_and_a_statement_may_end_with_a_semicolon_as_spec_writes_them() {
        Client.Answer quoted = client.post("/v1/projections", "{\"sql\":\"CREATE PROJECTION \\\"Totals\\\" AS "
            + "SELECT stream_id, COUNT(*) AS n FROM events GROUP BY stream_id;\"}");
        Client.Answer ended = client.post("/v1/projections", CREATE.replace("\"}", ";\"}"));
        Client.Answer rows = client.get("/v1/projections/totals"); // the engine lower-cases projection names
        Client.Answer dropped = client.post("/v1/sql", "{\"sql\":\"DROP PROJECTION customer_totals; \"}");

        assertThat(quoted.status()).as(quoted.body()).isEqualTo(201);
        assertThat(quoted.json().get("name").asText()).isEqualTo("totals");
        assertThat(ended.status()).as(ended.body()).isEqualTo(201);
        assertThat(rows.status()).isEqualTo(200);
        assertThat(dropped.status()).as(dropped.body()).isEqualTo(200);
    }

    @Test
    void a_name_in_the_path_is_folded_to_lower_case_as_sql_folds_it_on_every_route() {
        client.post("/v1/projections", CREATE);

        assertThat(client.get("/v1/projections/Customer_Totals/wait?seq=3&timeoutMs=10000").status()).isEqualTo(200);
        assertThat(client.get("/v1/projections/CUSTOMER_TOTALS").json().get("rows")).hasSize(2);
        assertThat(client.get("/v1/projections/Customer_Totals/status").json().get("name").asText())
            .isEqualTo("customer_totals");
        assertThat(client.post("/v1/projections/Customer_Totals/rebuild", null).status()).isEqualTo(202);
        assertThat(client.delete("/v1/projections/Customer_Totals").status()).isEqualTo(204);
        assertThat(client.get("/v1/projections/customer_totals").status()).isEqualTo(404);
    }

    @Test
    void an_empty_partition_finds_the_row_whose_key_is_the_empty_text_not_every_row() {
        client.post("/v1/streams/order-4/events", "{\"entityType\":\"order\",\"name\":\"order.placed\","
            + "\"data\":{\"customerId\":\"\",\"total\":7}}");
        client.post("/v1/projections", CREATE);
        client.post("/v1/projections", "{\"sql\":\"CREATE PROJECTION everything AS SELECT COUNT(*) AS n "
            + "FROM events\"}");
        client.post("/v1/projections", "{\"sql\":\"CREATE PROJECTION by_version AS SELECT version AS v, COUNT(*) AS n "
            + "FROM events GROUP BY version\"}");
        for (String name : List.of("customer_totals", "everything", "by_version")) {
            assertThat(client.get("/v1/projections/" + name + "/wait?seq=4&timeoutMs=10000").status()).isEqualTo(200);
        }

        Client.Answer empty = client.get("/v1/projections/customer_totals?partition=");

        assertThat(empty.json().get("rows")).hasSize(1);
        assertThat(empty.json().get("rows").get(0).get(0).asText()).isEmpty();
        assertThat(client.get("/v1/projections/everything?partition=").status()).isEqualTo(400);
        assertThat(client.get("/v1/projections/by_version?partition=").status()).isEqualTo(400);
    }

    /** The projection's own fault: said in SQL's words, no Java class named (a 200 wrote any number before). */
    @Test
    void a_java_projections_row_of_the_wrong_kind_is_500_invalid_row_naming_the_column() {
        running.server.context().projections().register(new Projection<Long>() {
            @Override
            public String name() {
                return "wrong_kind";
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
                return List.of(ProjectionColumn.of("orders", ColumnType.BIGINT));
            }

            @Override
            public Object[] row(String partition, Long count) {
                return new Object[] {count.intValue()};
            }
        });

        Client.Answer read = client.get("/v1/projections/wrong_kind");

        assertThat(read.status()).isEqualTo(500);
        assertThat(read.code()).isEqualTo("invalid_row");
        assertThat(read.json().get("error").asText()).isEqualTo("projection wrong_kind gave column orders (BIGINT, "
            + "held as a 64-bit integer) a 32-bit integer");
    }

    @Test
    void a_projection_named_by_a_keyword_is_dropped_by_its_route() {
        Client.Answer created = client.post("/v1/projections", "{\"sql\":\"CREATE PROJECTION \\\"order\\\" AS "
            + "SELECT stream_id, COUNT(*) AS n FROM events GROUP BY stream_id\"}");

        Client.Answer drop = client.delete("/v1/projections/order"); // it ran DROP PROJECTION order: 42601

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(drop.status()).as(drop.body()).isEqualTo(204);
        assertThat(client.get("/v1/projections/order").status()).isEqualTo(404);
    }

    /** Such a read was 404 (a NumberFormatException taken for "no such projection") or a 500. */
    @Test
    void a_value_its_definition_refuses_on_read_is_400_with_the_sqlstate_the_same_select_answers() {
        client.post("/v1/projections", "{\"sql\":\"CREATE PROJECTION per_customer AS SELECT "
            + "JSON_VALUE(data, '$.customerId') AS c, CAST(JSON_VALUE(data, '$.customerId') AS INTEGER) + COUNT(*) "
            + "AS n, 10 / (COUNT(*) - 2) AS d FROM events WHERE name = 'order.placed' "
            + "GROUP BY JSON_VALUE(data, '$.customerId')\"}");
        client.get("/v1/projections/per_customer/wait?seq=3&timeoutMs=10000");

        Client.Answer read = client.get("/v1/projections/per_customer");
        Client.Answer selected = client.post("/v1/sql", "{\"sql\":\"SELECT c, n FROM per_customer\"}");
        Client.Answer divided = client.post("/v1/sql", "{\"sql\":\"SELECT c, d FROM per_customer\"}");

        assertThat(read.status()).as(read.body()).isEqualTo(400);
        assertThat(read.json().get("sqlState").asText()).isIn("22018", "22012"); // c1's n or its d: either fails
        assertThat(selected.status()).as(selected.body()).isEqualTo(400);
        assertThat(selected.json().get("sqlState").asText()).isEqualTo("22018");
        assertThat(divided.status()).as(divided.body()).isEqualTo(400);
        assertThat(divided.json().get("sqlState").asText()).isIn("22018", "22012");
        assertThat(client.get("/v1/projections/per_customer/status").json().get("status").asText())
            .isEqualTo("active");
    }

    @Test
    void every_route_of_an_unknown_projection_is_404() {
        assertThat(client.get("/v1/projections/nope").status()).isEqualTo(404);
        assertThat(client.get("/v1/projections/nope/status").status()).isEqualTo(404);
        assertThat(client.get("/v1/projections/nope/wait?seq=1").status()).isEqualTo(404);
        assertThat(client.post("/v1/projections/nope/rebuild", null).status()).isEqualTo(404);
    }

    @Test
    void a_projection_whose_stored_definition_no_longer_compiles_is_listed_as_failed_and_409_until_dropped()
            throws Exception {
        client.post("/v1/projections", CREATE);
        running.close();
        Path stored = dir.resolve("projections/customer_totals.sql");
        Files.writeString(stored, "CREATE PROJECTION customer_totals AS SELECT RETIRED_FN(data) AS x, COUNT(*) AS n "
            + "FROM events GROUP BY RETIRED_FN(data)");
        running = RunningServer.start(dir);
        client = running.client;

        Client.Answer list = client.get("/v1/projections");
        Client.Answer status = client.get("/v1/projections/customer_totals/status");
        Client.Answer rows = client.get("/v1/projections/customer_totals");
        Client.Answer waited = client.get("/v1/projections/customer_totals/wait?seq=1");
        Client.Answer rebuild = client.post("/v1/projections/customer_totals/rebuild", null);
        Client.Answer awaited = client.post("/v1/sql",
            "{\"sql\":\"SELECT * FROM TABLE(sys.await_projection('customer_totals', 1, 10))\"}");
        Client.Answer again = client.post("/v1/projections", CREATE);
        Client.Answer drop = client.delete("/v1/projections/customer_totals");

        assertThat(list.json().findValuesAsText("status")).containsExactly("failed");
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().get("status").asText()).isEqualTo("failed");
        assertThat(status.json().get("error").asText()).contains("no longer compiles").contains("RETIRED_FN");
        for (Client.Answer refused : List.of(rows, waited, rebuild, awaited)) {
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.code()).isEqualTo("projection_failed");
            assertThat(refused.json().get("error").asText()).contains("RETIRED_FN");
        }
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("already_exists");
        assertThat(drop.status()).isEqualTo(204);
        assertThat(client.get("/v1/projections/customer_totals/status").status()).isEqualTo(404);
        assertThat(stored).doesNotExist();
    }

    private String placeOrder(String orderId, String customerId) {
        return client.post("/v1/streams/" + orderId + "/events", "{\"entityType\":\"order\",\"name\":\"order.placed\","
            + "\"data\":{\"customerId\":\"" + customerId + "\",\"total\":5}}").json().get(0).get("eventId").asText();
    }
}
