package dev.hindsight.jdbc;

import dev.hindsight.jdbc.spi.AskedKeys;
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
    /** The select list of {@code sys.last_append}: what the client asked for. */
    private final AskedKeys columns = new AskedKeys();
    /** The statement that read the keys last, or null. */
    private RemoteStatement reader;

    GeneratedKeys(AvaticaStatement owner) {
        this.owner = owner;
    }

    /** Sets the key columns the client asked for with {@code execute…(sql, keys)}, for the run it starts. */
    void ask(String asked) {
        columns.ask(asked);
    }

    /** Sets the key columns of a statement prepared with them ({@code prepareStatement(sql, keys)}): every run's. */
    void fix(String asked) {
        columns.fix(asked);
    }

    /** Sets the key columns of an {@code INSERT … RETURNING}: the columns it returns ({@link AskedKeys#returned}). */
    void returned(String columns) {
        this.columns.returned(columns);
    }

    /** A run of a plain statement begins ({@link AskedKeys#running}). */
    void running() {
        columns.running();
    }

    /** The keys of the connection's last append: one row per event, the asked columns, in {@code seq} order. */
    ResultSet read() throws SQLException {
        close();
        RemoteStatement keys = RemoteStatement.readingKeysOf(owner);
        reader = keys;
        try {
            keys.closeOnCompletion();
            return keys.executeQuery("SELECT " + columns.columns() + " FROM sys.last_append");
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
