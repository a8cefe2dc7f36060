package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import dev.hindsight.sql.parser.BooleanText;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql2rel.SqlRexConvertlet;

/**
 * Text cast to a BOOLEAN reads PostgreSQL's words ({@link BooleanText}: {@code 't'}, {@code 'yes'}, {@code 'on'},
 * {@code '1'} …), where Calcite's reads {@code true} and {@code false} alone and failed on anything else with an
 * internal error; text that names no boolean is 22018 naming it. A literal is read while the statement is converted;
 * other text when it runs, through {@link #text}. The other way, a BOOLEAN cast to text is PostgreSQL's {@code true}
 * or {@code false} (Calcite's wrote {@code TRUE}), also where the validator casts it ({@code 'a' || TRUE}). Public for
 * Calcite's function registry.
 */
public final class BooleanCast {

    private static final SqlUserDefinedFunction TEXT = HindsightConvertlets.function("HINDSIGHT_BOOLEAN_TEXT",
        ReturnTypes.ARG0_NULLABLE, SqlTypeFamily.CHARACTER, types -> types.createSqlType(SqlTypeName.VARCHAR),
        BooleanCast.class, "text");
    private static final SqlUserDefinedFunction TEXT_OR_NULL = HindsightConvertlets.function(
        "HINDSIGHT_BOOLEAN_TEXT_OR_NULL", ReturnTypes.ARG0_FORCE_NULLABLE, SqlTypeFamily.CHARACTER,
        types -> types.createSqlType(SqlTypeName.VARCHAR), BooleanCast.class, "textOrNull");

    private BooleanCast() {
    }

    /**
     * A BOOLEAN compared with a DOUBLE or REAL ({@code x = TRUE}, {@code NULLIF(x, TRUE)}) is 42883, as PostgreSQL has
     * no such operator: Calcite's generated code for it did not compile (an internal error, XX000).
     */
    static void comparedWithFloat(SqlValidator validator, SqlValidatorScope scope, SqlBasicCall call) {
        if (call.operandCount() != 2 || !HindsightSqlValidator.typedAlone(call.operand(0))
            || !HindsightSqlValidator.typedAlone(call.operand(1))) {
            return;
        }
        SqlTypeName a = validator.deriveType(scope, call.operand(0)).getSqlTypeName();
        SqlTypeName b = validator.deriveType(scope, call.operand(1)).getSqlTypeName();
        if ((a == SqlTypeName.BOOLEAN && SqlTypeName.APPROX_TYPES.contains(b))
            || (b == SqlTypeName.BOOLEAN && SqlTypeName.APPROX_TYPES.contains(a))) {
            throw SqlErrors.of(SqlErrors.UNDEFINED_FUNCTION, "operator does not exist: " + a + " "
                + call.getOperator().getName() + " " + b + " (cast one side to the other's type)");
        }
    }

    /**
     * A BOOLEAN cast to an INTEGER is PostgreSQL's 1 or 0 ({@code SUM(CAST(total > 250 AS INTEGER))}, a count of the
     * rows that pass, as BI tools write it; Calcite's validator refused it, 42846): {@link HindsightSqlValidator}
     * calls this as it types a CAST, which then casts {@code CASE WHEN b THEN 1 WHEN NOT b THEN 0 END} (NULL stays
     * NULL). To other number types it stays refused, as PostgreSQL refuses it.
     */
    static void integer(SqlValidator validator, SqlValidatorScope scope, SqlBasicCall cast) {
        if (cast.operandCount() != 2 || !(cast.operand(1) instanceof SqlDataTypeSpec spec)
            || !spec.getTypeName().isSimple() || SqlTypeName.get(spec.getTypeName().getSimple()) != SqlTypeName.INTEGER
            || !HindsightSqlValidator.typedAlone(cast.operand(0))
            || validator.deriveType(scope, cast.operand(0)).getSqlTypeName() != SqlTypeName.BOOLEAN) {
            return;
        }
        SqlNode b = cast.operand(0);
        SqlParserPos pos = b.getParserPosition();
        cast.setOperand(0, new SqlCase(pos, null, SqlNodeList.of(b, SqlStdOperatorTable.NOT.createCall(pos,
            b.clone(pos))), SqlNodeList.of(SqlLiteral.createExactNumeric("1", pos),
            SqlLiteral.createExactNumeric("0", pos)), SqlLiteral.createNull(pos)));
    }

    /** The convertlet of a CAST: this class's when it casts text to a BOOLEAN, else {@code next}. */
    static SqlRexConvertlet cast(SqlRexConvertlet next) {
        return (cx, cast) -> {
            RelDataType from = cx.getValidator().getValidatedNodeTypeIfKnown(cast.operand(0));
            if (from == null || cast.operandCount() != 2 || !(cast.operand(1) instanceof SqlDataTypeSpec spec)) {
                return next.convertCall(cx, cast);
            }
            if (from.getSqlTypeName() == SqlTypeName.BOOLEAN) {
                RelDataType to = HindsightConvertlets.castTarget(cx, cast, spec, from);
                return to.getSqlTypeName().getFamily() == SqlTypeFamily.CHARACTER
                    ? words(cx.getRexBuilder(), cx.convertExpression(cast.operand(0)), to) : next.convertCall(cx, cast);
            }
            if (from.getSqlTypeName().getFamily() != SqlTypeFamily.CHARACTER) {
                return next.convertCall(cx, cast);
            }
            RelDataType to = HindsightConvertlets.castTarget(cx, cast, spec, from);
            if (to.getSqlTypeName() != SqlTypeName.BOOLEAN) {
                return next.convertCall(cx, cast);
            }
            RexBuilder rex = cx.getRexBuilder();
            RexNode text = cx.convertExpression(cast.operand(0));
            if (text instanceof RexLiteral literal) {
                String value = literal.getValueAs(String.class);
                return rex.makeCast(to, value == null ? literal : rex.makeLiteral(text(value)));
            }
            return rex.makeCast(to, read(rex, text, false));
        };
    }

    /** {@code b} as the text {@code to}: {@code CASE WHEN b THEN 'true' WHEN NOT b THEN 'false' END}. */
    private static RexNode words(RexBuilder rex, RexNode b, RelDataType to) {
        return rex.makeCall(to, SqlStdOperatorTable.CASE, List.of(b, rex.makeCast(to, rex.makeLiteral("true")),
            rex.makeCall(SqlStdOperatorTable.NOT, b), rex.makeCast(to, rex.makeLiteral("false")),
            rex.makeNullLiteral(to)));
    }

    /**
     * {@code text} as a cast to a BOOLEAN reads it, for a cast the caller makes itself; {@code safe}: for a cast that
     * gives NULL where it fails, so text that names no boolean is NULL here too.
     */
    static RexNode read(RexBuilder rex, RexNode text, boolean safe) {
        return rex.makeCall(safe ? rex.getTypeFactory().createTypeWithNullability(text.getType(), true)
            : text.getType(), safe ? TEXT_OR_NULL : TEXT, List.of(text));
    }

    /** {@code true} or {@code false} for the boolean {@code text} names, for Calcite's cast; 22018 if none. */
    public static String text(String text) {
        if (text == null) {
            return null;
        }
        Boolean b = BooleanText.valueOf(text);
        if (b == null) {
            throw SqlErrors.of(SqlErrors.INVALID_CHARACTER_VALUE_FOR_CAST, "invalid input syntax for type boolean: '"
                + text + "'");
        }
        return b.toString();
    }

    /** As {@link #text}, with {@code null} for text that names no boolean. */
    public static String textOrNull(String text) {
        Boolean b = text == null ? null : BooleanText.valueOf(text);
        return b == null ? null : b.toString();
    }
}
