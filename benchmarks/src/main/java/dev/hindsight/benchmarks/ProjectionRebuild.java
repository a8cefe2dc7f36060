package dev.hindsight.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A projection's rebuild, shot after shot in one JVM, with what each shot cost besides its wall time: the process's
 * CPU time and the collectors' time. On a shared machine the wall time moves with the other load; the CPU time much
 * less, so it tells a change's effect apart from the machine's. {@code CREATE PROJECTION} of
 * {@link ProjectionBenchmark#definition} over {@code events} events of its log, then {@code DROP}, {@code shots}
 * times ({@code key} customer or stream); the first shots warm the JVM.
 * <pre>
 * java $FLAGS -Xms2g -Xmx2g -cp benchmarks/target/benchmarks.jar dev.hindsight.benchmarks.ProjectionRebuild \
 *   [key] [shots] [events]      # default: customer 8 1000000
 * </pre>
 */
public final class ProjectionRebuild {

    private ProjectionRebuild() {
    }

    public static void main(String[] args) throws SQLException {
        String key = args.length > 0 ? args[0] : "customer";
        int shots = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        long events = args.length > 2 ? Long.parseLong(args[2]) : 1_000_000;
        BenchSupport.requireChronicleFlags();
        Path dir = BenchSupport.newTempDir("hindsight-projection-rebuild-");
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try {
            BenchSupport.writeInterleaved(dir, events, ProjectionBenchmark.STREAMS);
            try (Connection c = DriverManager.getConnection("jdbc:hindsight:file:" + dir);
                 Statement s = c.createStatement()) {
                for (int i = 1; i <= shots; i++) {
                    long gc0 = gcMillis();
                    long cpu0 = os.getProcessCpuTime();
                    long t0 = System.nanoTime();
                    s.execute("CREATE PROJECTION p AS " + ProjectionBenchmark.definition(key));
                    long wall = System.nanoTime() - t0;
                    long cpu = os.getProcessCpuTime() - cpu0;
                    long gc = gcMillis() - gc0;
                    System.out.printf("shot %d: %,d ms = %.2f M events/s; CPU %,d ms; GC %,d ms; load %.1f%n", i,
                        wall / 1_000_000, events * 1e3 / wall, cpu / 1_000_000, gc, os.getSystemLoadAverage());
                    s.execute("DROP PROJECTION p");
                }
            }
        } finally {
            BenchSupport.deleteRecursively(dir);
        }
    }

    private static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, b.getCollectionTime());
        }
        return sum;
    }
}
