package dev.hindsight.jdbc;

import dev.hindsight.jdbc.spi.KeyColumns;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaStatement;

/**
 * A remote statement's {@code getGeneratedKeys()}. Avatica's protocol carries no generated keys, but the server keeps
 * each connection's last append, which it shows as {@code sys.last_append} (the embedded driver reads its keys from
 * there too): the keys are a query of it, on the same connection, when the client asks for them. They are therefore
 * what the connection last appended, exactly as embedded: an INSERT, a batch (one atomic append, run as it always is;
 * the keys are read after it) or a commit; before a transaction's commit there are none. How the INSERT runs does not
 * change: no RETURNING is added, so batches and transactions keep their one atomic append.
 *
 * <p>The statement reading the keys is closed with their result set, by the next read, or with the owner. Not
 * thread-safe, like the statement that holds it.
 */
final class GeneratedKeys {

    private final AvaticaStatement owner;
    /** The select list of {@code sys.last_append}: what the client asked for ({@link KeyColumns}). */
    private String columns = KeyColumns.DEFAULT;
    /** The statement that read the keys last, or null. */
    private RemoteStatement reader;

    GeneratedKeys(AvaticaStatement owner) {
        this.owner = owner;
    }

    /** Whether the next run asked for {@link #columns} ({@code execute…(sql, keys)}), or they are its statement's. */
    private boolean asked;
    /** Whether the columns are the statement's own ({@code prepareStatement(sql, keys)}): every run asks for them. */
    private boolean fixed;

    /** Sets the key columns the client asked for with {@code execute…(sql, keys)}, for the run it starts. */
    void ask(String columns) {
        this.columns = columns;
        this.asked = true;
    }

    /** Sets the key columns of a statement prepared with them ({@code prepareStatement(sql, keys)}): every run's. */
    void fix(String columns) {
        this.columns = columns;
        this.fixed = true;
    }

    /**
     * A run of a plain statement begins: the columns it asked for, or {@link KeyColumns#DEFAULT} if it asked for none
     * (those another run asked for stayed, and a later run's keys lacked {@code seq} and the rest: 42703).
     */
    void running() {
        if (!asked && !fixed) {
            columns = KeyColumns.DEFAULT;
        }
        asked = false;
    }

    /** The keys of the connection's last append: one row per event, the asked columns, in {@code seq} order. */
    ResultSet read() throws SQLException {
        close();
        RemoteStatement keys = RemoteStatement.readingKeysOf(owner);
        reader = keys;
        try {
            keys.closeOnCompletion();
            return keys.executeQuery("SELECT " + columns + " FROM sys.last_append");
        } catch (SQLException e) {
            close();
            throw e;
        }
    }

    /**
     * A statement's close: the keys' reader, then {@code statement} itself ({@code super::close}) however that went;
     * quiet if the link to the server is gone ({@link RemoteFailures#rethrowUnlessLinkLost}).
     */
    void closeThen(RemoteFailures.Close statement) throws SQLException {
        try {
            close();
        } catch (SQLException e) {
            RemoteFailures.rethrowUnlessLinkLost(e);
        } finally {
            statement.close();
        }
    }

    /** Closes the statement that read the keys last, and so its result set. */
    void close() throws SQLException {
        RemoteStatement last = reader;
        reader = null;
        if (last != null) {
            last.close();
        }
    }
}
