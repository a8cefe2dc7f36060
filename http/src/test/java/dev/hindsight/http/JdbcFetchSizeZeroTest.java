package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.log.ExpectedVersion;
import dev.hindsight.log.NewEvent;
import dev.hindsight.log.Source;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.Service;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stock Avatica client's {@code setFetchSize(0)} ("the driver decides", in JDBC's words) reaches the server as frames
 * of 0 rows: given a log of 250 events, when a statement asks for its first frame and the next with 0 rows each, then
 * the frames carry rows (the server's frame size) and every row comes back. Frames of 0 rows ended such a client's
 * result after its first frame, or at once.
 */
class JdbcFetchSizeZeroTest {

    private static final int EVENTS = 250;

    @TempDir
    Path dir;

    RawSession session;

    @BeforeEach
    void start() throws Exception {
        session = RawSession.to(RunningServer.start(dir, b -> b));
        List<NewEvent> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            events.add(NewEvent.of("order.noted", "{}"));
        }
        session.running.server.context().log().append("order-1", "order", events, ExpectedVersion.any(), Source.API);
    }

    @AfterEach
    void stop() throws Exception {
        session.close();
    }

    @Test
    void frames_asked_with_0_rows_carry_rows_and_the_whole_result_comes_back() throws Exception {
        String connection = UUID.randomUUID().toString();
        session.jdbc(new Service.OpenConnectionRequest(connection, Map.of()));
        int statement = ((Service.CreateStatementResponse) session.jdbc(new Service.CreateStatementRequest(connection)))
            .statementId;

        Service.ExecuteResponse executed = (Service.ExecuteResponse) session.jdbc(new Service.PrepareAndExecuteRequest(
            connection, statement, "SELECT seq FROM events", -1, 0));
        Meta.Frame frame = executed.results.get(0).firstFrame;
        long rows = count(frame);
        assertThat(rows).as("rows in the first frame").isPositive();
        while (!frame.done) {
            frame = ((Service.FetchResponse) session.jdbc(
                new Service.FetchRequest(connection, statement, rows, 0))).frame;
            assertThat(count(frame)).as("rows in a frame after row " + rows).isPositive();
            rows += count(frame);
        }

        assertThat(rows).isEqualTo(EVENTS);
    }

    private static long count(Meta.Frame frame) {
        long n = 0;
        for (Object ignored : frame.rows) {
            n++;
        }
        return n;
    }
}
