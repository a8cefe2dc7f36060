package dev.hindsight.sql;

import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * PostgreSQL's arithmetic of dates with whole numbers of days, which Calcite's {@code +} and {@code -} refuse
 * (42883): rewritten in place, once the operands' types are known, into Calcite's own interval arithmetic.
 *
 * <pre>
 *   date + n, n + date, date - n   →   date ± n * INTERVAL '1' DAY             (a DATE; n an INTEGER, ? too)
 *   date - date                    →   CAST((date - date) DAY AS INTEGER)     (the days between, an INTEGER)
 *   timestamp - timestamp          →   (ts - ts) DAY(7) TO SECOND(3)           (an interval, as PostgreSQL's)
 *   ts - date, date - ts, ? - ts   →   the same, the date cast to a TIMESTAMP  (its midnight; a zoned one: its UTC)
 *   ? ± interval, interval + ?     →   CAST(? AS TIMESTAMP(3)) ± interval       (Calcite took the ? for an interval)
 *   date ± interval with a time    →   CAST(date AS TIMESTAMP(3)) ± interval    (a TIMESTAMP; Calcite's a DATE)
 * </pre>
 *
 * {@code CURRENT_DATE - 7} and {@code ship_date - order_date} are everyday PostgreSQL; {@link HindsightSqlValidator}
 * calls {@link #rewrite} as it derives a {@code +} or {@code -}'s type.
 */
final class DateArithmetic {

    /** Digits of the days of a timestamps' difference: the 3,652,058 days from year 1 to 9999 take seven. */
    private static final int INTERVAL_DAYS = 7;
    /** Digits of its fraction of a second: a timestamp's milliseconds (Avatica prints more as zeros, dropping them). */
    private static final int INTERVAL_FRACTION = 3;

    private DateArithmetic() {
    }

    /** {@code call} rewritten as above if its operands are such, else left as it is. */
    static void rewrite(SqlValidator validator, SqlValidatorScope scope, SqlBasicCall call) {
        if ((call.getKind() != SqlKind.PLUS && call.getKind() != SqlKind.MINUS) || call.operandCount() != 2) {
            return;
        }
        SqlNode left = call.operand(0);
        SqlNode right = call.operand(1);
        boolean minus = call.getKind() == SqlKind.MINUS;
        RelDataType leftType = typeOf(validator, scope, left);
        SqlTypeName l = typeName(leftType);
        boolean leftParameter = left.getKind() == SqlKind.DYNAMIC_PARAM;
        boolean rightParameter = right.getKind() == SqlKind.DYNAMIC_PARAM;
        if (l != SqlTypeName.DATE && !(minus && isTimestamp(l)) && !leftParameter
            && !(rightParameter && !minus && isInterval(leftType)) && !isDate(validator, scope, right)
            && !belowMillis(leftType) && !(!minus && belowMillis(typeOf(validator, scope, right)))) {
            return; // most calls: the operands' types are derived (and kept) as they would be anyway
        }
        RelDataType rightType = typeOf(validator, scope, right);
        SqlTypeName r = typeName(rightType);
        SqlParserPos pos = call.getParserPosition();
        if (leftParameter && isInterval(rightType)) {
            call.setOperand(0, asTimestamp(left, pos)); // ? ± interval: the ? a timestamp, as JDBC clients bind it
        } else if (rightParameter && !minus && isInterval(leftType)) {
            call.setOperand(1, asTimestamp(right, pos)); // interval + ?
        } else if (l == SqlTypeName.DATE && hasTime(rightType)) {
            call.setOperand(0, asTimestamp(left, pos)); // date ± interval '12' hour: a timestamp, as PostgreSQL's
        } else if (!minus && r == SqlTypeName.DATE && hasTime(leftType)) {
            call.setOperand(1, asTimestamp(right, pos));
        } else if (l == SqlTypeName.DATE && isDays(right, rightType)) {
            call.setOperand(1, days(right, rightType, pos));
        } else if (!minus && r == SqlTypeName.DATE && isDays(left, leftType)) {
            call.setOperand(0, days(left, leftType, pos));
        } else if (minus && l == SqlTypeName.DATE && r == SqlTypeName.DATE) {
            SqlNode between = SqlStdOperatorTable.MINUS_DATE.createCall(pos, left, right,
                new SqlIntervalQualifier(TimeUnit.DAY, null, pos));
            call.setOperator(SqlStdOperatorTable.CAST);
            call.setOperand(0, between);
            call.setOperand(1, integer(pos));
        } else if (belowMillis(leftType) && fractionOfSecond(right, rightType)) {
            call.setOperand(0, withMillis(left, l, pos)); // TIMESTAMP '… 10:00:00' + INTERVAL '0.5' SECOND
        } else if (!minus && belowMillis(rightType) && fractionOfSecond(left, leftType)) {
            call.setOperand(1, withMillis(right, r, pos));
        } else if (minus && (isTimestamp(l) || isTimestamp(r)) && isInstant(left, l) && isInstant(right, r)) {
            // ts - ts, ts - date, date - ts, zoned - ts; ts - ? and ? - ts: the ? a timestamp, as PostgreSQL reads it
            SqlIntervalQualifier interval = new SqlIntervalQualifier(TimeUnit.DAY, INTERVAL_DAYS, TimeUnit.SECOND,
                INTERVAL_FRACTION, pos);
            call.setOperator(SqlStdOperatorTable.CAST); // of the interval to its own type: folded away
            call.setOperand(0, SqlStdOperatorTable.MINUS_DATE.createCall(pos, timestamp(left, l, pos),
                timestamp(right, r, pos), interval));
            call.setOperand(1, interval);
        }
    }

    /** Whether {@code type} (null for none yet) is an interval. */
    private static boolean isInterval(RelDataType type) {
        return type != null && SqlTypeUtil.isInterval(type);
    }

    /**
     * Whether {@code type} (null for none yet) is an interval with hours, minutes or seconds ({@code INTERVAL '12'
     * HOUR}, {@code interval '1 day 2 hours'}): added to a DATE, Calcite's answer stayed a DATE and dropped them.
     */
    private static boolean hasTime(RelDataType type) {
        return isInterval(type) && type.getSqlTypeName().getFamily() == SqlTypeFamily.INTERVAL_DAY_TIME
            && type.getSqlTypeName() != SqlTypeName.INTERVAL_DAY;
    }

    /**
     * Whether {@code type} (null for none yet) is a TIMESTAMP or TIME typed with fewer digits than the milliseconds a
     * value holds ({@code TIMESTAMP '2026-01-01 10:00:00'} is a {@code TIMESTAMP(0)}): plus an interval of seconds, the
     * sum took its type, so {@code getString} cut the half second of {@code + INTERVAL '0.5' SECOND} off.
     */
    private static boolean belowMillis(RelDataType type) {
        return type != null && (type.getSqlTypeName() == SqlTypeName.TIMESTAMP
            || type.getSqlTypeName() == SqlTypeName.TIME) && type.getPrecision() < INTERVAL_FRACTION;
    }

    /**
     * Whether {@code node} of {@code type} (null for none yet) is an interval that ends in seconds and may hold a
     * fraction of one: a literal that does, or any other such interval (a whole-second literal keeps the sum's type,
     * so {@code + INTERVAL '5' SECOND} prints {@code 10:00:05} as PostgreSQL's does).
     */
    private static boolean fractionOfSecond(SqlNode node, RelDataType type) {
        if (!isInterval(type) || type.getIntervalQualifier().getUnit() != TimeUnit.SECOND) {
            return false;
        }
        Long millis = node instanceof SqlLiteral literal ? literal.getValueAs(Long.class) : null;
        return millis == null || millis % 1000 != 0;
    }

    /** {@code node}, a TIMESTAMP or TIME of {@code type}, cast to one typed with milliseconds. */
    private static SqlNode withMillis(SqlNode node, SqlTypeName type, SqlParserPos pos) {
        return SqlStdOperatorTable.CAST.createCall(pos, node,
            new SqlDataTypeSpec(new SqlBasicTypeNameSpec(type, INTERVAL_FRACTION, pos), pos));
    }

    /** Whether {@code type} (null for none yet) is a TIMESTAMP, zoned or not: Calcite's family of them. */
    private static boolean isTimestamp(SqlTypeName type) {
        return type != null && type.getFamily() == SqlTypeFamily.TIMESTAMP;
    }

    /** Whether {@code node} of {@code type} is a point in time: a TIMESTAMP, a DATE (its midnight) or a parameter. */
    private static boolean isInstant(SqlNode node, SqlTypeName type) {
        return isTimestamp(type) || type == SqlTypeName.DATE || node.getKind() == SqlKind.DYNAMIC_PARAM;
    }

    /**
     * {@code node} of {@code type} as a TIMESTAMP: a DATE its midnight, a zoned one its UTC time (the connection's
     * zone); a TIMESTAMP or a parameter as it is (a parameter takes the other operand's type).
     */
    private static SqlNode timestamp(SqlNode node, SqlTypeName type, SqlParserPos pos) {
        return type == SqlTypeName.TIMESTAMP || type == null ? node : asTimestamp(node, pos);
    }

    /** {@code CAST(node AS TIMESTAMP(3))}. */
    private static SqlNode asTimestamp(SqlNode node, SqlParserPos pos) {
        return SqlStdOperatorTable.CAST.createCall(pos, node,
            new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.TIMESTAMP, INTERVAL_FRACTION, pos), pos));
    }

    /**
     * {@code count} (of {@code type}, null for a parameter) days as an interval. A BIGINT or a parameter is cast to an
     * INTEGER first, which checks its range: Calcite takes an interval's days to an int, so 4294967296 days added
     * nothing, and a parameter was taken for a second date (42883 "DATE + DATE"); PostgreSQL's
     * {@code date + integer} takes an integer too.
     */
    private static SqlNode days(SqlNode count, RelDataType type, SqlParserPos pos) {
        SqlNode days = typeName(type) == SqlTypeName.INTEGER ? count
            : SqlStdOperatorTable.CAST.createCall(pos, count, integer(pos));
        return SqlStdOperatorTable.MULTIPLY.createCall(pos, days,
            SqlLiteral.createInterval(1, "1", new SqlIntervalQualifier(TimeUnit.DAY, null, pos), pos));
    }

    private static SqlDataTypeSpec integer(SqlParserPos pos) {
        return new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.INTEGER, pos), pos);
    }

    /** Whether {@code node} of {@code type} counts days: a whole number, or a parameter, which becomes an INTEGER. */
    private static boolean isDays(SqlNode node, RelDataType type) {
        return node.getKind() == SqlKind.DYNAMIC_PARAM || (type != null && SqlTypeUtil.isIntType(type));
    }

    private static boolean isDate(SqlValidator validator, SqlValidatorScope scope, SqlNode node) {
        return typeName(typeOf(validator, scope, node)) == SqlTypeName.DATE;
    }

    private static SqlTypeName typeName(RelDataType type) {
        return type == null ? null : type.getSqlTypeName();
    }

    /** The type of {@code node}; null for one that has none yet ({@code ?}, NULL). */
    private static RelDataType typeOf(SqlValidator validator, SqlValidatorScope scope, SqlNode node) {
        if (node.getKind() == SqlKind.DYNAMIC_PARAM || node.isA(SqlKind.QUERY) || SqlUtil.isNullLiteral(node, false)) {
            return null; // no type of its own yet, or one its own validation derives
        }
        return validator.deriveType(scope, node);
    }
}
