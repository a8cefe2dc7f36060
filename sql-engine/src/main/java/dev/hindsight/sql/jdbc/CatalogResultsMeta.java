package dev.hindsight.sql.jdbc;

import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.avatica.jdbc.JdbcMeta;

/**
 * Avatica's {@link JdbcMeta} with each catalog result ({@code getTables}, {@code getColumns} and every other
 * {@code DatabaseMetaData} request of the protocol) handed to {@link #catalogResult} before it goes to the client.
 *
 * <p>Why: {@code JdbcMeta} makes a server-side statement for each such result and registers it inside itself (a
 * private method), so a subclass that counts or owns the statements clients make saw none of these: a client that
 * left them open filled the server's statement cache past its own share. Every catalog method of {@code JdbcMeta} is
 * overridden here, and only to pass its result through the one hook.
 */
abstract class CatalogResultsMeta extends JdbcMeta {

    CatalogResultsMeta(String url, Properties info) throws SQLException {
        super(url, info);
    }

    /**
     * Called with each catalog result {@code made} for connection {@code ch}, its statement registered in the
     * statement cache; returns what goes to the client ({@code made}, or a failure thrown).
     */
    protected abstract MetaResultSet catalogResult(ConnectionHandle ch, MetaResultSet made);

    @Override
    public MetaResultSet getTables(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern,
                                   List<String> typeList) {
        return catalogResult(ch, super.getTables(ch, catalog, schemaPattern, tableNamePattern, typeList));
    }

    @Override
    public MetaResultSet getColumns(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern,
                                    Pat columnNamePattern) {
        return catalogResult(ch, super.getColumns(ch, catalog, schemaPattern, tableNamePattern, columnNamePattern));
    }

    @Override
    public MetaResultSet getSchemas(ConnectionHandle ch, String catalog, Pat schemaPattern) {
        return catalogResult(ch, super.getSchemas(ch, catalog, schemaPattern));
    }

    @Override
    public MetaResultSet getCatalogs(ConnectionHandle ch) {
        return catalogResult(ch, super.getCatalogs(ch));
    }

    @Override
    public MetaResultSet getTableTypes(ConnectionHandle ch) {
        return catalogResult(ch, super.getTableTypes(ch));
    }

    @Override
    public MetaResultSet getProcedures(ConnectionHandle ch, String catalog, Pat schemaPattern,
                                       Pat procedureNamePattern) {
        return catalogResult(ch, super.getProcedures(ch, catalog, schemaPattern, procedureNamePattern));
    }

    @Override
    public MetaResultSet getProcedureColumns(ConnectionHandle ch, String catalog, Pat schemaPattern,
                                             Pat procedureNamePattern, Pat columnNamePattern) {
        return catalogResult(ch,
            super.getProcedureColumns(ch, catalog, schemaPattern, procedureNamePattern, columnNamePattern));
    }

    @Override
    public MetaResultSet getColumnPrivileges(ConnectionHandle ch, String catalog, String schema, String table,
                                             Pat columnNamePattern) {
        return catalogResult(ch, super.getColumnPrivileges(ch, catalog, schema, table, columnNamePattern));
    }

    @Override
    public MetaResultSet getTablePrivileges(ConnectionHandle ch, String catalog, Pat schemaPattern,
                                            Pat tableNamePattern) {
        return catalogResult(ch, super.getTablePrivileges(ch, catalog, schemaPattern, tableNamePattern));
    }

    @Override
    public MetaResultSet getBestRowIdentifier(ConnectionHandle ch, String catalog, String schema, String table,
                                              int scope, boolean nullable) {
        return catalogResult(ch, super.getBestRowIdentifier(ch, catalog, schema, table, scope, nullable));
    }

    @Override
    public MetaResultSet getVersionColumns(ConnectionHandle ch, String catalog, String schema, String table) {
        return catalogResult(ch, super.getVersionColumns(ch, catalog, schema, table));
    }

    @Override
    public MetaResultSet getPrimaryKeys(ConnectionHandle ch, String catalog, String schema, String table) {
        return catalogResult(ch, super.getPrimaryKeys(ch, catalog, schema, table));
    }

    @Override
    public MetaResultSet getImportedKeys(ConnectionHandle ch, String catalog, String schema, String table) {
        return catalogResult(ch, super.getImportedKeys(ch, catalog, schema, table));
    }

    @Override
    public MetaResultSet getExportedKeys(ConnectionHandle ch, String catalog, String schema, String table) {
        return catalogResult(ch, super.getExportedKeys(ch, catalog, schema, table));
    }

    @Override
    public MetaResultSet getCrossReference(ConnectionHandle ch, String parentCatalog, String parentSchema,
                                           String parentTable, String foreignCatalog, String foreignSchema,
                                           String foreignTable) {
        return catalogResult(ch, super.getCrossReference(ch, parentCatalog, parentSchema, parentTable,
            foreignCatalog, foreignSchema, foreignTable));
    }

    @Override
    public MetaResultSet getTypeInfo(ConnectionHandle ch) {
        return catalogResult(ch, super.getTypeInfo(ch));
    }

    @Override
    public MetaResultSet getIndexInfo(ConnectionHandle ch, String catalog, String schema, String table,
                                      boolean unique, boolean approximate) {
        return catalogResult(ch, super.getIndexInfo(ch, catalog, schema, table, unique, approximate));
    }

    @Override
    public MetaResultSet getUDTs(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat typeNamePattern,
                                 int[] types) {
        return catalogResult(ch, super.getUDTs(ch, catalog, schemaPattern, typeNamePattern, types));
    }

    @Override
    public MetaResultSet getSuperTypes(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat typeNamePattern) {
        return catalogResult(ch, super.getSuperTypes(ch, catalog, schemaPattern, typeNamePattern));
    }

    @Override
    public MetaResultSet getSuperTables(ConnectionHandle ch, String catalog, Pat schemaPattern,
                                        Pat tableNamePattern) {
        return catalogResult(ch, super.getSuperTables(ch, catalog, schemaPattern, tableNamePattern));
    }

    @Override
    public MetaResultSet getAttributes(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat typeNamePattern,
                                       Pat attributeNamePattern) {
        return catalogResult(ch,
            super.getAttributes(ch, catalog, schemaPattern, typeNamePattern, attributeNamePattern));
    }

    @Override
    public MetaResultSet getClientInfoProperties(ConnectionHandle ch) {
        return catalogResult(ch, super.getClientInfoProperties(ch));
    }

    @Override
    public MetaResultSet getFunctions(ConnectionHandle ch, String catalog, Pat schemaPattern,
                                      Pat functionNamePattern) {
        return catalogResult(ch, super.getFunctions(ch, catalog, schemaPattern, functionNamePattern));
    }

    @Override
    public MetaResultSet getFunctionColumns(ConnectionHandle ch, String catalog, Pat schemaPattern,
                                            Pat functionNamePattern, Pat columnNamePattern) {
        return catalogResult(ch,
            super.getFunctionColumns(ch, catalog, schemaPattern, functionNamePattern, columnNamePattern));
    }

    @Override
    public MetaResultSet getPseudoColumns(ConnectionHandle ch, String catalog, Pat schemaPattern,
                                          Pat tableNamePattern, Pat columnNamePattern) {
        return catalogResult(ch,
            super.getPseudoColumns(ch, catalog, schemaPattern, tableNamePattern, columnNamePattern));
    }
}
