package dev.hindsight.http.api;

import dev.hindsight.http.server.ApiError;
import dev.hindsight.http.server.JsonResponses;
import dev.hindsight.projection.NoSuchProjectionException;
import dev.hindsight.projection.ProjectionStatus;
import dev.hindsight.projection.Projections;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /v1/projections/{name}/wait?eventId=|seq=&timeoutMs=}: read-your-writes. Waits until the projection has
 * applied the event (by id or seq) and answers {@code 200} with its status, or {@code 408 timeout} after
 * {@code timeoutMs} (default {@value #DEFAULT_TIMEOUT_MS}, at most {@value #MAX_TIMEOUT_MS}). {@code 404} for an
 * unknown projection or event id, {@code 409} for a projection whose stored definition no longer compiles, {@code 503}
 * once the server begins to shut down; exactly one of {@code eventId} and {@code seq} is required.
 */
final class ProjectionWaitRoute implements HttpHandler {

    static final long DEFAULT_TIMEOUT_MS = 5_000;
    static final long MAX_TIMEOUT_MS = 60_000;

    private final Projections projections;
    /** Whether the server is shutting down: the wait gives up and answers 503, within the shutdown's own wait. */
    private final BooleanSupplier stopping;

    ProjectionWaitRoute(Projections projections, BooleanSupplier stopping) {
        this.projections = projections;
        this.stopping = stopping;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String name = ProjectionStatusJson.name(exchange);
        String eventId = Params.query(exchange, "eventId");
        String seqText = Params.query(exchange, "seq");
        long timeout = Params.queryLong(exchange, "timeoutMs", DEFAULT_TIMEOUT_MS, 0, MAX_TIMEOUT_MS);
        if ((eventId == null) == (seqText == null)) {
            throw ApiError.badRequest("give exactly one of the query parameters eventId and seq");
        }
        ProjectionStatusJson.foldOf(projections, name);
        boolean applied;
        try { // a projection replaced while the wait runs is waited for; one dropped is a 404, as one not there
            if (eventId != null) {
                applied = awaitEvent(projections, name, uuid(eventId), timeout);
            } else {
                applied = projections.await(name, Params.queryLong(exchange, "seq", 0, 1, Long.MAX_VALUE), timeout,
                    stopping);
            }
        } catch (NoSuchProjectionException e) {
            throw ProjectionStatusJson.notFound(name);
        }
        if (!applied && stopping.getAsBoolean()) {
            // the wait would hold the shutdown up to its timeout (60 s), then lose its answer with the connection
            throw ApiError.of(503, "unavailable", "the server is shutting down: wait again once it is back");
        }
        if (!applied) {
            ProjectionStatus now = ProjectionStatusJson.of(projections, name);
            if (now.status().equals("failed")) {
                // a failure never clears: answered at once, not as a timeout that a retry could outwait
                throw ApiError.of(409, "projection_failed", "projection " + name + " will not apply "
                    + (eventId != null ? "event " + eventId : "seq " + seqText) + ": it " + now.error());
            }
            throw ApiError.of(408, "timeout", "projection " + name + " did not apply "
                + (eventId != null ? "event " + eventId : "seq " + seqText) + " within " + timeout + " ms");
        }
        ProjectionStatus status = ProjectionStatusJson.of(projections, name);
        JsonResponses.send(exchange, 200, g -> ProjectionStatusJson.write(g, status));
    }

    private boolean awaitEvent(Projections projections, String name, UUID id, long timeout)
            throws InterruptedException {
        try {
            return projections.awaitEvent(name, id, timeout, stopping);
        } catch (NoSuchProjectionException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw ApiError.notFound("no event " + id + " in the log");
        }
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("query parameter eventId must be a UUID, was '" + text + "'");
        }
    }
}
