package dev.hindsight.http.api;

import dev.hindsight.http.json.EventJsonFormat;
import dev.hindsight.http.server.JsonResponses;
import dev.hindsight.log.EventLog;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /v1/events?fromSeq=&limit=&name=}: a JSON array of the global log's events from {@code fromSeq}
 * (default 1) in seq order, only those named {@code name} if given; {@code limit} as for stream reads.
 *
 * <p>Each event is written out as it is read, up to the head when the request came: a page read whole first held up
 * to {@code limit} events of up to the log's largest size in the heap at once (an export of large events ran the
 * server out of memory).
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
        JsonResponses.send(exchange, 200, g -> {
            g.writeStartArray();
            int[] written = {0};
            try {
                log.visit(fromSeq, head, e -> {
                    if (named == null || e.nameEquals(named)) {
                        try {
                            EventJsonFormat.write(g, e.toEvent());
                        } catch (IOException failed) {
                            throw new UncheckedIOException(failed);
                        }
                        written[0]++;
                    }
                    return written[0] < limit;
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            g.writeEndArray();
        });
    }
}
