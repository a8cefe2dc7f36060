package dev.hindsight.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hindsight.http.server.ApiError;
import dev.hindsight.http.server.AuthHandler;
import dev.hindsight.http.server.JsonResponses;
import dev.hindsight.http.server.ServerContext;
import dev.hindsight.projection.ProjectionStatus;
import io.undertow.server.HttpServerExchange;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /v1/projections} (admin) with {@code {"sql": "CREATE [OR REPLACE] PROJECTION name AS SELECT ..."}}:
 * {@code 201} with the new projection's status; {@code 400} for a statement that is not a {@code CREATE PROJECTION}
 * or that the engine refuses (the message says why), or a body with another field than {@code sql}; {@code 409
 * already_exists} for a name taken.
 */
final class ProjectionCreateRoute {

    /** The head, its comments made spaces: a quoted name may touch {@code AS} ({@code "n"AS}), an unquoted one not. */
    private static final Pattern CREATE = Pattern.compile(
        "^\\s*CREATE\\s+(?:OR\\s+REPLACE\\s+)?PROJECTION\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?"
            + "([A-Za-z_][A-Za-z0-9_]*(?=\\s)|\"(?:[^\"]|\"\")+\"(?!\"))",
        Pattern.CASE_INSENSITIVE);

    /**
     * Comments, which the engine skips as white space ({@code /* why *}{@code /}, {@code --}), anywhere in the head
     * (no string literal comes before the name).
     */
    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|--[^\\n\\r]*+", Pattern.DOTALL);

    private final ServerContext context;

    ProjectionCreateRoute(ServerContext context) {
        this.context = context;
    }

    /** Answers from the body, received whole ({@link dev.hindsight.http.server.BodyRoute}), on a blocking worker. */
    void answer(HttpServerExchange exchange, byte[] bytes) throws Exception {
        JsonNode body = JsonBodies.parse(bytes);
        if (exchange.getRequestHeaders().contains(AppendRoute.IDEMPOTENCY_KEY)) {
            // a retry would be 409 already_exists for a create that succeeded: refused rather than ignored, as POST
            // /v1/sql refuses it with a statement that writes
            throw ApiError.badRequest("Idempotency-Key is taken by POST /v1/streams/{streamId}/events; POST "
                + "/v1/projections does not deduplicate a retried create (a retry that finds the projection is 409 "
                + "already_exists; CREATE OR REPLACE PROJECTION may be retried)");
        }
        JsonNode sql = body.isObject() ? body.get("sql") : null;
        if (sql == null || !sql.isTextual()) {
            throw ApiError.badRequest("the body must be {\"sql\": \"CREATE PROJECTION name AS SELECT ...\"}");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String field = names.next();
            if (!field.equals("sql")) {
                throw ApiError.badRequest("unknown field " + field + ": the body has sql only");
            }
        }
        Matcher m = CREATE.matcher(COMMENTS.matcher(sql.asText()).replaceAll(" "));
        if (!m.find()) {
            throw ApiError.badRequest("field sql must be a CREATE PROJECTION statement, was '"
                + abbreviate(sql.asText()) + "'");
        }
        String written = m.group(1);
        // quoted or not, lower-cased, as the engine names projections
        String name = (written.startsWith("\"") ? written.substring(1, written.length() - 1).replace("\"\"", "\"")
            : written).toLowerCase(Locale.ROOT);
        try (Connection c = context.sql().open(exchange.getAttachment(AuthHandler.ROLE));
             Statement statement = c.createStatement()) {
            statement.execute(sql.asText());
        } catch (SQLException e) {
            throw SqlErrors.of(e);
        }
        ProjectionStatus status = ProjectionStatusJson.of(context.projections(), name);
        JsonResponses.send(exchange, 201, g -> ProjectionStatusJson.write(g, status));
    }

    private static String abbreviate(String text) {
        String t = text.strip();
        return t.length() <= 80 ? t : t.substring(0, 77) + "...";
    }
}
