package dev.hindsight.log;

import java.nio.file.Path;
import java.util.List;

/** Child process of {@link MemoryLogTest}: opens an in-memory log under a root, says so, and waits to be killed. */
public final class MemoryLogHolder {

    public static void main(String[] args) throws Exception {
        EventLog log = EventLog.open(LogConfig.builder().tempRoot(Path.of(args[0])).build());
        log.append("s", "thing", List.of(NewEvent.of("a.b", "{}")), ExpectedVersion.any());
        System.out.println("open " + ProcessHandle.current().pid());
        System.out.flush();
        while (System.in.read() != -1) {
            // killed by the parent before stdin ends
        }
        log.close();
    }
}
