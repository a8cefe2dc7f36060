package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * {@code ts AT TIME ZONE zone}, as PostgreSQL answers it for a {@code timestamptz}: the wall-clock time in
 * {@code zone} of the instant {@code ts}. Hindsight's timestamps are instants written in UTC, so
 * {@code TIMESTAMP '2026-11-01 10:00:00' AT TIME ZONE 'Europe/Paris'} is {@code 2026-11-01 11:00:00}. The parser
 * writes the operator as a call of {@link #NAME}, which the validator finds as {@link #OPERATOR}
 * ({@link HindsightPreparingStmt}): a
 * TIMESTAMP(3) of a TIMESTAMP, computed on Calcite's internal UTC milliseconds so that the JVM's own time zone plays
 * no part. Public for Calcite's code generation.
 */
public final class AtTimeZoneFunction {

    /** The SQL name the parser calls. */
    static final String NAME = "HINDSIGHT_AT_TIME_ZONE";

    static final SqlUserDefinedFunction OPERATOR = new SqlUserDefinedFunction(
        new SqlIdentifier(NAME, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
        ReturnTypes.explicit(SqlTypeName.TIMESTAMP, 3).andThen(SqlTypeTransforms.TO_NULLABLE), null,
        OperandTypes.operandMetadata(List.of(SqlTypeFamily.TIMESTAMP, SqlTypeFamily.CHARACTER),
            types -> List.of(types.createSqlType(SqlTypeName.TIMESTAMP, 3), types.createSqlType(SqlTypeName.VARCHAR)),
            i -> i == 0 ? "ts" : "zone", i -> false),
        ScalarFunctionImpl.create(AtTimeZoneFunction.class, "eval"));

    /** Zone ids by their lower-case spelling: PostgreSQL matches zone names case-insensitively. */
    private static final Map<String, String> ZONES = ZoneId.getAvailableZoneIds().stream()
        .collect(Collectors.toMap(id -> id.toLowerCase(Locale.ROOT), Function.identity(), (a, b) -> a));

    private AtTimeZoneFunction() {
    }

    /**
     * The wall-clock time in {@code zone} (an IANA name such as {@code Europe/Paris}, in any case, or {@code UTC})
     * of {@code utcMillis}, both as Calcite holds a TIMESTAMP (milliseconds of the UTC wall clock); NULL if either is.
     */
    public static Long eval(Long utcMillis, String zone) {
        if (utcMillis == null || zone == null) {
            return null;
        }
        String id = ZONES.get(zone.strip().toLowerCase(Locale.ROOT));
        if (id == null) {
            throw SqlErrors.of(SqlErrors.INVALID_PARAMETER_VALUE, "time zone \"" + zone + "\" not recognized: use "
                + "an IANA name such as 'Europe/Paris' or 'UTC' (a bare offset such as '+02:00' is read with opposite "
                + "signs by PostgreSQL and by ISO 8601, so it is not taken)");
        }
        Instant instant = Instant.ofEpochMilli(utcMillis);
        return instant.atZone(ZoneId.of(id)).toLocalDateTime().toInstant(ZoneOffset.UTC).toEpochMilli();
    }
}
