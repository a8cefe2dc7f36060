package dev.hindsight.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time, in nanoseconds: this JVM's (every thread, user and kernel), or another process's on Linux (the sum over
 * its threads of the first field of {@code /proc/<pid>/task/<tid>/schedstat}, the time each has run on a CPU). On two
 * cores a client shares with the server, a round trip's latency is about the sum of both sides' CPU per operation,
 * which moves less with the machine's phases than latency does.
 */
final class CpuClock {

    private CpuClock() {
    }

    /** This JVM's CPU time. */
    static long self() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    }

    /**
     * Process {@code pid}'s CPU time over the threads it has now; -1 if it cannot be read (no pid given: 0 or less;
     * not Linux; gone).
     */
    static long process(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.mapToLong(CpuClock::ranNanos).sum();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Process {@code pid}'s CPU time with its children's (PostgreSQL's postmaster: its backends, WAL writer,
     * checkpointer); -1 if {@code pid}'s cannot be read.
     */
    static long withChildren(long pid) {
        long own = process(pid);
        if (own < 0) {
            return -1;
        }
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return own + processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                .filter(p -> parent(p) == pid)
                .mapToLong(p -> Math.max(0, process(Long.parseLong(p.getFileName().toString()))))
                .sum();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The parent's pid of the process at {@code /proc/<pid>}: the second field after the name in its stat. */
    private static long parent(Path process) {
        try {
            // "<pid> (<name, which may hold spaces and parentheses>) <state> <ppid> ..."
            String stat = Files.readString(process.resolve("stat"));
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 3);
            return Long.parseLong(after[1]);
        } catch (IOException | RuntimeException e) {
            return -1; // ended meanwhile
        }
    }

    private static long ranNanos(Path task) {
        try {
            String schedstat = Files.readString(task.resolve("schedstat")).trim();
            return Long.parseLong(schedstat.substring(0, schedstat.indexOf(' ')));
        } catch (IOException | RuntimeException e) {
            return 0; // a thread that ended meanwhile
        }
    }
}
