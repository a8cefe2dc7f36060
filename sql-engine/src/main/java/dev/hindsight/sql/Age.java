package dev.hindsight.sql;

import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * PostgreSQL's {@code AGE(t1, t2)}: {@code t1 - t2} in years, months, days and time, written as PostgreSQL writes an
 * interval ({@code 1 mon 2 days}, {@code -1 mons -1 days 12:00:00}), as text. Calcite's borrowed a day shortfall from
 * the later date's month where PostgreSQL borrows from the earlier one's ({@code AGE('2024-05-01', '2024-03-30')} was
 * {@code 1 mon 1 day}; PostgreSQL's is {@code 1 mon 2 days}), and its one-argument form counted from now, not from
 * today's midnight ({@link PostgresSpellings} writes {@code AGE(x)} as {@code AGE(CURRENT_DATE, x)}). Calcite holds a
 * TIMESTAMP as milliseconds from 1970-01-01. Public for Calcite's generated code.
 */
@Strict // NULL in, NULL out: Calcite's generated code calls age with values only
public final class Age {

    static final SqlUserDefinedFunction AGE = new SqlUserDefinedFunction(
        new SqlIdentifier("AGE", SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
        ReturnTypes.explicit(SqlTypeName.VARCHAR).andThen(SqlTypeTransforms.TO_NULLABLE), null,
        OperandTypes.operandMetadata(List.of(SqlTypeFamily.TIMESTAMP, SqlTypeFamily.TIMESTAMP),
            types -> List.of(types.createSqlType(SqlTypeName.TIMESTAMP, 3),
                types.createSqlType(SqlTypeName.TIMESTAMP, 3)),
            i -> List.of("t1", "t2").get(i), i -> false),
        ScalarFunctionImpl.create(Age.class, "age"));

    /** The function as the validator finds it. */
    static final List<SqlOperator> FUNCTIONS = List.of(AGE);

    private Age() {
    }

    /** {@code t1 - t2} field by field, borrowing as PostgreSQL's {@code timestamp_age} does, as its interval text. */
    public static String age(long t1, long t2) {
        LocalDateTime a = LocalDateTime.ofEpochSecond(Math.floorDiv(t1, 1000), 0, ZoneOffset.UTC);
        LocalDateTime b = LocalDateTime.ofEpochSecond(Math.floorDiv(t2, 1000), 0, ZoneOffset.UTC);
        long sign = t1 < t2 ? -1 : 1;
        long millis = sign * (Math.floorMod(t1, 1000L) - Math.floorMod(t2, 1000L));
        long sec = sign * ((long) a.getSecond() - b.getSecond());
        long min = sign * ((long) a.getMinute() - b.getMinute());
        long hour = sign * ((long) a.getHour() - b.getHour());
        long day = sign * ((long) a.getDayOfMonth() - b.getDayOfMonth());
        long mon = sign * ((long) a.getMonthValue() - b.getMonthValue());
        long year = sign * ((long) a.getYear() - b.getYear());
        for (; millis < 0; millis += 1000) {
            sec--;
        }
        for (; sec < 0; sec += 60) {
            min--;
        }
        for (; min < 0; min += 60) {
            hour--;
        }
        for (; hour < 0; hour += 24) {
            day--;
        }
        // a day shortfall is made up from the month of the earlier of the two, as PostgreSQL's
        LocalDateTime earlier = sign < 0 ? a : b;
        for (; day < 0; day += YearMonth.of(earlier.getYear(), earlier.getMonthValue()).lengthOfMonth()) {
            mon--;
        }
        for (; mon < 0; mon += 12) {
            year--;
        }
        return text(sign * year, sign * mon, sign * day, sign * hour, sign * min, sign * sec, sign * millis);
    }

    /** PostgreSQL's interval text (IntervalStyle postgres): {@code 2 years 10 mons 13:29:44.75}. */
    private static String text(long year, long mon, long day, long hour, long min, long sec, long millis) {
        StringBuilder out = new StringBuilder();
        boolean before = part(out, year, "year", false);
        before = part(out, mon, "mon", before);
        before = part(out, day, "day", before);
        if (hour != 0 || min != 0 || sec != 0 || millis != 0 || out.length() == 0) {
            boolean minus = hour < 0 || min < 0 || sec < 0 || millis < 0;
            out.append(out.length() == 0 ? "" : " ").append(minus ? "-" : before ? "+" : "")
                .append(two(Math.abs(hour))).append(':').append(two(Math.abs(min))).append(':')
                .append(two(Math.abs(sec)));
            if (millis != 0) {
                out.append('.').append(String.format(Locale.ROOT, "%03d", Math.abs(millis)).replaceAll("0+$", ""));
            }
        }
        return out.toString();
    }

    /** Appends {@code value units} if it is not zero; whether the field written last was negative. */
    private static boolean part(StringBuilder out, long value, String units, boolean before) {
        if (value == 0) {
            return before;
        }
        out.append(out.length() == 0 ? "" : " ").append(before && value > 0 ? "+" : "").append(value).append(' ')
            .append(units).append(value != 1 ? "s" : "");
        return value < 0;
    }

    private static String two(long n) {
        return n < 10 ? "0" + n : Long.toString(n);
    }
}
