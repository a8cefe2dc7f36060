package dev.hindsight.log;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Child process of {@link FsyncFailureTest}: makes a flush fail for real. It appends in FSYNC mode, then uses up
 * every file descriptor but one and appends again after midnight: Chronicle opens the new day's file with the last
 * descriptor, and the group commit cannot open that file to flush it (EMFILE). Prints what each step saw.
 */
public final class FsyncFailureAppender {

    public static void main(String[] args) throws IOException {
        AtomicLong now = new AtomicLong(Instant.parse("2026-11-29T23:59:59Z").toEpochMilli());
        LogConfig config = LogConfig.builder().dataDir(Path.of(args[0])).durability(Durability.FSYNC)
            .wallClockMillis(now::get).build();
        List<NewEvent> one = List.of(NewEvent.of("a.b", "{}"));
        try (EventLog log = EventLog.open(config)) {
            System.out.println("first " + log.append("s", "thing", one, ExpectedVersion.noStream()).lastSeq());
            now.addAndGet(2_000); // the next record goes to a new daily file
            List<FileInputStream> hog = new ArrayList<>();
            try {
                while (true) {
                    hog.add(new FileInputStream(args[1]));
                }
            } catch (IOException tooMany) {
                hog.remove(hog.size() - 1).close(); // one descriptor left: for Chronicle's new file
            }
            try {
                log.append("s", "thing", one, ExpectedVersion.exactly(1));
                System.out.println("second acknowledged");
            } catch (StorageException e) {
                System.out.println("second failed: " + e.getMessage());
            }
            for (FileInputStream in : hog) {
                in.close();
            }
            System.out.println("head " + log.headSeq() + " version " + log.streamInfo("s").orElseThrow().version());
            try {
                log.append("t", "thing", one, ExpectedVersion.any());
                System.out.println("third acknowledged");
            } catch (StorageException e) {
                System.out.println("third refused: " + e.getMessage());
            }
        } catch (RuntimeException e) {
            System.out.println("unexpected " + e);
        }
        System.out.flush();
    }
}
