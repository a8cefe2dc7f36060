package dev.hindsight.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hindsight.http.server.ApiError;
import dev.hindsight.log.AppendRequest;
import dev.hindsight.log.ExpectedVersion;
import dev.hindsight.log.NewEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The body of {@code POST /v1/streams/{streamId}/events}: one event
 * {@code {entityType, name, data, metadata?, schemaVersion?, expectedVersion?}} or a non-empty array of them. Each
 * event becomes one {@link AppendRequest} of an atomic {@code appendAll}, so each event's {@code expectedVersion} is
 * checked as if the events before it had been appended. Errors name the field, e.g. {@code [1].data}.
 */
final class AppendBody {

    private static final Set<String> FIELDS = Set.of("entityType", "name", "data", "metadata", "schemaVersion",
        "expectedVersion");

    private AppendBody() {
    }

    /** The requests for {@code streamId}; metadata as the client sent it. */
    static List<AppendRequest> parse(String streamId, JsonNode body) {
        List<AppendRequest> requests = new ArrayList<>();
        if (body.isArray()) {
            if (body.isEmpty()) {
                throw ApiError.badRequest("the body is an empty array: give at least one event");
            }
            for (int i = 0; i < body.size(); i++) {
                requests.add(event(streamId, body.get(i), "[" + i + "]."));
            }
        } else {
            requests.add(event(streamId, body, ""));
        }
        return requests;
    }

    private static AppendRequest event(String streamId, JsonNode node, String at) {
        if (!node.isObject()) {
            throw ApiError.badRequest((at.isEmpty() ? "the body" : at.substring(0, at.length() - 1))
                + " must be a JSON object {entityType, name, data, ...}, was " + node.getNodeType());
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiError.badRequest("unknown field " + at + name + ": an event has entityType, name, data, "
                    + "metadata, schemaVersion, expectedVersion");
            }
        }
        String entityType = text(node, "entityType", at);
        String name = text(node, "name", at);
        JsonNode data = node.get("data");
        if (data == null || !data.isObject()) {
            throw ApiError.badRequest("field " + at + "data must be a JSON object, was "
                + (data == null ? "missing" : data.getNodeType()));
        }
        String metadata = metadata(node.get("metadata"), at);
        long schemaVersion = number(node, "schemaVersion", at, 1, 1, Integer.MAX_VALUE);
        long expected = number(node, "expectedVersion", at, -1, -1, Long.MAX_VALUE);
        NewEvent event = new NewEvent(name, data.toString(), metadata, (int) schemaVersion);
        return new AppendRequest(streamId, entityType, List.of(event), ExpectedVersion.of(expected));
    }

    private static String metadata(JsonNode metadata, String at) {
        if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
            throw ApiError.badRequest("field " + at + "metadata must be a JSON object or null, was "
                + metadata.getNodeType());
        }
        return metadata == null || metadata.isNull() ? null : metadata.toString();
    }

    private static String text(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw ApiError.badRequest("field " + at + field + " must be a string, was "
                + (value == null ? "missing" : value.getNodeType()));
        }
        return value.asText();
    }

    private static long number(JsonNode node, String field, String at, long fallback, long min, long max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        Long whole = wholeNumber(value);
        if (whole == null || whole < min || whole > max) {
            throw ApiError.badRequest("field " + at + field + " must be a whole number from " + min
                + (max == Long.MAX_VALUE ? " up" : " to " + max) + ", was " + value);
        }
        return whole;
    }

    /**
     * {@code value} as a {@code long} if it is a whole number, however written: {@code 1.0} and {@code 1e0} are 1, as
     * JSON Schema counts them integers (numbers are read as exact decimals, so they were refused as "was 1").
     */
    private static Long wholeNumber(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.canConvertToLong() ? value.asLong() : null;
        }
        if (!value.isNumber()) {
            return null;
        }
        try {
            return value.decimalValue().longValueExact(); // throws on a fraction, or past a long
        } catch (ArithmeticException e) {
            return null;
        }
    }
}
