package dev.hindsight.sql;

import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexConvertlet;

/**
 * {@code TO_CHAR} of a timestamp or of a number, as PostgreSQL's: Calcite's took a timestamp alone
 * ({@code TO_CHAR(total, 'FM999,990.00')} was 42883). {@link #OPERATOR} stands in the statement's operator table in
 * place of Calcite's ({@link ReplacedOperators}); its convertlet hands a timestamp to Calcite's function with the
 * format read as PostgreSQL's ({@link PostgresFormats}), a number to {@link PostgresNumberFormat}. Public for
 * Calcite's generated code.
 */
@Strict // NULL in, NULL out: Calcite's generated code calls the methods with values only
public final class ToChar {

    /**
     * {@code TO_CHAR(timestamp or number, format)}. A {@code ?} as the value is a TIMESTAMP, as in Calcite's: the
     * statement is typed before anything is bound, so a number is bound as {@code CAST(? AS DECIMAL(p, s))}.
     */
    static final SqlFunction OPERATOR = new SqlFunction("TO_CHAR", SqlKind.OTHER_FUNCTION,
        ReturnTypes.VARCHAR_NULLABLE, null, OperandTypes.or(OperandTypes.TIMESTAMP_STRING,
            OperandTypes.family(SqlTypeFamily.NUMERIC, SqlTypeFamily.CHARACTER)), SqlFunctionCategory.STRING);

    private static final SqlUserDefinedFunction DECIMAL = function("decimal", SqlTypeName.DECIMAL);
    private static final SqlUserDefinedFunction DOUBLE = function("floating", SqlTypeName.DOUBLE);
    private static final SqlUserDefinedFunction REAL = function("real", SqlTypeName.REAL);

    /** The last number format read: a statement's format is mostly the same row after row. */
    private static volatile PostgresNumberFormat last = PostgresNumberFormat.of("");

    private ToChar() {
    }

    /** The convertlet of {@link #OPERATOR}: a timestamp's as {@link PostgresFormats} has it, a number's here. */
    static SqlRexConvertlet convertlet() {
        SqlRexConvertlet timestamp = PostgresFormats.convertlet((cx, call) -> cx.getRexBuilder().makeCall(
            cx.getValidator().getValidatedNodeType(call), SqlLibraryOperators.TO_CHAR_PG,
            List.of(cx.convertExpression(call.operand(0)), cx.convertExpression(call.operand(1)))));
        return (cx, call) -> {
            RexNode value = cx.convertExpression(call.operand(0));
            RelDataType type = value.getType();
            if (!SqlTypeUtil.isNumeric(type)) {
                return timestamp.convertCall(cx, call);
            }
            RexBuilder rex = cx.getRexBuilder();
            RexNode format = cx.convertExpression(call.operand(1));
            RelDataType result = cx.getValidator().getValidatedNodeType(call);
            SqlTypeName name = type.getSqlTypeName();
            boolean floating = name == SqlTypeName.DOUBLE || name == SqlTypeName.FLOAT || name == SqlTypeName.REAL;
            SqlUserDefinedFunction function = name == SqlTypeName.REAL ? REAL : floating ? DOUBLE : DECIMAL;
            if (!floating && !SqlTypeUtil.isDecimal(type)) {
                RelDataTypeFactory types = cx.getTypeFactory();
                value = rex.makeCast(types.createTypeWithNullability(
                    types.createSqlType(SqlTypeName.DECIMAL, 19, 0), type.isNullable()), value);
            }
            return rex.makeCall(result, function, List.of(value, format));
        };
    }

    /** {@code TO_CHAR} of an exact number. */
    public static String decimal(BigDecimal value, String format) {
        return read(format).format(value);
    }

    /** {@code TO_CHAR} of a DOUBLE. */
    public static String floating(double value, String format) {
        return read(format).format(value);
    }

    /** {@code TO_CHAR} of a REAL. */
    public static String real(float value, String format) {
        return read(format).format(value);
    }

    private static PostgresNumberFormat read(String format) {
        PostgresNumberFormat read = last;
        if (!read.text().equals(format)) {
            read = PostgresNumberFormat.of(format);
            last = read;
        }
        return read;
    }

    private static SqlUserDefinedFunction function(String method, SqlTypeName number) {
        return HindsightConvertlets.function("HINDSIGHT_TO_CHAR_NUMBER", ReturnTypes.VARCHAR_NULLABLE,
            List.of(SqlTypeFamily.NUMERIC, SqlTypeFamily.CHARACTER),
            types -> List.of(types.createSqlType(number), types.createSqlType(SqlTypeName.VARCHAR)), ToChar.class,
            method);
    }
}
