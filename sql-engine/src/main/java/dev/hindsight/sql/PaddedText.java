package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlBasicFunction;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexConvertlet;

/**
 * {@code REPEAT}, {@code LPAD} and {@code RPAD}, the functions that make text as long as their caller asks, as
 * PostgreSQL's: a count or length of zero or less is the empty text, a longer text than {@code LPAD}/{@code RPAD}'s
 * length is cut to it (from the right, both), an empty fill pads nothing; and never longer than {@link #MAX_LENGTH}
 * characters, else 54000 ("requested length too large", as PostgreSQL says of its 1 GB). Calcite's own made any text
 * asked of it: {@code REPEAT('ab', 1000000000)} filled the heap until the JVM threw an {@code OutOfMemoryError}, and a
 * negative length or an empty fill failed with an internal error. The convertlet puts these in place of Calcite's
 * calls once their operands are typed; a NULL operand is a NULL text. Public for Calcite's generated code.
 */
@Strict // NULL in, NULL out: Calcite's generated code calls the methods with values only
public final class PaddedText {

    /** The longest text these functions make: 64 Mi characters, 128 MiB of heap at most. */
    public static final int MAX_LENGTH = 64 << 20;

    private static final SqlUserDefinedFunction REPEAT = function("HINDSIGHT_REPEAT", "repeat", 2);
    private static final SqlUserDefinedFunction LPAD = function("HINDSIGHT_LPAD", "lpad", 2);
    private static final SqlUserDefinedFunction LPAD_WITH = function("HINDSIGHT_LPAD", "lpadWith", 3);
    private static final SqlUserDefinedFunction RPAD = function("HINDSIGHT_RPAD", "rpad", 2);
    private static final SqlUserDefinedFunction RPAD_WITH = function("HINDSIGHT_RPAD", "rpadWith", 3);

    /**
     * {@code LPAD} and {@code RPAD} as the validator knows them, in place of Calcite's ({@link ReplacedOperators}),
     * which typed the call NOT NULL whatever its operands: {@code COUNT(LPAD(x, 3))} counted the NULLs,
     * {@code COALESCE(RPAD(x, 3), 'none')} lost its fallback, and a sort on one beside another key failed on the NULL
     * (an internal error). Text of any length, NULL if an operand may be.
     */
    static final List<SqlFunction> FUNCTIONS = List.of(pad("LPAD"), pad("RPAD"));

    private PaddedText() {
    }

    /** Whether {@code operator} is Calcite's {@code REPEAT} or this class's {@code LPAD} or {@code RPAD}. */
    static boolean applies(SqlOperator operator) {
        return SqlLibraryOperators.REPEAT.equals(operator) || FUNCTIONS.contains(operator);
    }

    /** The convertlet of those calls: {@code next}'s row expression, with this class's function in place. */
    static SqlRexConvertlet convertlet(SqlRexConvertlet next) {
        return (cx, sql) -> {
            RexNode converted = next.convertCall(cx, sql);
            if (!(converted instanceof RexCall call)) {
                return converted;
            }
            int n = call.getOperands().size();
            SqlUserDefinedFunction ours = SqlLibraryOperators.REPEAT.equals(call.getOperator()) ? REPEAT
                : FUNCTIONS.get(0).equals(call.getOperator()) ? (n == 3 ? LPAD_WITH : LPAD)
                : n == 3 ? RPAD_WITH : RPAD;
            List<RexNode> operands = new ArrayList<>(call.getOperands());
            RexNode length = operands.get(1);
            if (!SqlTypeUtil.isIntType(length.getType())) {
                operands.set(1, HindsightConvertlets.wholeNumber(cx, length)); // LPAD's signature takes any number
            }
            return cx.getRexBuilder().makeCall(call.getType(), ours, operands);
        };
    }

    /** {@code text} {@code count} times over. */
    public static String repeat(String text, long count) {
        if (count <= 0 || text.isEmpty()) {
            return "";
        }
        if (count > MAX_LENGTH / text.length()) {
            throw tooLong("REPEAT of " + text.length() + " characters " + count + " times");
        }
        return text.repeat((int) count);
    }

    /** {@code text} padded on the left with blanks to {@code length} characters, or cut to them. */
    public static String lpad(String text, long length) {
        return pad(text, length, " ", true);
    }

    /** {@code text} padded on the left with {@code fill} (repeated, its last copy cut) to {@code length}. */
    public static String lpadWith(String text, long length, String fill) {
        return pad(text, length, fill, true);
    }

    /** {@code text} padded on the right with blanks to {@code length} characters, or cut to them. */
    public static String rpad(String text, long length) {
        return pad(text, length, " ", false);
    }

    /** {@code text} padded on the right with {@code fill} (repeated, its last copy cut) to {@code length}. */
    public static String rpadWith(String text, long length, String fill) {
        return pad(text, length, fill, false);
    }

    private static String pad(String text, long length, String fill, boolean left) {
        if (length <= 0) {
            return "";
        }
        if (length > MAX_LENGTH) {
            throw tooLong((left ? "LPAD" : "RPAD") + " to " + length + " characters");
        }
        int to = (int) length;
        // characters beyond the BMP (two UTF-16 units) count as one, as in PostgreSQL; a text of 2 × length units or
        // more has length characters at least, and is cut without reading the rest of it
        int count = text.length() >= 2L * to ? to : text.codePointCount(0, text.length());
        if (count >= to) {
            return text.substring(0, CodePointText.offset(text, 0, to));
        }
        if (fill.isEmpty()) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + (to - count) * 2);
        if (!left) {
            b.append(text);
        }
        for (int written = 0, at = 0; written < to - count; written++) {
            int c = fill.codePointAt(at);
            b.appendCodePoint(c);
            at += Character.charCount(c);
            if (at >= fill.length()) {
                at = 0;
            }
        }
        if (left) {
            b.append(text);
        }
        return b.toString();
    }

    private static RuntimeException tooLong(String what) {
        return SqlErrors.of(SqlErrors.PROGRAM_LIMIT_EXCEEDED, "requested length too large: " + what + " is over "
            + MAX_LENGTH + " characters, the longest text Hindsight makes");
    }

    private static SqlFunction pad(String name) {
        return SqlBasicFunction.create(name, ReturnTypes.ARG0.andThen((binding, type) -> binding.getTypeFactory()
                .createSqlType(SqlTypeUtil.isBinary(type) ? SqlTypeName.VARBINARY : SqlTypeName.VARCHAR))
                .andThen(SqlTypeTransforms.TO_NULLABLE),
            OperandTypes.STRING_NUMERIC_OPTIONAL_STRING, SqlFunctionCategory.STRING);
    }

    /** One of this class's methods, of text, a BIGINT and perhaps a fill text, typed by the call it replaces. */
    private static SqlUserDefinedFunction function(String name, String method, int operands) {
        List<SqlTypeFamily> families = operands == 2 ? List.of(SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER)
            : List.of(SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER, SqlTypeFamily.CHARACTER);
        return HindsightConvertlets.function(name, ReturnTypes.ARG0_NULLABLE, families,
            types -> families.stream().map(f -> types.createSqlType(f == SqlTypeFamily.INTEGER ? SqlTypeName.BIGINT
                : SqlTypeName.VARCHAR)).toList(), PaddedText.class, method);
    }
}
