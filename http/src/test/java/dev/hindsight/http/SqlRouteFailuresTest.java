package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hindsight.log.EventLog;
import dev.hindsight.log.ExpectedVersion;
import dev.hindsight.log.NewEvent;
import dev.hindsight.log.Source;
import dev.hindsight.testkit.LogCapture;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/sql} when a statement fails: a client's mistake is a {@code 400} naming it with its SQLState, never
 * an internal error; a failure while rows are being written never leaves a body that looks whole.
 */
class SqlRouteFailuresTest {

    /** Events of ~1 KB each: 200 of them make an answer several times Undertow's buffer. */
    private static final int EVENTS = 200;

    @TempDir
    Path dir;

    RunningServer running;

    @BeforeEach
    void start() throws Exception {
        running = RunningServer.start(dir);
        fill(running.server.context().log());
    }

    @AfterEach
    void stop() {
        running.close();
    }

    @Test
    void a_failure_before_any_byte_went_out_is_the_whole_answer() throws Exception {
        Client.Answer answer = sql("{\"sql\":\"SELECT seq, 1 / (seq - 5) AS v FROM events\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).startsWith("{\"error\":");
        assertThat(new ObjectMapper().readTree(answer.body()).get("sqlState").asText()).isEqualTo("22012");
        assertThat(answer.body()).doesNotContain("rows");
    }

    @Test
    void a_failure_after_rows_went_out_cuts_the_answer_short_instead_of_closing_it() throws Exception {
        String request = "{\"sql\":\"SELECT seq, data, 1 / (seq - " + EVENTS + ") AS v FROM events\"}";
        byte[] body = request.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), running.server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(RawHttp.head("POST", "/v1/sql", "Content-Type: application/json",
                "Content-Length: " + body.length));
            out.write(body);
            out.flush();

            String answer = readToEnd(socket.getInputStream());

            assertThat(answer).startsWith("HTTP/1.1 200");
            assertThat(answer).as("rows went out").contains("\"rows\":[[1,");
            assertThat(answer).as("no last chunk").doesNotEndWith("0\r\n\r\n");
            assertThat(answer).as("the generator did not close the document").doesNotEndWith("]]}");
        }
    }

    @Test
    void client_mistakes_are_400_with_their_sqlstate() {
        assertSqlState("{\"sql\":\"SELECT seq FROM events WHERE seq = ?\",\"params\":[\"abc\"]}", "22018");
        assertSqlState("{\"sql\":\"SELECT seq FROM events WHERE seq = ?\",\"params\":[1.5]}", "22018");
        assertSqlState("{\"sql\":\"SELECT seq FROM events WHERE seq = ?\",\"params\":[true]}", "42804");
        assertSqlState("{\"sql\":\"SELECT seq FROM events WHERE seq = ?\",\"params\":[]}", "22023");
        assertSqlState("{\"sql\":\"SELECT 1\",\"params\":[1, 2]}", "22023");
        assertSqlState("{\"sql\":\"SELECT seq FROM events WHERE seq = ?\"}", "07001");
        assertSqlState("{\"sql\":\"SELECT CAST('2020-13-45' AS DATE)\"}", "22008");
        assertSqlState("{\"sql\":\"SELECT SUBSTRING('abc' FROM -5 FOR -1)\"}", "22011");
        assertSqlState("{\"sql\":\"SELECT 1234567890123456789012345678901234567890\"}", "22003"); // over 38 digits
        assertSqlState("{\"sql\":\"SELECT count(*) FROM streams FOR SYSTEM_TIME AS OF ?\",\"params\":[\"seq:3\"]}",
            "22007");
    }

    @Test
    void text_parameters_take_the_type_of_their_place() {
        Client.Answer bySeq = sql("{\"sql\":\"SELECT seq FROM events WHERE seq = ?\",\"params\":[\"7\"]}");
        Client.Answer asOf = sql("{\"sql\":\"SELECT count(*) FROM events FOR SYSTEM_TIME AS OF ?\","
            + "\"params\":[\"2000-01-01T00:00:00Z\"]}");
        Client.Answer now = sql("{\"sql\":\"SELECT count(*) FROM events FOR SYSTEM_TIME AS OF ?\","
            + "\"params\":[\"2999-01-01 00:00:00\"]}");

        assertThat(bySeq.json().get("rows").get(0).get(0).asLong()).isEqualTo(7);
        assertThat(asOf.json().get("rows").get(0).get(0).asLong()).isZero();
        assertThat(now.json().get("rows").get(0).get(0).asLong()).isEqualTo(EVENTS);
    }

    @Test
    void an_internal_error_is_logged_once_with_its_fault_and_the_route_adds_one_line_without_a_trace() {
        try (LogCapture logs = LogCapture.of("dev.hindsight")) {
            // an internal error of Calcite's (a geometry literal it cannot parse fails a class's initialisation);
            // each failure passed two Meta methods and the route, and each logged its trace: ~100 lines a request
            Client.Answer answer = sql("{\"sql\":\"SELECT CAST('x' AS GEOMETRY)\"}");

            assertThat(answer.status()).isEqualTo(500);
            assertThat(answer.json().get("sqlState").asText()).isEqualTo("XX000");
            List<LogRecord> records = logs.records();
            assertThat(records).as("records logged").hasSize(2);
            assertThat(records.stream().filter(r -> r.getThrown() != null)).as("traces").hasSize(1);
            assertThat(records.get(1).getMessage()).contains("XX000", "logged above");
        }
    }

    @Test
    void an_internal_error_while_preparing_a_statement_with_params_is_logged_once_with_its_fault() {
        try (LogCapture logs = LogCapture.of("dev.hindsight")) {
            // an internal error of Calcite's while preparing (a sub-query under COALESCE in HAVING; a known fault): it
            // was logged nowhere, and the route's line said its fault was "logged above"
            Client.Answer answer = sql("{\"sql\":\"SELECT stream_id FROM events GROUP BY stream_id HAVING COALESCE(("
                + "SELECT COUNT(*) FROM events e2 WHERE e2.stream_id = events.stream_id), 0) > ?\",\"params\":[1]}");

            assertThat(answer.status()).isEqualTo(500);
            assertThat(answer.json().get("sqlState").asText()).isEqualTo("XX000");
            List<LogRecord> records = logs.records();
            assertThat(records).as("records logged").hasSize(2);
            assertThat(records.get(0).getThrown()).as("the fault, logged first").isNotNull();
            assertThat(records.get(1).getThrown()).isNull();
            assertThat(records.get(1).getMessage()).contains("XX000", "logged above");
        }
    }

    private Client.Answer sql(String body) {
        return running.client.post("/v1/sql", body);
    }

    private void assertSqlState(String body, String sqlState) {
        Client.Answer answer = sql(body);
        assertThat(answer.status()).as(body).isEqualTo(400);
        assertThat(answer.code()).as(body).isEqualTo("sql_error");
        assertThat(answer.json().get("sqlState").asText()).as(body).isEqualTo(sqlState);
        assertThat(answer.json().get("error").asText()).as(body).doesNotContain("Exception");
    }

    private static void fill(EventLog log) {
        String data = "{\"note\": \"" + "x".repeat(1000) + "\"}";
        List<NewEvent> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            events.add(NewEvent.of("order.noted", data));
        }
        log.append("order-1", "order", events, ExpectedVersion.any(), Source.API);
    }

    /** Everything the server sends, to the connection's end (or its reset). */
    private static String readToEnd(InputStream in) throws Exception {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                read.write(buffer, 0, n);
            }
        } catch (SocketException reset) {
            // closed by the server with our bytes unread: the end as well
        }
        return read.toString(StandardCharsets.UTF_8);
    }
}
