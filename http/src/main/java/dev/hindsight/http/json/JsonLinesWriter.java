package dev.hindsight.http.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hindsight.log.RecordedEvent;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;

/**
 * Writes events in the {@link EventJsonFormat} shape, one per line ({@code \n}-terminated), as {@code export}
 * does. Buffers in Jackson's generator; {@link #flush()} and {@link #close()} flush to the stream, neither closes
 * it. Not thread-safe.
 */
public final class JsonLinesWriter implements Closeable, Flushable {

    private final JsonGenerator g;
    // events of one append share their ts, and busy logs many a millisecond: format each distinct ts once
    private long lastTs = Long.MIN_VALUE;
    private String lastTsText;

    JsonLinesWriter(JsonGenerator g) {
        this.g = g;
    }

    /** Writes {@code e} and a line break. */
    public void write(RecordedEvent e) throws IOException {
        if (e.ts() != lastTs || lastTsText == null) {
            lastTs = e.ts();
            lastTsText = EventJsonFormat.formatTs(lastTs);
        }
        EventJsonFormat.write(g, e, lastTsText);
        g.writeRaw('\n');
    }

    @Override
    public void flush() throws IOException {
        g.flush();
    }

    @Override
    public void close() throws IOException {
        g.close();
    }
}
