package dev.hindsight.http.api;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hindsight.http.server.ApiError;
import dev.hindsight.projection.Fold;
import dev.hindsight.projection.ProjectionStatus;
import dev.hindsight.projection.Projections;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/** A projection's status as JSON, {@code {name, status, position, lag, error}}, as {@code sys.projections} has it. */
final class ProjectionStatusJson {

    private ProjectionStatusJson() {
    }

    static void write(JsonGenerator g, ProjectionStatus s) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", s.name());
        g.writeStringField("status", s.status());
        g.writeNumberField("position", s.position());
        g.writeNumberField("lag", s.lag());
        g.writeStringField("error", s.error());
        g.writeEndObject();
    }

    /**
     * The projection the path's {@code name} segment names, folded to lower case as SQL folds a name
     * ({@code /v1/projections/Customer_Orders} is {@code customer_orders}, which {@code CREATE PROJECTION
     * Customer_Orders} made): every projection's name is lower case, a Java projection's too.
     */
    static String name(HttpServerExchange exchange) {
        return Params.path(exchange, "name").toLowerCase(Locale.ROOT);
    }

    /** The status of projection {@code name}, or {@code 404}. */
    static ProjectionStatus of(Projections projections, String name) {
        return projections.statuses().stream().filter(s -> s.name().equals(name)).findFirst()
            .orElseThrow(() -> notFound(name));
    }

    /**
     * The fold of projection {@code name}, for a route that reads or runs it: {@code 404} if there is none,
     * {@code 409 projection_failed} if its stored definition no longer compiles (its status says why).
     */
    static Fold foldOf(Projections projections, String name) {
        Optional<Fold> fold = projections.fold(name);
        if (fold.isPresent()) {
            return fold.get();
        }
        String reason = projections.uncompiled(name).orElseThrow(() -> notFound(name));
        throw ApiError.of(409, "projection_failed", "projection " + name + " cannot run: its stored definition no "
            + "longer compiles (replace it with CREATE OR REPLACE PROJECTION or drop it): " + reason);
    }

    static ApiError notFound(String name) {
        return ApiError.notFound("there is no projection named " + name + "; GET /v1/projections lists them");
    }
}
