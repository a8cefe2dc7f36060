package dev.hindsight.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.testkit.ChildJvm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed flush in FSYNC mode, staged for real in a child JVM (the flush cannot open the day's new file: no file
 * descriptor left): the append fails, its event never becomes visible, and the log refuses later appends instead of
 * retrying the flush, until it is reopened.
 */
@Tag("slow")
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

        // the last descriptor goes to Chronicle's new file or, when Chronicle needed none just then, to the flush's
        // channel of that file: then opening its directory (synced after a new file) is what fails. Either way the
        // flush fails with EMFILE on the new day's file or its directory.
        String failure = "fsync failed \\(" + Pattern.quote(logDir.resolve("queue").toString())
            + "(" + Pattern.quote("/20261130F.cq4") + ")?: Too many open files\\): appends after seq 1 are not "
            + "acknowledged, and the log refuses appends until it is reopened";
        List<String> lines = out.lines().toList();
        assertThat(lines).as(out).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("first 1");
        assertThat(lines.get(1)).matches("second failed: " + failure);
        assertThat(lines.get(2)).isEqualTo("head 1 version 1");
        assertThat(lines.get(3)).matches("third refused: " + failure);
    }
}
