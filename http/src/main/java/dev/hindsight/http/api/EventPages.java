package dev.hindsight.http.api;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hindsight.http.json.EventJsonFormat;
import dev.hindsight.log.EventVisitor;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A page of events written as a JSON array while the log is read, each event as it comes, so that no page is held
 * whole in the heap (a page of large events ran the server out of memory). For the read routes of the global log and
 * of one stream.
 */
final class EventPages {

    private EventPages() {
    }

    /** Reads a page, handing each of its events to the visitor given, which writes it. */
    @FunctionalInterface
    interface Read {
        void into(EventVisitor writer);
    }

    /** Writes the events {@code read} hands its writer to {@code g} as one JSON array. */
    static void write(JsonGenerator g, Read read) throws IOException {
        g.writeStartArray();
        try {
            read.into(e -> {
                try {
                    EventJsonFormat.write(g, e.toEvent());
                } catch (IOException failed) {
                    throw new UncheckedIOException(failed); // the visitor throws nothing checked: out of the read
                }
                return true;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        g.writeEndArray();
    }
}
