package dev.hindsight.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed flush in FSYNC mode, staged for real in a child JVM (the flush cannot open the day's new file: no file
 * descriptor left): the append fails, its event never becomes visible, and the log refuses later appends instead of
 * retrying the flush, until it is reopened.
 */
class FsyncFailureTest {

    @TempDir
    Path dir;

    @Test
    void aFailedFsyncFailsTheAppendHidesItsEventAndRefusesLaterAppends() throws Exception {
        Path logDir = dir.resolve("log");
        Path any = Files.writeString(dir.resolve("any-file"), "x");
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", "ulimit -n 1024 && exec \"$@\"", "bash"));
        cmd.addAll(ChildJvm.command(FsyncFailureAppender.class, List.of("-Xmx256m"), logDir.toString(),
            any.toString()));
        Process child = new ProcessBuilder(cmd).directory(dir.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(out.lines()).as(out).containsExactly(
            "first 1",
            "second failed: fsync failed (" + logDir.resolve("queue") + "/20261130F.cq4: Too many open files): "
                + "appends after seq 1 are not acknowledged, and the log refuses appends until it is reopened",
            "head 1 version 1",
            "third refused: fsync failed (" + logDir.resolve("queue") + "/20261130F.cq4: Too many open files): "
                + "appends after seq 1 are not acknowledged, and the log refuses appends until it is reopened");
    }
}
