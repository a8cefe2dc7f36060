package dev.hindsight.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hindsight.http.metrics.ServerMetrics;
import dev.hindsight.http.server.ApiError;
import dev.hindsight.http.server.AuthHandler;
import dev.hindsight.http.server.IoThreadRoute;
import dev.hindsight.http.server.JsonResponses;
import dev.hindsight.http.server.ServerContext;
import dev.hindsight.http.server.SingleHeader;
import dev.hindsight.log.AppendRequest;
import dev.hindsight.log.AppendedEvent;
import dev.hindsight.log.Durability;
import dev.hindsight.log.InvalidEventException;
import dev.hindsight.log.Source;
import dev.hindsight.log.StorageException;
import dev.hindsight.log.StorageFullException;
import dev.hindsight.log.WrongExpectedVersionException;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /v1/streams/{streamId}/events}: appends one event or an array of them atomically (source
 * {@code http}). {@code 201} with {@code [{eventId, seq, version}]}; {@code 409 version_conflict} with
 * {@code expectedVersion} and {@code actualVersion}; {@code 400} naming the invalid field; {@code 413} over the body
 * limit; {@code 415} for a body that is not JSON; {@code 507 storage_full} when the disk is full. With an
 * {@code Idempotency-Key} header a retry gets the first {@code 201} again and writes nothing ({@link IdempotencyKeys});
 * the same key with a different request (another stream, other events) is {@code 422 idempotency_key_reused}
 * ({@link IdempotentRetry}). Answered on the I/O thread where it cannot block ({@link #answersInline}), else on a
 * worker.
 */
final class AppendRoute {

    static final HttpString IDEMPOTENCY_KEY = new HttpString("Idempotency-Key");
    private static final int MAX_KEY_LENGTH = 255;

    private final ServerContext context;
    private final IdempotencyKeys keys;

    AppendRoute(ServerContext context, IdempotencyKeys keys) {
        this.context = context;
        this.keys = keys;
    }

    /**
     * Whether a request is answered on the I/O thread that read it ({@link IoThreadRoute}): with the log's default
     * durability an append is a memory write under a lock held for microseconds; with {@code fsync} it waits for the
     * disk, and with an {@code Idempotency-Key} it may wait for a concurrent append of the same key, so those go to a
     * worker.
     */
    boolean answersInline(HttpServerExchange exchange) {
        return context.log().config().durability() == Durability.PROCESS
            && !exchange.getRequestHeaders().contains(IDEMPOTENCY_KEY);
    }

    /** Refuses a request from its head, before its body is read: a body not JSON, a bad Idempotency-Key. */
    void checkHead(HttpServerExchange exchange) {
        JsonBodies.checkType(exchange);
        idempotencyKey(exchange);
    }

    /** Answers from a body received whole, on the I/O thread ({@link #answersInline}) or a blocking worker. */
    void answer(HttpServerExchange exchange, byte[] body) throws Exception {
        checkHead(exchange); // again, for a request answered inline: nothing checked its head before
        answer(exchange, JsonBodies.parseSpelled(body), idempotencyKey(exchange));
    }

    private void answer(HttpServerExchange exchange, JsonNode body, String key) throws IOException {
        String streamId = Params.path(exchange, "streamId");
        List<AppendRequest> requests = AppendBody.parse(streamId, body);
        String at = body.isArray() ? "[%d]." : ""; // an event's field named as a bad request names it
        // each API key's keys are its own; the client's key is named in messages
        String stored = key == null ? null : IdempotencyKeys.stored(key, exchange.getAttachment(AuthHandler.CALLER));
        IdempotencyKeys.Outcome outcome = key == null ? append(streamId, requests, null, at)
            : keys.appendOnce(stored, first -> IdempotentRetry.check(context.log(), key, streamId, requests, first),
                () -> append(streamId, requests, stored, at));
        JsonResponses.sendWhole(exchange, 201, appended(outcome.events()));
    }

    /**
     * {@code [{"eventId":"…","seq":N,"version":N}, …]}, written directly: a UUID and two longs need no escaping, and
     * a generator per answer cost more than the append it reports (a fifth of the route's time, measured).
     */
    static String appended(List<AppendedEvent> events) {
        StringBuilder json = new StringBuilder(16 + 80 * events.size()).append('[');
        for (AppendedEvent e : events) {
            json.append(json.length() == 1 ? "" : ",").append("{\"eventId\":\"").append(e.eventId())
                .append("\",\"seq\":").append(e.seq()).append(",\"version\":").append(e.version()).append('}');
        }
        return json.append(']').toString();
    }

    /**
     * Appends {@code requests}, each record carrying {@code key} if it is not null (the log keeps it durable); a field
     * the log refuses in an event is named with the prefix {@code at} gives its position ({@code [1].name}).
     */
    private IdempotencyKeys.Outcome append(String streamId, List<AppendRequest> requests, String key, String at) {
        long start = System.nanoTime();
        ServerMetrics.AppendOutcome measured = ServerMetrics.AppendOutcome.FAILED;
        try {
            IdempotencyKeys.Outcome outcome = new IdempotencyKeys.Outcome(streamId,
                context.log().appendAll(requests, Source.HTTP, key).events());
            measured = ServerMetrics.AppendOutcome.APPENDED;
            return outcome;
        } catch (WrongExpectedVersionException e) {
            measured = ServerMetrics.AppendOutcome.CONFLICT;
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("streamId", e.streamId());
            extra.put("expectedVersion", e.expectedVersion());
            extra.put("actualVersion", e.actualVersion());
            if (e.eventIndex() >= 0) {
                extra.put("index", e.eventIndex()); // which element of the array: actualVersion counts those before
            }
            throw ApiError.of(409, "version_conflict", e.getMessage(), extra);
        } catch (InvalidEventException e) {
            throw ApiError.of(400, "invalid_event", e.getMessage(), e.field() == null ? Map.of()
                : Map.of("field", (e.eventIndex() < 0 ? "" : String.format(Locale.ROOT, at, e.eventIndex()))
                    + e.field()));
        } catch (StorageFullException e) {
            throw ApiError.of(507, "storage_full", e.getMessage());
        } catch (StorageException e) {
            // the storage failed under the log (a failed fsync, a write that faulted): it refuses appends until the
            // server is restarted, which its message says — a condition of the service, not an internal error
            throw ApiError.of(503, "storage_failed", e.getMessage());
        } finally {
            context.meters().append(System.nanoTime() - start, measured);
        }
    }

    private static String idempotencyKey(HttpServerExchange exchange) {
        String key = SingleHeader.of(exchange, IDEMPOTENCY_KEY);
        if (key == null) {
            return null;
        }
        String rule = "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " visible ASCII characters";
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                // named by its byte, not echoed: a header's bytes arrive one per char (ISO-8859-1), so the UTF-8 of
                // 'ü' would read back as 'Ã¼'
                throw ApiError.badRequest(rule + "; its byte " + (i + 1) + " is " + String.format("0x%02X", (int) c));
            }
        }
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw ApiError.badRequest(rule + ", was " + (key.isEmpty() ? "empty" : key.length() + " long"));
        }
        return key;
    }
}
