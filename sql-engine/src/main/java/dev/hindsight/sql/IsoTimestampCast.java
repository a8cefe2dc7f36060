package dev.hindsight.sql;

import dev.hindsight.sql.parser.IsoTimestampText;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexConvertlet;

/**
 * Text cast to a TIMESTAMP reads ISO-8601 as PostgreSQL does ({@link IsoTimestampText}): {@code 2026-11-01T10:00:00Z}
 * and {@code 2026-11-01T10:00:00.5+01:00} as well as Calcite's {@code 2026-11-01 10:00:00}, so that the times events
 * carry in their JSON and the {@code ts} the HTTP API writes can be compared and cast: {@code ts >= '…T…Z'},
 * {@code CAST(JSON_VALUE(data, '$.placedAt') AS TIMESTAMP)}. Cast to a DATE or a TIME, a date and time gives its
 * (UTC) date or time, as PostgreSQL gives it ({@code CAST('2026-11-01T10:00:00Z' AS DATE)} is 2026-11-01). Calcite
 * alone refuses the {@code T} with 22007. A literal has its text made Calcite's while the statement is converted (so
 * it still folds, and a {@code ts} bound still narrows a scan); any other text passes through {@link #calciteText}
 * (or its DATE or TIME form) when it runs, which costs nothing for text in Calcite's form already.
 * {@link HindsightConvertlets} sends every cast here first. Public for Calcite's function registry.
 */
public final class IsoTimestampCast {

    /** The functions a text passes through before its cast; {@link LogTableFilterScanRule} takes them for constants. */
    static final SqlUserDefinedFunction ISO_TEXT = textFunction("HINDSIGHT_ISO_TIMESTAMP_TEXT", "calciteText");
    private static final SqlUserDefinedFunction ISO_DATE_TEXT = textFunction("HINDSIGHT_ISO_DATE_TEXT",
        "calciteDateText");
    private static final SqlUserDefinedFunction ISO_TIME_TEXT = textFunction("HINDSIGHT_ISO_TIME_TEXT",
        "calciteTimeText");

    private IsoTimestampCast() {
    }

    /** The convertlet of a CAST: this class's when it casts text to a TIMESTAMP, else {@code next}. */
    static SqlRexConvertlet cast(SqlRexConvertlet next) {
        return (cx, cast) -> {
            RelDataType from = cx.getValidator().getValidatedNodeTypeIfKnown(cast.operand(0));
            if (from == null || from.getSqlTypeName().getFamily() != SqlTypeFamily.CHARACTER
                || cast.operandCount() != 2 || !(cast.operand(1) instanceof SqlDataTypeSpec spec)) {
                return next.convertCall(cx, cast);
            }
            RelDataType to = HindsightConvertlets.castTarget(cx, cast, spec, from);
            UnaryOperator<String> form = switch (to.getSqlTypeName()) {
                case TIMESTAMP -> IsoTimestampText::calciteText;
                case DATE -> IsoTimestampText::calciteDateText;
                case TIME -> IsoTimestampText::calciteTimeText;
                default -> null;
            };
            if (form == null) {
                return next.convertCall(cx, cast);
            }
            RexBuilder rex = cx.getRexBuilder();
            RexNode text = cx.convertExpression(cast.operand(0));
            if (text instanceof RexLiteral literal) {
                String value = literal.getValueAs(String.class);
                String calcite = value == null ? null : form.apply(value);
                text = value == null || calcite.equals(value) ? literal : rex.makeLiteral(calcite);
            } else {
                SqlUserDefinedFunction function = to.getSqlTypeName() == SqlTypeName.TIMESTAMP ? ISO_TEXT
                    : to.getSqlTypeName() == SqlTypeName.DATE ? ISO_DATE_TEXT : ISO_TIME_TEXT;
                text = rex.makeCall(text.getType(), function, List.of(text));
            }
            return rex.makeCast(to, text);
        };
    }

    private static SqlUserDefinedFunction textFunction(String name, String method) {
        return new SqlUserDefinedFunction(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
            ReturnTypes.ARG0_NULLABLE, null,
            OperandTypes.operandMetadata(List.of(SqlTypeFamily.CHARACTER),
                types -> List.of(types.createSqlType(SqlTypeName.VARCHAR)), i -> "text", i -> false),
            ScalarFunctionImpl.create(IsoTimestampCast.class, method));
    }

    /** Whether {@code node} is a call of one of this class's text functions. */
    static boolean isIsoText(RexNode node) {
        return node instanceof RexCall call && (call.getOperator().equals(ISO_TEXT)
            || call.getOperator().equals(ISO_DATE_TEXT) || call.getOperator().equals(ISO_TIME_TEXT));
    }

    /** {@link IsoTimestampText#calciteText}, for generated code. */
    public static String calciteText(String text) {
        return text == null ? null : IsoTimestampText.calciteText(text);
    }

    /** {@link IsoTimestampText#calciteDateText}, for generated code. */
    public static String calciteDateText(String text) {
        return text == null ? null : IsoTimestampText.calciteDateText(text);
    }

    /** {@link IsoTimestampText#calciteTimeText}, for generated code. */
    public static String calciteTimeText(String text) {
        return text == null ? null : IsoTimestampText.calciteTimeText(text);
    }
}
