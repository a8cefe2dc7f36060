package dev.hindsight.jdbc.spi;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The embedded engine behind {@code jdbc:hindsight:file:} and {@code jdbc:hindsight:mem:}, found with
 * {@link java.util.ServiceLoader}. The driver jar carries no engine of its own, so the thin remote driver stays free of
 * Calcite and Chronicle; the {@code sql-engine} module implements this.
 */
public interface EmbeddedEngine {

    /**
     * Opens a connection.
     *
     * @param target {@code file:<dir>} (a log in that directory, shared by every connection to it in this JVM) or
     *               {@code mem:} (a fresh private log, deleted when the connection closes)
     * @param info   the JDBC connection properties
     * @throws SQLException with SQLState {@code 08001} if the log cannot be opened
     */
    Connection connect(String target, Properties info) throws SQLException;
}
