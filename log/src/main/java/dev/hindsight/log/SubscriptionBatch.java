package dev.hindsight.log;

import java.util.ArrayList;
import java.util.List;

/**
 * The events a subscription reads at once, in seq order: at most a count, and no more once their data and metadata
 * reach {@link #MAX_CHARS} (the first event always). A subscription holds its batch while it hands the events on, and
 * a subscriber that has stopped reading keeps it so for seconds: 512 events of 1 MiB each were half a gigabyte per
 * subscriber, so a few such subscribers could run a server out of heap.
 */
final class SubscriptionBatch implements EventVisitor {

    /** About 1 MiB of JSON text (a character a byte for ASCII, which JSON mostly is). */
    static final long MAX_CHARS = 1L << 20;

    private final List<RecordedEvent> events = new ArrayList<>();
    private final int limit;
    private long chars;

    /** A batch of at most {@code limit} events. */
    SubscriptionBatch(int limit) {
        this.limit = limit;
    }

    @Override
    public boolean visit(EventView event) {
        RecordedEvent e = event.toEvent();
        events.add(e);
        chars += e.data().length() + (e.metadata() == null ? 0 : e.metadata().length());
        return events.size() < limit && chars < MAX_CHARS;
    }

    /** The events read. */
    List<RecordedEvent> events() {
        return events;
    }
}
