package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.http.auth.ApiKeys;
import dev.hindsight.http.auth.Role;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.remote.TypedValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A remote statement is its connection's: Avatica's server finds a statement by its number alone, and numbers count
 * up from 1. Given a writer's connection with a prepared INSERT and an open result, when a reader's connection names
 * those statement numbers in its own requests, then nothing is written, read or closed: each is answered as a
 * statement that does not exist, and the writer's statements still work.
 */
class JdbcStatementOwnershipTest {

    private static final ProtobufTranslation PROTOBUF = new ProtobufTranslationImpl();
    private static final ApiKeys KEYS = ApiKeys.of(List.of("key-read", "key-write"), List.of(Role.READ, Role.WRITE));
    private static final String INSERT = "INSERT INTO events (stream_id, entity_type, name, data) VALUES (?, 'order', "
        + "'order.placed', '{}')";

    @TempDir
    Path dir;

    RawSession session;

    @BeforeEach
    void start() throws Exception {
        session = RawSession.to(RunningServer.start(dir, b -> b.apiKeys(KEYS)));
    }

    @AfterEach
    void stop() throws Exception {
        session.close();
    }

    @Test
    void a_connection_cannot_execute_read_or_close_another_connections_statements() throws Exception {
        String writer = open("key-write");
        Meta.StatementHandle insert = ((Service.PrepareResponse) call(new Service.PrepareRequest(writer, INSERT, -1)))
            .statement;
        assertThat(execute(insert, "w-1").missingStatement).isFalse();
        int reading = ((Service.CreateStatementResponse) call(new Service.CreateStatementRequest(writer))).statementId;
        Meta.Frame first = ((Service.ExecuteResponse) call(new Service.PrepareAndExecuteRequest(writer, reading,
            "SELECT stream_id FROM events", -1, 1))).results.get(0).firstFrame;
        assertThat(first.done).isFalse().as("a result left open for the writer");
        long head = head();

        String reader = open("key-read");
        Meta.StatementHandle stolen = new Meta.StatementHandle(reader, insert.id, insert.signature);
        assertThat(execute(stolen, "r-1").missingStatement).as("execute").isTrue();
        assertThat(((Service.ExecuteResponse) call(new Service.PrepareAndExecuteRequest(reader, insert.id,
            "INSERT INTO events (stream_id, entity_type, name, data) VALUES ('r-2', 'order', 'order.placed', '{}')",
            -1, 100))).missingStatement).as("prepare and execute").isTrue();
        // (Avatica's protobuf form of this answer leaves out its missingStatement: no counts is what shows)
        assertThat(((Service.ExecuteBatchResponse) call(new Service.ExecuteBatchRequest(reader, insert.id,
            List.of(List.of(TypedValue.ofLocal(ColumnMetaData.Rep.STRING, "r-3")))))).updateCounts)
            .as("batch").isEmpty();
        assertThat(((Service.FetchResponse) call(new Service.FetchRequest(reader, reading, 1, 100))).missingStatement)
            .as("fetch").isTrue();
        call(new Service.CloseStatementRequest(reader, insert.id));
        call(new Service.CloseStatementRequest(reader, reading));

        assertThat(head()).as("nothing written by the reader").isEqualTo(head);
        assertThat(execute(insert, "w-2").missingStatement).as("the writer's INSERT, still open").isFalse();
        Service.FetchResponse rest = (Service.FetchResponse) call(new Service.FetchRequest(writer, reading, 1, 100));
        assertThat(rest.missingStatement).as("the writer's result, still open").isFalse();
        assertThat(head()).isEqualTo(head + 1);
    }

    private String open(String key) throws Exception {
        String connection = UUID.randomUUID().toString();
        call(new Service.OpenConnectionRequest(connection, Map.of("user", "u", "password", key)));
        return connection;
    }

    private Service.ExecuteResponse execute(Meta.StatementHandle h, String stream) throws Exception {
        return (Service.ExecuteResponse) call(new Service.ExecuteRequest(h,
            List.of(TypedValue.ofLocal(ColumnMetaData.Rep.STRING, stream)), 100));
    }

    private long head() {
        return session.running.server.context().log().headSeq();
    }

    private Service.Response call(Service.Request request) throws Exception {
        byte[] body = PROTOBUF.serializeRequest(request);
        session.out.write(RawHttp.head("POST", "/jdbc", "Content-Length: " + body.length));
        session.out.write(body);
        session.out.flush();
        RawHttp.Answer answer = session.answer();
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return PROTOBUF.parseResponse(answer.bytes());
    }
}
