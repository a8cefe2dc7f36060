package dev.hindsight.log;

import java.util.List;

/** One stream's validated part of an append, its strings encoded; built before the append lock is taken. */
record PreparedAppend(String streamId, byte[] sid, String entityType, byte[] type, List<PreparedEvent> events,
                      ExpectedVersion expected) {

    long bytes() {
        long total = 0;
        for (PreparedEvent e : events) {
            total += e.recordLength();
        }
        return total;
    }
}
