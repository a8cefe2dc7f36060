package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSelectKeyword;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Windowed calls Calcite's enumerable windows answer wrongly, refused (0A000) rather than answered: a {@code RANGE}
 * frame with an offset over a descending order ({@code SUM(seq) OVER (ORDER BY seq DESC RANGE 1 PRECEDING)} was NULL
 * on every row, a {@code COUNT} 0: its bounds are reckoned as if the order ascended), and an aggregate with
 * {@code DISTINCT} ({@code COUNT(DISTINCT x) OVER (…)} counted every row; PostgreSQL refuses it too, in these words),
 * and {@code NTH_VALUE} ({@code NTH_VALUE(seq, 2) OVER (ORDER BY seq)} was 2 on the first row, where the frame holds
 * one row and the answer is NULL; a partition of one row gave 0), and a frame with an {@code EXCLUDE} clause other
 * than {@code EXCLUDE NO OTHERS} (Calcite's ignored {@code EXCLUDE CURRENT ROW} over a whole partition, answered 0
 * or {@code Integer.MAX_VALUE} where the exclusion left no row, and kept the excluded row in {@code FIRST_VALUE}).
 * {@code ROWS} frames and ascending {@code RANGE} frames are answered as PostgreSQL answers them.
 */
final class WindowLimits {

    private WindowLimits() {
    }

    /**
     * Refuses a negative offset written in {@code window}'s frame ({@code RANGE -1 PRECEDING}, {@code RANGE BETWEEN
     * INTERVAL '-1' DAY PRECEDING AND …}) with PostgreSQL's 22013, as a negative one bound is ({@code
     * ParameterTypes}): Calcite framed no row with it, not even the current one ({@code COUNT(*)} 0), and said 42000
     * of a {@code ROWS} one.
     */
    static void checkOffsetsWritten(SqlWindow window) {
        checkOffsetWritten(window.getLowerBound(), "starting");
        checkOffsetWritten(window.getUpperBound(), "ending");
    }

    private static void checkOffsetWritten(@Nullable SqlNode bound, String which) {
        if (bound instanceof SqlCall call && call.operandCount() == 1
            && (call.getKind() == SqlKind.PRECEDING || call.getKind() == SqlKind.FOLLOWING)
            && negative(call.operand(0))) {
            throw SqlErrors.of(SqlErrors.INVALID_FRAME_OFFSET, "frame " + which + " offset must not be negative: "
                + call.operand(0));
        }
    }

    private static boolean negative(SqlNode offset) {
        if (offset.getKind() == SqlKind.MINUS_PREFIX) {
            return ((SqlCall) offset).operand(0) instanceof SqlLiteral l && sign(l) > 0;
        }
        return offset instanceof SqlLiteral l && sign(l) < 0;
    }

    /** The sign of a number's or an interval's literal ({@code INTERVAL -'-1' DAY} is 1), 0 of any other. */
    private static int sign(SqlLiteral literal) {
        if (literal instanceof SqlNumericLiteral n) {
            BigDecimal value = n.bigDecimalValue();
            return value == null ? 0 : value.signum();
        }
        if (literal instanceof SqlIntervalLiteral i) {
            SqlIntervalLiteral.IntervalValue v = i.getValueAs(SqlIntervalLiteral.IntervalValue.class);
            String text = v.getIntervalLiteral().strip();
            int sign = text.startsWith("-") ? -v.getSign() : v.getSign();
            return text.chars().anyMatch(c -> c >= '1' && c <= '9') ? sign : 0;
        }
        return 0;
    }

    /** Refuses {@code call} over {@code window} (resolved) if it is one of those. */
    static void check(SqlWindow window, @Nullable SqlCall call) {
        if (call != null && call.getFunctionQuantifier() != null
            && call.getFunctionQuantifier().getValue() == SqlSelectKeyword.DISTINCT) {
            throw SqlErrors.of(SqlErrors.FEATURE_NOT_SUPPORTED, "DISTINCT is not implemented for window functions");
        }
        if (call != null && call.getKind() == SqlKind.NTH_VALUE) {
            throw SqlErrors.of(SqlErrors.FEATURE_NOT_SUPPORTED, "NTH_VALUE is not supported: where the frame holds "
                + "fewer rows than asked it answers a row outside the frame, or 0, not NULL; number the rows with "
                + "ROW_NUMBER() in a sub-query instead");
        }
        if (window.getExclude() != null && !SqlWindow.isExcludeNoOthers(window.getExclude())) {
            throw SqlErrors.of(SqlErrors.FEATURE_NOT_SUPPORTED, window.getExclude().toValue().replace('_', ' ')
                + " is not supported in a window frame: subtract the current row instead (SUM(x) OVER (…) - x)");
        }
        if (window.isRows() || !(offset(window.getLowerBound()) || offset(window.getUpperBound()))) {
            return;
        }
        for (SqlNode key : window.getOrderList()) {
            SqlNode k = key.getKind() == SqlKind.NULLS_FIRST || key.getKind() == SqlKind.NULLS_LAST
                ? ((SqlCall) key).operand(0) : key;
            if (k.getKind() == SqlKind.DESCENDING) {
                SqlNode bound = offset(window.getLowerBound()) ? window.getLowerBound() : window.getUpperBound();
                throw SqlErrors.of(SqlErrors.FEATURE_NOT_SUPPORTED, "a RANGE frame with an offset (" + bound
                    + ") over a descending ORDER BY is not supported: order ascending, or use ROWS");
            }
        }
    }

    /**
     * Refuses a {@code RANGE} frame with an offset where a DECIMAL meets the order key: a DECIMAL key
     * ({@code ORDER BY CAST(x AS DECIMAL(5, 1)) RANGE 1.5 PRECEDING}) or a DECIMAL offset ({@code ORDER BY x RANGE
     * 1.5 PRECEDING}): Calcite's generated code for it does not compile (an internal error). A DOUBLE key with a
     * whole-number offset is answered. {@code typeOf} gives an expression's type.
     */
    static void checkRangeKeys(SqlWindow window, Function<SqlNode, RelDataType> typeOf) {
        if (window.isRows() || !(offset(window.getLowerBound()) || offset(window.getUpperBound()))) {
            return;
        }
        for (SqlNode key : window.getOrderList()) {
            SqlNode k = key;
            while (k instanceof SqlCall c && (c.getKind() == SqlKind.NULLS_FIRST || c.getKind() == SqlKind.NULLS_LAST
                || c.getKind() == SqlKind.DESCENDING)) {
                k = c.operand(0);
            }
            SqlTypeName type = typeOf.apply(k).getSqlTypeName();
            SqlTypeName offsetType = decimalOffset(window.getLowerBound(), typeOf) ? SqlTypeName.DECIMAL
                : decimalOffset(window.getUpperBound(), typeOf) ? SqlTypeName.DECIMAL : null;
            if (type == SqlTypeName.DECIMAL || offsetType != null) {
                throw SqlErrors.of(SqlErrors.FEATURE_NOT_SUPPORTED, "a RANGE frame with an offset over an order key "
                    + "of type " + type + (offsetType != null ? " with a DECIMAL offset" : "") + " is not supported: "
                    + "order by an integer, a DOUBLE, a date or a time with an offset of its type, or use ROWS");
            }
        }
    }

    /** Whether {@code bound} is an offset ({@code 1.5 PRECEDING}) whose value is a DECIMAL. */
    private static boolean decimalOffset(@Nullable SqlNode bound, Function<SqlNode, RelDataType> typeOf) {
        return offset(bound) && bound instanceof SqlCall call && call.operandCount() == 1
            && typeOf.apply(call.operand(0)).getSqlTypeName() == SqlTypeName.DECIMAL;
    }

    /** The types Calcite's window code holds as Java primitives (or their boxes), whose empty frame it answers. */
    private static final Set<SqlTypeName> PRIMITIVE = EnumSet.of(SqlTypeName.BOOLEAN,
        SqlTypeName.TINYINT, SqlTypeName.SMALLINT, SqlTypeName.INTEGER, SqlTypeName.BIGINT, SqlTypeName.REAL,
        SqlTypeName.FLOAT, SqlTypeName.DOUBLE, SqlTypeName.DATE, SqlTypeName.TIME, SqlTypeName.TIMESTAMP);

    /**
     * Refuses {@code FIRST_VALUE} or {@code LAST_VALUE} of a value held as a Java object (text, a DECIMAL, …) over a
     * frame that is empty for some row (it starts after the current row, or ends before it): Calcite's code reads the
     * frame's row at index -1 there (an internal error) where the answer is NULL. Such a frame is empty for the last
     * (or first) row of every partition, so the statement never ran. {@code typeOf} gives the argument's type.
     */
    static void checkValueOfEmptyFrame(SqlWindow window, @Nullable SqlCall call,
                                       Function<SqlNode, RelDataType> typeOf) {
        if (call == null || (call.getKind() != SqlKind.FIRST_VALUE && call.getKind() != SqlKind.LAST_VALUE)
            || call.operandCount() < 1) {
            return;
        }
        SqlNode lower = window.getLowerBound();
        SqlNode upper = window.getUpperBound();
        boolean mayBeEmpty = (lower != null && lower.getKind() == SqlKind.FOLLOWING)
            || (upper != null && upper.getKind() == SqlKind.PRECEDING);
        if (mayBeEmpty && !PRIMITIVE.contains(typeOf.apply(call.operand(0)).getSqlTypeName())) {
            throw SqlErrors.of(SqlErrors.FEATURE_NOT_SUPPORTED, call.getOperator().getName() + " of a "
                + typeOf.apply(call.operand(0)).getSqlTypeName() + " over a frame that starts after the current row "
                + "or ends before it is not supported: use LEAD or LAG, or a frame that holds the current row");
        }
    }

    private static boolean offset(@Nullable SqlNode bound) {
        return bound != null && !SqlWindow.isCurrentRow(bound) && !SqlWindow.isUnboundedPreceding(bound)
            && !SqlWindow.isUnboundedFollowing(bound);
    }
}
