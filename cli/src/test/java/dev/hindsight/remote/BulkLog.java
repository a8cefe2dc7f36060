package dev.hindsight.remote;

import dev.hindsight.log.EventLog;
import dev.hindsight.log.ExpectedVersion;
import dev.hindsight.log.LogConfig;
import dev.hindsight.log.NewEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A log long enough for a scan of many batches, written before a server opens it. */
final class BulkLog {

    private BulkLog() {
    }

    /**
     * Writes {@code streams} streams {@code s-0 …} of {@code perStream} events each ({@code x.y}, data {@code {}})
     * into the log in {@code dir}, one append per stream.
     */
    static void write(Path dir, int streams, int perStream) {
        List<NewEvent> batch = new ArrayList<>();
        for (int i = 0; i < perStream; i++) {
            batch.add(NewEvent.of("x.y", "{}"));
        }
        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            for (int i = 0; i < streams; i++) {
                log.append("s-" + i, "t", batch, ExpectedVersion.any());
            }
        }
    }
}
