package dev.hindsight.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Restart of a log with two projections, to the first projection query, in a fresh JVM (issue 12: 10 M events in
 * &le; 5 s; projections start from their snapshots). A plain program, one process per run, as a server restart is.
 *
 * <ul>
 *   <li>{@code build DIR EVENTS}: writes {@code EVENTS} events of {@link ProjectionBenchmark}'s shape into
 *       {@code DIR} (which must not hold a log), creates the projections {@code customer_revenue} and
 *       {@code order_revenue} ({@link ProjectionBenchmark#definition} {@code customer} and {@code stream}), printing
 *       how long each {@code CREATE} took, and closes: the close writes each projection's snapshot and the log's
 *       index checkpoint. Needs a heap for the AS OF history of both (~2.5 GB for 10 M events).</li>
 *   <li>{@code open DIR}: connects ({@code EventLog.open}, then the stored definitions compiled and their
 *       snapshots loaded) and runs {@code SELECT * FROM customer_revenue}, reading every row; prints the time from
 *       the JVM's start (as the runtime MX bean gives it) to {@code main}, to the connection, and to the last row,
 *       and checks the rows' orders add up to the log's events.</li>
 * </ul>
 * <pre>
 * FLAGS=$(sed -n 's:.*&lt;hindsight.jvm.flags&gt;\(.*\)&lt;/hindsight.jvm.flags&gt;.*:\1:p' pom.xml)
 * CP=benchmarks/target/benchmarks.jar; M=dev.hindsight.benchmarks.ProjectionRestart
 * java $FLAGS -Xmx6g -cp $CP $M build /tmp/restart10m 10000000
 * for i in 1 2 3 4 5; do java $FLAGS -cp $CP $M open /tmp/restart10m; done
 * </pre>
 */
public final class ProjectionRestart {

    static final String FIRST = "customer_revenue";
    static final String SECOND = "order_revenue";

    private ProjectionRestart() {
    }

    public static void main(String[] args) throws SQLException {
        long mainAt = System.currentTimeMillis();
        if (args.length == 3 && args[0].equals("build")) {
            build(Path.of(args[1]), Long.parseLong(args[2]));
        } else if (args.length == 2 && args[0].equals("open")) {
            open(Path.of(args[1]), mainAt);
        } else {
            throw new IllegalArgumentException("usage: build DIR EVENTS | open DIR");
        }
    }

    private static void build(Path dir, long events) throws SQLException {
        BenchSupport.requireChronicleFlags();
        long t0 = System.nanoTime();
        BenchSupport.writeInterleaved(dir, events, ProjectionBenchmark.STREAMS);
        System.out.printf("wrote %,d events in %.1f s%n", events, (System.nanoTime() - t0) / 1e9);
        Connection c = DriverManager.getConnection("jdbc:hindsight:file:" + dir);
        try (Statement s = c.createStatement()) {
            create(s, FIRST, "customer", events);
            create(s, SECOND, "stream", events);
        } finally {
            long t1 = System.nanoTime();
            c.close();
            System.out.printf("closed (snapshots written) in %.1f s%n", (System.nanoTime() - t1) / 1e9);
        }
    }

    private static void create(Statement s, String name, String key, long events) throws SQLException {
        long t = System.nanoTime();
        s.execute("CREATE PROJECTION " + name + " AS " + ProjectionBenchmark.definition(key));
        double secs = (System.nanoTime() - t) / 1e9;
        System.out.printf("CREATE PROJECTION %s (%s) over %,d events: %.2f s, %.2f M events/s%n", name, key, events,
            secs, events / secs / 1e6);
    }

    private static void open(Path dir, long mainAt) throws SQLException {
        BenchSupport.requireChronicleFlags();
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long rows = 0;
        long orders = 0;
        long connectedAt;
        long head;
        try (Connection c = DriverManager.getConnection("jdbc:hindsight:file:" + dir)) {
            connectedAt = System.currentTimeMillis();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT * FROM " + FIRST)) {
                while (rs.next()) {
                    rows++;
                    orders += rs.getLong(2);
                    rs.getString(1);
                    rs.getBigDecimal(3);
                }
            }
            long answeredAt = System.currentTimeMillis();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT position + lag FROM sys.projections WHERE name = '"
                     + FIRST + "'")) {
                rs.next();
                head = rs.getLong(1);
            }
            System.out.printf("restart: JVM start -> main %d ms, -> connected %d ms, -> first projection query "
                + "answered %d ms (%d rows)%n", mainAt - jvmStart, connectedAt - jvmStart, answeredAt - jvmStart,
                rows);
        }
        if (orders != head) {
            throw new IllegalStateException("the rows count " + orders + " orders, the log holds " + head);
        }
    }
}
