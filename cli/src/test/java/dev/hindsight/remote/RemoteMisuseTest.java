package dev.hindsight.remote;

import dev.hindsight.testkit.JdbcMisuseContract;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The thin driver's answers to a caller's misuse of JDBC ({@link JdbcMisuseContract}), the same as the embedded
 * driver's: through the real jar in its own class loader, against a real server. (A getter by a label no column has
 * is still Avatica's "column 'x' not found" without a SQLState there: Avatica's result set looks labels up itself;
 * {@code findColumn} is 42703.)
 */
class RemoteMisuseTest extends JdbcMisuseContract {

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
        return server.connect(RemoteServer.ADMIN_KEY);
    }
}
