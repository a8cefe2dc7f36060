package dev.hindsight.sql.jdbc;

import dev.hindsight.jdbc.spi.EmbeddedEngine;
import dev.hindsight.log.Durability;
import dev.hindsight.log.EventLog;
import dev.hindsight.log.JvmOptions;
import dev.hindsight.log.LogConfig;
import dev.hindsight.sql.AsOf;
import dev.hindsight.sql.ConnectionSettings;
import dev.hindsight.sql.HindsightSchema;
import dev.hindsight.sql.ProjectionCatalog;
import dev.hindsight.sql.SqlSession;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.jdbc.CalciteConnection;

/**
 * Internal: the embedded engine behind {@code jdbc:hindsight:file:<dir>} and {@code jdbc:hindsight:mem:}, found by the
 * driver through {@link EmbeddedEngine} service loading. Every connection gets its own Calcite connection and schema
 * objects (Calcite connections are not thread-safe and planner state is never shared); connections to one directory
 * share one open log. Thread-safe. Public for {@code ServiceLoader}.
 */
public final class HindsightEmbeddedEngine implements EmbeddedEngine {

    static {
        UnicodeLiterals.useByDefault(); // before DRIVER below loads Calcite, which reads them once
    }

    private static final HindsightCalciteDriver DRIVER = new HindsightCalciteDriver();
    private static final SharedLogs LOGS = new SharedLogs();
    private static final int DEFAULT_PLAN_CACHE_SIZE = 256;

    /** For {@link java.util.ServiceLoader}. */
    public HindsightEmbeddedEngine() {
    }

    @Override
    public Connection connect(String target, Properties info) throws SQLException {
        List<String> missing = JvmOptions.missing();
        if (!missing.isEmpty()) {
            throw new SQLException("embedded Hindsight needs these JVM options, which this JVM lacks (Chronicle Queue "
                + "and Agrona use JDK internals on Java 17): " + String.join(" ", missing)
                + " (the hindsight.jar of the build has them in its manifest; see docs/jdbc.md)", "08001");
        }
        AsOf asOf = sessionAsOf(info);
        Access access = access(info);
        EventLog log;
        ProjectionCatalog catalog;
        Runnable release;
        try {
            Durability durability = durability(info);
            if (target.equals("mem:")) {
                log = EventLog.open(LogConfig.builder().durability(durability).build()); // private to this one
                EventLog own = log;
                try {
                    catalog = new ProjectionCatalog(log);
                } catch (RuntimeException e) {
                    own.close();
                    throw e;
                }
                ProjectionCatalog ownCatalog = catalog;
                release = () -> {
                    ownCatalog.close();
                    own.close();
                };
            } else if (target.startsWith("mem:")) {
                SharedLogs.Acquired held = LOGS.acquireMemory(target.substring("mem:".length()), durability);
                log = held.log();
                catalog = held.catalog();
                release = () -> LOGS.release(held.key());
            } else {
                String location = target.substring("file:".length());
                if (location.isBlank()) {
                    throw new SQLException("jdbc:hindsight:file: needs a directory, e.g. jdbc:hindsight:file:./data",
                        "08001");
                }
                SharedLogs.Acquired held = LOGS.acquire(Path.of(location), durability);
                log = held.log();
                catalog = held.catalog();
                release = () -> LOGS.release(held.key());
            }
        } catch (RuntimeException e) {
            // the log's own failures (EventLogException), and its projections' on the class path (Projections.open:
            // a class missing, a name taken twice, …)
            throw new SQLException("cannot open the log: " + e.getMessage(), "08001", e);
        }
        try {
            AvaticaConnection connection = (AvaticaConnection) DRIVER.connect("jdbc:hindsight-calcite:",
                ConnectionSettings.calciteProperties());
            CalciteConnection calcite = connection.unwrap(CalciteConnection.class);
            // fastPath=false (undocumented) runs every statement through Calcite: the tests compare the two paths
            boolean fastPaths = !"false".equals(info.getProperty("fastPath"));
            SqlSession session = new SqlSession(log, catalog, asOf, fastPaths, planCacheSize(info), access,
                info.getProperty("user"));
            String timeout = info.getProperty("statementTimeout");
            if (timeout != null && !timeout.isBlank()) {
                try {
                    session.defaultStatementTimeout(timeout);
                } catch (IllegalArgumentException e) {
                    throw new SQLException("connection property statementTimeout: " + e.getMessage(), "22023", e);
                }
            }
            HindsightSchema.addTo(calcite.getRootSchema(), session);
            calcite.setSchema(HindsightSchema.NAME);
            DRIVER.onClose(connection, release);
            HindsightConnection hindsight = new HindsightConnection(connection, session, "jdbc:hindsight:" + target);
            catalog.restore(hindsight); // the stored CREATE PROJECTIONs, once per log
            return hindsight;
        } catch (SQLException | RuntimeException e) {
            release.run();
            throw e;
        }
    }

    /** The connection property {@code durability}: {@code process} (the default) or {@code fsync} (SPEC §1). */
    private static Durability durability(Properties info) throws SQLException {
        String value = info.getProperty("durability");
        if (value == null || value.isBlank()) {
            return Durability.PROCESS;
        }
        try {
            return Durability.named(value.trim());
        } catch (IllegalArgumentException e) {
            throw new SQLException("connection property durability " + e.getMessage(), "22023", e);
        }
    }

    /** The connection property {@code planCacheSize}: plans of ad-hoc statements kept (default 256; 0: none). */
    private static int planCacheSize(Properties info) throws SQLException {
        String value = info.getProperty("planCacheSize");
        if (value == null || value.isBlank()) {
            return DEFAULT_PLAN_CACHE_SIZE;
        }
        try {
            int size = Integer.parseInt(value.trim());
            if (size >= 0) {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SQLException("connection property planCacheSize must be a whole number ≥ 0, not '" + value + "'",
            "22023");
    }

    /** The internal connection property {@code access} ({@link Access}; admin when absent). */
    private static Access access(Properties info) throws SQLException {
        try {
            return Access.parse(info.getProperty(Access.PROPERTY));
        } catch (IllegalArgumentException e) {
            throw new SQLException("connection property access " + e.getMessage(), "22023", e);
        }
    }

    private static AsOf sessionAsOf(Properties info) throws SQLException {
        String value = info.getProperty("asOf");
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return AsOf.parse(value);
        } catch (IllegalArgumentException e) {
            throw new SQLException("connection property asOf: " + e.getMessage(), "22023", e);
        }
    }
}
