package dev.hindsight.log;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
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
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false);
        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            out.println("ready " + log.headSeq());
            out.flush();
            for (long n = 0; ; n++) {
                // a third of the appends span two streams (one atomic appendAll), the rest one stream
                int parts = random.nextInt(3) == 0 ? 2 : 1;
                List<AppendRequest> requests = new ArrayList<>();
                List<String> streams = new ArrayList<>();
                List<String> data = new ArrayList<>();
                for (int p = 0; p < parts; p++) {
                    String stream = "s-" + random.nextInt(50);
                    int size = 1 + random.nextInt(4);
                    List<NewEvent> batch = new ArrayList<>(size);
                    for (int i = 0; i < size; i++) {
                        String d = "{\"n\":" + n + ",\"p\":" + p + ",\"i\":" + i + ",\"pad\":\""
                            + "x".repeat(random.nextInt(200)) + "\"}";
                        batch.add(NewEvent.of("thing.happened", d));
                        streams.add(stream);
                        data.add(d);
                    }
                    requests.add(new AppendRequest(stream, "thing", batch, ExpectedVersion.any()));
                }
                AppendResult r = parts == 1
                    ? log.append(requests.get(0).streamId(), "thing", requests.get(0).events(), ExpectedVersion.any())
                    : log.appendAll(requests, Source.API);
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < r.events().size(); i++) {
                    AppendedEvent e = r.events().get(i);
                    sb.append("ack ").append(e.seq()).append(' ').append(streams.get(i)).append(' ')
                        .append(e.version()).append(' ').append(data.get(i)).append('\n');
                }
                out.print(sb);
                out.flush();
            }
        }
    }
}
