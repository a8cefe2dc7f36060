package dev.hindsight.http.api;

import dev.hindsight.http.server.JsonResponses;
import dev.hindsight.projection.ProjectionStatus;
import dev.hindsight.projection.Projections;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** {@code GET /v1/projections/{name}/status}: {@code {name, status, position, lag, error}}; {@code 404} if none. */
final class ProjectionStatusRoute implements HttpHandler {

    private final Projections projections;

    ProjectionStatusRoute(Projections projections) {
        this.projections = projections;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String name = ProjectionStatusJson.name(exchange);
        ProjectionStatus status = ProjectionStatusJson.of(projections, name);
        JsonResponses.send(exchange, 200, g -> ProjectionStatusJson.write(g, status));
    }
}
