package dev.hindsight.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Objects;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaDatabaseMetaData;

/**
 * Avatica's {@code DatabaseMetaData}, whose calls that ask the server fail as JDBC says: with an {@link SQLException}
 * (Avatica lets their failures through unchecked, as its own TODO says), 08003 on a closed connection (Avatica would
 * send the request anyway), otherwise the server's SQLState and message ({@link RemoteFailures}).
 */
abstract class CheckedDatabaseMetaData extends AvaticaDatabaseMetaData {

    final AvaticaConnection connection;

    CheckedDatabaseMetaData(AvaticaConnection connection) {
        super(connection);
        this.connection = connection;
    }

    /** A call that asks the server. */
    interface Call<T> {
        T call() throws SQLException;
    }

    /**
     * {@code call}'s answer, if the connection is open; its failure (the server's, or the server gone, or the
     * connection expired there) as an {@link SQLException}, not Avatica's unchecked exception.
     */
    final <T> T checked(Call<T> call) throws SQLException {
        if (connection.isClosed()) {
            throw RemoteFailures.closed("the connection");
        }
        try {
            return call.call();
        } catch (RuntimeException e) {
            throw RemoteFailures.of(e);
        }
    }

    // the database's properties Avatica asks the server for
    @Override
    public String getSQLKeywords() throws SQLException {
        return checked(super::getSQLKeywords);
    }

    @Override
    public String getNumericFunctions() throws SQLException {
        return checked(super::getNumericFunctions);
    }

    @Override
    public String getStringFunctions() throws SQLException {
        return checked(super::getStringFunctions);
    }

    @Override
    public String getSystemFunctions() throws SQLException {
        return checked(super::getSystemFunctions);
    }

    @Override
    public String getTimeDateFunctions() throws SQLException {
        return checked(super::getTimeDateFunctions);
    }

    @Override
    public ResultSet getProcedures(String catalog, String schemaPattern, String procedureNamePattern)
            throws SQLException {
        return checked(() -> super.getProcedures(catalog, schemaPattern, procedureNamePattern));
    }

    @Override
    public ResultSet getProcedureColumns(String catalog, String schemaPattern,
                               String procedureNamePattern, String columnNamePattern) throws SQLException {
        return checked(() -> super.getProcedureColumns(catalog, schemaPattern, procedureNamePattern,
            columnNamePattern));
    }

    @Override
    public ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern, String[] types)
            throws SQLException {
        // a null among the types is none, as embedded: Avatica's protobuf refused it, and the refusal read as a broken
        // connection (08006), which a pool would throw away
        String[] named = types == null ? null : Arrays.stream(types).filter(Objects::nonNull).toArray(String[]::new);
        return checked(() -> super.getTables(catalog, schemaPattern, tableNamePattern, named));
    }

    @Override
    public ResultSet getSchemas() throws SQLException {
        return checked(() -> super.getSchemas());
    }

    @Override
    public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
        return checked(() -> super.getSchemas(catalog, schemaPattern));
    }

    @Override
    public ResultSet getCatalogs() throws SQLException {
        return checked(() -> super.getCatalogs());
    }

    @Override
    public ResultSet getTableTypes() throws SQLException {
        return checked(() -> super.getTableTypes());
    }

    @Override
    public ResultSet getColumns(String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern)
            throws SQLException {
        return checked(() -> super.getColumns(catalog, schemaPattern, tableNamePattern, columnNamePattern));
    }

    @Override
    public ResultSet getColumnPrivileges(String catalog, String schema, String table, String columnNamePattern)
            throws SQLException {
        return checked(() -> super.getColumnPrivileges(catalog, schema, table, columnNamePattern));
    }

    @Override
    public ResultSet getTablePrivileges(String catalog, String schemaPattern, String tableNamePattern)
            throws SQLException {
        return checked(() -> super.getTablePrivileges(catalog, schemaPattern, tableNamePattern));
    }

    @Override
    public ResultSet getBestRowIdentifier(String catalog, String schema, String table, int scope, boolean nullable)
            throws SQLException {
        return checked(() -> super.getBestRowIdentifier(catalog, schema, table, scope, nullable));
    }

    @Override
    public ResultSet getVersionColumns(String catalog, String schema, String table) throws SQLException {
        return checked(() -> super.getVersionColumns(catalog, schema, table));
    }

    @Override
    public ResultSet getImportedKeys(String catalog, String schema, String table) throws SQLException {
        return checked(() -> super.getImportedKeys(catalog, schema, table));
    }

    @Override
    public ResultSet getExportedKeys(String catalog, String schema, String table) throws SQLException {
        return checked(() -> super.getExportedKeys(catalog, schema, table));
    }

    @Override
    public ResultSet getCrossReference(String parentCatalog, String parentSchema, String parentTable,
                               String foreignCatalog, String foreignSchema, String foreignTable) throws SQLException {
        return checked(() -> super.getCrossReference(parentCatalog, parentSchema, parentTable, foreignCatalog,
            foreignSchema, foreignTable));
    }

    @Override
    public ResultSet getTypeInfo() throws SQLException {
        return checked(() -> super.getTypeInfo());
    }

    @Override
    public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique, boolean approximate)
            throws SQLException {
        return checked(() -> super.getIndexInfo(catalog, schema, table, unique, approximate));
    }

    @Override
    public ResultSet getUDTs(String catalog, String schemaPattern, String typeNamePattern, int[] types)
            throws SQLException {
        return checked(() -> super.getUDTs(catalog, schemaPattern, typeNamePattern, types));
    }

    @Override
    public ResultSet getSuperTypes(String catalog, String schemaPattern, String typeNamePattern) throws SQLException {
        return checked(() -> super.getSuperTypes(catalog, schemaPattern, typeNamePattern));
    }

    @Override
    public ResultSet getSuperTables(String catalog, String schemaPattern, String tableNamePattern) throws SQLException {
        return checked(() -> super.getSuperTables(catalog, schemaPattern, tableNamePattern));
    }

    @Override
    public ResultSet getAttributes(String catalog, String schemaPattern,
                               String typeNamePattern, String attributeNamePattern) throws SQLException {
        return checked(() -> super.getAttributes(catalog, schemaPattern, typeNamePattern, attributeNamePattern));
    }

    @Override
    public ResultSet getClientInfoProperties() throws SQLException {
        return checked(() -> super.getClientInfoProperties());
    }

    @Override
    public ResultSet getFunctions(String catalog, String schemaPattern, String functionNamePattern)
            throws SQLException {
        return checked(() -> super.getFunctions(catalog, schemaPattern, functionNamePattern));
    }

    @Override
    public ResultSet getFunctionColumns(String catalog, String schemaPattern,
                               String functionNamePattern, String columnNamePattern) throws SQLException {
        return checked(() -> super.getFunctionColumns(catalog, schemaPattern, functionNamePattern, columnNamePattern));
    }

    @Override
    public ResultSet getPseudoColumns(String catalog, String schemaPattern,
                               String tableNamePattern, String columnNamePattern) throws SQLException {
        return checked(() -> super.getPseudoColumns(catalog, schemaPattern, tableNamePattern, columnNamePattern));
    }
}
