package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * PostgreSQL's {@code REVERSE(text)} and {@code TO_HEX(integer)}, which Calcite's PostgreSQL library lacks (they were
 * 42883). {@code REVERSE} reverses characters, not UTF-16 units, so a character beyond the Basic Multilingual Plane
 * stays whole. {@code TO_HEX} writes a negative number as its two's complement in its own width, as PostgreSQL:
 * {@code TO_HEX(-1)} is {@code ffffffff}, of a {@code BIGINT} {@code ffffffffffffffff}; the convertlet
 * ({@link #convertlet}) picks the width from the operand's type. Public for Calcite's generated code.
 */
@Strict // NULL in, NULL out: Calcite's generated code calls the methods with values only
public final class PostgresTextFunctions {

    static final SqlUserDefinedFunction REVERSE = new SqlUserDefinedFunction(
        new SqlIdentifier("REVERSE", SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION, ReturnTypes.ARG0_NULLABLE_VARYING,
        null, OperandTypes.operandMetadata(List.of(SqlTypeFamily.CHARACTER),
            types -> List.of(types.createSqlType(SqlTypeName.VARCHAR)), i -> "text", i -> false),
        ScalarFunctionImpl.create(PostgresTextFunctions.class, "reverse"));

    static final SqlFunction TO_HEX = new SqlFunction("TO_HEX", SqlKind.OTHER_FUNCTION,
        ReturnTypes.VARCHAR_NULLABLE, null, OperandTypes.family(SqlTypeFamily.INTEGER), SqlFunctionCategory.STRING);

    /** The functions as the validator finds them. */
    static final List<SqlOperator> FUNCTIONS = List.of(REVERSE, TO_HEX);

    private static final Set<SqlOperator> CONVERTED = Set.of(TO_HEX, SqlLibraryOperators.SPLIT_PART,
        SqlLibraryOperators.CHR);

    /** {@code SPLIT_PART}'s field position checked ({@link #fieldPosition}), {@code CHR}'s code ({@link #charCode}). */
    private static final SqlUserDefinedFunction FIELD_POSITION = checked("HINDSIGHT_FIELD_POSITION", "fieldPosition");
    private static final SqlUserDefinedFunction CHAR_CODE = checked("HINDSIGHT_CHAR_CODE", "charCode");

    private static final SqlUserDefinedFunction HEX_INTEGER = hex("hexOfInteger", SqlTypeName.INTEGER);
    private static final SqlUserDefinedFunction HEX_BIGINT = hex("hexOfBigint", SqlTypeName.BIGINT);

    private PostgresTextFunctions() {
    }

    /** Whether {@code operator} is one the convertlet ({@link #convertlet}) writes out. */
    static boolean applies(SqlOperator operator) {
        return CONVERTED.contains(operator);
    }

    /**
     * {@code TO_HEX} as the method of its operand's width: a {@code BIGINT}'s, else an {@code INTEGER}'s;
     * {@code SPLIT_PART} and {@code CHR} as Calcite's, their number checked first as PostgreSQL checks it.
     */
    static SqlRexConvertlet convertlet() {
        return (cx, call) -> {
            if (!TO_HEX.equals(call.getOperator())) {
                RexNode standard = StandardConvertletTable.INSTANCE.convertCall(cx, call);
                if (!(standard instanceof RexCall converted)) {
                    return standard;
                }
                List<RexNode> operands = new ArrayList<>(converted.getOperands());
                int n = operands.size() - 1; // the number: SPLIT_PART's last operand, CHR's only one
                RelDataType integer = cx.getTypeFactory().createTypeWithNullability(
                    cx.getTypeFactory().createSqlType(SqlTypeName.INTEGER), operands.get(n).getType().isNullable());
                operands.set(n, cx.getRexBuilder().makeCall(integer, SqlLibraryOperators.CHR.equals(
                    call.getOperator()) ? CHAR_CODE : FIELD_POSITION, List.of(cx.getRexBuilder().makeCast(integer,
                    operands.get(n), true, false))));
                return converted.clone(converted.getType(), operands);
            }
            RexNode operand = cx.convertExpression(call.operand(0));
            RelDataTypeFactory types = cx.getTypeFactory();
            boolean bigint = operand.getType().getSqlTypeName() == SqlTypeName.BIGINT;
            RelDataType width = types.createTypeWithNullability(
                types.createSqlType(bigint ? SqlTypeName.BIGINT : SqlTypeName.INTEGER), operand.getType().isNullable());
            RelDataType type = cx.getValidator().getValidatedNodeType(call);
            return cx.getRexBuilder().makeCall(type, bigint ? HEX_BIGINT : HEX_INTEGER,
                List.of(cx.getRexBuilder().makeCast(width, operand, true, false)));
        };
    }

    /** {@code n}, a field position of {@code SPLIT_PART}: 22023 for 0, as PostgreSQL's (Calcite's answered ''). */
    public static int fieldPosition(int n) {
        if (n == 0) {
            throw SqlErrors.of(SqlErrors.INVALID_PARAMETER_VALUE, "field position must not be zero");
        }
        return n;
    }

    /**
     * {@code n}, a code of {@code CHR}: 54000 for 0, a surrogate or one beyond U+10FFFF, as PostgreSQL's in UTF-8
     * (Calcite's gave a NUL character or half a surrogate pair, text no client can read back).
     */
    public static int charCode(int n) {
        if (n == 0) {
            throw SqlErrors.of(SqlErrors.PROGRAM_LIMIT_EXCEEDED, "null character not permitted");
        }
        // a negative code is read unsigned, as PostgreSQL's: too large (Calcite's was an internal error)
        boolean tooLarge = n < 0 || n > Character.MAX_CODE_POINT;
        if (tooLarge || (n >= Character.MIN_SURROGATE && n <= Character.MAX_SURROGATE)) {
            throw SqlErrors.of(SqlErrors.PROGRAM_LIMIT_EXCEEDED, (tooLarge ? "requested character too large for "
                + "encoding: " : "requested character not valid for encoding: ") + n);
        }
        return n;
    }

    private static SqlUserDefinedFunction checked(String name, String method) {
        return HindsightConvertlets.function(name, ReturnTypes.ARG0_NULLABLE, SqlTypeFamily.INTEGER,
            types -> types.createSqlType(SqlTypeName.INTEGER), PostgresTextFunctions.class, method);
    }

    /** {@code text}'s characters in reverse order. */
    public static String reverse(String text) {
        return new StringBuilder(text).reverse().toString(); // keeps surrogate pairs in order
    }

    /** An {@code INTEGER} in hexadecimal, a negative one as its 32-bit two's complement. */
    public static String hexOfInteger(int value) {
        return Integer.toHexString(value);
    }

    /** A {@code BIGINT} in hexadecimal, a negative one as its 64-bit two's complement. */
    public static String hexOfBigint(long value) {
        return Long.toHexString(value);
    }

    private static SqlUserDefinedFunction hex(String method, SqlTypeName width) {
        return HindsightConvertlets.function("HINDSIGHT_TO_HEX", ReturnTypes.VARCHAR_NULLABLE, SqlTypeFamily.INTEGER,
            types -> types.createSqlType(width), PostgresTextFunctions.class, method);
    }
}
