package dev.hindsight.jdbc;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.AvaticaConnection;

/**
 * Avatica's {@code DatabaseMetaData} (each call a request of its protocol) with what its protocol lacks:
 * <ul>
 *   <li>{@link #getPrimaryKeys}: Avatica has no request for keys (its client answers none), so this one asks the
 *       server's {@code sys.primary_keys} table, which lists the keys its tables declare: the same rows, columns and
 *       order as the embedded driver's answer;</li>
 *   <li>{@link #getImportedKeys}, {@link #getExportedKeys}, {@link #getCrossReference}: no rows, with JDBC's column
 *       names ({@link #FOREIGN_KEYS});</li>
 *   <li>{@link #supportsGetGeneratedKeys}: true ({@link GeneratedKeys});</li>
 *   <li>{@link #isReadOnly}: the connection's setting, not Avatica's fixed {@code true};</li>
 *   <li>transactions, the URL, the user name, how names are stored, catalogs and the {@code …AreDetected}/
 *       {@code …AreVisible} questions: as the embedded driver answers them (sql-engine's {@code DatabaseFeatures},
 *       {@code DatabaseTraits}), where Avatica's client says there are no transactions (SQLLine warns at connect
 *       that READ COMMITTED is not supported), names its own URL, answers from its own defaults that unquoted names
 *       are stored in upper case (so a tool folded {@code events} to {@code EVENTS} before asking for its columns,
 *       and found none) and that catalogs may be named in statements, and throws "todo".</li>
 * </ul>
 */
final class RemoteDatabaseMetaData extends CheckedDatabaseMetaData {

    /**
     * JDBC's columns of {@code getPrimaryKeys} over {@code sys.primary_keys}; a WHERE and the ORDER BY follow. Each is
     * an expression, not the column itself, so that its metadata names it as JDBC does, as embedded: a plain column's
     * {@code getColumnName} was {@code table_schema}, and its table {@code sys.primary_keys}.
     */
    private static final String PRIMARY_KEYS = "SELECT CAST(NULL AS VARCHAR) AS \"TABLE_CAT\", "
        + "table_schema || '' AS \"TABLE_SCHEM\", table_name || '' AS \"TABLE_NAME\", "
        + "column_name || '' AS \"COLUMN_NAME\", CAST(key_seq AS SMALLINT) AS \"KEY_SEQ\", "
        + "pk_name || '' AS \"PK_NAME\" FROM sys.primary_keys";

    /**
     * JDBC's columns of {@code getImportedKeys}, {@code getExportedKeys} and {@code getCrossReference}, and no rows: no
     * table declares a foreign key. Avatica's client answers them itself, naming the last {@code DEFERABILITY}.
     */
    private static final String FOREIGN_KEYS = "SELECT CAST(NULL AS VARCHAR) AS \"PKTABLE_CAT\", "
        + "CAST(NULL AS VARCHAR) AS \"PKTABLE_SCHEM\", CAST(NULL AS VARCHAR) AS \"PKTABLE_NAME\", "
        + "CAST(NULL AS VARCHAR) AS \"PKCOLUMN_NAME\", CAST(NULL AS VARCHAR) AS \"FKTABLE_CAT\", "
        + "CAST(NULL AS VARCHAR) AS \"FKTABLE_SCHEM\", CAST(NULL AS VARCHAR) AS \"FKTABLE_NAME\", "
        + "CAST(NULL AS VARCHAR) AS \"FKCOLUMN_NAME\", CAST(NULL AS SMALLINT) AS \"KEY_SEQ\", "
        + "CAST(NULL AS SMALLINT) AS \"UPDATE_RULE\", CAST(NULL AS SMALLINT) AS \"DELETE_RULE\", "
        + "CAST(NULL AS VARCHAR) AS \"FK_NAME\", CAST(NULL AS VARCHAR) AS \"PK_NAME\", "
        + "CAST(NULL AS SMALLINT) AS \"DEFERRABILITY\" FROM (VALUES (0)) AS t (x) WHERE x = 1";

    RemoteDatabaseMetaData(AvaticaConnection connection) {
        super(connection);
    }

    /** {@code jdbc:hindsight://host:port}, the URL the client connected with (Avatica's names its own). */
    @Override
    public String getURL() {
        return "jdbc:hindsight://" + URI.create(connection.config().url()).getRawAuthority();
    }

    /**
     * As embedded: the connection's {@code user} property, else what the server's {@code CURRENT_USER} answers
     * (Avatica's answers null then).
     */
    @Override
    public String getUserName() throws SQLException {
        String user = super.getUserName();
        if (user != null && !user.isEmpty()) { // an empty user is none, as embedded: CURRENT_USER's sa
            return user;
        }
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT CURRENT_USER")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** The one holdability result sets have (Avatica's client threw "todo: implement this method", unchecked). */
    @Override
    public boolean supportsResultSetHoldability(int holdability) throws SQLException {
        return holdability == getResultSetHoldability();
    }

    // NULL sorts above every value, as in PostgreSQL and as the embedded driver says
    @Override
    public boolean nullsAreSortedAtEnd() {
        return false;
    }

    @Override
    public boolean nullsAreSortedAtStart() {
        return false;
    }

    @Override
    public boolean nullsAreSortedHigh() {
        return true;
    }

    @Override
    public boolean nullsAreSortedLow() {
        return false;
    }

    /** With auto-commit off a connection's INSERTs are held for one append at commit (SPEC §2). */
    @Override
    public boolean supportsTransactions() {
        return true;
    }

    /**
     * DDL runs at once, outside the transaction: it neither commits the INSERTs held nor is undone by a rollback
     * (Avatica's answers said it commits them; a migration tool would take its INSERTs as written).
     */
    @Override
    public boolean dataDefinitionCausesTransactionCommit() {
        return false;
    }

    @Override
    public boolean dataDefinitionIgnoredInTransactions() {
        return false;
    }

    @Override
    public boolean supportsDataDefinitionAndDataManipulationTransactions() {
        return false;
    }

    @Override
    public boolean supportsDataManipulationTransactionsOnly() {
        return true;
    }

    /** Read committed, the one level: each statement reads the log as it is when it runs. */
    @Override
    public boolean supportsTransactionIsolationLevel(int level) {
        return level == Connection.TRANSACTION_READ_COMMITTED;
    }

    @Override
    public int getDefaultTransactionIsolation() {
        return Connection.TRANSACTION_READ_COMMITTED;
    }

    // result sets are read-only and forward-only: nothing changes under them, nothing is detected
    @Override
    public boolean ownUpdatesAreVisible(int type) {
        return false;
    }

    @Override
    public boolean ownDeletesAreVisible(int type) {
        return false;
    }

    @Override
    public boolean ownInsertsAreVisible(int type) {
        return false;
    }

    @Override
    public boolean othersUpdatesAreVisible(int type) {
        return false;
    }

    @Override
    public boolean othersDeletesAreVisible(int type) {
        return false;
    }

    @Override
    public boolean othersInsertsAreVisible(int type) {
        return false;
    }

    @Override
    public boolean updatesAreDetected(int type) {
        return false;
    }

    @Override
    public boolean deletesAreDetected(int type) {
        return false;
    }

    @Override
    public boolean insertsAreDetected(int type) {
        return false;
    }

    @Override
    public boolean supportsGetGeneratedKeys() {
        return true;
    }

    // names: an unquoted name is lower case, a quoted one kept as written; both match case-insensitively
    @Override
    public boolean storesLowerCaseIdentifiers() {
        return true;
    }

    @Override
    public boolean storesUpperCaseIdentifiers() {
        return false;
    }

    @Override
    public boolean storesMixedCaseIdentifiers() {
        return false;
    }

    @Override
    public boolean supportsMixedCaseIdentifiers() {
        return false;
    }

    @Override
    public boolean storesMixedCaseQuotedIdentifiers() {
        return true;
    }

    @Override
    public boolean storesLowerCaseQuotedIdentifiers() {
        return false;
    }

    @Override
    public boolean storesUpperCaseQuotedIdentifiers() {
        return false;
    }

    @Override
    public boolean supportsMixedCaseQuotedIdentifiers() {
        return false;
    }

    // prepareCall is 0A000, and there are no procedures (Avatica's answers were true), as embedded
    @Override
    public boolean allProceduresAreCallable() {
        return false;
    }

    @Override
    public boolean supportsStoredFunctionsUsingCallSyntax() {
        return false;
    }

    // there are no catalogs to name
    @Override
    public boolean supportsCatalogsInDataManipulation() {
        return false;
    }

    @Override
    public boolean supportsCatalogsInProcedureCalls() {
        return false;
    }

    @Override
    public boolean supportsCatalogsInTableDefinitions() {
        return false;
    }

    @Override
    public boolean supportsCatalogsInIndexDefinitions() {
        return false;
    }

    @Override
    public boolean supportsCatalogsInPrivilegeDefinitions() {
        return false;
    }

    /** {@code seq > ALL (SELECT …)}, {@code = ANY (…)}: as embedded (Avatica's default says no). */
    @Override
    public boolean supportsSubqueriesInQuantifieds() {
        return true;
    }

    /** Each connection holds its own transaction, as embedded. */
    @Override
    public boolean supportsMultipleTransactions() {
        return true;
    }

    /** {@code FROM events events} works, as in PostgreSQL and embedded. */
    @Override
    public boolean supportsDifferentTableCorrelationNames() {
        return false;
    }

    /** JDBC 4.2 (java.time through getObject/setObject), as embedded; Avatica's client says 4.1. */
    @Override
    public int getJDBCMinorVersion() {
        return 2;
    }

    /** The connection's read-only setting, as embedded (Avatica's answers {@code true} whatever the connection). */
    @Override
    public boolean isReadOnly() throws SQLException {
        return connection.isReadOnly();
    }

    /** No rows, with JDBC's columns ({@link #FOREIGN_KEYS}); closing the result set closes its statement. */
    @Override
    public ResultSet getImportedKeys(String catalog, String schema, String table) throws SQLException {
        return foreignKeys();
    }

    @Override
    public ResultSet getExportedKeys(String catalog, String schema, String table) throws SQLException {
        return foreignKeys();
    }

    @Override
    public ResultSet getCrossReference(String parentCatalog, String parentSchema, String parentTable,
                               String foreignCatalog, String foreignSchema, String foreignTable) throws SQLException {
        return foreignKeys();
    }

    private ResultSet foreignKeys() throws SQLException {
        Statement keys = connection.createStatement();
        try {
            keys.closeOnCompletion();
            return keys.executeQuery(FOREIGN_KEYS);
        } catch (SQLException e) {
            keys.close();
            throw e;
        }
    }

    /**
     * One row per key column of each table selected, ordered by schema, table and column name. As PostgreSQL's driver
     * (and the embedded one): the catalog is ignored (there are none), a NULL or empty schema or table means any, any
     * other name must match exactly ({@code getTables}' spelling; not a pattern). Closing the result set closes the
     * statement that read it.
     */
    @Override
    public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
        List<String> where = new ArrayList<>();
        if (schema != null && !schema.isEmpty()) {
            where.add("table_schema = " + literal(schema));
        }
        if (table != null && !table.isEmpty()) {
            where.add("table_name = " + literal(table));
        }
        // names as literals, not parameters: a statement's text takes the server's plan cache, which plans a shape
        // once whatever its literals, while each prepared statement is planned anew (some 20 ms, and tools ask for
        // the keys of each table they show)
        String sql = PRIMARY_KEYS + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
            + " ORDER BY \"TABLE_SCHEM\", \"TABLE_NAME\", \"COLUMN_NAME\"";
        Statement keys = connection.createStatement();
        try {
            keys.closeOnCompletion();
            return keys.executeQuery(sql);
        } catch (SQLException e) {
            keys.close();
            throw e;
        }
    }

    /** {@code text} as a SQL string literal: its quotes doubled, the only escape standard SQL has. */
    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
