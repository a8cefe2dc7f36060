package dev.hindsight.http.api;

import dev.hindsight.http.server.JsonResponses;
import dev.hindsight.projection.ProjectionStatus;
import dev.hindsight.projection.Projections;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /v1/projections/{name}/rebuild} (admin): starts replaying the whole log into a fresh state beside the
 * one that answers, which is swapped in once it has caught up. {@code 202} with the status at once (the rebuild runs
 * on; {@code …/status} shows {@code rebuilding} until the swap); {@code 404} if there is no such projection,
 * {@code 409} if its stored definition no longer compiles.
 */
final class ProjectionRebuildRoute implements HttpHandler {

    private final Projections projections;

    ProjectionRebuildRoute(Projections projections) {
        this.projections = projections;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String name = ProjectionStatusJson.name(exchange);
        ProjectionStatusJson.foldOf(projections, name);
        // runs on; its end (or failure) shows in the projection's status, not in this answer
        CompletableFuture<Void> unused = projections.rebuild(name);
        ProjectionStatus status = ProjectionStatusJson.of(projections, name);
        JsonResponses.send(exchange, 202, g -> ProjectionStatusJson.write(g, status));
    }
}
