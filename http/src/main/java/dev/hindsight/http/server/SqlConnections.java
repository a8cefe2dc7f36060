package dev.hindsight.http.server;

import dev.hindsight.http.auth.Role;
import dev.hindsight.sql.SqlSession;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Open embedded JDBC connections to the server's log, kept for reuse by role: each connection has its own plan
 * cache, so {@code POST /v1/sql} with a shape seen before skips parsing and planning. A connection is opened with the
 * connection property {@code access=<role>}, so the SQL engine refuses what the caller's role may not do (SQLState
 * {@code 42501}).
 *
 * <p>At most {@code idlePerRole} idle connections are kept per role; more are opened under load and closed when
 * given back to a full pool. Statements with parameters are kept prepared on their connection ({@link #prepared}),
 * as a JDBC pool's statement cache keeps them: prepared for each request, {@code POST /v1/sql} with {@code params}
 * took a preparation (10–20 ms) every time. Thread-safe; a connection's statements are used by the thread holding it.
 */
public final class SqlConnections implements AutoCloseable {

    private final String url;
    private final String durability;
    private final long statementTimeoutMillis;
    private final Map<Role, BlockingQueue<Connection>> idle = new EnumMap<>(Role.class);
    private volatile boolean closed;
    /** Plan-cache hits of connections given back so far; per connection, its count when last given back. */
    private final LongAdder planCacheHits = new LongAdder();
    private final Map<Connection, Long> hitsSeen = new ConcurrentHashMap<>();
    /** Per connection, its prepared statements by text, least recently used first. */
    private final Map<Connection, Map<String, Prepared>> prepared = new ConcurrentHashMap<>();

    /**
     * Statements kept prepared per connection: a client's few shapes, bounded against one of endless texts (each holds
     * its generated class, in its own class loader, in metaspace, as long as it is kept).
     */
    static final int PREPARED_PER_CONNECTION = 16;

    /** A statement kept prepared, and the schema it was prepared under. */
    private record Prepared(PreparedStatement statement, long schemaVersion) {
    }

    /**
     * Connections to {@code url} ({@code jdbc:hindsight:file:...}) with {@code durability}, whose statements may run
     * {@code statementTimeout} (0: no limit).
     */
    public SqlConnections(String url, String durability, Duration statementTimeout, int idlePerRole) {
        this.url = url;
        this.durability = durability;
        this.statementTimeoutMillis = statementTimeout.toMillis();
        for (Role role : Role.values()) {
            idle.put(role, new ArrayBlockingQueue<>(idlePerRole));
        }
    }

    /** A connection for a caller with {@code role}: an idle one, or a new one. Give it back with {@link #release}. */
    public Connection acquire(Role role) throws SQLException {
        if (closed) {
            throw new SQLException("the server is shutting down", "57P01");
        }
        Connection c = idle.get(role).poll();
        return c != null ? c : open(role);
    }

    /** Opens a connection with {@code role}'s access, outside the pool (the caller closes it). */
    public Connection open(Role role) throws SQLException {
        Properties props = new Properties();
        props.setProperty("durability", durability);
        props.setProperty("access", role.label());
        props.setProperty("statementTimeout", Long.toString(statementTimeoutMillis));
        return DriverManager.getConnection(url, props);
    }

    /**
     * {@code sql} prepared on {@code c} (held by the caller; a pooled one: a connection of {@link #open} is never
     * forgotten here): the statement an earlier request prepared there, unless the schema changed since (DDL: it may
     * name a table that changed); else prepared now and kept for the next. The caller does not close it (it is closed
     * with its connection, or when {@link #PREPARED_PER_CONNECTION} more recent ones push it out), and clears its
     * parameters once done, so that no request's values stay held nor reach the next.
     */
    public PreparedStatement prepared(Connection c, String sql) throws SQLException {
        long version = c.isWrapperFor(SqlSession.class) ? c.unwrap(SqlSession.class).schemaVersion() : 0;
        Map<String, Prepared> kept = prepared.computeIfAbsent(c, k -> keptStatements());
        Prepared p = kept.get(sql);
        if (p != null && p.schemaVersion() == version && !p.statement().isClosed()) {
            return p.statement();
        }
        if (p != null) {
            kept.remove(sql);
            closeQuietly(p.statement());
        }
        PreparedStatement statement = c.prepareStatement(sql);
        kept.put(sql, new Prepared(statement, version));
        return statement;
    }

    /** A connection's kept statements by text, least recently used first, the eldest closed past the limit. */
    private static Map<String, Prepared> keptStatements() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Prepared> eldest) {
                if (size() <= PREPARED_PER_CONNECTION) {
                    return false;
                }
                closeQuietly(eldest.getValue().statement());
                return true;
            }
        };
    }

    /**
     * Gives {@code c} back for reuse, or closes it when {@code reusable} is false, a statement changed its session
     * ({@code SET}, however spelled; a transaction left open) or the pool is full.
     */
    public void release(Role role, Connection c, boolean reusable) {
        boolean kept = false;
        countHits(c);
        try {
            if (reusable && !closed && !c.isClosed() && c.getAutoCommit() && !settingsChanged(c)) {
                handOver(c);
                kept = idle.get(role).offer(c);
            }
        } catch (SQLException e) {
            kept = false;
        } finally {
            if (!kept) {
                hitsSeen.remove(c);
                prepared.remove(c); // closed with it
                closeQuietly(c);
            }
        }
    }

    /** Forgets what the request appended ({@code sys.last_append}): the next request is another caller's. */
    private static void handOver(Connection c) throws SQLException {
        if (c.isWrapperFor(SqlSession.class)) {
            c.unwrap(SqlSession.class).handedOver();
        }
    }

    /** A SET behind a comment is one too: the session says what the text may hide. */
    private static boolean settingsChanged(Connection c) throws SQLException {
        return c.isWrapperFor(SqlSession.class) && c.unwrap(SqlSession.class).settingsChanged();
    }

    /** Statements of {@code POST /v1/sql} served by a cached plan, over every pooled connection so far. */
    public long planCacheHits() {
        return planCacheHits.sum();
    }

    // on the thread that used the connection: a connection's plan cache is read where it is used
    private void countHits(Connection c) {
        try {
            if (!c.isClosed() && c.isWrapperFor(SqlSession.class)) {
                long now = c.unwrap(SqlSession.class).planCache().hits();
                Long before = hitsSeen.put(c, now);
                planCacheHits.add(now - (before == null ? 0 : before));
            }
        } catch (SQLException e) {
            // a broken connection counts nothing; it is closed below
        }
    }

    /** Closes every idle connection; connections handed out are closed when given back. */
    @Override
    public void close() {
        closed = true;
        for (BlockingQueue<Connection> q : idle.values()) {
            Connection c;
            while ((c = q.poll()) != null) {
                prepared.remove(c);
                closeQuietly(c);
            }
        }
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException e) {
            // nothing to do: it is dropped either way
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // nothing to tell a client: the connection is gone either way
        }
    }
}
