package dev.hindsight.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.testkit.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An append that fails after its records reached the queue must not leave the log half-changed: either its
 * bookkeeping completes, or the log refuses appends until reopened. Staged for real: a child JVM with a small heap
 * appends until memory runs out in the index update, after the record was committed.
 */
@Tag("slow")
class FailedAppendTest {

    @TempDir
    Path dir;

    @Test
    void anAppendThatFailsAfterItsRecordIsWrittenNeverLetsTheNextOneReuseItsSeq() throws Exception {
        Path logDir = dir.resolve("log");
        List<String> out = runChild(logDir);
        assertThat(out).as("child output").hasSize(3);
        long acked = Long.parseLong(out.get(0).substring("acked ".length()));
        assertThat(acked).isPositive();
        assertThat(out.get(1)).as(out.toString()).startsWith("failed ");
        if (out.get(2).startsWith("next ")) {
            // the failure came before the record was committed: the log is whole and carries on
            assertThat(out.get(1)).as(out.toString()).contains("nothing was written");
            assertThat(Long.parseLong(out.get(2).substring("next ".length()))).isEqualTo(acked + 1);
        } else {
            assertThat(out.get(2)).as(out.toString()).startsWith("refused ").contains("reopen");
        }

        try (EventLog log = EventLog.open(LogConfig.at(logDir))) {
            assertThat(log.headSeq()).isGreaterThanOrEqualTo(acked);
            long[] expected = {1};
            log.visit(1, log.headSeq(), e -> {
                assertThat(e.seq()).isEqualTo(expected[0]++);
                return true;
            });
            assertThat(expected[0] - 1).isEqualTo(log.headSeq());
        }
    }

    private List<String> runChild(Path logDir) throws IOException, InterruptedException {
        Process p = ChildJvm.start(OutOfMemoryAppender.class, dir, List.of("-Xmx48m", "-XX:+UseSerialGC"),
            logDir.toString());
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return text.lines().toList();
    }
}
