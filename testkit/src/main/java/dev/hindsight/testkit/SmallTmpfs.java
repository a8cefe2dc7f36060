package dev.hindsight.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A tmpfs of a chosen size mounted for one test, so that the test can fill a disk. Mounting needs root: without it, or
 * if the mount fails, the test is skipped through a JUnit assumption that says why.
 */
public final class SmallTmpfs {

    private final Path mountPoint;

    private SmallTmpfs(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /**
     * Mounts a tmpfs of {@code sizeBytes} (rounded up to whole pages) on the empty directory {@code mountPoint}.
     *
     * @param test the test's name, for the skip message
     */
    public static SmallTmpfs mount(Path mountPoint, long sizeBytes, String test)
            throws IOException, InterruptedException {
        assumeTrue("root".equals(System.getProperty("user.name")),
            test + " needs root to mount a small tmpfs; skipped");
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + sizeBytes, "tmpfs",
            mountPoint.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0,
            test + " could not mount a tmpfs (" + out.trim() + "); skipped");
        return new SmallTmpfs(mountPoint);
    }

    /**
     * Unmounts. Close every log on it first; if a file is still mapped (a mapping can outlive its close for a moment)
     * the unmount is lazy: detached at once, freed when the last mapping goes.
     */
    public void unmount() throws IOException, InterruptedException {
        if (run("umount", mountPoint.toString()) != 0) {
            run("umount", "-l", mountPoint.toString());
        }
    }

    /** Runs {@code command}, discarding its output (a forked test JVM's own stdout is the build's channel). */
    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
