package dev.hindsight.http.api;

import dev.hindsight.http.server.JsonResponses;
import dev.hindsight.projection.ProjectionStatus;
import dev.hindsight.projection.Projections;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.List;

/** {@code GET /v1/projections}: every projection's status, {@code [{name, status, position, lag, error}]}. */
final class ProjectionListRoute implements HttpHandler {

    private final Projections projections;

    ProjectionListRoute(Projections projections) {
        this.projections = projections;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        List<ProjectionStatus> statuses = projections.statuses();
        JsonResponses.send(exchange, 200, g -> {
            g.writeStartArray();
            for (ProjectionStatus s : statuses) {
                ProjectionStatusJson.write(g, s);
            }
            g.writeEndArray();
        });
    }
}
