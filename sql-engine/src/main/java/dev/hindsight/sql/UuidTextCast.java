package dev.hindsight.sql;

import dev.hindsight.sql.parser.UuidText;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexConvertlet;

/**
 * A UUID cast to text is its 36 characters, whatever holds it: Calcite's code took a UUID parameter for an
 * {@code Object} its own function would not take ({@code CAST(CAST(? AS UUID) AS VARCHAR)} did not compile, XX000).
 * Text cast to a UUID is read as PostgreSQL reads it ({@link #canonical}, the reading {@link IsoTimestampCast} gives
 * such a cast): Java's {@code UUID.fromString} took {@code '1-2-3-4-5'} for a UUID and braces or 32 bare digits for
 * an internal error.
 * Public for Calcite's generated code.
 */
public final class UuidTextCast {

    private static final SqlUserDefinedFunction TEXT = HindsightConvertlets.function("HINDSIGHT_UUID_TEXT",
        ReturnTypes.VARCHAR_NULLABLE, SqlTypeFamily.ANY, types -> types.createSqlType(SqlTypeName.UUID),
        UuidTextCast.class, "text");

    private UuidTextCast() {
    }

    /** The convertlet of a CAST: this class's when it casts a UUID to text, else {@code next}. */
    static SqlRexConvertlet cast(SqlRexConvertlet next) {
        return HindsightConvertlets.castToText(next, from -> from == SqlTypeName.UUID ? TEXT : null);
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
