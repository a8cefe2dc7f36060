package dev.hindsight.log;

import java.nio.file.Path;
import java.util.List;

/**
 * Child process of {@link FailedAppendTest}: in a small heap, appends to one stream until an append fails (the
 * stream's seq array, doubled by the index, is by far the biggest allocation, so the index update is where memory
 * runs out), then tries one more append and reports both outcomes: {@code acked N}, {@code failed <message>},
 * {@code next <seq>|refused <message>}.
 */
public final class OutOfMemoryAppender {

    public static void main(String[] args) {
        try (EventLog log = EventLog.open(LogConfig.at(Path.of(args[0])))) {
            List<NewEvent> one = List.of(NewEvent.of("a.b", "{}"));
            long acked = 0;
            try {
                while (true) {
                    acked = log.append("s", "thing", one, ExpectedVersion.any()).lastSeq();
                }
            } catch (RuntimeException | OutOfMemoryError e) {
                System.out.println("acked " + acked);
                System.out.println("failed " + e);
            }
            try {
                System.out.println("next " + log.append("t", "thing", one, ExpectedVersion.any()).lastSeq());
            } catch (RuntimeException | OutOfMemoryError e) {
                System.out.println("refused " + e.getMessage());
            }
            System.out.flush();
        }
    }
}
