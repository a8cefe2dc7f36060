package dev.hindsight.sql;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexConvertlet;

/**
 * Casts to a TIMESTAMP, TIME or TIMESTAMP WITH LOCAL TIME ZONE keep the fraction of a second as PostgreSQL does.
 * Calcite's cast to fewer digits than the value has cut them off in a literal ({@code CAST(TIMESTAMP '… 10:00:00.567'
 * AS TIMESTAMP(0))} was 10:00:00) and kept them all in a column or a parameter, which then compared and printed as
 * more precise than its type; PostgreSQL rounds to the type's digits (10:00:01). And Calcite's cast between a
 * TIMESTAMP and a TIMESTAMP WITH LOCAL TIME ZONE went through text without a fraction, dropping the milliseconds;
 * the session's zone is UTC, so the two hold the same instant and the cast keeps the value as it is.
 *
 * <p>The convertlet converts the cast at the milliseconds' precision (3, the finest Hindsight keeps), so every other
 * reading of the value (text as ISO-8601, {@link IsoTimestampCast}) applies, then rounds to the type's digits with
 * {@link #round}. {@link HindsightConvertlets} sends every cast here. Public for Calcite's generated code.
 */
@Strict // NULL in, NULL out: Calcite's generated code calls the methods with values only
public final class DatetimeCasts {

    /** Milliseconds: the precision of every TIMESTAMP and TIME value Hindsight holds. */
    private static final int MILLIS = 3;

    /** 2000-01-01 in milliseconds since 1970: PostgreSQL's epoch, around which it rounds (see {@link #round}). */
    private static final long POSTGRES_EPOCH = 946_684_800_000L;

    private static final SqlUserDefinedFunction ROUND = HindsightConvertlets.function("HINDSIGHT_ROUND_TIMESTAMP",
        ReturnTypes.ARG0_NULLABLE, List.of(SqlTypeFamily.TIMESTAMP, SqlTypeFamily.INTEGER),
        types -> List.of(types.createSqlType(SqlTypeName.TIMESTAMP, MILLIS), types.createSqlType(SqlTypeName.INTEGER)),
        DatetimeCasts.class, "round");

    private static final SqlUserDefinedFunction ROUND_TIME = HindsightConvertlets.function("HINDSIGHT_ROUND_TIME",
        ReturnTypes.ARG0_NULLABLE, List.of(SqlTypeFamily.TIME, SqlTypeFamily.INTEGER),
        types -> List.of(types.createSqlType(SqlTypeName.TIME, MILLIS), types.createSqlType(SqlTypeName.INTEGER)),
        DatetimeCasts.class, "roundTime");

    private static final SqlUserDefinedFunction MILLIS_TEXT = HindsightConvertlets.function("HINDSIGHT_MILLIS_TEXT",
        ReturnTypes.ARG0_NULLABLE, SqlTypeFamily.CHARACTER, types -> types.createSqlType(SqlTypeName.VARCHAR),
        DatetimeCasts.class, "millisText");

    /** A fraction of a second with more than three digits, its first three the group. */
    private static final Pattern LONG_FRACTION = Pattern.compile(
        "(:\\d{2}\\.\\d{3})\\d+");

    private DatetimeCasts() {
    }

    /** The convertlet of a CAST: this class's when it casts to a TIMESTAMP, TIME or zoned TIMESTAMP, else next's. */
    static SqlRexConvertlet cast(SqlRexConvertlet next) {
        return (cx, cast) -> {
            RelDataType from = cx.getValidator().getValidatedNodeTypeIfKnown(cast.operand(0));
            if (from == null || cast.operandCount() != 2 || !(cast.operand(1) instanceof SqlDataTypeSpec spec)) {
                return next.convertCall(cx, cast);
            }
            RelDataType to = HindsightConvertlets.castTarget(cx, cast, spec, from);
            SqlTypeName name = to.getSqlTypeName();
            boolean rounds = to.getPrecision() < MILLIS && (name == SqlTypeName.TIMESTAMP || name == SqlTypeName.TIME
                || name == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE);
            boolean rezones = zoneless(from.getSqlTypeName()) != null
                && zoneless(name) == zoneless(from.getSqlTypeName()) && name != from.getSqlTypeName();
            if (!rounds && !rezones) {
                return next.convertCall(cx, cast);
            }
            RexBuilder rex = cx.getRexBuilder();
            RelDataTypeFactory types = cx.getTypeFactory();
            RelDataType full = types.createTypeWithNullability(types.createSqlType(name, MILLIS), to.isNullable());
            RexNode value;
            if (rezones) {
                value = rex.makeReinterpretCast(full, cx.convertExpression(cast.operand(0)), rex.makeLiteral(false));
            } else if (SqlTypeUtil.inCharFamily(from)) {
                // the text's fraction cut to milliseconds first: read at 3 digits it would be rounded there, then
                // rounded again (10:00:00.4996 to 10:00:00.500, then to 10:00:01; PostgreSQL's is 10:00:00)
                RexNode text = cx.convertExpression(cast.operand(0));
                RexNode cut = rex.makeCall(text.getType(), MILLIS_TEXT, List.of(text));
                value = rex.makeCast(full, IsoTimestampCast.read(rex, cut, name, false));
            } else {
                SqlCall atMillis = SqlStdOperatorTable.CAST.createCall(cast.getParserPosition(), cast.operand(0),
                    new SqlDataTypeSpec(new SqlBasicTypeNameSpec(name, MILLIS, SqlParserPos.ZERO), SqlParserPos.ZERO));
                value = next.convertCall(cx, atMillis);
            }
            if (!rounds) {
                return value;
            }
            return rounded(rex, to, value);
        };
    }

    /** Whether {@code op} reads the clock: {@code CURRENT_TIMESTAMP}, {@code LOCALTIMESTAMP} and their kin. */
    static boolean readsClock(SqlOperator op) {
        return SqlStdOperatorTable.CURRENT_TIMESTAMP.equals(op) || SqlStdOperatorTable.LOCALTIMESTAMP.equals(op)
            || SqlStdOperatorTable.CURRENT_TIME.equals(op) || SqlStdOperatorTable.LOCALTIME.equals(op);
    }

    /**
     * {@code call}, or if it reads the clock with no precision given, the same call with the milliseconds' (3): the
     * digits its value holds. Calcite typed it with none ({@code TIMESTAMP(0)}), so a driver's {@code getString} cut
     * them (PostgreSQL's keep microseconds). For {@code NOW()} written out and JDBC's {@code {fn NOW()}} alike.
     */
    static SqlCall withMillis(SqlCall call) {
        if (call.operandCount() != 0 || !readsClock(call.getOperator())) {
            return call;
        }
        return call.getOperator().createCall(call.getParserPosition(),
            SqlLiteral.createExactNumeric(String.valueOf(MILLIS), call.getParserPosition()));
    }

    /**
     * The convertlet of {@code CURRENT_TIMESTAMP(p)}, {@code LOCALTIMESTAMP(p)}, {@code CURRENT_TIME(p)} and
     * {@code LOCALTIME(p)}: the clock's milliseconds rounded to {@code p} digits, as PostgreSQL rounds them. Calcite
     * typed the value with {@code p} digits and kept the milliseconds in it, so {@code CURRENT_TIMESTAMP(0)} printed
     * whole seconds through a driver but compared, cast and extracted with its milliseconds
     * ({@code CURRENT_TIMESTAMP(0) = CAST(CURRENT_TIMESTAMP(0) AS TIMESTAMP(0))} was false).
     */
    static SqlRexConvertlet clock(SqlRexConvertlet next) {
        return (cx, call) -> {
            RexNode value = next.convertCall(cx, call);
            RelDataType to = value.getType();
            SqlTypeName name = to.getSqlTypeName();
            if (to.getPrecision() >= MILLIS || (name != SqlTypeName.TIMESTAMP && name != SqlTypeName.TIME)) {
                return value;
            }
            RexBuilder rex = cx.getRexBuilder();
            RelDataTypeFactory types = cx.getTypeFactory();
            RelDataType full = types.createTypeWithNullability(types.createSqlType(name, MILLIS), to.isNullable());
            return rounded(rex, to, rex.makeReinterpretCast(full, value, rex.makeLiteral(false)));
        };
    }

    /** {@code value}, of milliseconds, rounded to the digits of its type {@code to} (a TIME's or a TIMESTAMP's). */
    private static RexNode rounded(RexBuilder rex, RelDataType to, RexNode value) {
        return rex.makeCall(to, to.getSqlTypeName() == SqlTypeName.TIME ? ROUND_TIME : ROUND,
            List.of(value, rex.makeExactLiteral(BigDecimal.valueOf(to.getPrecision()))));
    }

    /** TIMESTAMP for both TIMESTAMPs, with and without the local zone, else null: the pair a cast reinterprets. */
    private static SqlTypeName zoneless(SqlTypeName name) {
        return name == SqlTypeName.TIMESTAMP || name == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE
            ? SqlTypeName.TIMESTAMP : null;
    }

    /**
     * {@code millis} (since 1970, UTC) rounded to {@code digits} digits of a second, a half away from PostgreSQL's
     * epoch as PostgreSQL rounds ({@code AdjustTimestampForTypmod}): up from 2000 on, down before it.
     */
    public static long round(long millis, int digits) {
        long scale = scale(digits);
        long sinceEpoch = millis - POSTGRES_EPOCH;
        long rounded = sinceEpoch >= 0 ? (sinceEpoch + scale / 2) / scale * scale
            : -((-sinceEpoch + scale / 2) / scale * scale);
        return rounded + POSTGRES_EPOCH;
    }

    /**
     * {@code millisOfDay} rounded to {@code digits} digits of a second, a half up; 23:59:59.6 to whole seconds is
     * 24:00:00, as in PostgreSQL.
     */
    public static int roundTime(int millisOfDay, int digits) {
        int scale = (int) scale(digits);
        return (millisOfDay + scale / 2) / scale * scale;
    }

    /** {@code text}, a time written with a fraction of more than three digits, with the rest cut off. */
    public static String millisText(String text) {
        return text.indexOf('.') < 0 ? text : LONG_FRACTION.matcher(text).replaceFirst("$1");
    }

    private static long scale(int digits) {
        return digits <= 0 ? 1000 : digits == 1 ? 100 : 10;
    }
}
