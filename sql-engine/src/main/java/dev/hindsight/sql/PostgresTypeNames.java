package dev.hindsight.sql;

import java.util.Map;
import org.apache.calcite.rel.type.RelDataTypeImpl;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * PostgreSQL's names for types Calcite knows under standard names, so that {@code x::text}, {@code CAST(x AS int8)}
 * and {@code '1'::float8} work as typed. Registered as types of the root schema: Calcite looks a type name it does
 * not know up in the root schema.
 */
final class PostgresTypeNames {

    private static final Map<String, SqlTypeName> NAMES = Map.of(
        "TEXT", SqlTypeName.VARCHAR,
        "INT2", SqlTypeName.SMALLINT,
        "INT4", SqlTypeName.INTEGER,
        "INT8", SqlTypeName.BIGINT,
        "FLOAT4", SqlTypeName.REAL,
        "FLOAT8", SqlTypeName.DOUBLE,
        "BOOL", SqlTypeName.BOOLEAN);

    private PostgresTypeNames() {
    }

    static void addTo(SchemaPlus schema) {
        NAMES.forEach((name, type) -> schema.add(name, RelDataTypeImpl.proto(type, true)));
    }
}
