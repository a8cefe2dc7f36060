package dev.hindsight.sql;

import static java.util.Objects.requireNonNull;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandMetadata;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexConvertlet;

/**
 * PostgreSQL's {@code MAKE_DATE(year, month, day)} and {@code MAKE_TIMESTAMP(year, month, day, hour, min, sec)},
 * which Calcite lacks (they were 42883): a {@code DATE} and a {@code TIMESTAMP} of their fields, {@code sec} with a
 * fraction (kept to the millisecond, as every Hindsight timestamp), {@code 24:00:00} and a 60th second rolling over as
 * in PostgreSQL. A field out of range is 22008 naming the value ("date field value out of range: 2023-02-29"); so is a
 * year outside 1 to 9999, where PostgreSQL would go on (years BC, and after 9999: Hindsight's dates and timestamps
 * are of years 1 to 9999). Calcite holds a DATE as days and a TIMESTAMP as milliseconds from 1970-01-01. Public for
 * Calcite's generated code.
 */
@Strict // NULL in, NULL out: Calcite's generated code calls the methods with values only
public final class DatetimeConstructors {

    private static final long MILLIS_PER_DAY = 86_400_000L;

    static final SqlUserDefinedFunction MAKE_DATE = new SqlUserDefinedFunction(
        new SqlIdentifier("MAKE_DATE", SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
        ReturnTypes.explicit(SqlTypeName.DATE).andThen(SqlTypeTransforms.TO_NULLABLE), null,
        OperandTypes.operandMetadata(List.of(SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER),
            types -> List.of(types.createSqlType(SqlTypeName.BIGINT), types.createSqlType(SqlTypeName.BIGINT),
                types.createSqlType(SqlTypeName.BIGINT)),
            i -> List.of("year", "month", "day").get(i), i -> false),
        ScalarFunctionImpl.create(DatetimeConstructors.class, "makeDate"));

    static final SqlUserDefinedFunction MAKE_TIMESTAMP = new SqlUserDefinedFunction(
        new SqlIdentifier("MAKE_TIMESTAMP", SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
        ReturnTypes.explicit(SqlTypeName.TIMESTAMP, 3).andThen(SqlTypeTransforms.TO_NULLABLE), null,
        OperandTypes.operandMetadata(List.of(SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER,
                SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER, SqlTypeFamily.NUMERIC),
            types -> List.of(types.createSqlType(SqlTypeName.BIGINT), types.createSqlType(SqlTypeName.BIGINT),
                types.createSqlType(SqlTypeName.BIGINT), types.createSqlType(SqlTypeName.BIGINT),
                types.createSqlType(SqlTypeName.BIGINT), types.createSqlType(SqlTypeName.DOUBLE)),
            i -> List.of("year", "month", "day", "hour", "min", "sec").get(i), i -> false),
        ScalarFunctionImpl.create(DatetimeConstructors.class, "makeTimestamp"));

    /** The functions as the validator finds them. */
    static final List<SqlOperator> FUNCTIONS = List.of(MAKE_DATE, MAKE_TIMESTAMP);

    private DatetimeConstructors() {
    }

    /** Whether {@code operator} is one of these functions. */
    static boolean applies(SqlOperator operator) {
        return FUNCTIONS.contains(operator);
    }

    /**
     * The call with each operand cast to its parameter's type: Calcite's generated code converts a whole number to
     * the method's {@code long}, but not a {@code DECIMAL} second to its {@code double}.
     */
    static SqlRexConvertlet convertlet() {
        return (cx, call) -> {
            RexBuilder rex = cx.getRexBuilder();
            SqlUserDefinedFunction function = (SqlUserDefinedFunction) call.getOperator();
            List<RelDataType> params = ((SqlOperandMetadata) requireNonNull(function.getOperandTypeChecker()))
                .paramTypes(cx.getTypeFactory());
            List<RexNode> operands = new ArrayList<>();
            for (int i = 0; i < call.operandCount(); i++) {
                RexNode operand = cx.convertExpression(call.operand(i));
                operands.add(rex.makeCast(cx.getTypeFactory().createTypeWithNullability(params.get(i),
                    operand.getType().isNullable()), operand, true, false));
            }
            return rex.makeCall(cx.getValidator().getValidatedNodeType(call), function, operands);
        };
    }

    /** {@code MAKE_DATE}: days from 1970-01-01 of the date of these fields. */
    public static int makeDate(long year, long month, long day) {
        return (int) date(year, month, day).toEpochDay();
    }

    /** {@code MAKE_TIMESTAMP}: milliseconds from 1970-01-01 00:00 of the timestamp of these fields. */
    public static long makeTimestamp(long year, long month, long day, long hour, long min, double sec) {
        LocalDate date = date(year, month, day);
        // PostgreSQL's range: 24:00:00 exactly, and a 60th second, roll over (to the next day, the next minute)
        boolean inRange = hour >= 0 && hour <= 24 && min >= 0 && min <= 59 && sec >= 0 && sec <= 60
            && (hour < 24 || (min == 0 && sec == 0));
        if (!inRange) {
            throw SqlErrors.of(SqlErrors.DATETIME_FIELD_OVERFLOW, "time field value out of range: "
                + String.format(Locale.ROOT, "%d:%02d:%s", hour, min, seconds(sec)));
        }
        long millis = Math.round((hour * 3600 + min * 60) * 1000.0 + sec * 1000.0);
        return DatetimeRange.timestamp(date.toEpochDay() * MILLIS_PER_DAY + millis); // 24:00 of 9999-12-31: 22008
    }

    private static LocalDate date(long year, long month, long day) {
        String fields = year + "-" + String.format(Locale.ROOT, "%02d-%02d", month, day);
        if (year < 1 || year > 9999) {
            throw SqlErrors.of(SqlErrors.DATETIME_FIELD_OVERFLOW, "date field value out of range: " + fields
                + " (Hindsight's dates are of years 1 to 9999)");
        }
        try {
            return LocalDate.of((int) year, Math.toIntExact(month), Math.toIntExact(day));
        } catch (DateTimeException | ArithmeticException e) {
            throw SqlErrors.of(SqlErrors.DATETIME_FIELD_OVERFLOW, "date field value out of range: " + fields);
        }
    }

    /** {@code sec} as PostgreSQL writes it in the message: {@code 5}, {@code 5.5}. */
    private static String seconds(double sec) {
        return sec == Math.rint(sec) && Math.abs(sec) < 1e15 ? String.format(Locale.ROOT, "%02d", (long) sec)
            : Double.toString(sec);
    }
}
