package dev.hindsight.http;

import dev.hindsight.http.jdbc.JdbcEndpoint;
import dev.hindsight.http.metrics.MetricsHandler;
import dev.hindsight.http.server.BodyBudget;
import dev.hindsight.http.server.ServerContext;
import dev.hindsight.sql.jdbc.RemoteLimits;
import io.undertow.server.HttpHandler;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The handlers a {@link HindsightServer} takes from outside its route table, each made from the running server's
 * {@link ServerContext}: the two Server-Sent-Events subscriptions, the remote JDBC endpoint and {@code /metrics}.
 * Their routes (method, path, access, query parameters) are fixed and described in {@code openapi.json}; only the
 * handler is plugged in, and a request with another query parameter never reaches it. By default the subscriptions
 * are the server's {@link dev.hindsight.http.sse.SseSubscriptions}, {@code /metrics} scrapes its
 * {@link dev.hindsight.http.metrics.ServerMetrics}, and {@code /jdbc} is a {@link JdbcEndpoint} over the server's
 * log. A handler that is {@link AutoCloseable} is closed with the server. Also: tasks to run once the log is open,
 * before the port is (the {@code --demo} data set). Immutable; the {@code with…} methods return a copy.
 */
public final class ServerExtensions {

    /** Makes a handler from the running server's context. */
    @FunctionalInterface
    public interface HandlerFactory extends Function<ServerContext, HttpHandler> {
    }

    private final HandlerFactory streamSubscribe;
    private final HandlerFactory eventsSubscribe;
    private final HandlerFactory jdbc;
    private final HandlerFactory metrics;
    private final List<Consumer<ServerContext>> onOpen;

    private ServerExtensions(HandlerFactory streamSubscribe, HandlerFactory eventsSubscribe, HandlerFactory jdbc,
                             HandlerFactory metrics, List<Consumer<ServerContext>> onOpen) {
        this.streamSubscribe = streamSubscribe;
        this.eventsSubscribe = eventsSubscribe;
        this.jdbc = jdbc;
        this.metrics = metrics;
        this.onOpen = List.copyOf(onOpen);
    }

    /** The server's own handlers, nothing plugged in. */
    public static ServerExtensions none() {
        return new ServerExtensions(context -> context.subscriptions().streamHandler(),
            context -> context.subscriptions().eventsHandler(), ServerExtensions::jdbcEndpoint,
            ServerExtensions::scrape, List.of());
    }

    /**
     * The remote JDBC endpoint over the server's log, with its keys, durability and statement timeout; closed with the
     * server.
     */
    private static HttpHandler jdbcEndpoint(ServerContext context) {
        Properties engine = new Properties();
        engine.setProperty("durability", context.config().durability().name().toLowerCase(Locale.ROOT));
        engine.setProperty("statementTimeout", Long.toString(context.config().statementTimeout().toMillis()));
        try {
            return JdbcEndpoint.over(context.config().dataDir(), engine, context.config().apiKeys(),
                RemoteLimits.defaults(), context.boundWorkers(), BodyBudget.ofHeap());
        } catch (SQLException e) {
            throw new IllegalStateException("the remote JDBC endpoint cannot start: " + e.getMessage(), e);
        }
    }

    /** With {@code factory} answering {@code GET /v1/streams/{streamId}/subscribe} (role read). */
    public ServerExtensions withStreamSubscribe(HandlerFactory factory) {
        return new ServerExtensions(Objects.requireNonNull(factory), eventsSubscribe, jdbc, metrics, onOpen);
    }

    /** With {@code factory} answering {@code GET /v1/events/subscribe} (role read). */
    public ServerExtensions withEventsSubscribe(HandlerFactory factory) {
        return new ServerExtensions(streamSubscribe, Objects.requireNonNull(factory), jdbc, metrics, onOpen);
    }

    /**
     * With {@code factory} answering {@code POST /jdbc}: authenticated inside its protocol (the key is the JDBC
     * password), so at HTTP level only the loopback rule applies.
     */
    public ServerExtensions withJdbc(HandlerFactory factory) {
        return new ServerExtensions(streamSubscribe, eventsSubscribe, Objects.requireNonNull(factory), metrics, onOpen);
    }

    /** With {@code factory} answering {@code GET /metrics} (role read). */
    public ServerExtensions withMetrics(HandlerFactory factory) {
        return new ServerExtensions(streamSubscribe, eventsSubscribe, jdbc, Objects.requireNonNull(factory), onOpen);
    }

    /** With {@code task} run once the log is open, before the server listens; a failure stops the start. */
    public ServerExtensions withOnOpen(Consumer<ServerContext> task) {
        List<Consumer<ServerContext>> tasks = new ArrayList<>(onOpen);
        tasks.add(Objects.requireNonNull(task));
        return new ServerExtensions(streamSubscribe, eventsSubscribe, jdbc, metrics, tasks);
    }

    HandlerFactory streamSubscribe() {
        return streamSubscribe;
    }

    HandlerFactory eventsSubscribe() {
        return eventsSubscribe;
    }

    HandlerFactory jdbc() {
        return jdbc;
    }

    HandlerFactory metrics() {
        return metrics;
    }

    List<Consumer<ServerContext>> onOpen() {
        return onOpen;
    }

    private static HttpHandler scrape(ServerContext context) {
        return new MetricsHandler(context.meters());
    }
}
