package dev.hindsight.log;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a test main class in a child JVM with this JVM's class path and module flags: a real second process. */
final class ChildJvm {

    private ChildJvm() {
    }

    static Process start(Class<?> main, Path workDir, String... args) throws IOException {
        return start(main, workDir, List.of("-Xmx256m"), args);
    }

    /** As {@link #start(Class, Path, String...)}, with these JVM options (heap, GC) instead of a 256 MB heap. */
    static Process start(Class<?> main, Path workDir, List<String> jvmOptions, String... args) throws IOException {
        return new ProcessBuilder(command(main, jvmOptions, args)).directory(workDir.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** The command line that runs {@code main} in a child JVM with this JVM's class path and module flags. */
    static List<String> command(Class<?> main, List<String> jvmOptions, String... args) {
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
