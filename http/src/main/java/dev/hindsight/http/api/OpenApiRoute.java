package dev.hindsight.http.api;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * {@code GET /v1/openapi.json}: the OpenAPI 3.0 description of every route, a resource file kept true by a test that
 * compares it with the routes the server registers.
 */
final class OpenApiRoute implements HttpHandler {

    /** The resource, next to this class. */
    static final String RESOURCE = "openapi.json";

    private final byte[] document;

    OpenApiRoute() {
        this.document = load();
    }

    static byte[] load() {
        try (InputStream in = OpenApiRoute.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(ByteBuffer.wrap(document));
    }
}
