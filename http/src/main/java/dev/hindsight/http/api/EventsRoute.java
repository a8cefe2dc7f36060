package dev.hindsight.http.api;

import dev.hindsight.http.server.JsonResponses;
import dev.hindsight.log.EventLog;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /v1/events?fromSeq=&limit=&name=}: a JSON array of the global log's events from {@code fromSeq}
 * (default 1) in seq order, only those named {@code name} if given; {@code limit} as for stream reads.
 *
 * <p>Each event is written out as it is read ({@link EventPages}), up to the head when the request came.
 */
final class EventsRoute implements HttpHandler {

    private final EventLog log;

    EventsRoute(EventLog log) {
        this.log = log;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        // 0 and 1 both mean the log's start, as for GET /v1/events/subscribe?fromSeq=
        long fromSeq = Math.max(1, Params.queryLong(exchange, "fromSeq", 1, 0, Long.MAX_VALUE));
        int limit = (int) Params.queryLong(exchange, "limit", StreamEventsRoute.DEFAULT_LIMIT, 1,
            StreamEventsRoute.MAX_LIMIT);
        String name = Params.query(exchange, "name");
        byte[] named = name == null ? null : name.getBytes(StandardCharsets.UTF_8);
        long head = log.headSeq();
        JsonResponses.send(exchange, 200, g -> EventPages.write(g, writer -> {
            int[] written = {0};
            log.visit(fromSeq, head, e -> {
                if (named == null || e.nameEquals(named)) {
                    writer.visit(e);
                    written[0]++;
                }
                return written[0] < limit;
            });
        }));
    }
}
