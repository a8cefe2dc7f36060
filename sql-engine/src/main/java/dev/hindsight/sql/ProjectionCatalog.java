package dev.hindsight.sql;

import dev.hindsight.log.EventLog;
import dev.hindsight.projection.Fold;
import dev.hindsight.projection.Projections;
import dev.hindsight.sql.jdbc.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.schema.Table;

/**
 * Internal: the projections of one log as the SQL layer sees them, shared by every connection to the log: the runtime
 * ({@link Projections}), the SQL definitions stored in the data directory still to be compiled, and one table per
 * projection for each session. Every change to the set bumps {@link SchemaVersion}, so cached plans are dropped.
 * Public for the embedded engine ({@code dev.hindsight.sql.jdbc}), which opens one per log and closes it before the
 * log.
 */
public final class ProjectionCatalog implements AutoCloseable {

    /** How long a query waits for a projection to apply the events its statement can see. */
    static final long READ_WAIT_MILLIS = 30_000;

    /** SQL comments, taken out before {@link #CREATE} reads a head (no string literal comes before the name). */
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|--[^\\n\\r]*+", Pattern.DOTALL);
    /**
     * The head of a stored definition without its comments: {@code CREATE [OR REPLACE] PROJECTION name}, the name
     * quoted (group 1) or not (group 2) and ended there: {@code U&"x"} is no name {@code u}, {@code "a""b"} none
     * {@code a}, {@code a$b} none {@code a}.
     */
    private static final Pattern CREATE = Pattern.compile("\\s*+CREATE\\s++(?:OR\\s++REPLACE\\s++)?PROJECTION\\s++"
        + "(?:\"([A-Za-z_][A-Za-z0-9_]*+)\"(?!\")|([A-Za-z_][A-Za-z0-9_]*+)(?![\\p{L}\\p{N}_$&\"'.]))",
        Pattern.CASE_INSENSITIVE);

    /** 54001: depends on the stack of the thread that opens the connection, not on the definition alone. */
    private static final String STACK_DEPTH_EXCEEDED = "54001";

    private final Projections projections;
    private final Map<String, String> pending;

    /** Opens the projections of {@code log} (Java ones found on the class path start at once). */
    public ProjectionCatalog(EventLog log) {
        this.projections = Projections.open(log);
        this.pending = new ConcurrentHashMap<>(projections.storedDefinitions());
        projections.onChange(SchemaVersion::changed);
    }

    /** The runtime, for an embedded application's own projections and upcasters. */
    public Projections projections() {
        return projections;
    }

    /**
     * Compiles the stored SQL definitions not yet running, through {@code connection} (run for every connection
     * opened on the log, so that one this connection could not create is tried by the next): each is its own
     * {@code CREATE PROJECTION} statement, claimed first, so no two connections run one at once, in name order. Only a
     * file's own is run: one whose statement names another projection (a copy, {@code old_counts.sql}) would replace
     * that projection's definition, and is skipped (a head this class does not read at all runs, and the statement is
     * judged by the engine). One the compiler refuses (a state of class 42, 0A, 22 or 54) is listed as failed with the
     * reason ({@link Projections#uncompiled}) and keeps its stored definition; any other failure (a read-only or
     * as-of connection, a role below admin, a fault, a statement too deep for this thread's stack: 54001) leaves it
     * for the next connection.
     */
    public void restore(Connection connection) {
        for (String name : new TreeSet<>(pending.keySet())) {
            String definition = pending.remove(name);
            if (definition == null || projections.fold(name).isPresent()) {
                continue; // claimed by another connection, or running
            }
            String named = projectionNamed(definition);
            if (named != null && !named.equals(name)) {
                continue; // a copy under another name (old_counts.sql): it would replace the projection it names
            }
            try (Statement s = connection.createStatement()) {
                s.execute(definition);
            } catch (SQLException failed) {
                String state = String.valueOf(failed.getSQLState());
                if (refusedByTheCompiler(state)) {
                    listAsFailed(name, failed.getMessage());
                } else if (!state.equals(ProjectionDdl.DUPLICATE_TABLE)) {
                    pending.put(name, definition);
                }
            }
        }
    }

    /** Whether {@code state} says the definition itself was refused, whichever connection runs it. */
    private static boolean refusedByTheCompiler(String state) {
        return (state.startsWith("42") && !state.equals(SqlErrors.INSUFFICIENT_PRIVILEGE)
            && !state.equals(ProjectionDdl.DUPLICATE_TABLE))
            || state.startsWith("0A") || state.startsWith("22")
            || (state.startsWith("54") && !state.equals(STACK_DEPTH_EXCEEDED));
    }

    /**
     * The projection a stored {@code CREATE [OR REPLACE] PROJECTION name …} creates, lower-cased as the engine names
     * it, comments anywhere in the head; {@code null} if the text is no such statement (or names it in a way this
     * does not read, {@code U&"…"}).
     */
    static String projectionNamed(String definition) {
        Matcher m = CREATE.matcher(COMMENT.matcher(definition).replaceAll(" "));
        if (!m.lookingAt()) {
            return null;
        }
        return (m.group(1) != null ? m.group(1) : m.group(2)).toLowerCase(Locale.ROOT);
    }

    private void listAsFailed(String name, String reason) {
        try {
            projections.uncompiled(name, reason);
        } catch (IllegalArgumentException e) {
            // a file named as no projection can be (a copy, "counts copy.sql"): not listed, as it could not be dropped
        }
    }

    /** The projection tables for {@code session}, by name: new table objects whenever a definition changed. */
    Map<String, Table> tables(SqlSession session, Map<String, ProjectionTable> cache) {
        Map<String, Table> out = new LinkedHashMap<>();
        for (String name : projections.names()) {
            Fold fold = projections.fold(name).orElse(null);
            if (fold == null) {
                continue; // dropped meanwhile
            }
            ProjectionTable t = cache.get(name);
            if (t == null || t.fold() != fold) {
                t = new ProjectionTable(session, fold);
                cache.put(name, t);
            }
            out.put(name, t);
        }
        cache.keySet().retainAll(out.keySet());
        return out;
    }

    @Override
    public void close() {
        projections.close();
    }
}
