package dev.hindsight.sql;

import dev.hindsight.sql.parser.UuidText;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexConvertlet;

/**
 * A UUID cast to text is its 36 characters, whatever holds it: Calcite's code took a UUID parameter for an
 * {@code Object} its own function would not take ({@code CAST(CAST(? AS UUID) AS VARCHAR)} did not compile, XX000).
 * Text cast to a UUID is read as PostgreSQL reads it ({@link UuidText}): Java's {@code UUID.fromString} took
 * {@code '1-2-3-4-5'} for a UUID and braces or 32 bare digits for an internal error.
 * Public for Calcite's generated code.
 */
public final class UuidTextCast {

    private static final SqlUserDefinedFunction TEXT = HindsightConvertlets.function("HINDSIGHT_UUID_TEXT",
        ReturnTypes.VARCHAR_NULLABLE, SqlTypeFamily.ANY, types -> types.createSqlType(SqlTypeName.UUID),
        UuidTextCast.class, "text");

    private UuidTextCast() {
    }

    private static final SqlUserDefinedFunction READ = HindsightConvertlets.function("HINDSIGHT_UUID_READ",
        ReturnTypes.ARG0_NULLABLE, SqlTypeFamily.CHARACTER, types -> types.createSqlType(SqlTypeName.VARCHAR),
        UuidTextCast.class, "canonical");

    /**
     * The convertlet of a CAST: this class's when it casts a UUID to text, or text to a UUID (read by
     * {@link UuidText} first, as PostgreSQL reads it), else {@code next}.
     */
    static SqlRexConvertlet cast(SqlRexConvertlet next) {
        SqlRexConvertlet toText = HindsightConvertlets.castToText(next, from -> from == SqlTypeName.UUID ? TEXT : null);
        return (cx, cast) -> {
            RelDataType from = cx.getValidator().getValidatedNodeTypeIfKnown(cast.operand(0));
            if (from == null || !SqlTypeUtil.inCharFamily(from) || cast.operandCount() != 2
                || !(cast.operand(1) instanceof SqlDataTypeSpec spec)) {
                return toText.convertCall(cx, cast);
            }
            RelDataType to = HindsightConvertlets.castTarget(cx, cast, spec, from);
            if (to.getSqlTypeName() != SqlTypeName.UUID) {
                return toText.convertCall(cx, cast);
            }
            RexBuilder rex = cx.getRexBuilder();
            RexNode text = cx.convertExpression(cast.operand(0));
            if (text instanceof RexLiteral literal && literal.getValueAs(String.class) != null) {
                text = rex.makeLiteral(canonical(literal.getValueAs(String.class))); // read now: refused at once
            } else {
                text = rex.makeCall(text.getType(), READ, List.of(text));
            }
            return rex.makeCast(to, text);
        };
    }

    /**
     * {@code text} as the UUID's canonical 36 characters, which Calcite's own cast reads right.
     *
     * @throws IllegalArgumentException starting {@link UuidText#INVALID} for text that is no UUID
     */
    public static String canonical(String text) {
        return text == null ? null : UuidText.parse(text).toString();
    }

    /** {@code uuid}'s text: a {@code java.util.UUID} as Calcite holds it; NULL stays NULL. */
    public static String text(Object uuid) {
        return uuid == null ? null : uuid.toString();
    }
}
