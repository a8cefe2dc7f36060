package dev.hindsight.benchmarks;

import dev.hindsight.log.EventLog;
import dev.hindsight.projection.ColumnType;
import dev.hindsight.projection.Projection;
import dev.hindsight.projection.ProjectionColumn;
import dev.hindsight.projection.ProjectionEvent;
import dev.hindsight.projection.Projections;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the {@code AS OF} history of a projection costs in heap, per event (for docs/projections.md): the heap used
 * after a full GC before and after a projection is built over a log of {@code events} events of
 * {@link ProjectionBenchmark}'s shape, divided by the events (and, for the Java projection, by
 * {@link Projections#versionCount}, the group states kept).
 *
 * <ol>
 *   <li>SQL, through embedded JDBC: {@code CREATE PROJECTION} of {@link ProjectionBenchmark#definition} {@code
 *       customer} (963 groups), then {@code stream} (10,000 groups), then {@code customer} once more under another
 *       name (what a projection costs without what the first one loads once). A {@code GROUP BY} without
 *       {@code WHERE} puts one state per event, so its version count is the number of events.</li>
 *   <li>The same aggregate as a Java {@link Projection} (state: a record of a {@code long} and a {@code BigDecimal}),
 *       through the {@link Projections} API on the log opened directly, with its {@code versionCount}.</li>
 * </ol>
 * The heap is read with {@code MemoryMXBean} after three {@code System.gc()} calls (a full collection with G1), so
 * it is what is reachable.
 * <pre>
 * java $(sed -n 's:.*&lt;hindsight.jvm.flags&gt;\(.*\)&lt;/hindsight.jvm.flags&gt;.*:\1:p' pom.xml) -Xmx4g \
 *   -cp benchmarks/target/benchmarks.jar dev.hindsight.benchmarks.ProjectionMemory [events]   # default 1000000
 * </pre>
 */
public final class ProjectionMemory {

    private ProjectionMemory() {
    }

    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        BenchSupport.requireChronicleFlags();
        Path dir = BenchSupport.newTempDir("hindsight-projection-memory-");
        try {
            BenchSupport.writeInterleaved(dir, events, ProjectionBenchmark.STREAMS);
            System.out.printf("ProjectionMemory: %,d events, max heap %d MB, %s%n", events,
                Runtime.getRuntime().maxMemory() >> 20, ManagementFactory.getRuntimeMXBean().getVmName());
            sql(dir, events);
            api(dir, events);
        } finally {
            BenchSupport.deleteRecursively(dir);
        }
    }

    private static void sql(Path dir, long events) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:hindsight:file:" + dir);
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM events")) {
                rs.next(); // the SQL layer loaded and warm, so its own classes are not counted below
            }
            long before = heapAfterGc();
            s.execute("CREATE PROJECTION p AS " + ProjectionBenchmark.definition("customer"));
            long afterFirst = heapAfterGc();
            print("SQL customer (963 groups)", events, events, afterFirst - before);
            s.execute("CREATE PROJECTION q AS " + ProjectionBenchmark.definition("stream"));
            long afterSecond = heapAfterGc();
            print("SQL stream (10,000 groups)", events, events, afterSecond - afterFirst);
            // the first projection also pays whatever a first one loads once; a second of the same definition not
            s.execute("CREATE PROJECTION r AS " + ProjectionBenchmark.definition("customer"));
            long afterThird = heapAfterGc();
            print("SQL customer, again", events, events, afterThird - afterSecond);
        }
    }

    private static void api(Path dir, long events) throws InterruptedException {
        try (EventLog log = BenchSupport.openLog(dir); Projections projections = Projections.open(log)) {
            long before = heapAfterGc();
            projections.register(new CustomerRevenue());
            if (!projections.await(CustomerRevenue.NAME, log.headSeq(), 600_000)) {
                throw new IllegalStateException("the Java projection did not catch up in 10 minutes");
            }
            long after = heapAfterGc();
            print("Java customer (963 groups)", events, projections.versionCount(CustomerRevenue.NAME),
                after - before);
        }
    }

    private static void print(String what, long events, long versions, long bytes) {
        System.out.printf("%-28s heap +%,d bytes; versions %,d; %.1f bytes/event, %.1f bytes/version%n", what, bytes,
            versions, (double) bytes / events, (double) bytes / versions);
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The customer definition as a Java projection: orders and revenue per {@code $.data.customerId}. */
    static final class CustomerRevenue implements Projection<CustomerRevenue.Revenue> {
        static final String NAME = "customer_revenue_java";

        /** A customer's orders and revenue. */
        record Revenue(long orders, BigDecimal revenue) {
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Set<String> eventNames() {
            return Set.of(BenchSupport.EVENT_NAME);
        }

        @Override
        public Class<Revenue> stateType() {
            return Revenue.class;
        }

        @Override
        public Revenue initialState() {
            return new Revenue(0, BigDecimal.ZERO);
        }

        @Override
        public Revenue apply(Revenue r, ProjectionEvent e) {
            return new Revenue(r.orders() + 1, r.revenue().add(e.json().get("total").decimalValue()));
        }

        @Override
        public Optional<String> partitionKey() {
            return Optional.of("$.data.customerId");
        }

        @Override
        public List<ProjectionColumn> columns() {
            return List.of(ProjectionColumn.of("customer_id", ColumnType.VARCHAR),
                ProjectionColumn.of("orders", ColumnType.BIGINT), ProjectionColumn.of("revenue", ColumnType.DECIMAL));
        }

        @Override
        public Object[] row(String partition, Revenue r) {
            return new Object[] {partition, r.orders(), r.revenue()};
        }
    }
}
