package dev.hindsight.http.api;

import dev.hindsight.http.json.EventJsonFormat;
import dev.hindsight.http.server.ApiError;
import dev.hindsight.http.server.JsonResponses;
import dev.hindsight.log.Direction;
import dev.hindsight.log.EventLog;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * {@code GET /v1/streams/{streamId}/events?direction=forward|backward&fromVersion=&limit=}: a JSON array of the
 * stream's events in the shape of {@link EventJsonFormat}, in the order asked for. Forward starts at version 1,
 * backward at the last event, unless {@code fromVersion} says otherwise; {@code limit} defaults to
 * {@value #DEFAULT_LIMIT}, at most {@value #MAX_LIMIT}. An unknown stream gives {@code []}. Each event is written out
 * as it is read ({@link EventPages}).
 */
final class StreamEventsRoute implements HttpHandler {

    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;

    private final EventLog log;

    StreamEventsRoute(EventLog log) {
        this.log = log;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String streamId = Params.path(exchange, "streamId");
        Direction direction = direction(Params.query(exchange, "direction"));
        long fromVersion = Params.queryLong(exchange, "fromVersion",
            direction == Direction.FORWARD ? 1 : Long.MAX_VALUE, 1, Long.MAX_VALUE);
        int limit = (int) Params.queryLong(exchange, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        JsonResponses.send(exchange, 200, g -> EventPages.write(g,
            writer -> log.visitStream(streamId, fromVersion, direction, limit, writer)));
    }

    private static Direction direction(String text) {
        if (text == null || text.equals("forward")) {
            return Direction.FORWARD;
        }
        if (text.equals("backward")) {
            return Direction.BACKWARD;
        }
        throw ApiError.badRequest("query parameter direction must be forward or backward, was '" + text + "'");
    }
}
