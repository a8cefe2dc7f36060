package dev.hindsight.http.api;

import dev.hindsight.http.server.Access;
import dev.hindsight.http.server.BlockingRoute;
import dev.hindsight.http.server.IoThreadRoute;
import dev.hindsight.http.server.Route;
import dev.hindsight.http.server.ServerContext;
import io.undertow.server.HttpHandler;
import java.time.Clock;
import java.util.List;

/** The routes of the HTTP API of SPEC §5 that this package answers, each with its access. */
public final class ApiRoutes {

    private ApiRoutes() {
    }

    /**
     * Every route of the API, for the server's route table. Rebuilds the idempotency keys from the log (a scan of the
     * retention window), so call once per start.
     */
    public static List<Route> all(ServerContext context) {
        IdempotencyKeys keys = IdempotencyKeys.load(context.log(), context.config().idempotencyRetention(),
            Clock.systemUTC());
        AppendRoute append = new AppendRoute(context, keys);
        return List.of(
            new Route("POST", "/v1/streams/{streamId}/events", Access.WRITE,
                new IoThreadRoute(context.config().maxBodyBytes(), append::answersInline, append::answer,
                    new BlockingRoute(append))),
            route("GET", "/v1/streams/{streamId}", Access.READ, new StreamRoute(context.log())),
            route("GET", "/v1/streams/{streamId}/events", Access.READ, new StreamEventsRoute(context.log())),
            route("GET", "/v1/events", Access.READ, new EventsRoute(context.log())),
            route("POST", "/v1/sql", Access.READ, new SqlRoute(context)),
            route("GET", "/v1/projections", Access.READ, new ProjectionListRoute(context.projections())),
            route("POST", "/v1/projections", Access.ADMIN, new ProjectionCreateRoute(context)),
            route("GET", "/v1/projections/{name}", Access.READ,
                new ProjectionReadRoute(context.log(), context.projections())),
            route("DELETE", "/v1/projections/{name}", Access.ADMIN, new ProjectionDropRoute(context)),
            route("POST", "/v1/projections/{name}/rebuild", Access.ADMIN,
                new ProjectionRebuildRoute(context.projections())),
            route("GET", "/v1/projections/{name}/status", Access.READ,
                new ProjectionStatusRoute(context.projections())),
            route("GET", "/v1/projections/{name}/wait", Access.READ, new ProjectionWaitRoute(context.projections())),
            route("GET", "/health", Access.READ, new HealthRoute(context.log())),
            route("GET", "/v1/openapi.json", Access.READ, new OpenApiRoute()));
    }

    private static Route route(String method, String template, Access access, HttpHandler handler) {
        return new Route(method, template, access, new BlockingRoute(handler));
    }
}
