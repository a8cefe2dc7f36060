package dev.hindsight.sql;

import java.util.List;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexConvertlet;

/**
 * {@code UPPER}, {@code LOWER} and {@code INITCAP} one character at a time, as PostgreSQL's (its default, libc,
 * collation provider maps each character alone):
 *
 * <pre>
 *   UPPER('straße')          STRAßE       Calcite (Java's String.toUpperCase): STRASSE, one character more
 *   LOWER('ΟΔΟΣ')            οδοσ         Calcite: οδος (a final sigma)
 *   INITCAP('crème brûlée')  Crème Brûlée Calcite: CrèMe BrûLéE (an accented letter broke the word)
 * </pre>
 *
 * A word, for {@code INITCAP}, is a run of letters and digits of any script. Public for Calcite's generated code.
 */
@Strict // NULL in, NULL out
public final class CharacterCase {

    private static final SqlUserDefinedFunction UPPER = function("HINDSIGHT_UPPER", "upper");
    private static final SqlUserDefinedFunction LOWER = function("HINDSIGHT_LOWER", "lower");
    private static final SqlUserDefinedFunction INITCAP = function("HINDSIGHT_INITCAP", "initcap");

    private CharacterCase() {
    }

    private static SqlUserDefinedFunction function(String name, String method) {
        return HindsightConvertlets.function(name, ReturnTypes.ARG0_NULLABLE, SqlTypeFamily.CHARACTER,
            types -> types.createSqlType(SqlTypeName.VARCHAR), CharacterCase.class, method);
    }

    /** The convertlet of {@code operator} if it is {@code UPPER}, {@code LOWER} or {@code INITCAP}, else null. */
    static SqlRexConvertlet convertletFor(SqlOperator operator) {
        SqlUserDefinedFunction ours = SqlStdOperatorTable.UPPER.equals(operator) ? UPPER
            : SqlStdOperatorTable.LOWER.equals(operator) ? LOWER
            : SqlStdOperatorTable.INITCAP.equals(operator) ? INITCAP : null;
        return ours == null ? null : (cx, call) -> cx.getRexBuilder().makeCall(
            cx.getValidator().getValidatedNodeType(call), ours, List.of(cx.convertExpression(call.operand(0))));
    }

    /** {@code text} with each character in upper case, alone (none becomes two). */
    public static String upper(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.toUpperCase(c)));
        return out.toString();
    }

    /** {@code text} with each character in lower case, alone. */
    public static String lower(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.toLowerCase(c)));
        return out.toString();
    }

    /** {@code text} with the first letter of each word in upper case and the others in lower case. */
    public static String initcap(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            out.appendCodePoint(inWord ? Character.toLowerCase(c) : Character.toUpperCase(c));
            inWord = Character.isAlphabetic(c) || Character.isDigit(c); // glibc's alnum: marks and numerals too
            i += Character.charCount(c);
        }
        return out.toString();
    }
}
