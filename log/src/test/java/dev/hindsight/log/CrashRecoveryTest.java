package dev.hindsight.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.testkit.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM that is appending with {@code kill -9} at a seeded random moment, reopens the log, and checks
 * that every acknowledged event is there, unchanged, and that the log is gapless and whole. Repeated over the same
 * directory, so each cycle also reopens a log that earlier crashes left behind.
 */
@Tag("slow")
class CrashRecoveryTest {

    static final int CYCLES = Integer.getInteger("hindsight.crash.cycles", 20);

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedAppendSurvivesKillDashNine() throws Exception {
        long seed = Long.getLong("hindsight.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        Path logDir = dir.resolve("log");
        List<String[]> acked = new ArrayList<>();
        long checkpointed = 0; // the head when this test last closed the log, writing its index checkpoint
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            String context = "seed=" + seed + " cycle=" + cycle;
            Process child = ChildJvm.start(CrashingAppender.class, dir, logDir.toString(),
                Long.toString(random.nextLong()));
            int acksBeforeKill = 1 + random.nextInt(3000);
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
                String ready = in.readLine();
                assertThat(ready).as(context).startsWith("ready ");
                int seen = 0;
                String line;
                while (seen < acksBeforeKill && (line = in.readLine()) != null) {
                    acked.add(line.split(" ", 5));
                    seen++;
                }
                // SIGKILL: no shutdown hooks, no close. Not destroyForcibly(), which also closes our end of stdout.
                new ProcessBuilder("kill", "-9", Long.toString(child.pid())).start().waitFor();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).as(context).isTrue();
                // acks printed between our last read and the kill are acknowledged too
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("ack ") && line.split(" ", 5).length == 5) {
                        acked.add(line.split(" ", 5));
                    }
                }
            }
            try (EventLog log = EventLog.open(LogConfig.at(logDir))) {
                // the killed child never wrote one: the open read ours and scanned what the child appended after it
                assertThat(log.recovery().checkpointSeq()).as(context).isEqualTo(checkpointed);
                checkpointed = log.headSeq();
                assertThat(log.headSeq()).as(context).isGreaterThanOrEqualTo(acked.size());
                List<RecordedEvent> all = new ArrayList<>();
                log.scan(1, log.headSeq(), all::add);
                assertThat(all).as(context).hasSize((int) log.headSeq());
                for (int i = 0; i < all.size(); i++) {
                    assertThat(all.get(i).seq()).as(context).isEqualTo(i + 1);
                }
                for (String[] ack : acked) {
                    RecordedEvent e = all.get((int) Long.parseLong(ack[1]) - 1);
                    assertThat(e.streamId()).as(context).isEqualTo(ack[2]);
                    assertThat(e.version()).as(context).isEqualTo(Long.parseLong(ack[3]));
                    assertThat(e.data()).as(context).isEqualTo(ack[4]);
                }
                for (StreamInfo s : log.streams()) {
                    assertThat(log.readStream(s.streamId(), 1, Direction.FORWARD, Integer.MAX_VALUE))
                        .as(context).extracting(RecordedEvent::version)
                        .containsExactlyElementsOf(rangeClosed(s.version()));
                }
                // what survived beyond the acks becomes part of the history the next cycle must keep
                acked.clear();
                for (RecordedEvent e : all) {
                    acked.add(new String[] {"ack", Long.toString(e.seq()), e.streamId(), Long.toString(e.version()),
                        e.data()});
                }
            }
        }
    }

    private static List<Long> rangeClosed(long n) {
        List<Long> out = new ArrayList<>();
        for (long v = 1; v <= n; v++) {
            out.add(v);
        }
        return out;
    }
}
