package dev.hindsight.http.api;

import dev.hindsight.http.server.ApiError;
import dev.hindsight.http.server.JsonResponses;
import dev.hindsight.log.EventLog;
import dev.hindsight.log.StreamInfo;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * {@code GET /v1/streams/{streamId}}: {@code {streamId, entityType, version, firstSeq, lastSeq}}, {@code 404} when the
 * stream has no events.
 */
final class StreamRoute implements HttpHandler {

    /** The longest stream id the log takes, in code points (SPEC §1). */
    private static final int LONGEST_ID = 256;

    private final EventLog log;

    StreamRoute(EventLog log) {
        this.log = log;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String streamId = Params.path(exchange, "streamId");
        int length = streamId.codePointCount(0, streamId.length());
        StreamInfo info = log.streamInfo(streamId).orElseThrow(() -> ApiError.notFound(
            length <= LONGEST_ID ? "stream '" + streamId + "' has no events"
                // not repeated: a 200,000-character id came back whole, in a 404 to anyone
                : "no stream has an id of " + length + " characters (at most " + LONGEST_ID + ")"));
        JsonResponses.send(exchange, 200, g -> {
            g.writeStartObject();
            g.writeStringField("streamId", info.streamId());
            g.writeStringField("entityType", info.entityType());
            g.writeNumberField("version", info.version());
            g.writeNumberField("firstSeq", info.firstSeq());
            g.writeNumberField("lastSeq", info.lastSeq());
            g.writeEndObject();
        });
    }
}
