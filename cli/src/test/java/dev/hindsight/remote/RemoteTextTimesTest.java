package dev.hindsight.remote;

import dev.hindsight.testkit.TextTimesContract;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The thin driver's reads of text as dates and times ({@link TextTimesContract}), the same as the embedded one's. */
class RemoteTextTimesTest extends TextTimesContract {

    @TempDir
    Path dir;
    RemoteServer server;

    @BeforeEach
    void start() throws Exception {
        server = RemoteServer.start(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Override
    protected Connection connect() throws Exception {
        return server.connect(RemoteServer.READ_KEY);
    }
}
