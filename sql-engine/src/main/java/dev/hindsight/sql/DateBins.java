package dev.hindsight.sql;

import static java.util.Objects.requireNonNull;

import dev.hindsight.sql.jdbc.SqlErrors;
import dev.hindsight.sql.parser.PostgresInterval;
import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexConvertlet;

/**
 * PostgreSQL's {@code DATE_BIN(stride, source, origin)}, which Calcite lacks (it was 42883): the start of the bin
 * of width {@code stride}, counted from {@code origin}, that {@code source} falls in: {@code origin + floor((source -
 * origin) / stride) * stride}, so a source before the origin falls in the bin before it, as in PostgreSQL 15. The
 * bucket of events by the quarter hour: {@code DATE_BIN('15 minutes', ts, TIMESTAMP '2001-01-01')}.
 *
 * <p>The stride is an interval of days and times: Calcite's ({@code INTERVAL '15' MINUTE}), PostgreSQL's
 * ({@code interval '15 minutes'}), or text in PostgreSQL's words ({@code '15 minutes'}; a literal is read once, when
 * the statement is planned, a parameter or column per row: 22007 if it does not read). One of months or years is
 * 0A000 and one not above zero 22008, as PostgreSQL says. The answer is of the source's type, a {@code TIMESTAMP}
 * for a {@code DATE}; 22008 outside years 1 to 9999. Public for Calcite's generated code.
 */
@Strict // NULL in, NULL out: Calcite's generated code calls the methods with values only
public final class DateBins {

    static final SqlFunction DATE_BIN = new SqlFunction("DATE_BIN", SqlKind.OTHER_FUNCTION, DateBins::answer,
        DateBins::parameters, OperandTypes.or(
            OperandTypes.family(SqlTypeFamily.DATETIME_INTERVAL, SqlTypeFamily.DATETIME, SqlTypeFamily.DATETIME),
            OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.DATETIME, SqlTypeFamily.DATETIME)),
        SqlFunctionCategory.TIMEDATE);

    /** The function as the validator finds it. */
    static final List<SqlOperator> FUNCTIONS = List.of(DATE_BIN);

    private static final SqlUserDefinedFunction BIN = implementation("bin", SqlTypeName.BIGINT);
    private static final SqlUserDefinedFunction BIN_OF_TEXT = implementation("binOfText", SqlTypeName.VARCHAR);

    private DateBins() {
    }

    /** Whether {@code operator} is {@code DATE_BIN}. */
    static boolean applies(SqlOperator operator) {
        return DATE_BIN.equals(operator);
    }

    /**
     * The call as {@link #bin} of the stride's milliseconds (text read here if a literal), or {@link #binOfText} of
     * text that is not, with the source and origin as the answer's type.
     */
    static SqlRexConvertlet convertlet() {
        return (cx, call) -> {
            RexBuilder rex = cx.getRexBuilder();
            RelDataTypeFactory types = cx.getTypeFactory();
            RelDataType type = cx.getValidator().getValidatedNodeType(call);
            SqlNode strideNode = call.operand(0);
            RexNode stride = strideNode instanceof SqlCharStringLiteral words
                ? rex.makeBigintLiteral(BigDecimal.valueOf(strideMillis(words.getValueAs(String.class))))
                : cx.convertExpression(strideNode);
            SqlTypeName strideType = stride.getType().getSqlTypeName();
            if (strideType.getFamily() == SqlTypeFamily.INTERVAL_YEAR_MONTH) {
                throw yearsOrMonths();
            }
            boolean text = SqlTypeUtil.inCharFamily(stride.getType());
            if (text) { // read per row
                stride = rex.makeCast(types.createTypeWithNullability(types.createSqlType(SqlTypeName.VARCHAR),
                    stride.getType().isNullable()), stride, true, false);
            } // an interval of days and times is its milliseconds as it stands (a cast to BIGINT counts its units)
            RexNode source = cx.convertExpression(call.operand(1));
            RexNode origin = cx.convertExpression(call.operand(2));
            return rex.makeCall(type, text ? BIN_OF_TEXT : BIN, List.of(stride,
                rex.makeCast(types.createTypeWithNullability(type, source.getType().isNullable()), source, true, false),
                rex.makeCast(types.createTypeWithNullability(type, origin.getType().isNullable()), origin, true,
                    false)));
        };
    }

    /** The bin's start, all three in milliseconds (the stride's of its days and times, the others from 1970). */
    public static long bin(long stride, long source, long origin) {
        if (stride <= 0) {
            throw SqlErrors.of(SqlErrors.DATETIME_FIELD_OVERFLOW, "stride must be greater than zero");
        }
        // source and origin within years 1 to 9999: no overflow; the bin may start before year 1
        return DatetimeRange.timestamp(origin + Math.floorDiv(source - origin, stride) * stride);
    }

    /** As {@link #bin}, of a stride in PostgreSQL's words ({@code '15 minutes'}). */
    public static long binOfText(String stride, long source, long origin) {
        return bin(strideMillis(stride), source, origin);
    }

    /** The milliseconds of a stride in PostgreSQL's words: 22007 if they do not read, 0A000 of months or years. */
    private static long strideMillis(String words) {
        SqlLiteral interval;
        try {
            interval = PostgresInterval.literal(SqlParserPos.ZERO, 1, words);
        } catch (IllegalArgumentException e) {
            throw SqlErrors.of(SqlErrors.INVALID_DATETIME_FORMAT, "invalid input syntax for type interval: \""
                + words + "\" (" + e.getMessage() + ")");
        }
        if (interval.getTypeName().getFamily() == SqlTypeFamily.INTERVAL_YEAR_MONTH) {
            throw yearsOrMonths();
        }
        return requireNonNull(interval.getValueAs(Long.class));
    }

    private static RuntimeException yearsOrMonths() {
        return SqlErrors.of(SqlErrors.FEATURE_NOT_SUPPORTED, "timestamps cannot be binned into intervals containing "
            + "months or years");
    }

    /** The source's type (a TIMESTAMP for a DATE), nullable if any operand is; 42883 for a TIME. */
    private static RelDataType answer(SqlOperatorBinding binding) {
        RelDataTypeFactory types = binding.getTypeFactory();
        RelDataType source = binding.getOperandType(1);
        for (int i = 1; i < 3; i++) {
            if (binding.getOperandType(i).getSqlTypeName() == SqlTypeName.TIME) {
                throw SqlErrors.of(SqlErrors.UNDEFINED_FUNCTION, "function date_bin of a TIME does not exist: bin "
                    + "timestamps (a date and a time: CAST(d AS TIMESTAMP) + t)");
            }
        }
        SqlTypeName name = source.getSqlTypeName() == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE
            ? SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE : SqlTypeName.TIMESTAMP;
        boolean nullable = binding.collectOperandTypes().stream().anyMatch(RelDataType::isNullable);
        return types.createTypeWithNullability(types.createSqlType(name, 3), nullable);
    }

    /** A {@code ?} stride is text, a {@code ?} source or origin the other's type, else a TIMESTAMP. */
    private static void parameters(SqlCallBinding binding, RelDataType returnType,
                                   RelDataType[] operandTypes) {
        RelDataTypeFactory types = binding.getTypeFactory();
        RelDataType unknown = binding.getValidator().getUnknownType();
        RelDataType time = types.createSqlType(SqlTypeName.TIMESTAMP, 3);
        for (int i = 2; i >= 1; i--) {
            RelDataType type = SqlTypeUtil.deriveType(binding, binding.operand(i));
            if (!type.equals(unknown)) {
                time = type;
            }
        }
        for (int i = 0; i < 3; i++) {
            RelDataType type = SqlTypeUtil.deriveType(binding, binding.operand(i));
            operandTypes[i] = !type.equals(unknown) ? type
                : i == 0 ? types.createSqlType(SqlTypeName.VARCHAR) : time;
        }
    }

    private static SqlUserDefinedFunction implementation(String method, SqlTypeName stride) {
        return HindsightConvertlets.function("HINDSIGHT_DATE_BIN", ReturnTypes.ARG1_NULLABLE,
            List.of(SqlTypeFamily.ANY, SqlTypeFamily.TIMESTAMP, SqlTypeFamily.TIMESTAMP),
            types -> List.of(types.createSqlType(stride), types.createSqlType(SqlTypeName.TIMESTAMP, 3),
                types.createSqlType(SqlTypeName.TIMESTAMP, 3)),
            DateBins.class, method);
    }
}
