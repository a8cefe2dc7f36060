package dev.hindsight.http.jdbc;

import dev.hindsight.http.auth.ApiKeys;
import dev.hindsight.http.server.ApiError;
import dev.hindsight.http.server.BodyBudget;
import dev.hindsight.http.server.BoundWorkers;
import dev.hindsight.http.server.JsonResponses;
import dev.hindsight.http.server.Linger;
import dev.hindsight.http.server.WholeBody;
import dev.hindsight.sql.jdbc.RemoteJdbc;
import dev.hindsight.sql.jdbc.RemoteLimits;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The {@code /jdbc} endpoint behind {@code jdbc:hindsight://host:port}: Avatica's protocol (protobuf) over HTTP POST,
 * served by {@link RemoteJdbc}. Mount it at {@code /jdbc}; it needs no other route.
 *
 * <ul>
 *   <li>POST only (405 otherwise); a body over {@link RemoteLimits#maxRequestBytes()}, declared or counted while read
 *       (a chunked one), is refused with 413 as soon as it is known to be over, with the error body of the JSON API;
 *       the rest is left unread and the connection closed; a body that is no Avatica protobuf request gets 400 with
 *       that error body too, in a sentence that names no class;</li>
 *   <li>the body is read on the I/O thread without blocking, the message runs on a worker thread (statements block),
 *       which writes its answer (why there: {@link #answer}) and then waits a moment for the connection's next
 *       message, to read and run it itself: a client that sends at once is served by one worker, with no wake-up of
 *       the I/O thread ({@link Linger}; at most a quarter of the workers are bound to connections so);</li>
 *   <li>authentication is the JDBC password (an API key), checked when a connection opens, and answered, like every
 *       SQL error, inside the protocol (SQLState 28000), not as HTTP 401, which Avatica's client cannot report;</li>
 *   <li>what bodies being read hold at once is within a budget ({@link BodyBudget}, a quarter of the heap): a body
 *       with no room is refused inside the protocol, SQLState 53000, and its connection closed;</li>
 *   <li>with no keys configured only loopback clients are served (403 otherwise), as for the rest of the API.</li>
 * </ul>
 * Thread-safe. {@link #close} closes every remote connection.
 */
public final class JdbcEndpoint implements HttpHandler, AutoCloseable {

    /** PostgreSQL's insufficient_resources: the server cannot take the request now. */
    private static final String INSUFFICIENT_RESOURCES = "53000";

    private final RemoteJdbc remote;
    private final ApiKeyAuthenticator authenticator;
    private final boolean loopbackOnly;
    /** How many workers may be bound to their connections at once ({@link Linger}). */
    private final BoundWorkers bound;
    /** What the bodies being read, before any key is known, may hold at once. */
    private final BodyBudget budget;
    private final WholeBody.Refusals refusals;

    private JdbcEndpoint(RemoteJdbc remote, ApiKeyAuthenticator authenticator, boolean loopbackOnly,
                         BoundWorkers bound, BodyBudget budget) {
        this.remote = remote;
        this.authenticator = authenticator;
        this.loopbackOnly = loopbackOnly;
        this.bound = bound;
        this.budget = budget;
        // their answers block (they leave the body unread): on a worker
        this.refusals = new WholeBody.Refusals(onWorker(tooLarge(remote.limits().maxRequestBytes(), -1)),
            onWorker(busy(remote)));
    }

    /**
     * The endpoint over the log in {@code dataDir}, shared with every other connection to it in this JVM, with workers
     * bound to connections up to a quarter of the pool ({@link BoundWorkers#BoundWorkers()}).
     *
     * @param engine the engine properties of every remote connection ({@code durability}: the server's, which a client
     *               may repeat but not change)
     * @throws SQLException if the service cannot be set up
     */
    public static JdbcEndpoint over(Path dataDir, Properties engine, ApiKeys keys, RemoteLimits limits)
            throws SQLException {
        return over(dataDir, engine, keys, limits, new BoundWorkers(), BodyBudget.ofHeap());
    }

    /**
     * As {@link #over(Path, Properties, ApiKeys, RemoteLimits)}, with workers bound to connections within {@code
     * bound}, shared with the server's other routes, and request bodies within {@code budget}.
     */
    public static JdbcEndpoint over(Path dataDir, Properties engine, ApiKeys keys, RemoteLimits limits,
                                    BoundWorkers bound, BodyBudget budget) throws SQLException {
        return forUrl("jdbc:hindsight:file:" + dataDir.toAbsolutePath(), engine, keys, limits, bound, budget);
    }

    /**
     * The endpoint over the log an embedded URL names: {@code jdbc:hindsight:file:<dir>} or {@code
     * jdbc:hindsight:mem:<name>}.
     *
     * @throws IllegalArgumentException naming the URL if it is not embedded
     * @throws SQLException             if the service cannot be set up
     */
    public static JdbcEndpoint forUrl(String embeddedUrl, Properties engine, ApiKeys keys, RemoteLimits limits,
                                      BoundWorkers bound) throws SQLException {
        return forUrl(embeddedUrl, engine, keys, limits, bound, BodyBudget.ofHeap());
    }

    /** As {@link #forUrl(String, Properties, ApiKeys, RemoteLimits, BoundWorkers)}, with a budget of body bytes. */
    static JdbcEndpoint forUrl(String embeddedUrl, Properties engine, ApiKeys keys, RemoteLimits limits,
                               BoundWorkers bound, BodyBudget budget) throws SQLException {
        String prefix = "jdbc:hindsight:";
        String target = embeddedUrl.startsWith(prefix) ? embeddedUrl.substring(prefix.length()) : "";
        if (!target.startsWith("file:") && !target.startsWith("mem:")) {
            throw new IllegalArgumentException("the /jdbc endpoint needs an embedded URL (jdbc:hindsight:file:<dir> or "
                + "jdbc:hindsight:mem:<name>), not '" + embeddedUrl + "'");
        }
        ApiKeyAuthenticator authenticator = new ApiKeyAuthenticator(keys);
        return new JdbcEndpoint(new RemoteJdbc(target, engine, authenticator, limits), authenticator,
            !keys.configured(), bound, budget);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (!exchange.getRequestMethod().equals(Methods.POST)) {
            exchange.setStatusCode(StatusCodes.METHOD_NOT_ALLOWED);
            exchange.getResponseHeaders().put(Headers.ALLOW, "POST");
            return;
        }
        if (loopbackOnly && !fromLoopback(exchange)) {
            // no keys configured: the server trusts only its own host
            exchange.setStatusCode(StatusCodes.FORBIDDEN);
            return;
        }
        int max = remote.limits().maxRequestBytes();
        long declared = exchange.getRequestContentLength();
        if (declared > max) {
            exchange.dispatch(tooLarge(max, declared));
            return;
        }
        exchange.setMaxEntitySize(0); // the limit is ours (a server's own, 2 MiB by default, would cut ours short)
        WholeBody.read(exchange, max, this::answer, refusals, bound, budget, true);
    }

    /**
     * On a worker thread: the message's answer, written from here; the exchange ends here too.
     *
     * <p>Design note: an exchange that ends on a worker thread hands its connection back to the I/O thread under a
     * flag that the I/O thread spins on if the client's next request arrives meanwhile (Undertow's {@code
     * HttpReadListener}). With reads suspended until then, the hand-over itself turned them on and woke the I/O
     * thread inside that window: a remote JDBC client sends its next message as soon as it has read an answer, and on
     * two cores the worker was often descheduled there, so the I/O thread spun for a whole time slice (JFR: 40 % of
     * the server's samples during prepared reads). Now the worker waits for the next message itself ({@link
     * Linger}) and hands the connection back only when none came within a millisecond, when the client is not about
     * to send; if no more workers may be bound to connections, reads are on again before the worker runs ({@link
     * EarlyRequest}), so the hand-over mostly finds them on, makes no system call and wakes nobody.
     */
    private void answer(HttpServerExchange exchange, byte[] message) {
        RemoteJdbc.Reply reply = remote.handle(message);
        if (reply.status() == StatusCodes.BAD_REQUEST) {
            // bytes that are no Avatica request: whoever sent them reads the JSON API's error shape, as with a 413
            JsonResponses.sendError(exchange, ApiError.badRequest(StandardCharsets.UTF_8.decode(reply.body())
                .toString()));
            return;
        }
        exchange.setStatusCode(reply.status());
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/octet-stream");
        exchange.setResponseContentLength(reply.body().remaining());
        exchange.getResponseSender().send(reply.body());
    }

    private static HttpHandler onWorker(HttpHandler blocking) {
        return exchange -> exchange.dispatch(blocking);
    }

    /** A body over the limit: 413 with the JSON API's error body, the rest left unread and the connection closed. */
    private static HttpHandler tooLarge(int max, long declared) {
        return exchange -> {
            // not closed: closing reads the body to its end, and the end of one over the limit may never come
            exchange.startBlocking();
            JsonResponses.sendErrorAndClose(exchange, ApiError.payloadTooLarge(max, declared));
        };
    }

    /**
     * A body the budget has no room for ({@link BodyBudget}): an error response with SQLState 53000 (PostgreSQL's
     * insufficient resources) in the protocol, status 500, which Avatica's client reports (a 503 it retries at once,
     * forever); the rest left unread and the connection closed, as for a body over the limit.
     */
    private static HttpHandler busy(RemoteJdbc remote) {
        RemoteJdbc.Reply reply = remote.refusal(INSUFFICIENT_RESOURCES, "the server is reading too many request bodies "
            + "at once (clients sending slowly hold them): try again");
        byte[] body = new byte[reply.body().remaining()];
        reply.body().get(body);
        return exchange -> {
            exchange.startBlocking();
            JsonResponses.sendAndClose(exchange, reply.status(), "application/octet-stream", body);
        };
    }

    private static boolean fromLoopback(HttpServerExchange exchange) {
        InetSocketAddress source = exchange.getSourceAddress();
        return source != null && source.getAddress() != null && source.getAddress().isLoopbackAddress();
    }

    /** Remote JDBC connections refused for their key since the start (a counter for {@code /metrics}). */
    public long refusedLogins() {
        return authenticator.refused();
    }

    /** Remote JDBC connections open now (a gauge for {@code /metrics}). */
    public long openConnections() {
        return remote.openConnections();
    }

    /** Statements remote JDBC connections hold open now, expired ones dropped first (a gauge for {@code /metrics}). */
    public long openStatements() {
        return remote.openStatements();
    }

    @Override
    public void close() {
        remote.close();
    }
}
