package dev.hindsight.http;

import dev.hindsight.http.server.ServerConfig;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.function.UnaryOperator;

/** A real server on 127.0.0.1 and a free port, over a real log in a test's directory, with a client for it. */
final class RunningServer implements AutoCloseable {

    final HindsightServer server;
    final Client client;

    private RunningServer(HindsightServer server) {
        this.server = server;
        this.client = new Client("http://127.0.0.1:" + server.port());
    }

    /** A server for {@code dataDir} with default settings (no keys: loopback clients as admin). */
    static RunningServer start(Path dataDir) throws SQLException {
        return start(dataDir, UnaryOperator.identity());
    }

    /** A server for {@code dataDir} with settings changed by {@code settings}. */
    static RunningServer start(Path dataDir, UnaryOperator<ServerConfig.Builder> settings) throws SQLException {
        return start(dataDir, settings, ServerExtensions.none());
    }

    static RunningServer start(Path dataDir, UnaryOperator<ServerConfig.Builder> settings,
                               ServerExtensions extensions) throws SQLException {
        ServerConfig config = settings.apply(ServerConfig.builder(dataDir).port(0)).build();
        return new RunningServer(new HindsightServer(config, extensions).start());
    }

    @Override
    public void close() {
        server.close();
    }
}
