package dev.hindsight.sql.jdbc;

import java.util.List;
import java.util.Properties;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.DelegatingTypeSystem;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.sql.type.SqlTypeMappingRule;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A connection's type factory, Calcite's but for the common type of DECIMALs that together want more than 38 digits:
 * it keeps their fraction digits and gives up whole ones, where Calcite's kept the whole digits and dropped the
 * fraction. PostgreSQL's numeric has no limit; of the two, a fraction is what values have, 38 whole digits are not.
 *
 * <pre>
 *   CAST(1 AS DECIMAL(38, 0)) UNION ALL SELECT 2.5        Calcite: DECIMAL(38, 0), so 1, 3      here: DECIMAL(38, 1)
 *   CASE … THEN CEIL(total) ELSE total END               total a DECIMAL(38, 19): 125.36 was 125
 * </pre>
 *
 * A value with more whole digits than the common type keeps is refused when it is cast to it (22003), not changed.
 */
final class DecimalKeepingTypeFactory extends JavaTypeFactoryImpl {

    private DecimalKeepingTypeFactory(RelDataTypeSystem typeSystem) {
        super(typeSystem);
    }

    /** The type factory of a connection of {@code info}, with its type system as Calcite's connection makes it. */
    static DecimalKeepingTypeFactory of(Properties info) {
        CalciteConnectionConfig config = new CalciteConnectionConfigImpl(info);
        RelDataTypeSystem typeSystem = config.typeSystem(RelDataTypeSystem.class, RelDataTypeSystem.DEFAULT);
        if (config.conformance().shouldConvertRaggedUnionTypesToVarying()) {
            typeSystem = new DelegatingTypeSystem(typeSystem) {
                @Override
                public boolean shouldConvertRaggedUnionTypesToVarying() {
                    return true;
                }
            };
        }
        return new DecimalKeepingTypeFactory(typeSystem);
    }

    @Override
    public @Nullable RelDataType leastRestrictive(List<RelDataType> types, SqlTypeMappingRule mappingRule) {
        RelDataType calcite = super.leastRestrictive(types, mappingRule);
        if (calcite == null || calcite.getSqlTypeName() != SqlTypeName.DECIMAL) {
            return calcite;
        }
        int scale = 0;
        for (RelDataType type : types) {
            if (type.getSqlTypeName() == SqlTypeName.DECIMAL) {
                scale = Math.max(scale, type.getScale());
            }
        }
        scale = Math.min(scale, typeSystem.getMaxScale(SqlTypeName.DECIMAL));
        if (calcite.getScale() >= scale) {
            return calcite;
        }
        return createTypeWithNullability(createSqlType(SqlTypeName.DECIMAL,
            typeSystem.getMaxPrecision(SqlTypeName.DECIMAL), scale), calcite.isNullable());
    }
}
