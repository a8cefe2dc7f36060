package dev.hindsight.http.api;

import dev.hindsight.http.server.AuthHandler;
import dev.hindsight.http.server.ServerContext;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@code DELETE /v1/projections/{name}} (admin): drops the projection, its stored definition and its snapshot
 * ({@code DROP PROJECTION}); {@code 204}, or {@code 404} if there is no such projection. The events stay.
 */
final class ProjectionDropRoute implements HttpHandler {

    private final ServerContext context;

    ProjectionDropRoute(ServerContext context) {
        this.context = context;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String name = ProjectionStatusJson.name(exchange);
        if (!context.projections().holds(name)) { // one whose definition no longer compiles can be dropped too
            throw ProjectionStatusJson.notFound(name);
        }
        // the name is one of the projections' (lower-case letters, digits and _), quoted: "order" is a keyword
        try (Connection c = context.sql().open(exchange.getAttachment(AuthHandler.ROLE));
             Statement statement = c.createStatement()) {
            statement.execute("DROP PROJECTION \"" + name.replace("\"", "\"\"") + "\"");
        } catch (SQLException e) {
            throw SqlErrors.of(e, true);
        }
        exchange.setStatusCode(204);
        exchange.endExchange();
    }
}
