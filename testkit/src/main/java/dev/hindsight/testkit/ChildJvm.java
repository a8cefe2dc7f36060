package dev.hindsight.testkit;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A test's main class in a child JVM with this JVM's class path and module flags: a real second process, to kill,
 * to crash, to hold a lock, or to start as a user would.
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    /** Starts {@code main} with {@code args} and a 256 MB heap in {@code workDir}; its stderr goes to this one's. */
    public static Process start(Class<?> main, Path workDir, String... args) throws IOException {
        return start(main, workDir, List.of("-Xmx256m"), args);
    }

    /** As {@link #start(Class, Path, String...)}, with these JVM options (heap, GC) instead of a 256 MB heap. */
    public static Process start(Class<?> main, Path workDir, List<String> jvmOptions, String... args)
            throws IOException {
        return new ProcessBuilder(command(main, jvmOptions, args)).directory(workDir.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /**
     * The command line that runs {@code main} in a child JVM with this JVM's class path and module flags
     * ({@code --add-opens}/{@code --add-exports}, {@code -Dchronicle…}), for a test that wires the process itself
     * (its stdin, its output).
     */
    public static List<String> command(Class<?> main, List<String> jvmOptions, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-") || arg.startsWith("-Dchronicle")) {
                cmd.add(arg);
            }
        }
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }
}
