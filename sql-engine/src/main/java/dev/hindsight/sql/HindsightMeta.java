package dev.hindsight.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalciteMetaColumnFactory;
import org.apache.calcite.jdbc.CalciteMetaTableFactory;
import org.apache.calcite.jdbc.ExtensibleCalciteMetaImpl;

/**
 * Calcite's answers to {@code DatabaseMetaData}, with the two a BI tool needs and Calcite gets wrong for us:
 * {@code getPrimaryKeys} from the tables' own {@link KeyedTable} declarations ({@link PrimaryKeys}; Calcite answers
 * none), and {@code getTypeInfo} with plain SQL type names ({@link JdbcTypeInfo}; Calcite lists its internal types).
 * {@code getTables}, {@code getColumns} and {@code getSchemas} stay Calcite's. One per connection, created by
 * {@link HindsightCalciteDriver#createMeta}; used from the connection's thread, as the connection is.
 */
final class HindsightMeta extends ExtensibleCalciteMetaImpl {

    private final CalciteConnection calcite;

    HindsightMeta(AvaticaConnection connection, CalciteMetaTableFactory tables, CalciteMetaColumnFactory columns) {
        super(connection, tables, columns);
        this.calcite = (CalciteConnection) connection;
    }

    @Override
    public MetaResultSet getPrimaryKeys(ConnectionHandle ch, String catalog, String schema, String table) {
        // the root schema is read per call: the connection is still being built when its Meta is made
        return resultSet(PrimaryKeys.COLUMNS, PrimaryKeys.rows(calcite.getRootSchema(), schema, table));
    }

    @Override
    public MetaResultSet getTypeInfo(ConnectionHandle ch) {
        return resultSet(JdbcTypeInfo.COLUMNS, JdbcTypeInfo.rows(calcite.getTypeFactory().getTypeSystem()));
    }

    private MetaResultSet resultSet(List<ResultColumn> columns, List<Object[]> rows) {
        return createResultSet(Map.of(), ResultColumn.metaData(columns), CursorFactory.ARRAY,
            new Frame(0, true, new ArrayList<Object>(rows)));
    }
}
