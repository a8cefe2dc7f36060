package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JSON body is one JSON value in well-formed UTF-8, each key once per object, on every route that reads one; the
 * refusal says what is wrong in words, never with a Java class or method name.
 */
class StrictJsonBodyTest {

    static final String EVENT = "{\"entityType\":\"s\",\"name\":\"x\",\"data\":{}}";

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
    void an_append_with_text_after_its_json_value_is_refused_with_400_and_writes_nothing() {
        Client.Answer word = client.post("/v1/streams/s-1/events", EVENT + " trailing");
        Client.Answer second = client.post("/v1/streams/s-1/events", EVENT + " " + EVENT);
        Client.Answer onAWorker = client.post("/v1/streams/s-1/events", EVENT + " trailing",
            "Idempotency-Key", "k-1");

        for (Client.Answer answer : new Client.Answer[] {word, second, onAWorker}) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(400);
            assertThat(answer.code()).isEqualTo("bad_request");
            assertThat(answer.json().get("error").asText()).contains("goes on after its JSON value");
        }
        assertThat(running.server.context().log().headSeq()).isZero();
    }

    @Test
    void a_query_with_text_after_its_json_value_is_refused_with_400() {
        Client.Answer answer = client.post("/v1/sql", "{\"sql\":\"SELECT 1 AS a\"} xyz");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("bad_request");
        assertThat(answer.json().get("error").asText()).contains("which ends at line 1, column 24");
    }

    @Test
    void a_number_whose_exponent_no_number_holds_is_refused_with_400_on_every_route_and_writes_nothing() {
        String huge = "1e2147483648";
        Client.Answer data = client.post("/v1/streams/s-1/events",
            "{\"entityType\":\"s\",\"name\":\"x\",\"data\":{\"x\":" + huge + "}}");
        Client.Answer guard = client.post("/v1/streams/s-1/events",
            "{\"entityType\":\"s\",\"name\":\"x\",\"data\":{},\"expectedVersion\":" + huge + "}");
        Client.Answer params = client.post("/v1/sql", "{\"sql\":\"SELECT ? AS a\",\"params\":[" + huge + "]}");
        Client.Answer projection = client.post("/v1/projections", "{\"sql\":" + huge + "}");

        for (Client.Answer answer : new Client.Answer[] {data, guard, params, projection}) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(400);
            assertThat(answer.code()).isEqualTo("bad_request");
            assertThat(answer.json().get("error").asText()).contains("JSON number out of range, " + huge);
        }
        assertThat(running.server.context().log().headSeq()).isZero();
    }

    @Test
    void white_space_after_the_value_is_still_one_json_value() {
        assertThat(client.post("/v1/streams/s-1/events", " " + EVENT + " \r\n\t").status()).isEqualTo(201);
        assertThat(client.post("/v1/sql", "{\"sql\":\"SELECT 1 AS a\"}\n").status()).isEqualTo(200);
    }

    @Test
    void a_duplicate_key_is_refused_with_400_naming_it_with_its_path() {
        Client.Answer top = client.post("/v1/streams/s-1/events",
            "{\"entityType\":\"s\",\"name\":\"x\",\"data\":{},\"data\":{\"a\":1}}");
        Client.Answer inData = client.post("/v1/streams/s-1/events",
            "{\"entityType\":\"s\",\"name\":\"x\",\"data\":{\"a\":1,\"b\":{\"c\":1,\"c\":2}}}");
        Client.Answer inMetadata = client.post("/v1/streams/s-1/events",
            "[" + EVENT + ",{\"entityType\":\"s\",\"name\":\"x\",\"data\":{},\"metadata\":{\"t\":1,\"t\":1}}]");
        Client.Answer sql = client.post("/v1/sql", "{\"sql\":\"SELECT 1 AS a\",\"sql\":\"SELECT 2 AS a\"}");
        Client.Answer projection = client.post("/v1/projections",
            "{\"sql\":\"CREATE PROJECTION p AS SELECT name, COUNT(*) AS n FROM events GROUP BY name\","
                + "\"sql\":\"DROP PROJECTION q\"}");

        assertThat(top.json().get("error").asText()).startsWith("field data is given twice");
        assertThat(inData.json().get("error").asText()).startsWith("field data.b.c is given twice");
        assertThat(inMetadata.json().get("error").asText()).startsWith("field [1].metadata.t is given twice");
        assertThat(sql.json().get("error").asText()).startsWith("field sql is given twice");
        assertThat(projection.json().get("error").asText()).startsWith("field sql is given twice");
        for (Client.Answer answer : new Client.Answer[] {top, inData, inMetadata, sql, projection}) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(400);
            assertThat(answer.code()).isEqualTo("bad_request");
        }
        assertThat(running.server.context().log().headSeq()).isZero();
        assertThat(running.server.context().projections().names()).isEmpty();
    }

    @Test
    void a_duplicate_key_whose_value_is_an_object_or_array_is_named_at_the_object_that_holds_it() {
        String[][] cases = {
            // the repeated value holds the same key: the path stops at the key given twice, not inside its value
            {"{\"a\":{\"a\":1},\"a\":{\"a\":2}}", "data.a"},
            {"{\"a\":1,\"a\":[{\"a\":1}]}", "data.a"},
            {"{\"a\":{\"a\":{\"a\":1},\"a\":{\"b\":1}}}", "data.a.a"},
            // a quote in the key, which Jackson's own message cannot delimit
            {"{\"it's\":1,\"it's\":{\"x\":1}}", "data.it's"},
            {"{\"a\":{\"a'\":{\"a\":1},\"a'\":[{\"a\":2}]}}", "data.a.a'"},
        };
        for (String[] c : cases) {
            Client.Answer answer = client.post("/v1/streams/s-1/events",
                "{\"entityType\":\"s\",\"name\":\"x\",\"data\":" + c[0] + "}");

            assertThat(answer.status()).as(c[0]).isEqualTo(400);
            assertThat(answer.json().get("error").asText()).as(c[0]).startsWith("field " + c[1] + " is given twice");
        }
        assertThat(running.server.context().log().headSeq()).isZero();
    }

    @Test
    void a_projection_body_with_an_unknown_field_is_refused_with_400_naming_it() {
        Client.Answer answer = client.post("/v1/projections",
            "{\"sql\":\"CREATE PROJECTION p AS SELECT name, COUNT(*) AS n FROM events GROUP BY name\",\"extra\":true}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("bad_request");
        assertThat(answer.json().get("error").asText()).contains("unknown field extra");
        assertThat(running.server.context().projections().names()).isEmpty();
    }

    @Test
    void bytes_that_are_not_well_formed_utf8_are_refused_with_400_saying_what_is_wrong() {
        String[][] cases = {
            {"C0 80", "overlong encoding C0 80"},
            {"ED A0 80", "encoded surrogate ED A0 80"},
            {"F4 90 80 80", "above U+10FFFF F4 90 80 80"},
            {"E2 82", "truncated sequence E2 82"},
            {"FF", "invalid byte FF"},
        };
        for (String[] c : cases) {
            Client.Answer append = client.postBytes("/v1/streams/s-1/events",
                withBytesInData(c[0]), "application/json");
            Client.Answer sql = client.postBytes("/v1/sql", withBytes("{\"sql\":\"SELECT '", c[0], "' AS a\"}"),
                "application/json");

            for (Client.Answer answer : new Client.Answer[] {append, sql}) {
                assertThat(answer.status()).as(c[0]).isEqualTo(400);
                assertThat(answer.code()).isEqualTo("bad_request");
                assertThat(answer.json().get("error").asText()).as(c[0]).startsWith("the body is not valid UTF-8")
                    .endsWith(c[1]);
            }
        }
        assertThat(running.server.context().log().headSeq()).isZero();
    }

    @Test
    void a_utf16_or_utf32_body_is_refused_as_not_utf8_and_appends_nothing() {
        // Jackson found the NULs among its first bytes and read such a body in that encoding: 201, 200
        String append = "{\"entityType\":\"t\",\"name\":\"n\",\"data\":{\"k\":\"v\"}}";
        for (Charset charset : new Charset[] {StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE,
            Charset.forName("UTF-32LE")}) {
            Client.Answer appended = client.postBytes("/v1/streams/s-1/events", append.getBytes(charset),
                "application/json");
            Client.Answer sql = client.postBytes("/v1/sql", "{\"sql\":\"SELECT 1\"}".getBytes(charset),
                "application/json");

            for (Client.Answer answer : new Client.Answer[] {appended, sql}) {
                assertThat(answer.status()).as(charset.name()).isEqualTo(400);
                assertThat(answer.json().get("error").asText()).startsWith("the body is not UTF-8 JSON: a NUL byte");
            }
        }
        assertThat(running.server.context().log().headSeq()).isZero();
    }

    @Test
    void well_formed_utf8_of_every_length_is_taken_as_sent() {
        Client.Answer answer = client.postBytes("/v1/streams/s-1/events",
            withBytesInData("C3 BC E2 82 AC F0 9F 98 80 F4 8F BF BF"), "application/json");

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(running.server.context().log().readAll(1, 1, null).get(0).data())
            .isEqualTo("{\"t\":\"\u00fc\u20ac\ud83d\ude00\udbff\udfff\"}");
    }

    @Test
    void json_nested_too_deep_is_refused_in_words_without_a_java_name() {
        Client.Answer answer = client.post("/v1/streams/s-1/events",
            "{\"entityType\":\"s\",\"name\":\"x\",\"data\":{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("bad_request");
        assertThat(answer.json().get("error").asText()).startsWith("the body is JSON nested deeper than 1000 levels");
        assertNoJavaNames(answer.body());
    }

    @Test
    void jacksons_messages_reach_the_client_without_its_class_and_feature_names() {
        Client.Answer nan = client.post("/v1/sql", "{\"sql\":NaN}");
        Client.Answer unclosed = client.post("/v1/sql", "{\"sql\":\"SELECT 1\"");
        Client.Answer longNumber = client.post("/v1/sql",
            "{\"sql\":\"SELECT 1\",\"params\":[" + "1".repeat(1200) + "]}");

        assertThat(nan.json().get("error").asText()).startsWith("the body is not valid JSON: Non-standard token 'NaN'");
        assertThat(unclosed.json().get("error").asText())
            .startsWith("the body is not valid JSON: Unexpected end-of-input: expected close marker for Object");
        assertThat(longNumber.json().get("error").asText())
            .startsWith("the body is a JSON number longer than 1000 characters");
        Client.Answer comment = client.post("/v1/streams/j-1/events", "/* c */{\"entityType\":\"t\",\"name\":\"n\"}");
        assertThat(comment.json().get("error").asText()).isEqualTo("the body is not valid JSON: Unexpected character "
            + "('/' (code 47)): maybe a (non-standard) comment? at line 1, column 1");
        for (Client.Answer answer : new Client.Answer[] {nan, unclosed, longNumber, comment}) {
            assertThat(answer.status()).isEqualTo(400);
            assertNoJavaNames(answer.body());
        }
    }

    static void assertNoJavaNames(String body) {
        assertThat(body).doesNotContain("`").doesNotContain("Source").doesNotContain("()").doesNotContain("Feature")
            .doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Z][A-Za-z]+").doesNotContainPattern("[A-Z][a-z]+[A-Z]\\w+\\.");
    }

    /** An append whose data's one string holds the bytes written in hex in {@code hex}. */
    private static byte[] withBytesInData(String hex) {
        return withBytes("{\"entityType\":\"s\",\"name\":\"x\",\"data\":{\"t\":\"", hex, "\"}}");
    }

    private static byte[] withBytes(String before, String hex, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        for (String b : hex.split(" ", -1)) {
            out.write(Integer.parseInt(b, 16));
        }
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
