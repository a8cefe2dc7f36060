package dev.hindsight.remote;

import dev.hindsight.http.auth.ApiKeys;
import dev.hindsight.http.auth.Role;
import dev.hindsight.http.jdbc.JdbcEndpoint;
import dev.hindsight.sql.jdbc.RemoteLimits;
import io.undertow.Undertow;
import io.undertow.server.handlers.PathHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real server for the thin driver: Undertow on 127.0.0.1, port 0, with the {@code /jdbc} endpoint over a log in a
 * test's directory, three API keys (one per role), and a count of the requests that reached {@code /jdbc}.
 */
final class RemoteServer implements AutoCloseable {

    static final String READ_KEY = "read-key-0123456789";
    static final String WRITE_KEY = "write-key-0123456789";
    static final String ADMIN_KEY = "admin-key-0123456789";

    private final Undertow undertow;
    private final JdbcEndpoint endpoint;
    private final AtomicInteger requests = new AtomicInteger();
    private final String url;

    private RemoteServer(Path dir, RemoteLimits limits, ApiKeys keys, Properties engine) throws SQLException {
        endpoint = JdbcEndpoint.over(dir, engine, keys, limits);
        PathHandler paths = new PathHandler().addExactPath("/jdbc", exchange -> {
            requests.incrementAndGet();
            endpoint.handleRequest(exchange);
        });
        undertow = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(paths).build();
        undertow.start();
        InetSocketAddress address = (InetSocketAddress) undertow.getListenerInfo().get(0).getAddress();
        url = "jdbc:hindsight://127.0.0.1:" + address.getPort();
    }

    /** A server over the log in {@code dir} with the default limits and a key per role. */
    static RemoteServer start(Path dir) throws SQLException {
        return start(dir, RemoteLimits.defaults());
    }

    static RemoteServer start(Path dir, RemoteLimits limits) throws SQLException {
        return new RemoteServer(dir, limits, keys(), new Properties());
    }

    /** A server whose sessions have the server's {@code engine} properties (what {@code serve}'s options set). */
    static RemoteServer withEngine(Path dir, Properties engine) throws SQLException {
        return new RemoteServer(dir, RemoteLimits.defaults(), keys(), engine);
    }

    private static ApiKeys keys() {
        return ApiKeys.of(List.of(READ_KEY, WRITE_KEY, ADMIN_KEY), List.of(Role.READ, Role.WRITE, Role.ADMIN));
    }

    /** A server without keys: every loopback client is admin. */
    static RemoteServer withoutKeys(Path dir) throws SQLException {
        return new RemoteServer(dir, RemoteLimits.defaults(), ApiKeys.none(), new Properties());
    }

    /** {@code jdbc:hindsight://127.0.0.1:<port>}. */
    String url() {
        return url;
    }

    /** Requests {@code /jdbc} has received so far. */
    int requests() {
        return requests.get();
    }

    /** Connections refused for their key so far ({@code hindsight_jdbc_logins_refused_total}). */
    long refusedLogins() {
        return endpoint.refusedLogins();
    }

    /** Connections the server holds open for remote clients ({@code hindsight_jdbc_sessions}). */
    long openConnections() {
        return endpoint.openConnections();
    }

    /** Statements the server holds open for remote connections ({@code hindsight_jdbc_statements}). */
    long openStatements() {
        return endpoint.openStatements();
    }

    /** A thin-driver connection with {@code key} as the password. */
    Connection connect(String key) throws SQLException, IOException {
        Properties p = new Properties();
        p.setProperty("user", "test");
        p.setProperty("password", key);
        return ThinDriver.connect(url, p);
    }

    /** A thin-driver connection with {@code properties}. */
    Connection connect(Properties properties) throws SQLException, IOException {
        return ThinDriver.connect(url, properties);
    }

    @Override
    public void close() {
        undertow.stop();
        endpoint.close();
    }
}
