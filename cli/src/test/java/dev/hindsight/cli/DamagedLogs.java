package dev.hindsight.cli;

import dev.hindsight.log.EventLog;
import dev.hindsight.log.ExpectedVersion;
import dev.hindsight.log.LogConfig;
import dev.hindsight.log.NewEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Logs damaged as a bad disk or a crash would leave them: events carrying findable markers, then one byte of a chosen
 * record flipped in the queue files. Flipping the last record after a crash ({@link #tearLastRecord}) makes a torn
 * tail, which opening for writing cuts back; an earlier one, or the last one of a log closed cleanly, is corruption.
 */
final class DamagedLogs {

    private DamagedLogs() {
    }

    /** Appends {@code n} events to the log in {@code dir}: event {@code i} on stream {@code order-i}, "marker-i". */
    static void appendMarkedEvents(Path dir, int n) {
        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            for (int i = 1; i <= n; i++) {
                log.append("order-" + i, "order", List.of(NewEvent.of("order.placed", "{\"m\":\"marker-" + i + "\"}")),
                    ExpectedVersion.any());
            }
        }
    }

    /**
     * Damages the last record, holding {@code marker}, as a crash in its append leaves it: the index checkpoint of the
     * clean close {@link #appendMarkedEvents} made goes too, since a crash writes none (one naming the record proves
     * it was on disk, and the damage is corruption then, not a torn tail).
     */
    static void tearLastRecord(Path dir, String marker) throws IOException {
        Files.delete(dir.resolve("index.checkpoint"));
        flipByteOf(dir, marker);
    }

    /** Damages the record holding {@code marker} (found in the first MiBs of the queue files). */
    static void flipByteOf(Path dir, String marker) throws IOException {
        byte[] needle = marker.getBytes(StandardCharsets.US_ASCII);
        try (Stream<Path> files = Files.list(dir.resolve("queue"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".cq4")).toList()) {
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                    ByteBuffer buf = ByteBuffer.allocate((int) Math.min(ch.size(), 4 << 20));
                    ch.read(buf, 0);
                    byte[] b = buf.array();
                    for (int i = 0; i + needle.length <= b.length; i++) {
                        if (Arrays.equals(b, i, i + needle.length, needle, 0, needle.length)) {
                            ch.write(ByteBuffer.wrap(new byte[] {(byte) 'X'}), i);
                            return;
                        }
                    }
                }
            }
        }
        throw new AssertionError("marker " + marker + " not found in the queue files");
    }
}
