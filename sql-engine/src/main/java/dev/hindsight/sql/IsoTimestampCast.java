package dev.hindsight.sql;

import dev.hindsight.sql.parser.IsoTimestampText;
import dev.hindsight.sql.parser.ZonedText;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlDataTypeSpec;
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
 * (or its DATE or TIME form) when it runs, which costs nothing for text in Calcite's form already. Text cast to a
 * {@code TIMESTAMP} or {@code TIME WITH LOCAL TIME ZONE} is read so too, in UTC, unless it names a zone
 * ({@link ZonedText#zonedText}): Calcite read it only with one ({@code '2026-01-01 00:00:00'} was XX000). Text cast
 * to a UUID is read as PostgreSQL reads it ({@link UuidTextCast#canonical}) the same way.
 * {@link HindsightConvertlets} sends every cast here first. Public for Calcite's function registry.
 */
public final class IsoTimestampCast {

    /**
     * What text cast to each type passes through: made Calcite's at conversion (a literal) or by the function when it
     * runs (any other text); {@link LogTableFilterScanRule} takes a function's call on a constant for a constant.
     */
    private record Reading(SqlUserDefinedFunction function, UnaryOperator<String> text) {

        static final Reading TIMESTAMP = of("HINDSIGHT_ISO_TIMESTAMP_TEXT", "calciteText",
            IsoTimestampText::calciteText);
        static final Reading DATE = of("HINDSIGHT_ISO_DATE_TEXT", "calciteDateText", IsoTimestampText::calciteDateText);
        static final Reading TIME = of("HINDSIGHT_ISO_TIME_TEXT", "calciteTimeText", IsoTimestampText::calciteTimeText);
        // as TIMESTAMP, DATE and TIME, with NULL where they refuse the text (a field out of range, a day 0, rounded
        // past year 9999), for a cast that gives NULL on error (JSON_VALUE … RETURNING): Calcite's try and catch is
        // around its own cast only, so these refusals escaped it
        static final Reading TIMESTAMP_OR_NULL = orNull("HINDSIGHT_ISO_TIMESTAMP_TEXT_OR_NULL", "calciteTextOrNull",
            IsoTimestampCast::calciteTextOrNull);
        static final Reading DATE_OR_NULL = orNull("HINDSIGHT_ISO_DATE_TEXT_OR_NULL", "calciteDateTextOrNull",
            IsoTimestampCast::calciteDateTextOrNull);
        static final Reading TIME_OR_NULL = orNull("HINDSIGHT_ISO_TIME_TEXT_OR_NULL", "calciteTimeTextOrNull",
            IsoTimestampCast::calciteTimeTextOrNull);
        static final Reading ZONED = of("HINDSIGHT_ISO_ZONED_TEXT", "zonedText", ZonedText::zonedText);
        static final Reading ZONED_TIME = of("HINDSIGHT_ISO_ZONED_TIME_TEXT", "zonedTimeText",
            ZonedText::zonedTimeText);
        static final Reading ZONED_OR_NULL = orNull("HINDSIGHT_ISO_ZONED_TEXT_OR_NULL", "zonedTextOrNull",
            IsoTimestampCast::zonedTextOrNull);
        static final Reading ZONED_TIME_OR_NULL = orNull("HINDSIGHT_ISO_ZONED_TIME_TEXT_OR_NULL",
            "zonedTimeTextOrNull", IsoTimestampCast::zonedTimeTextOrNull);
        /** Text cast to a UUID, read as PostgreSQL reads it ({@link UuidTextCast#canonical}). */
        static final Reading UUID_TEXT = new Reading(HindsightConvertlets.function("HINDSIGHT_UUID_READ",
            ReturnTypes.ARG0_NULLABLE, SqlTypeFamily.CHARACTER, types -> types.createSqlType(SqlTypeName.VARCHAR),
            UuidTextCast.class, "canonical"), UuidTextCast::canonical);
        static final Reading UUID_TEXT_OR_NULL = orNull("HINDSIGHT_UUID_READ_OR_NULL", "uuidTextOrNull",
            IsoTimestampCast::uuidTextOrNull);
        static final List<Reading> ALL = List.of(TIMESTAMP, DATE, TIME, TIMESTAMP_OR_NULL, DATE_OR_NULL, TIME_OR_NULL,
            ZONED, ZONED_TIME, ZONED_OR_NULL, ZONED_TIME_OR_NULL, UUID_TEXT, UUID_TEXT_OR_NULL);

        private static Reading of(String name, String method, UnaryOperator<String> text) {
            return new Reading(HindsightConvertlets.function(name, ReturnTypes.ARG0_NULLABLE, SqlTypeFamily.CHARACTER,
                types -> types.createSqlType(SqlTypeName.VARCHAR), IsoTimestampCast.class, method), text);
        }

        private static Reading orNull(String name, String method, UnaryOperator<String> text) {
            return new Reading(HindsightConvertlets.function(name, ReturnTypes.ARG0_FORCE_NULLABLE,
                SqlTypeFamily.CHARACTER, types -> types.createSqlType(SqlTypeName.VARCHAR), IsoTimestampCast.class,
                method), text);
        }

        /** The reading of text cast to {@code type} by a cast that gives NULL on error, or {@code null}. */
        static Reading orNull(SqlTypeName type) {
            return switch (type) {
                case TIMESTAMP -> TIMESTAMP_OR_NULL;
                case DATE -> DATE_OR_NULL;
                case TIME -> TIME_OR_NULL;
                case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> ZONED_OR_NULL;
                case TIME_WITH_LOCAL_TIME_ZONE -> ZONED_TIME_OR_NULL;
                case UUID -> UUID_TEXT_OR_NULL;
                default -> of(type);
            };
        }

        /** The reading of text cast to {@code type}, or {@code null} if it has none. */
        static Reading of(SqlTypeName type) {
            return switch (type) {
                case TIMESTAMP -> TIMESTAMP;
                case DATE -> DATE;
                case TIME -> TIME;
                case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> ZONED;
                case TIME_WITH_LOCAL_TIME_ZONE -> ZONED_TIME;
                case UUID -> UUID_TEXT;
                default -> null;
            };
        }
    }

    private IsoTimestampCast() {
    }

    /** The convertlet of a CAST: this class's when it casts text to a type with a reading above, else {@code next}. */
    static SqlRexConvertlet cast(SqlRexConvertlet next) {
        return (cx, cast) -> {
            RelDataType from = cx.getValidator().getValidatedNodeTypeIfKnown(cast.operand(0));
            if (from == null || from.getSqlTypeName().getFamily() != SqlTypeFamily.CHARACTER
                || cast.operandCount() != 2 || !(cast.operand(1) instanceof SqlDataTypeSpec spec)) {
                return next.convertCall(cx, cast);
            }
            RelDataType to = HindsightConvertlets.castTarget(cx, cast, spec, from);
            Reading reading = Reading.of(to.getSqlTypeName());
            if (reading == null) {
                return next.convertCall(cx, cast);
            }
            RexBuilder rex = cx.getRexBuilder();
            RexNode text = cx.convertExpression(cast.operand(0));
            if (text instanceof RexLiteral literal) {
                String value = literal.getValueAs(String.class);
                String calcite = value == null ? null : reading.text.apply(value);
                text = value == null || calcite.equals(value) ? literal : rex.makeLiteral(calcite);
            } else {
                text = rex.makeCall(text.getType(), reading.function, List.of(text));
            }
            return rex.makeCast(to, text);
        };
    }

    /**
     * {@code text} as a cast to {@code to} reads it: through the reading of a TIMESTAMP, DATE or TIME when it runs
     * (for a cast the caller makes itself); any other type's text as it is. {@code safe}: for a cast that gives NULL
     * where it fails, so a time with a field out of range is NULL here too, not an error.
     */
    static RexNode read(RexBuilder rex, RexNode text, SqlTypeName to, boolean safe) {
        Reading reading = safe ? Reading.orNull(to) : Reading.of(to);
        return reading == null ? text : rex.makeCall(
            safe ? rex.getTypeFactory().createTypeWithNullability(text.getType(), true) : text.getType(),
            reading.function, List.of(text));
    }

    /** Whether {@code node} is a call of one of this class's text functions. */
    static boolean isIsoText(RexNode node) {
        if (node instanceof RexCall call) {
            for (Reading reading : Reading.ALL) {
                if (call.getOperator().equals(reading.function)) {
                    return true;
                }
            }
        }
        return false;
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

    /** {@link ZonedText#zonedText}, for generated code. */
    public static String zonedText(String text) {
        return text == null ? null : ZonedText.zonedText(text);
    }

    /** {@link ZonedText#zonedTimeText}, for generated code. */
    public static String zonedTimeText(String text) {
        return text == null ? null : ZonedText.zonedTimeText(text);
    }

    /** {@link IsoTimestampText#calciteText}, or {@code null} where it refuses the text. */
    public static String calciteTextOrNull(String text) {
        return orNull(IsoTimestampCast::calciteText, text);
    }

    /** {@link IsoTimestampText#calciteDateText}, or {@code null} where it refuses the text. */
    public static String calciteDateTextOrNull(String text) {
        return orNull(IsoTimestampCast::calciteDateText, text);
    }

    /** {@link ZonedText#zonedText}, or {@code null} where it refuses the text. */
    public static String zonedTextOrNull(String text) {
        return orNull(IsoTimestampCast::zonedText, text);
    }

    /** {@link ZonedText#zonedTimeText}, or {@code null} where it refuses the text. */
    public static String zonedTimeTextOrNull(String text) {
        return orNull(IsoTimestampCast::zonedTimeText, text);
    }

    /** {@link IsoTimestampText#calciteTimeText}, or {@code null} where it refuses a field out of range. */
    public static String calciteTimeTextOrNull(String text) {
        return orNull(IsoTimestampCast::calciteTimeText, text);
    }

    /** {@link UuidTextCast#canonical}, or {@code null} where it refuses the text. */
    public static String uuidTextOrNull(String text) {
        return orNull(UuidTextCast::canonical, text);
    }

    /** {@code reading} of {@code text}, or {@code null} where it refuses the text (an IllegalArgumentException). */
    private static String orNull(UnaryOperator<String> reading, String text) {
        try {
            return reading.apply(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
