package dev.hindsight.http.sse;

import dev.hindsight.http.server.WholeNumbers;
import dev.hindsight.log.Direction;
import dev.hindsight.log.EventLog;
import dev.hindsight.log.StreamInfo;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;
import io.undertow.util.PathTemplateMatch;
import java.util.Deque;
import java.util.Optional;

/**
 * Reads a subscribe request into a {@link SubscribeStart}. {@code Last-Event-ID} (sent by a reconnecting
 * {@code EventSource}; or the {@code lastEventId} query parameter) wins over {@code replay}/{@code fromSeq}: delivery
 * resumes right after that seq, so a reconnect loses nothing and repeats nothing. Those are checked all the same: a
 * bad value is 400 with or without it (it was taken unread when {@code Last-Event-ID} came with it).
 */
final class SubscribeParameters {

    static final HttpString LAST_EVENT_ID = new HttpString("Last-Event-ID");
    private static final int MAX_STREAM_ID = 256;

    private SubscribeParameters() {
    }

    /**
     * {@code GET /v1/events/subscribe?fromSeq=}: the global log from {@code fromSeq} ({@code 0} and {@code 1} both
     * mean the first event); without it only events appended from now on.
     */
    static SubscribeStart allEvents(HttpServerExchange exchange, EventLog log) {
        String fromSeq = query(exchange, "fromSeq");
        long from = fromSeq == null ? 0 : count("fromSeq", fromSeq); // a bad one is 400 with Last-Event-ID too
        Long resume = lastEventId(exchange);
        long head = log.headSeq();
        if (resume != null) {
            return new SubscribeStart(notBeyond(head, resume + 1, "Last-Event-ID " + resume), null);
        }
        if (fromSeq == null) {
            return new SubscribeStart(head + 1, null);
        }
        return new SubscribeStart(notBeyond(head, Math.max(1, from), "fromSeq " + from), null);
    }

    /**
     * {@code from}, the first seq to deliver, if it is at most the next seq to be written; else 400. Past it, the
     * events up to {@code from} would be skipped when they come, with nothing said: a client's last id from another
     * server, or from before the log was restored from an older backup (PostgreSQL refuses a replication start ahead
     * of its log, Kafka an offset past the end).
     */
    private static long notBeyond(long head, long from, String asked) {
        if (from > head + 1) {
            throw BadSubscribeRequestException.of(asked + " is beyond this log, whose last seq is " + head
                + ": events it has not written yet would be skipped; resume from at most seq " + (head + 1)
                + " (Last-Event-ID " + head + ")");
        }
        return from;
    }

    /**
     * {@code GET /v1/streams/{streamId}/subscribe?replay=N}: the stream's last {@code N} events (all of them if it
     * has fewer), then its live events; without {@code replay} (or {@code 0}) only events appended from now on, as
     * an EventStoreDB subscription from the end of the stream.
     */
    static SubscribeStart stream(HttpServerExchange exchange, EventLog log) {
        String streamId = streamId(exchange);
        String replayText = query(exchange, "replay");
        long replay = replayText == null ? 0 : count("replay", replayText); // checked with Last-Event-ID too
        Long resume = lastEventId(exchange);
        long head = log.headSeq();
        if (resume != null) {
            return new SubscribeStart(notBeyond(head, resume + 1, "Last-Event-ID " + resume), streamId);
        }
        Optional<StreamInfo> info = log.streamInfo(streamId);
        if (replay == 0 || info.isEmpty()) {
            return new SubscribeStart(head + 1, streamId);
        }
        long fromVersion = Math.max(1, info.get().version() - replay + 1);
        long[] firstSeq = {info.get().firstSeq()};
        log.visitStream(streamId, fromVersion, Direction.FORWARD, 1, e -> {
            firstSeq[0] = e.seq();
            return false;
        });
        return new SubscribeStart(firstSeq[0], streamId);
    }

    /**
     * The {@code streamId} path parameter, as matched by a {@code RoutingHandler} or a {@code PathTemplateHandler}
     * (both attach a {@link PathTemplateMatch}), else the {@code streamId} query parameter (where a template handler
     * rewrote it there).
     */
    static String streamId(HttpServerExchange exchange) {
        PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
        String id = match == null ? null : match.getParameters().get("streamId");
        if (id == null) {
            id = query(exchange, "streamId");
        }
        if (id == null || id.isEmpty()) {
            throw BadSubscribeRequestException.of("streamId is missing: the path is /v1/streams/{streamId}/subscribe");
        }
        if (id.length() > MAX_STREAM_ID && id.codePointCount(0, id.length()) > MAX_STREAM_ID) {
            // characters as the log counts them (code points): any stream that can be appended to can be followed
            throw BadSubscribeRequestException.of("streamId must be 1-256 characters, was "
                + id.codePointCount(0, id.length()));
        }
        for (int i = 0; i < id.length(); i++) {
            if (Character.isISOControl(id.charAt(i))) {
                throw BadSubscribeRequestException.of("streamId must not contain control characters, found U+"
                    + String.format("%04X", (int) id.charAt(i)) + " at index " + i);
            }
        }
        return id;
    }

    /**
     * The {@code Last-Event-ID} header, else the {@code lastEventId} query parameter: EventSource polyfills that can
     * send an {@code Authorization} header (which a browser's own EventSource cannot) put the last id there on a
     * reconnect, since a browser may not let them set {@code Last-Event-ID}.
     */
    private static Long lastEventId(HttpServerExchange exchange) {
        HeaderValues headers = exchange.getRequestHeaders().get(LAST_EVENT_ID);
        if (headers != null && headers.size() > 1) {
            // which one would be the client's? answering as of either could lose or repeat events
            throw BadSubscribeRequestException.of("Last-Event-ID is given " + headers.size() + " times; send it once");
        }
        String query = query(exchange, "lastEventId");
        Long asked = query == null ? null : count("lastEventId", query); // a bad one is 400 with the header too
        String text = headers == null ? null : headers.getFirst();
        if (text != null && !text.isBlank()) {
            return count("Last-Event-ID", text.strip());
        }
        return asked;
    }

    private static String query(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        if (values != null && values.size() > 1) { // as the read routes refuse it (Params): one would be ignored
            throw BadSubscribeRequestException.of("query parameter " + name + " is given " + values.size() + " times");
        }
        return values == null || values.isEmpty() || values.getFirst().isEmpty() ? null : values.getFirst();
    }

    private static long count(String what, String text) {
        long value;
        try {
            value = WholeNumbers.parse(text);
        } catch (NumberFormatException e) {
            throw BadSubscribeRequestException.notACount(what, text);
        }
        // a seq of Long.MAX_VALUE has no successor; no log gets there
        if (value < 0 || value == Long.MAX_VALUE) {
            throw BadSubscribeRequestException.notACount(what, text);
        }
        return value;
    }
}
