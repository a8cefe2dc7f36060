package dev.hindsight.sql;

import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import java.util.List;

/**
 * {@code LEFT} and {@code RIGHT} of text as PostgreSQL's: the first (last) {@code n} characters, and for a negative
 * {@code n} all but the last (first) {@code |n|}, counted in characters, not UTF-16 units, so a character outside the
 * Basic Multilingual Plane is never cut in two. Calcite's gave the empty text for a negative {@code n} and its
 * generated code did not compile for a {@code BIGINT} one ({@code LEFT(stream_id, version)}: 0A000 "Unable to
 * implement"). The convertlet puts these in place of Calcite's calls on text; on binary strings Calcite's stay.
 * Public for Calcite's generated code.
 */
@Strict // NULL in, NULL out: Calcite's generated code calls the methods with values only
public final class TextEnds {

    private static final SqlUserDefinedFunction LEFT = function("HINDSIGHT_LEFT", "left");
    private static final SqlUserDefinedFunction RIGHT = function("HINDSIGHT_RIGHT", "right");

    private TextEnds() {
    }

    /** Whether {@code operator} is Calcite's {@code LEFT} or {@code RIGHT}. */
    static boolean applies(SqlOperator operator) {
        return SqlLibraryOperators.LEFT.equals(operator) || SqlLibraryOperators.RIGHT.equals(operator);
    }

    /** The convertlet of those calls: {@code next}'s row expression, with this class's function in place on text. */
    static SqlRexConvertlet convertlet(SqlRexConvertlet next) {
        return (cx, sql) -> {
            RexNode converted = next.convertCall(cx, sql);
            if (!(converted instanceof RexCall call) || !SqlTypeUtil.inCharFamily(call.getOperands().get(0).getType())
                || !SqlTypeUtil.isIntType(call.getOperands().get(1).getType())) {
                return converted;
            }
            SqlUserDefinedFunction ours = SqlLibraryOperators.LEFT.equals(call.getOperator()) ? LEFT : RIGHT;
            return cx.getRexBuilder().makeCall(call.getType(), ours, call.getOperands());
        };
    }

    /** The first {@code n} characters of {@code text}; for a negative {@code n}, all but the last {@code -n}. */
    public static String left(String text, long n) {
        int characters = text.codePointCount(0, text.length());
        long keep = n >= 0 ? Math.min(n, characters) : Math.max(0, characters + n);
        return text.substring(0, text.offsetByCodePoints(0, (int) keep));
    }

    /** The last {@code n} characters of {@code text}; for a negative {@code n}, all but the first {@code -n}. */
    public static String right(String text, long n) {
        int characters = text.codePointCount(0, text.length());
        long keep = n >= 0 ? Math.min(n, characters) : Math.max(0, characters + n);
        return text.substring(text.offsetByCodePoints(0, characters - (int) keep));
    }

    /** One of this class's methods, of text and a BIGINT, typed by the call it replaces. */
    private static SqlUserDefinedFunction function(String name, String method) {
        List<SqlTypeFamily> families = List.of(SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER);
        return HindsightConvertlets.function(name, ReturnTypes.ARG0_NULLABLE, families,
            types -> List.of(types.createSqlType(SqlTypeName.VARCHAR), types.createSqlType(SqlTypeName.BIGINT)),
            TextEnds.class, method);
    }
}
