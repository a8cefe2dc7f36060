package dev.hindsight.log;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Child process of {@link CrashRecoveryTest}: appends random batches to random streams as fast as it can and prints
 * one line per acknowledged event, {@code ack <seq> <stream> <version> <data>}, flushed before the next append, until
 * it is killed.
 */
public final class CrashingAppender {

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[1]));
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false);
        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            out.println("ready " + log.headSeq());
            out.flush();
            for (long n = 0; ; n++) {
                String stream = "s-" + random.nextInt(50);
                int size = 1 + random.nextInt(4);
                List<NewEvent> batch = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    batch.add(NewEvent.of("thing.happened", "{\"n\":" + n + ",\"i\":" + i + ",\"pad\":\""
                        + "x".repeat(random.nextInt(200)) + "\"}"));
                }
                AppendResult r = log.append(stream, "thing", batch, ExpectedVersion.any());
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < size; i++) {
                    AppendedEvent e = r.events().get(i);
                    sb.append("ack ").append(e.seq()).append(' ').append(stream).append(' ').append(e.version())
                        .append(' ').append(batch.get(i).data()).append('\n');
                }
                out.print(sb);
                out.flush();
            }
        }
    }
}
