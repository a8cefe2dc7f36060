package dev.hindsight.http.api;

import dev.hindsight.http.json.EventJsonFormat;
import dev.hindsight.http.server.JsonResponses;
import dev.hindsight.log.EventLog;
import dev.hindsight.log.RecordedEvent;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.List;

/**
 * {@code GET /v1/events?fromSeq=&limit=&name=}: a JSON array of the global log's events from {@code fromSeq}
 * (default 1) in seq order, only those named {@code name} if given; {@code limit} as for stream reads.
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
        List<RecordedEvent> events = log.readAll(fromSeq, limit, name);
        JsonResponses.send(exchange, 200, g -> {
            g.writeStartArray();
            for (RecordedEvent e : events) {
                EventJsonFormat.write(g, e);
            }
            g.writeEndArray();
        });
    }
}
