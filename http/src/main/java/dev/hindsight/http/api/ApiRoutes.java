package dev.hindsight.http.api;

import dev.hindsight.http.server.Access;
import dev.hindsight.http.server.BlockingRoute;
import dev.hindsight.http.server.BodyBudget;
import dev.hindsight.http.server.BodyRoute;
import dev.hindsight.http.server.BoundWorkers;
import dev.hindsight.http.server.IoThreadRoute;
import dev.hindsight.http.server.QueryParameters;
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
        long limit = context.config().maxBodyBytes();
        BoundWorkers bound = context.boundWorkers();
        BodyBudget bodies = context.bodies();
        return List.of(
            new Route("POST", "/v1/streams/{streamId}/events", Access.WRITE, QueryParameters.none(),
                new IoThreadRoute(limit, append::answersInline, append::answer,
                    new BodyRoute(limit, bound, bodies, append::checkHead, append::answer), bodies)),
            noBody(bound, "GET", "/v1/streams/{streamId}", Access.READ, QueryParameters.none(), limit,
                new StreamRoute(context.log())),
            noBody(bound, "GET", "/v1/streams/{streamId}/events", Access.READ,
                QueryParameters.of("direction", "fromVersion", "limit"), limit, new StreamEventsRoute(context.log())),
            noBody(bound, "GET", "/v1/events", Access.READ, QueryParameters.of("fromSeq", "limit", "name"), limit,
                new EventsRoute(context.log())),
            new Route("POST", "/v1/sql", Access.READ, QueryParameters.none(),
                new BodyRoute(limit, bound, bodies, JsonBodies::checkType, new SqlRoute(context)::answer)),
            noBody(bound, "GET", "/v1/projections", Access.READ, QueryParameters.none(), limit,
                new ProjectionListRoute(context.projections())),
            new Route("POST", "/v1/projections", Access.ADMIN, QueryParameters.none(),
                new BodyRoute(limit, bound, bodies, JsonBodies::checkType, new ProjectionCreateRoute(context)::answer)),
            noBody(bound, "GET", "/v1/projections/{name}", Access.READ, QueryParameters.of("partition", "asOf"), limit,
                new ProjectionReadRoute(context.log(), context.projections())),
            noBody(bound, "DELETE", "/v1/projections/{name}", Access.ADMIN, QueryParameters.none(), limit,
                new ProjectionDropRoute(context)),
            noBody(bound, "POST", "/v1/projections/{name}/rebuild", Access.ADMIN, QueryParameters.none(), limit,
                new ProjectionRebuildRoute(context.projections())),
            noBody(bound, "GET", "/v1/projections/{name}/status", Access.READ, QueryParameters.none(), limit,
                new ProjectionStatusRoute(context.projections())),
            noBody(bound, "GET", "/v1/projections/{name}/wait", Access.READ,
                QueryParameters.of("eventId", "seq", "timeoutMs"), limit,
                new ProjectionWaitRoute(context.projections(), context.stopping())),
            noBody(bound, "GET", "/health", Access.READ, QueryParameters.none(), limit, new HealthRoute(context.log())),
            noBody(bound, "GET", "/v1/openapi.json", Access.READ, QueryParameters.none(), limit, new OpenApiRoute()));
    }

    /** A route on a worker that reads no body: one sent anyway is dropped, or refused over {@code maxBodyBytes}. */
    private static Route noBody(BoundWorkers bound, String method, String template, Access access,
                                QueryParameters query, long maxBodyBytes, HttpHandler handler) {
        return new Route(method, template, access, query, BlockingRoute.ignoringBody(maxBodyBytes, bound, handler));
    }
}
