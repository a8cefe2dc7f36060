package dev.hindsight.http.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.hindsight.http.server.ApiError;
import dev.hindsight.http.server.JsonResponses;
import dev.hindsight.log.AppendRequest;
import dev.hindsight.log.AppendedEvent;
import dev.hindsight.log.EventLog;
import dev.hindsight.log.NewEvent;
import dev.hindsight.log.RecordedEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Whether a request that carries an {@code Idempotency-Key} already used is a retry of the request that first used it,
 * as the IETF draft "The Idempotency-Key HTTP Header Field" and Stripe have it: a retry gets the first result, the same
 * key with another request is {@code 422 idempotency_key_reused} and writes nothing.
 *
 * <p>Design note: the retry is compared with what the first request wrote, read back from the log, not with a copy or
 * digest of its body kept beside the key: the key's only durable record is the one its append's log records carry
 * ({@link IdempotencyKeys}), so the comparison holds the same after a restart, and a plain append keeps nothing more.
 * It compares the stream, the number of events and each event's {@code entityType}, {@code name},
 * {@code schemaVersion}, {@code data} and {@code metadata}, the JSON as values: key order, white space and the
 * spelling of a number ({@code 1.0}, {@code 1.00}, {@code 1E0}) do not tell two requests apart; an absent, a
 * {@code null} and an empty {@code metadata} are one (as documented since the key was kept in the metadata). The
 * {@code expectedVersion} guards are not compared: the log does not keep them, and they did their work when the first
 * request was appended. Runs only when a key is found, so a first request pays nothing for it.
 */
final class IdempotentRetry {

    /** Numbers as written, so that two decimals are never taken for one through a double. */
    private static final ObjectReader EXACT = JsonResponses.MAPPER.reader()
        .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** Equal JSON scalars, numbers by value; containers are compared member by member with it by Jackson. */
    private static final Comparator<JsonNode> SAME_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private IdempotentRetry() {
    }

    /**
     * Checks that {@code retry}, an append to {@code streamId} with {@code key}, asks for what {@code first}, the
     * outcome remembered for the key, wrote.
     *
     * @throws ApiError 422 {@code idempotency_key_reused} saying where the two requests differ
     */
    static void check(EventLog log, String key, String streamId, List<AppendRequest> retry,
                      IdempotencyKeys.Outcome first) {
        if (!first.streamId().equals(streamId)) {
            throw reused(key, "an append to stream " + first.streamId() + ", not " + streamId);
        }
        List<NewEvent> asked = new ArrayList<>();
        List<String> entityTypes = new ArrayList<>();
        for (AppendRequest request : retry) {
            asked.addAll(request.events());
            request.events().forEach(e -> entityTypes.add(request.entityType()));
        }
        List<AppendedEvent> appended = first.events();
        if (asked.size() != appended.size()) {
            throw reused(key, "an append of " + count(appended.size()) + ", not " + asked.size());
        }
        List<RecordedEvent> written = new ArrayList<>(appended.size());
        long firstSeq = appended.get(0).seq();
        long lastSeq = appended.get(appended.size() - 1).seq();
        // one append's events are contiguous in the log (EventLog#appendAll)
        log.scan(firstSeq, lastSeq, written::add);
        if (written.size() != appended.size()) {
            throw new IllegalStateException("the " + count(appended.size()) + " appended with Idempotency-Key " + key
                + " are not seq " + firstSeq + " to " + lastSeq + " of the log");
        }
        for (int i = 0; i < asked.size(); i++) {
            String differs = difference(entityTypes.get(i), asked.get(i), written.get(i));
            if (differs != null) {
                String at = asked.size() == 1 ? "" : "[" + i + "].";
                throw reused(key, "an append whose " + at + differs + " was not the same");
            }
        }
    }

    /** The field in which {@code asked} differs from {@code written}, or {@code null} if it does in none. */
    private static String difference(String entityType, NewEvent asked, RecordedEvent written) {
        if (!entityType.equals(written.entityType())) {
            return "entityType";
        }
        if (!asked.name().equals(written.name())) {
            return "name";
        }
        if (asked.schemaVersion() != written.schemaVersion()) {
            return "schemaVersion";
        }
        if (!sameJson(asked.data(), written.data())) {
            return "data";
        }
        // absent, null and {} are one metadata
        if (!sameJson(orEmpty(asked.metadata()), orEmpty(written.metadata()))) {
            return "metadata";
        }
        return null;
    }

    private static String orEmpty(String metadata) {
        return metadata == null ? "{}" : metadata;
    }

    private static boolean sameJson(String a, String b) {
        if (a == null || b == null) {
            return Objects.equals(a, b);
        }
        return tree(a).equals(SAME_VALUE, tree(b));
    }

    private static JsonNode tree(String json) {
        try {
            return EXACT.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("an event's JSON is not JSON: " + e.getMessage(), e);
        }
    }

    private static String count(int events) {
        return events == 1 ? "1 event" : events + " events";
    }

    private static ApiError reused(String key, String first) {
        return ApiError.of(422, "idempotency_key_reused", "Idempotency-Key " + key + " was first used for a different "
            + "request, " + first + ": send that request again to get its result, or use a new key for a new append");
    }
}
