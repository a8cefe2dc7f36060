package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.util.List;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.StandardConvertletTable;
import org.apache.calcite.sql2rel.SqlRexConvertlet;

/**
 * {@code ||} and {@code REPLACE} of text (and {@code REGEXP_REPLACE}, {@link PostgresRegexReplace}), Calcite's own but
 * never longer than {@link PaddedText#MAX_LENGTH} characters, else 54000 ("requested length too large"), as
 * {@code REPEAT}: a statement could build text of any length from capped pieces, and {@code REPLACE} multiplies one
 * (each of 60 million {@code x} by 30 characters), until the JVM's heap ran out and the server died with it, or until
 * Java's longest string, when the client got an empty answer. The length is known before the text is made. Public
 * for Calcite's generated code.
 */
@Strict // NULL in, NULL out, as Calcite's: the generated code calls the methods with values only
public final class GrowingText {

    private static final SqlUserDefinedFunction CONCAT = function("HINDSIGHT_CONCAT", "concat", 2);
    private static final SqlUserDefinedFunction REPLACE = function("HINDSIGHT_REPLACE", "replace", 3);

    private GrowingText() {
    }

    /** Whether {@code operator} is Calcite's {@code ||} or {@code REPLACE}. */
    static boolean applies(SqlOperator operator) {
        return SqlStdOperatorTable.CONCAT.equals(operator) || SqlStdOperatorTable.REPLACE.equals(operator);
    }

    /**
     * The convertlet of those calls: Calcite's row expression, with this class's function in place where it makes
     * text of text ({@code ||} of binary strings or arrays is left as it is), typed as Calcite typed it.
     */
    static SqlRexConvertlet convertlet() {
        return (cx, sql) -> {
            RexNode converted = StandardConvertletTable.INSTANCE.get(sql).convertCall(cx, sql);
            if (!(converted instanceof RexCall call) || !SqlTypeUtil.inCharFamily(call.getType())
                || !call.getOperands().stream().allMatch(o -> SqlTypeUtil.inCharFamily(o.getType()))) {
                return converted;
            }
            SqlUserDefinedFunction ours = SqlStdOperatorTable.CONCAT.equals(call.getOperator()) ? CONCAT : REPLACE;
            return cx.getRexBuilder().makeCall(call.getType(), ours, call.getOperands());
        };
    }

    /** {@code a} followed by {@code b}. */
    public static String concat(String a, String b) {
        if ((long) a.length() + b.length() > PaddedText.MAX_LENGTH) {
            throw tooLong("|| of " + a.length() + " and " + b.length() + " characters");
        }
        return a.concat(b);
    }

    /** {@code text} with each {@code from} in it, left to right, made {@code to}; an empty {@code from}: as it is. */
    public static String replace(String text, String from, String to) {
        if (from.isEmpty() || to.length() <= from.length()) {
            return from.isEmpty() ? text : text.replace(from, to);
        }
        long found = 0;
        for (int at = text.indexOf(from); at >= 0; at = text.indexOf(from, at + from.length())) {
            found++;
        }
        long length = text.length() + found * (to.length() - from.length());
        if (length > PaddedText.MAX_LENGTH) {
            throw tooLong("REPLACE making " + length + " characters of " + text.length());
        }
        return text.replace(from, to);
    }

    /** 54000: {@code what} would make text longer than {@link PaddedText#MAX_LENGTH} characters. */
    static RuntimeException tooLong(String what) {
        return SqlErrors.of(SqlErrors.PROGRAM_LIMIT_EXCEEDED, "requested length too large: " + what + " would be "
            + "over " + PaddedText.MAX_LENGTH + " characters, the longest text Hindsight makes");
    }

    /** One of this class's methods, of {@code operands} texts, typed by the call it replaces. */
    private static SqlUserDefinedFunction function(String name, String method, int operands) {
        List<SqlTypeFamily> families = List.of(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER,
            SqlTypeFamily.CHARACTER).subList(0, operands);
        return HindsightConvertlets.function(name, ReturnTypes.ARG0_NULLABLE, families,
            types -> families.stream().map(f -> types.createSqlType(SqlTypeName.VARCHAR)).toList(),
            GrowingText.class, method);
    }
}
