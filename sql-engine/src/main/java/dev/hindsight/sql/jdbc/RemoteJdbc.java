package dev.hindsight.sql.jdbc;

import dev.hindsight.jdbc.wire.CancelRequests;
import dev.hindsight.jdbc.wire.CompactTranslation;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.Meta.StatementHandle;
import org.apache.calcite.avatica.remote.Handler.HandlerResponse;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;

/**
 * The server side of {@code jdbc:hindsight://host:port}, independent of any HTTP server: one Avatica protobuf request
 * in, one response out ({@link #handle}). The HTTP layer mounts it at {@code /jdbc}, reading the POST body and writing
 * back status and bytes as {@code application/octet-stream}.
 *
 * <p>Besides Avatica's requests it takes the thin driver's cancel ({@link CancelRequests}), which stops what a
 * statement runs now if the connection the cancel names made it.
 *
 * <p>Each remote connection is an embedded connection to the server's log, opened with the access of the client's API
 * key ({@link RemoteAuthenticator}); see {@link ServerMeta} for authentication, refused properties, limits and
 * frames. Errors carry their SQLState and never a stack trace. A thread of its own closes connections and statements
 * idle past their expiry ({@link RemoteLimits}), whether or not requests come. Thread-safe; {@link #close} closes
 * every remote connection.
 */
public final class RemoteJdbc implements AutoCloseable {

    /**
     * The answer to a cancel ({@link CancelRequests}), whether or not it stopped anything: Avatica's answer to a
     * statement's close, which carries nothing either.
     */
    private static final byte[] CANCELED = canceled();

    private final ServerMeta meta;
    private final RemoteProtobufHandler handler;
    private final RemoteLimits limits;
    private final ScheduledThreadPoolExecutor expiry;
    private final ScheduledFuture<?> expiryChecks;

    /**
     * @param target        the log, as the embedded URL names it after {@code jdbc:hindsight:}: {@code file:<dir>} (or
     *                      {@code mem:<name>} in tests)
     * @param engine        the engine properties of every connection (the server's {@code durability}, …)
     * @param authenticator decides who a client is from its {@code user}/{@code password}
     * @param limits        connection, statement and frame limits
     * @throws SQLException if Avatica's caches cannot be set up
     */
    public RemoteJdbc(String target, Properties engine, RemoteAuthenticator authenticator, RemoteLimits limits)
            throws SQLException {
        Properties own = new Properties();
        own.putAll(engine);
        this.meta = new ServerMeta(target, own, authenticator, limits);
        this.handler = new RemoteProtobufHandler(new LocalService(meta),
            new RequestTranslation(CompactTranslation.server()));
        this.limits = limits;
        this.expiry = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "hindsight-jdbc-expiry");
            thread.setDaemon(true);
            return thread;
        });
        long every = expiryCheck(limits).toMillis();
        this.expiryChecks = expiry.scheduleWithFixedDelay(meta::closeExpired, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * How often idle connections and statements are looked for: a quarter of the shorter expiry, within 100 ms and a
     * minute (so the gauges below are at most that late).
     */
    static Duration expiryCheck(RemoteLimits limits) {
        Duration shorter = limits.connectionIdle().compareTo(limits.statementIdle()) < 0 ? limits.connectionIdle()
            : limits.statementIdle();
        Duration quarter = shorter.dividedBy(4);
        Duration least = Duration.ofMillis(100);
        Duration most = Duration.ofMinutes(1);
        return quarter.compareTo(least) < 0 ? least : quarter.compareTo(most) > 0 ? most : quarter;
    }

    /**
     * Remote connections open now, counted at most {@link #expiryCheck} after one expired (a gauge for
     * {@code /metrics}).
     */
    public long openConnections() {
        return meta.openConnections();
    }

    /**
     * Statements remote connections hold open now, counted at most {@link #expiryCheck} after one expired (a gauge
     * for {@code /metrics}).
     */
    public long openStatements() {
        return meta.openStatements();
    }

    /** The limits this service runs with. */
    public RemoteLimits limits() {
        return limits;
    }

    /**
     * Answers one serialized request; blocks while the statement runs, so call it off an I/O thread.
     *
     * @param request an Avatica protobuf request ({@code WireMessage})
     * @return HTTP status (200, or 500 with an error response, or 400 for bytes that are no request) and body
     */
    public Reply handle(byte[] request) {
        HandlerResponse<byte[]> response;
        try {
            StatementHandle cancel = CancelRequests.read(request);
            if (cancel != null) {
                meta.cancel(cancel);
                return new Reply(HttpURLConnection.HTTP_OK, ByteBuffer.wrap(CANCELED));
            }
            response = handler.apply(request);
        } catch (IOException e) {
            // a cancel's bytes that do not parse: answered as any bytes that are no request
            response = handler.convertToErrorResponse(new RequestTranslation.NotARequestException(e));
        }
        return new Reply(response.getStatusCode(), ByteBuffer.wrap(response.getResponse()));
    }

    /**
     * An error response refusing a request before it is read (status 500, which Avatica's client reads: a 503 it
     * retries at once, forever), with {@code sqlState} and {@code message}.
     */
    public Reply refusal(String sqlState, String message) {
        HandlerResponse<byte[]> response = handler.convertToErrorResponse(SqlErrors.of(sqlState, message));
        return new Reply(response.getStatusCode(), ByteBuffer.wrap(response.getResponse()));
    }

    private static byte[] canceled() {
        try {
            return new ProtobufTranslationImpl().serializeResponse(new Service.CloseStatementResponse(null));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize an empty response", e);
        }
    }

    /** Closes every remote connection; their clients get 08003 afterwards. */
    @Override
    public void close() {
        expiryChecks.cancel(false);
        expiry.shutdown();
        meta.closeAll();
    }

    /**
     * One response.
     *
     * @param status the HTTP status: 200, or 500 carrying an error response (Avatica's client reads both); or 400 when
     *               the request's bytes do not parse as an Avatica request at all
     * @param body   the serialized response; with 400, a short sentence in UTF-8 saying that (no exception's text)
     */
    public record Reply(int status, ByteBuffer body) {
    }
}
