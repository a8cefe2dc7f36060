package dev.hindsight.http.server;

import dev.hindsight.log.EventLog;
import java.util.function.BooleanSupplier;
import dev.hindsight.projection.Projections;
import dev.hindsight.http.metrics.ServerMetrics;
import dev.hindsight.http.sse.SseSubscriptions;

/**
 * What a route works with while the server runs: the configuration, the log and its projections (shared with the
 * server's JDBC connections), the pool of SQL connections and the meter registry. Thread-safe; valid from
 * {@code start()} to {@code close()} of its server.
 *
 * @param config      how the server runs
 * @param log         the open log
 * @param projections the log's projections
 * @param sql         SQL connections to the log, by role
 * @param meters      the server's meters, scraped by {@code GET /metrics}
 * @param subscriptions the live subscriptions (Server-Sent Events) of the two subscribe routes
 * @param boundWorkers  how many workers may be bound to their connections at once ({@link Linger}), shared by the
 *                      routes
 * @param bodies        the bytes the JSON routes' request bodies may hold at once, shared by those routes
 *                      ({@code /jdbc} has a budget of its own: its bodies are read before any key is known)
 * @param stopping      whether the server has begun to shut down: a route that waits gives up then, so that it answers
 *                      within the shutdown's wait
 */
public record ServerContext(ServerConfig config, EventLog log, Projections projections, SqlConnections sql,
                            ServerMetrics meters, SseSubscriptions subscriptions, BoundWorkers boundWorkers,
                            BodyBudget bodies, BooleanSupplier stopping) {
}
