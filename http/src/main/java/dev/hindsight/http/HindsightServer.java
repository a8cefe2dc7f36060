package dev.hindsight.http;

import dev.hindsight.http.api.ApiRoutes;
import dev.hindsight.http.auth.ApiKeys;
import dev.hindsight.http.jdbc.JdbcEndpoint;
import dev.hindsight.http.metrics.ServerMetrics;
import dev.hindsight.http.server.Access;
import dev.hindsight.http.server.ApiError;
import dev.hindsight.http.server.AuthHandler;
import dev.hindsight.http.server.BodyBudget;
import dev.hindsight.http.server.BoundWorkers;
import dev.hindsight.http.server.ConnectionLimit;
import dev.hindsight.http.server.JsonResponses;
import dev.hindsight.http.server.PathParameters;
import dev.hindsight.http.server.PercentEscapes;
import dev.hindsight.http.server.QueryParameters;
import dev.hindsight.http.server.RequestFraming;
import dev.hindsight.http.server.RequestMetrics;
import dev.hindsight.http.server.Route;
import dev.hindsight.http.server.ServerConfig;
import dev.hindsight.http.server.ServerContext;
import dev.hindsight.http.server.SqlConnections;
import dev.hindsight.http.server.StalledAnswer;
import dev.hindsight.http.server.StalledBody;
import dev.hindsight.http.sse.SseSettings;
import dev.hindsight.http.sse.SseSubscriptions;
import dev.hindsight.log.EventLog;
import dev.hindsight.projection.Projections;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.xnio.Options;

/**
 * The Hindsight server: the HTTP API of SPEC §5 on one port (Undertow), over the log in one data directory, opened
 * through the embedded JDBC driver so the server's routes and its SQL connections share one open log and its
 * projections.
 *
 * <p>{@link #start()} opens the log (failing with the log's "locked by pid" error when another process holds the
 * directory), runs the {@link ServerExtensions#withOnOpen} tasks and then listens. {@link #close()} shuts down
 * gracefully: it stops accepting requests (new ones get {@code 503}), waits up to
 * {@link ServerConfig#shutdownTimeout()} for those in flight, stops Undertow and closes the log.
 *
 * <p>Every route is in {@link #routes()}: method, path template, access, query parameters and handler; the auth
 * check, the refusal of unknown query parameters, the metrics and the OpenAPI test all go through that one table. Each
 * {@code GET} route answers {@code HEAD} too, as RFC 9110 has it. Not thread-safe for start and close (call them from
 * one thread); the running server serves any number of clients.
 */
public final class HindsightServer implements AutoCloseable {

    private static final int IDLE_SQL_CONNECTIONS_PER_ROLE = 8;

    private final ServerConfig config;
    private final ServerExtensions extensions;
    private final List<Route> routes = new ArrayList<>();
    /** Handlers that hold resources (the remote JDBC sessions), closed before the log. */
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private Connection anchor;
    private ServerContext context;
    private GracefulShutdownHandler graceful;
    private Undertow undertow;
    private int port = -1;
    private volatile boolean stopping;

    /** A server for {@code config} with nothing plugged in. */
    public HindsightServer(ServerConfig config) {
        this(config, ServerExtensions.none());
    }

    /** A server for {@code config} with the handlers and tasks of {@code extensions}. */
    public HindsightServer(ServerConfig config, ServerExtensions extensions) {
        this.config = config;
        this.extensions = extensions;
    }

    /**
     * Opens the log and starts listening.
     *
     * @throws SQLException          if the log cannot be opened (its message says why: locked by another process,
     *                               corrupted, not a directory)
     * @throws IllegalStateException if the server was started before
     */
    public HindsightServer start() throws SQLException {
        if (anchor != null) {
            throw new IllegalStateException("the server was started already");
        }
        String url = "jdbc:hindsight:file:" + config.dataDir();
        String durability = config.durability().name().toLowerCase(Locale.ROOT);
        Properties props = new Properties();
        props.setProperty("durability", durability);
        anchor = DriverManager.getConnection(url, props);
        try {
            EventLog log = anchor.unwrap(EventLog.class);
            Projections projections = anchor.unwrap(Projections.class);
            ServerMetrics meters = new ServerMetrics(log, projections);
            // counted per API key, as remote JDBC connections are (all loopback clients as one without keys)
            SseSubscriptions subscriptions = new SseSubscriptions(log, SseSettings.defaults(), exchange -> {
                ApiKeys.Caller caller = exchange.getAttachment(AuthHandler.CALLER);
                return caller == null ? "" : caller.keyName();
            });
            meters.gauge("hindsight.sse.subscriptions", "open Server-Sent-Events subscriptions", subscriptions,
                SseSubscriptions::openSubscriptions);
            SqlConnections sql = new SqlConnections(url, durability, config.statementTimeout(),
                IDLE_SQL_CONNECTIONS_PER_ROLE);
            meters.planCacheHits(sql::planCacheHits);
            context = new ServerContext(config, log, projections, sql, meters, subscriptions, new BoundWorkers(),
                BodyBudget.ofHeap(), () -> stopping);
            for (Consumer<ServerContext> task : extensions.onOpen()) {
                task.accept(context);
            }
            routes.addAll(ApiRoutes.all(context));
            routes.add(new Route("GET", "/v1/streams/{streamId}/subscribe", Access.READ,
                QueryParameters.of("replay", "lastEventId"),
                extensions.streamSubscribe().apply(context)));
            routes.add(new Route("GET", "/v1/events/subscribe", Access.READ,
                QueryParameters.of("fromSeq", "lastEventId"),
                extensions.eventsSubscribe().apply(context)));
            HttpHandler jdbc = extensions.jdbc().apply(context);
            if (jdbc instanceof AutoCloseable closeable) {
                closeables.add(closeable);
            }
            if (jdbc instanceof JdbcEndpoint endpoint) {
                context.meters().jdbcSessions(endpoint, JdbcEndpoint::openConnections);
                context.meters().jdbcStatements(endpoint, JdbcEndpoint::openStatements);
                context.meters().jdbcRefusedLogins(endpoint, JdbcEndpoint::refusedLogins);
            }
            routes.add(new Route("POST", "/jdbc", Access.PROTOCOL, QueryParameters.unchecked(), jdbc));
            routes.add(new Route("GET", "/metrics", Access.READ, QueryParameters.none(),
                extensions.metrics().apply(context)));
            graceful = new GracefulShutdownHandler(routing());
            // Design note: UndertowOptions.MAX_ENTITY_SIZE is 0 (none), not Undertow's default of 2 MiB. Undertow
            // counts a chunked body's framing against it and, once over, drops the connection without an answer, and
            // its default would cap every route's limit (16 MiB for /jdbc); so each route that reads a body enforces
            // its own limit on the body's bytes and answers 413 (BodyRoute with maxBodyBytes, JdbcEndpoint with
            // RemoteLimits; a route that reads none through BlockingRoute.ignoringBody), and closes the connection
            // rather than read the rest; any other answer leaving a body unread closes it too (closeIfBodyUnread).
            // No Options.READ_TIMEOUT: /jdbc keeps a connection's reads on while a statement runs (EarlyRequest), and
            // Undertow's read timeout would then close the connection of any statement longer than it. No
            // UndertowOptions.IDLE_TIMEOUT either: for HTTP/1, Undertow 2.3 only wraps each connection in a conduit
            // that is never given the value (a layer on every read and write, timing nothing); the idle timeouts are
            // ours (StalledBody, StalledAnswer, per exchange).
            int connections = ConnectionLimit.highWater();
            undertow = Undertow.builder()
                .addHttpListener(config.port(), config.bindAddress())
                .setIoThreads(Math.max(2, Runtime.getRuntime().availableProcessors()))
                .setWorkerThreads(config.workerThreads())
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT,
                    millis(config.requestParseTimeout().toMillis()))
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, millis(config.noRequestTimeout().toMillis()))
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, 0L)
                // the path and query as sent: each route decodes its parameters once, as strict UTF-8, and answers
                // bytes that are none with the JSON error shape (PercentEscapes); Undertow's decoding made them U+FFFD
                .setServerOption(UndertowOptions.DECODE_URL, false)
                // connections past a share of the process's open files wait in the kernel's queue, unaccepted: at the
                // limit itself every accept failed ("Too many open files") and XNIO backed off for up to 30 s after
                // the flood was gone, and the server's own files (a projection's definition) could not be opened
                .setSocketOption(Options.CONNECTION_HIGH_WATER, connections)
                .setSocketOption(Options.CONNECTION_LOW_WATER, ConnectionLimit.lowWater(connections))
                .setHandler(this::refuseWhileStopping)
                .build();
            undertow.start();
            InetSocketAddress bound = (InetSocketAddress) undertow.getListenerInfo().get(0).getAddress();
            port = bound.getPort();
            return this;
        } catch (SQLException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The port the server listens on (the one chosen when configured with {@code 0}). */
    public int port() {
        if (port < 0) {
            throw new IllegalStateException("the server is not running");
        }
        return port;
    }

    /** What the routes work with: the log, its projections, the SQL connections. Valid while running. */
    public ServerContext context() {
        if (context == null) {
            throw new IllegalStateException("the server is not running");
        }
        return context;
    }

    /** The longest part of a request's path an error repeats: a 600 KB path was echoed whole, to anyone. */
    private static final int SHOWN_PATH = 200;

    /** {@code path} as an error names it: its first {@link #SHOWN_PATH} characters, and how long it was if longer. */
    static String shown(String path) {
        return path.length() <= SHOWN_PATH ? path
            : path.substring(0, SHOWN_PATH) + "… (" + path.length() + " characters)";
    }

    /** Whether {@link #close()} is past the requests: none runs any more, and it closes what the server holds. */
    private volatile boolean requestsEnded;

    /**
     * Whether a {@link #close()} under way is past the requests in flight (they ended or were cut at the shutdown
     * timeout): what is left, writing the projections' snapshots and closing the log, is the server's own work, which
     * a caller bounding the close must let finish.
     */
    public boolean requestsEnded() {
        return requestsEnded;
    }

    /** Every route the server answers, in registration order. */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /**
     * Stops accepting requests, waits up to the configured shutdown timeout for those in flight, stops listening and
     * closes the log. Idempotent.
     */
    @Override
    public void close() {
        try {
            if (graceful != null) {
                stopping = true;
                graceful.shutdown();
                context.subscriptions().closeAll(); // live subscriptions never finish by themselves
                graceful.awaitShutdown(config.shutdownTimeout().toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (undertow != null) {
                undertow.stop();
                undertow = null;
            }
            requestsEnded = true; // what is left (snapshots, the log's close) is the server's own work
            graceful = null;
            closeHandlers();
            if (context != null) {
                context.sql().close();
                context.meters().close();
                context = null;
            }
            closeAnchor();
            port = -1;
        }
    }

    private void closeHandlers() {
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                // closing releases sessions of a server that is going away; the log closes after, whatever happened
            }
        }
        closeables.clear();
    }

    private void closeAnchor() {
        if (anchor != null) {
            try {
                anchor.close();
            } catch (SQLException e) {
                // the log is released with the last connection; nothing else to do here
            }
            anchor = null;
        }
    }

    /** New requests get the JSON error shape's 503 once close() has begun; those in flight run on. */
    private void refuseWhileStopping(HttpServerExchange exchange) throws Exception {
        GracefulShutdownHandler g = graceful;
        if (stopping || g == null) {
            exchange.setPersistent(false);
            JsonResponses.sendError(exchange, ApiError.of(503, "unavailable", "the server is shutting down"));
            return;
        }
        if (RequestFraming.refused(exchange)) {
            return;
        }
        if (!exchange.isRequestComplete()) {
            exchange.addResponseCommitListener(HindsightServer::closeIfBodyUnread);
            StalledBody.watch(exchange, config.idleTimeout());
        }
        StalledAnswer.watch(exchange, config.idleTimeout());
        g.handleRequest(exchange);
    }

    /**
     * An answer that goes out with the request's body not read to its end (a 404, 405, 401 or 403, {@code /metrics},
     * a subscription: nothing that reads a body) closes the connection: Undertow would otherwise read the rest on the
     * I/O thread to keep the connection, however long it is, with no limit. Routes that read a body read it whole
     * (or answer 413 and close) before they answer, so keep-alive is kept for them.
     */
    private static void closeIfBodyUnread(HttpServerExchange exchange) {
        if (!exchange.isRequestComplete()) {
            exchange.setPersistent(false);
        }
    }

    private HttpHandler routing() {
        RoutingHandler routing = new RoutingHandler(false);
        for (Route route : routes) {
            HttpHandler answer = PathParameters.needed(route.template())
                ? new PathParameters(route.template(), route.handler()) : route.handler();
            // after the auth check: a caller who may not call the route learns nothing of the parameters it takes
            HttpHandler guarded = new AuthHandler(config.apiKeys(), config.bindAddress(), route.access(),
                route.query().guard(route.template(), answer));
            routing.add(route.method(), route.template(), new RequestMetrics(context.meters(), route, guarded));
            if (route.method().equals("GET")) {
                // RFC 9110 §9.3.2: HEAD answers as GET with no body; Undertow drops the bytes of a HEAD's answer
                // itself (keeping its headers), so the GET's handler serves it. Counted in the metrics as HEAD
                Route head = new Route("HEAD", route.template(), route.access(), route.query(), route.handler());
                routing.add(head.method(), head.template(), new RequestMetrics(context.meters(), head, guarded));
            }
        }
        HttpHandler noRoute = new RequestMetrics(context.meters(), RequestMetrics.NO_ROUTE,
            exchange -> JsonResponses.sendError(exchange, ApiError.notFound("no route "
                + shown(exchange.getRequestMethod().toString()) + " " + shown(exchange.getRequestPath())
                + "; GET /v1/openapi.json lists them")));
        routing.setFallbackHandler(noRoute);
        HttpHandler notAllowed = new RequestMetrics(context.meters(), RequestMetrics.NO_ROUTE, exchange -> {
            // RFC 9110 §15.5.6: a 405 names the methods the resource takes
            exchange.getResponseHeaders().put(Headers.ALLOW, allowed(routes, exchange.getRelativePath()));
            JsonResponses.sendError(exchange, ApiError.of(405, "method_not_allowed",
                shown(exchange.getRequestMethod().toString()) + " is not allowed on "
                    + shown(exchange.getRequestPath())));
        });
        routing.setInvalidMethodHandler(notAllowed);
        // routes are matched on the path as sent (DECODE_URL off), so /v1/%65vents is made /v1/events first
        return exchange -> {
            String path = PercentEscapes.unreservedDecoded(exchange.getRelativePath());
            if (path.length() > 1 && path.endsWith("/")) {
                // Undertow's templates match /v1/streams/x/ as /v1/streams/x (and appended to it), its plain paths
                // do not: no route has a trailing slash
                noRoute.handleRequest(exchange);
                return;
            }
            exchange.setRelativePath(path);
            if (!isUpperCase(exchange.getRequestMethod().toString())) {
                // RFC 9110 §9.1: methods are case-sensitive, but Undertow's HttpString matches them ignoring case,
                // so `post /v1/sql` ran the SQL: a method no route has
                (allowed(routes, path).isEmpty() ? noRoute : notAllowed).handleRequest(exchange);
                return;
            }
            routing.handleRequest(exchange);
        };
    }

    private static boolean isUpperCase(String method) {
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (c >= 'a' && c <= 'z') {
                return false;
            }
        }
        return true;
    }

    /** The methods the routes whose template matches {@code path} take, as an {@code Allow} header's value. */
    private static String allowed(List<Route> routes, String path) {
        String[] segments = path.split("/", -1);
        Set<String> methods = new TreeSet<>();
        for (Route route : routes) {
            if (matches(route.template().split("/", -1), segments)) {
                methods.add(route.method());
                if (route.method().equals("GET")) {
                    methods.add("HEAD");
                }
            }
        }
        return String.join(", ", methods);
    }

    /** Whether {@code path}'s segments are {@code template}'s, a {@code {parameter}} taking any one segment. */
    private static boolean matches(String[] template, String[] path) {
        if (template.length != path.length) {
            return false;
        }
        for (int i = 0; i < template.length; i++) {
            if (!template[i].startsWith("{") && !template[i].equals(path[i])) {
                return false;
            }
        }
        return true;
    }

    private static int millis(long value) {
        return (int) Math.min(Integer.MAX_VALUE, value);
    }
}
