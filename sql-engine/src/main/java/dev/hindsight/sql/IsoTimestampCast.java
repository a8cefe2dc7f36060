package dev.hindsight.sql;

import dev.hindsight.sql.parser.IsoTimestampText;
import java.util.List;
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
 * {@code CAST(JSON_VALUE(data, '$.placedAt') AS TIMESTAMP)}. Calcite alone refuses the {@code T} with 22007. A literal
 * has its text made Calcite's while the statement is converted (so it still folds, and a {@code ts} bound still
 * narrows a scan); any other text passes through {@link #calciteText} when it runs, which costs nothing for text in
 * Calcite's form already. {@link HindsightConvertlets} sends every cast here first. Public for Calcite's function
 * registry.
 */
public final class IsoTimestampCast {

    /** The function a text passes through before its cast; {@link LogTableFilterScanRule} takes it for a constant. */
    static final SqlUserDefinedFunction ISO_TEXT = new SqlUserDefinedFunction(
        new SqlIdentifier("HINDSIGHT_ISO_TIMESTAMP_TEXT", SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
        ReturnTypes.ARG0_NULLABLE, null,
        OperandTypes.operandMetadata(List.of(SqlTypeFamily.CHARACTER),
            types -> List.of(types.createSqlType(SqlTypeName.VARCHAR)), i -> "text", i -> false),
        ScalarFunctionImpl.create(IsoTimestampCast.class, "calciteText"));

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
            if (to.getSqlTypeName() != SqlTypeName.TIMESTAMP) {
                return next.convertCall(cx, cast);
            }
            RexBuilder rex = cx.getRexBuilder();
            RexNode text = cx.convertExpression(cast.operand(0));
            if (text instanceof RexLiteral literal) {
                String value = literal.getValueAs(String.class);
                String calcite = value == null ? null : IsoTimestampText.calciteText(value);
                text = value == null || calcite.equals(value) ? literal : rex.makeLiteral(calcite);
            } else {
                text = rex.makeCall(text.getType(), ISO_TEXT, List.of(text));
            }
            return rex.makeCast(to, text);
        };
    }

    /** Whether {@code node} is a call of {@link #ISO_TEXT}. */
    static boolean isIsoText(RexNode node) {
        return node instanceof RexCall call && call.getOperator().equals(ISO_TEXT);
    }

    /** {@link IsoTimestampText#calciteText}, for generated code. */
    public static String calciteText(String text) {
        return text == null ? null : IsoTimestampText.calciteText(text);
    }
}
