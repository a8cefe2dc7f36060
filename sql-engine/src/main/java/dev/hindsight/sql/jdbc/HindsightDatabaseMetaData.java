package dev.hindsight.sql.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@code DatabaseMetaData} as the client gets it: Avatica's, behind a typed wrapper for the answers Avatica fixes
 * in code rather than asking the {@code Meta}: keys are supported ({@link HindsightStatement#getGeneratedKeys}),
 * read-only is the connection's own setting, the connection is the client's, the URL the one it connected with.
 *
 * <p>Here what it answers by asking: the catalog queries ({@code getTables}, {@code getColumns}, …, from the
 * connection's {@code Meta}, {@link HindsightMeta}), who answers (product, driver, versions, URL, user) and for which
 * connection. The fixed answers are in its bases: {@link DatabaseTraits} and {@link DatabaseFeatures}.
 */
final class HindsightDatabaseMetaData extends DatabaseTraits {

    private final HindsightConnection owner;
    private final String url;

    HindsightDatabaseMetaData(DatabaseMetaData delegate, HindsightConnection owner, String url) {
        super(delegate);
        this.owner = owner;
        this.url = url;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return owner;
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        return owner.isReadOnly();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || delegate.isWrapperFor(iface);
    }

    @Override
    public ResultSet getAttributes(String a0, String a1, String a2, String a3) throws SQLException {
        return rows(() -> delegate.getAttributes(a0, a1, a2, a3));
    }

    @Override
    public ResultSet getBestRowIdentifier(String a0, String a1, String a2, int a3, boolean a4) throws SQLException {
        return rows(() -> delegate.getBestRowIdentifier(a0, a1, a2, a3, a4));
    }

    @Override
    public ResultSet getCatalogs() throws SQLException {
        return rows(() -> delegate.getCatalogs());
    }

    @Override
    public ResultSet getClientInfoProperties() throws SQLException {
        return rows(() -> delegate.getClientInfoProperties());
    }

    @Override
    public ResultSet getColumnPrivileges(String a0, String a1, String a2, String a3) throws SQLException {
        return rows(() -> delegate.getColumnPrivileges(a0, a1, a2, a3));
    }

    @Override
    public ResultSet getColumns(String a0, String a1, String a2, String a3) throws SQLException {
        return rows(() -> delegate.getColumns(a0, a1, a2, a3));
    }

    @Override
    public ResultSet getCrossReference(String a0, String a1, String a2, String a3, String a4, String a5)
            throws SQLException {
        return rows(() -> delegate.getCrossReference(a0, a1, a2, a3, a4, a5));
    }

    @Override
    public int getDatabaseMajorVersion() throws SQLException {
        return delegate.getDatabaseMajorVersion();
    }

    @Override
    public int getDatabaseMinorVersion() throws SQLException {
        return delegate.getDatabaseMinorVersion();
    }

    @Override
    public String getDatabaseProductName() throws SQLException {
        return delegate.getDatabaseProductName();
    }

    @Override
    public String getDatabaseProductVersion() throws SQLException {
        return delegate.getDatabaseProductVersion();
    }

    @Override
    public int getDriverMajorVersion() {
        return delegate.getDriverMajorVersion();
    }

    @Override
    public int getDriverMinorVersion() {
        return delegate.getDriverMinorVersion();
    }

    @Override
    public String getDriverName() throws SQLException {
        return delegate.getDriverName();
    }

    @Override
    public String getDriverVersion() throws SQLException {
        return delegate.getDriverVersion();
    }

    @Override
    public ResultSet getExportedKeys(String a0, String a1, String a2) throws SQLException {
        return rows(() -> delegate.getExportedKeys(a0, a1, a2));
    }

    @Override
    public ResultSet getFunctionColumns(String a0, String a1, String a2, String a3) throws SQLException {
        return rows(() -> delegate.getFunctionColumns(a0, a1, a2, a3));
    }

    @Override
    public ResultSet getFunctions(String a0, String a1, String a2) throws SQLException {
        return rows(() -> delegate.getFunctions(a0, a1, a2));
    }

    @Override
    public ResultSet getImportedKeys(String a0, String a1, String a2) throws SQLException {
        return rows(() -> delegate.getImportedKeys(a0, a1, a2));
    }

    @Override
    public ResultSet getIndexInfo(String a0, String a1, String a2, boolean a3, boolean a4) throws SQLException {
        return rows(() -> delegate.getIndexInfo(a0, a1, a2, a3, a4));
    }

    @Override
    public int getJDBCMajorVersion() throws SQLException {
        return delegate.getJDBCMajorVersion();
    }

    @Override
    public int getJDBCMinorVersion() throws SQLException {
        return 2; // JDBC 4.2's java.time through getObject/setObject, executeLargeUpdate (Avatica says 4.1)
    }

    @Override
    public ResultSet getPrimaryKeys(String a0, String a1, String a2) throws SQLException {
        return rows(() -> delegate.getPrimaryKeys(a0, a1, a2));
    }

    @Override
    public ResultSet getProcedureColumns(String a0, String a1, String a2, String a3) throws SQLException {
        return rows(() -> delegate.getProcedureColumns(a0, a1, a2, a3));
    }

    @Override
    public ResultSet getProcedures(String a0, String a1, String a2) throws SQLException {
        return rows(() -> delegate.getProcedures(a0, a1, a2));
    }

    @Override
    public ResultSet getPseudoColumns(String a0, String a1, String a2, String a3) throws SQLException {
        return rows(() -> delegate.getPseudoColumns(a0, a1, a2, a3));
    }

    @Override
    public ResultSet getSchemas() throws SQLException {
        return rows(() -> delegate.getSchemas());
    }

    @Override
    public ResultSet getSchemas(String a0, String a1) throws SQLException {
        return rows(() -> delegate.getSchemas(a0, a1));
    }

    @Override
    public ResultSet getSuperTables(String a0, String a1, String a2) throws SQLException {
        return rows(() -> delegate.getSuperTables(a0, a1, a2));
    }

    @Override
    public ResultSet getSuperTypes(String a0, String a1, String a2) throws SQLException {
        return rows(() -> delegate.getSuperTypes(a0, a1, a2));
    }

    @Override
    public ResultSet getTablePrivileges(String a0, String a1, String a2) throws SQLException {
        return rows(() -> delegate.getTablePrivileges(a0, a1, a2));
    }

    @Override
    public ResultSet getTableTypes() throws SQLException {
        return rows(() -> delegate.getTableTypes());
    }

    @Override
    public ResultSet getTables(String a0, String a1, String a2, String[] a3) throws SQLException {
        return rows(() -> delegate.getTables(a0, a1, a2, a3));
    }

    @Override
    public ResultSet getTypeInfo() throws SQLException {
        return rows(() -> delegate.getTypeInfo());
    }

    @Override
    public ResultSet getUDTs(String a0, String a1, String a2, int[] a3) throws SQLException {
        return rows(() -> delegate.getUDTs(a0, a1, a2, a3));
    }

    @Override
    public String getURL() throws SQLException {
        return url; // the URL the client connected with, not Calcite's inner one
    }

    @Override
    public String getUserName() throws SQLException {
        // the name SQL's CURRENT_USER gives: the connection's user property, or Calcite's default
        try (Statement st = owner.createStatement(); ResultSet rs = st.executeQuery("SELECT CURRENT_USER")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Override
    public ResultSet getVersionColumns(String a0, String a1, String a2) throws SQLException {
        return rows(() -> delegate.getVersionColumns(a0, a1, a2));
    }

    /** A catalog query of Avatica's, run by {@link #rows}. */
    private interface CatalogQuery {
        ResultSet run() throws SQLException;
    }

    /**
     * The rows of a catalog query as a query's are read ({@link HindsightConnection#catalogRows}): Avatica's own
     * result set refused misuse without a SQLState, could not read {@code getObject(i, Integer.class)}, and stayed
     * open after its connection closed; and on a closed connection, 08003 (it was "Connection closed", no SQLState).
     */
    private ResultSet rows(CatalogQuery query) throws SQLException {
        owner.open();
        return owner.catalogRows(query.run());
    }
}
