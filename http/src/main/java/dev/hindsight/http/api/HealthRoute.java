package dev.hindsight.http.api;

import dev.hindsight.http.server.JsonResponses;
import dev.hindsight.log.EventLog;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** {@code GET /health}: liveness, {@code {"status":"ok","headSeq":N}} while the server runs and its log is open. */
final class HealthRoute implements HttpHandler {

    private final EventLog log;

    HealthRoute(EventLog log) {
        this.log = log;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        long head = log.headSeq();
        JsonResponses.send(exchange, 200, g -> {
            g.writeStartObject();
            g.writeStringField("status", "ok");
            g.writeNumberField("headSeq", head);
            g.writeEndObject();
        });
    }
}
