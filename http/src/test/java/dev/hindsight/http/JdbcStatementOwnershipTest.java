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
        Meta.StatementHandle insert =
            ((Service.PrepareResponse) session.jdbc(new Service.PrepareRequest(writer, INSERT, -1))).statement;
        assertThat(execute(insert, "w-1").missingStatement).isFalse();
        int reading =
            ((Service.CreateStatementResponse) session.jdbc(new Service.CreateStatementRequest(writer))).statementId;
        Meta.Frame first = ((Service.ExecuteResponse) session.jdbc(new Service.PrepareAndExecuteRequest(writer, reading,
            "SELECT stream_id FROM events", -1, 1))).results.get(0).firstFrame;
        assertThat(first.done).isFalse().as("a result left open for the writer");
        long head = head();

        String reader = open("key-read");
        Meta.StatementHandle stolen = new Meta.StatementHandle(reader, insert.id, insert.signature);
        assertThat(execute(stolen, "r-1").missingStatement).as("execute").isTrue();
        assertThat(((Service.ExecuteResponse) session.jdbc(new Service.PrepareAndExecuteRequest(reader, insert.id,
            "INSERT INTO events (stream_id, entity_type, name, data) VALUES ('r-2', 'order', 'order.placed', '{}')",
            -1, 100))).missingStatement).as("prepare and execute").isTrue();
        // a batch is an error (Avatica's "missing statement" answer to one its client takes for a batch that ran)
        assertThat(((Service.ErrorResponse) session.jdbc(new Service.ExecuteBatchRequest(reader, insert.id,
            List.of(List.of(TypedValue.ofLocal(ColumnMetaData.Rep.STRING, "r-3")))), 500)).sqlState)
            .as("batch").isEqualTo("26000");
        assertThat(((Service.FetchResponse) session.jdbc(new Service.FetchRequest(reader, reading, 1, 100)))
            .missingStatement).as("fetch").isTrue();
        session.jdbc(new Service.CloseStatementRequest(reader, insert.id));
        session.jdbc(new Service.CloseStatementRequest(reader, reading));

        assertThat(head()).as("nothing written by the reader").isEqualTo(head);
        assertThat(execute(insert, "w-2").missingStatement).as("the writer's INSERT, still open").isFalse();
        Service.FetchResponse rest =
            (Service.FetchResponse) session.jdbc(new Service.FetchRequest(writer, reading, 1, 100));
        assertThat(rest.missingStatement).as("the writer's result, still open").isFalse();
        assertThat(head()).isEqualTo(head + 1);
    }

    /**
     * Avatica's server made the engine's connection before it looked at the id: an empty one (protobuf sends it as
     * none) failed in its cache with XX000 and left that connection open, uncounted by the limit per key; another
     * connection's id failed with XX000 and a stack trace in the log. Both are 08001 before anything is made.
     */
    @Test
    void an_open_connection_request_with_no_id_or_the_id_of_an_open_one_is_refused_with_08001() throws Exception {
        String writer = open("key-write");

        Service.ErrorResponse none = (Service.ErrorResponse) session.jdbc(
            new Service.OpenConnectionRequest("", Map.of("user", "u", "password", "key-read")), 500);
        Service.ErrorResponse taken = (Service.ErrorResponse) session.jdbc(
            new Service.OpenConnectionRequest(writer, Map.of("user", "u", "password", "key-read")), 500);

        assertThat(none.sqlState).isEqualTo("08001");
        assertThat(none.errorMessage).isEqualTo("a connection needs an id (the client makes one)");
        assertThat(taken.sqlState).isEqualTo("08001");
        assertThat(taken.errorMessage).contains("a connection with this id is open already");
        Meta.StatementHandle insert =
            ((Service.PrepareResponse) session.jdbc(new Service.PrepareRequest(writer, INSERT, -1))).statement;
        long head = head();
        assertThat(execute(insert, "w-1").missingStatement).as("the writer's connection, still its own").isFalse();
        assertThat(head()).isEqualTo(head + 1);
    }

    private String open(String key) throws Exception {
        String connection = UUID.randomUUID().toString();
        session.jdbc(new Service.OpenConnectionRequest(connection, Map.of("user", "u", "password", key)));
        return connection;
    }

    private Service.ExecuteResponse execute(Meta.StatementHandle h, String stream) throws Exception {
        return (Service.ExecuteResponse) session.jdbc(new Service.ExecuteRequest(h,
            List.of(TypedValue.ofLocal(ColumnMetaData.Rep.STRING, stream)), 100));
    }

    private long head() {
        return session.running.server.context().log().headSeq();
    }
}
