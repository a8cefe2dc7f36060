package dev.hindsight.log;

import java.util.List;

/**
 * The outcome of one atomic append: one entry per event, in the order given.
 *
 * @param events what was assigned to each event
 */
public record AppendResult(List<AppendedEvent> events) {

    public AppendResult {
        events = List.copyOf(events);
    }

    /** The {@code seq} of the last event of the append. */
    public long lastSeq() {
        return events.get(events.size() - 1).seq();
    }

    /** The stream's version after the append. */
    public long lastVersion() {
        return events.get(events.size() - 1).version();
    }
}
