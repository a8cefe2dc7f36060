package dev.hindsight.sql;

import java.util.List;
import java.util.UUID;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * PostgreSQL's {@code CLOCK_TIMESTAMP()} and {@code GEN_RANDOM_UUID()}, which Calcite lacks (they were 42883): the
 * time now, as it passes during the statement (where {@code NOW()} is the statement's start), and a random
 * (version 4) UUID as its 36 characters, the text of PostgreSQL's {@code uuid} and the form of the log's
 * {@code event_id}. Both are new on every call, per row: never folded into a constant when a statement is planned
 * ({@link SqlUserDefinedFunction#isDeterministic} false), so a cached plan calls them again. Public for Calcite's
 * generated code.
 */
public final class VolatileFunctions {

    static final SqlUserDefinedFunction CLOCK_TIMESTAMP = function("CLOCK_TIMESTAMP",
        ReturnTypes.explicit(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, 3), "clockTimestamp");

    static final SqlUserDefinedFunction GEN_RANDOM_UUID = function("GEN_RANDOM_UUID",
        ReturnTypes.explicit(types -> types.createSqlType(SqlTypeName.VARCHAR, 36)), "genRandomUuid");

    /** The functions as the validator finds them. */
    static final List<SqlOperator> FUNCTIONS = List.of(CLOCK_TIMESTAMP, GEN_RANDOM_UUID);

    private VolatileFunctions() {
    }

    /** Milliseconds since 1970-01-01 UTC, now (a zoned timestamp holds its UTC instant). */
    public static long clockTimestamp() {
        return System.currentTimeMillis();
    }

    /** A random UUID's text. */
    public static String genRandomUuid() {
        return UUID.randomUUID().toString();
    }

    private static SqlUserDefinedFunction function(String name, SqlReturnTypeInference returns, String method) {
        return new SqlUserDefinedFunction(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION, returns,
            null, OperandTypes.operandMetadata(List.of(), types -> List.of(), i -> "", i -> false),
            ScalarFunctionImpl.create(VolatileFunctions.class, method)) {
            @Override
            public boolean isDeterministic() {
                return false; // a new value per call: never a constant of the plan
            }
        };
    }
}
