package dev.hindsight.http.server;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.io.UndertowOutputStream;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.xnio.IoUtils;

/**
 * Writes JSON responses: streamed through a {@link JsonGenerator} straight into the exchange's output stream, so a
 * large answer (rows of a query, events of a stream) is never held whole in memory. Call on a worker thread after
 * {@link HttpServerExchange#startBlocking()} ({@link BlockingRoute} does both).
 */
public final class JsonResponses {

    /** The mapper of request bodies and small answers; thread-safe once configured. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Closing a generator neither closes nor flushes the exchange's stream: a flush would commit the response as
     * chunked even when the whole body is still in Undertow's buffer, where ending the exchange sends it with a
     * {@code Content-Length} in one write. A body larger than the buffer still streams out as it is written.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
        .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
        .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
        .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN) // a DECIMAL as its numeral: 0.0000000000000000, not 0E-16
        .build();

    private JsonResponses() {
    }

    /** What writes a body: one JSON value to the generator. */
    @FunctionalInterface
    public interface Body {
        void writeTo(JsonGenerator g) throws IOException;
    }

    /**
     * Sends {@code status} with a JSON body written by {@code body}, then ends the exchange. If {@code body} fails,
     * what it wrote is never made to look whole: while none of it has gone out, it is dropped from the exchange's
     * buffer, so that the failure's own answer ({@link #sendError}) is the whole body; once some has gone out, the
     * connection is closed, so the client sees a body cut short (no last chunk) rather than a document closed by the
     * generator.
     */
    public static void send(HttpServerExchange exchange, int status, Body body) throws IOException {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        OutputStream out = exchange.getOutputStream();
        JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        try {
            body.writeTo(g);
            g.close(); // on a failure it is not closed: closing writes the brackets still open and flushes
        } catch (IOException | RuntimeException | Error e) {
            abandon(exchange, out);
            throw e;
        }
        exchange.endExchange();
    }

    /** Drops a failed body: from the buffer while the response has not started, else by closing the connection. */
    private static void abandon(HttpServerExchange exchange, OutputStream out) {
        if (!exchange.isResponseStarted() && out instanceof UndertowOutputStream buffered) {
            buffered.resetBuffer();
        } else {
            IoUtils.safeClose(exchange.getConnection());
        }
    }

    /**
     * Sends {@code status} with {@code json}, a small body already written, in one piece with its
     * {@code Content-Length}; never blocks, so it works on an I/O thread ({@link IoThreadRoute}) as on a worker. The
     * exchange ends once the answer is sent.
     */
    public static void sendWhole(HttpServerExchange exchange, int status, String json) {
        byte[] whole = json.getBytes(StandardCharsets.UTF_8);
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.setResponseContentLength(whole.length);
        exchange.getResponseSender().send(ByteBuffer.wrap(whole));
    }

    /** Sends {@code value} (a map, a list, a record Jackson can write) as JSON with {@code status}. */
    public static void sendValue(HttpServerExchange exchange, int status, Object value) throws IOException {
        send(exchange, status, g -> MAPPER.writeValue(g, value));
    }

    /**
     * Sends the error body of SPEC §5, {@code {"error": ..., "code": ..., ...extra}}, unless the response has started
     * already (then the connection is closed: a half-written body must not look whole). Works on an I/O thread and on
     * a blocking worker alike.
     */
    public static void sendError(HttpServerExchange exchange, ApiError error) {
        if (exchange.isResponseStarted()) {
            IoUtils.safeClose(exchange.getConnection());
            return;
        }
        String json = errorJson(error);
        String allow = exchange.getResponseHeaders().getFirst(Headers.ALLOW); // set by the router for a 405
        exchange.getResponseHeaders().clear();
        if (error.status() == 401) {
            exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer");
        }
        if (error.status() == 405 && allow != null) {
            exchange.getResponseHeaders().put(Headers.ALLOW, allow);
        }
        sendWhole(exchange, error.status(), json);
    }

    /**
     * Sends the error body as {@link #sendError} does, with {@code Connection: close}, then closes the connection: for
     * a request whose body is left unread (over the limit), which ending the exchange would otherwise read to its
     * end, however long that takes. Call on a blocking worker after {@link HttpServerExchange#startBlocking()}.
     */
    public static void sendErrorAndClose(HttpServerExchange exchange, ApiError error) {
        sendAndClose(exchange, error.status(), "application/json",
            errorJson(error).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends {@code body} of {@code contentType} with {@code status} and {@code Connection: close}, then closes the
     * connection, as {@link #sendErrorAndClose} (which sends the error body so): for a request whose body is left
     * unread. Call on a blocking worker after {@link HttpServerExchange#startBlocking()}.
     */
    public static void sendAndClose(HttpServerExchange exchange, int status, String contentType, byte[] body) {
        if (exchange.isResponseStarted()) {
            IoUtils.safeClose(exchange.getConnection());
            return;
        }
        exchange.setPersistent(false);
        exchange.getResponseHeaders().clear();
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        exchange.setResponseContentLength(body.length);
        // Design note: the answer goes out through the output stream, whose close flushes it and ends the response;
        // the response sender would end the exchange instead, and that reads the unread body first
        try (OutputStream out = exchange.getOutputStream()) {
            out.write(body);
        } catch (IOException e) {
            // the client is gone; the connection is closed below either way
        } finally {
            IoUtils.safeClose(exchange.getConnection());
        }
    }

    /** The error body of SPEC §5, {@code {"error": ..., "code": ..., ...extra}}. */
    private static String errorJson(ApiError error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.getMessage());
        body.put("code", error.code());
        body.putAll(error.extra());
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            return "{\"error\":\"internal error\",\"code\":\"internal\"}";
        }
    }
}
