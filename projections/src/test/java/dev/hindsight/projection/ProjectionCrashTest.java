package dev.hindsight.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.log.EventLog;
import dev.hindsight.log.ExpectedVersion;
import dev.hindsight.log.LogConfig;
import dev.hindsight.log.NewEvent;
import dev.hindsight.testkit.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} while a projection applies events and writes checkpoints (every 25 events here): on the next open
 * it loads its last snapshot and catches up from there, and its state equals the fold of the whole log — nothing
 * counted twice, nothing missed. {@code -Dhindsight.crashCycles=100} runs the long version.
 */
@Tag("slow")
class ProjectionCrashTest {

    @TempDir
    Path dir;

    @Test
    void aProjectionKilledDuringApplyAndCheckpointNeitherDoubleCountsNorMisses() throws Exception {
        int cycles = Integer.getInteger("hindsight.crashCycles", 5);
        for (int cycle = 0; cycle < cycles; cycle++) {
            Process child = ChildJvm.start(Child.class, dir, dir.toString(), Long.toString(cycle));
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                assertThat(out.readLine()).as("cycle %d", cycle).isEqualTo("ready");
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no last snapshot
            child.waitFor();
            try (EventLog log = EventLog.open(LogConfig.at(dir)); Projections p = Projections.open(log, 25)) {
                p.register(new CountPerStream("counts", Set.of("counted")));
                assertThat(Oracle.rows(p.rows("counts", log.headSeq(), 60_000))).as("cycle %d", cycle)
                    .isEqualTo(Oracle.countPerStream(log, log.headSeq()));
            }
        }
    }

    /** Appends without end while the projection follows, snapshotting every 25 events; says "ready" when busy. */
    static final class Child {
        public static void main(String[] args) throws Exception {
            Random random = new Random(Long.parseLong(args[1]));
            try (EventLog log = EventLog.open(LogConfig.at(Path.of(args[0])))) {
                Projections p = Projections.open(log, 25);
                p.register(new CountPerStream("counts", Set.of("counted")));
                long readyAt = log.headSeq() + 200;
                boolean told = false;
                while (true) {
                    List<NewEvent> batch = new ArrayList<>();
                    for (int n = 1 + random.nextInt(5); n > 0; n--) {
                        batch.add(NewEvent.of(random.nextInt(4) == 0 ? "other" : "counted",
                            "{\"n\":" + random.nextInt(1000) + "}"));
                    }
                    log.append("s" + random.nextInt(7), "thing", batch, ExpectedVersion.any());
                    if (!told && p.await("counts", readyAt, 0)) {
                        System.out.println("ready");
                        System.out.flush();
                        told = true;
                    }
                }
            }
        }
    }
}
