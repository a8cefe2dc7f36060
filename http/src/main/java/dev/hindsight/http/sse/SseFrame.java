package dev.hindsight.http.sse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.hindsight.http.json.EventJsonFormat;
import dev.hindsight.log.RecordedEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The text/event-stream frames a subscription writes (WHATWG HTML, "Server-sent events"):
 *
 * <pre>
 * id: 42                                  an event: its global seq, then the SPEC §6 JSON on one line
 * data: {"seq":42,"streamId":...}
 *                                         (blank line ends the frame)
 * : keep-alive                            a heartbeat comment; clients ignore it
 *
 * event: error                            the last frame before the server closes a dropped client
 * data: {"error":"slow consumer: ...","code":"slow_consumer"}
 * </pre>
 *
 * <p>Events carry no {@code event:} line on purpose: a browser's {@code EventSource.onmessage} only sees unnamed
 * events, and the name is in the JSON. {@link EventJsonFormat} never writes a line break, so one {@code data:} line
 * always holds the whole event.
 */
final class SseFrame {

    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] HEARTBEAT = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

    private SseFrame() {
    }

    static ByteBuffer event(RecordedEvent e) {
        return utf8("id: " + e.seq() + "\ndata: " + EventJsonFormat.toJson(e) + "\n\n");
    }

    static ByteBuffer heartbeat() {
        return ByteBuffer.wrap(HEARTBEAT);
    }

    /** The final frame of a dropped client: {@code event: error} with the SPEC §5 error object. */
    static ByteBuffer error(String message, String code) {
        return utf8("event: error\ndata: " + errorJson(message, code) + "\n\n");
    }

    /** {@code {"error": message, "code": code}}, the error shape of SPEC §5. */
    static String errorJson(String message, String code) {
        StringWriter w = new StringWriter(64 + message.length());
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("error", message);
            g.writeStringField("code", code);
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return w.toString();
    }

    private static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }
}
