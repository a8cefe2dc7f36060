package dev.hindsight.sql;

import java.util.List;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/** The {@code sys} schema of status tables. {@code sys.projections} is empty until projections arrive. */
final class SysSchema extends AbstractSchema {

    private final Map<String, Table> tables = Map.of("projections", new ProjectionsTable());

    @Override
    protected Map<String, Table> getTableMap() {
        return tables;
    }

    /** One row per projection: name, status, position, lag, error (SPEC §2). */
    private static final class ProjectionsTable extends AbstractTable implements ScannableTable, KeyedTable {
        @Override
        public RelDataType getRowType(RelDataTypeFactory f) {
            return f.builder()
                .add("name", SqlTypeName.VARCHAR)
                .add("status", SqlTypeName.VARCHAR)
                .add("position", SqlTypeName.BIGINT)
                .add("lag", SqlTypeName.BIGINT)
                .add("error", SqlTypeName.VARCHAR).nullable(true)
                .build();
        }

        @Override
        public List<String> primaryKey() {
            return List.of("name");
        }

        @Override
        public Enumerable<Object[]> scan(DataContext root) {
            return Linq4j.emptyEnumerable();
        }
    }
}
