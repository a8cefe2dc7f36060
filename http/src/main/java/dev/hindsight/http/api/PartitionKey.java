package dev.hindsight.http.api;

import dev.hindsight.http.server.ApiError;
import dev.hindsight.projection.ColumnType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The {@code partition} parameter of a projection read, read as a value of the key column's type and compared as SQL
 * compares ({@code WHERE key = value}): a number by its value ({@code 5} finds 5.00, {@code 01} finds 1), a
 * timestamp as the ISO-8601 instant a read shows ({@code 2026-12-04T13:09:32.298Z}), a NULL key never. Compared as
 * text, {@code partition=null} found the NULL key, a timestamp only by its epoch milliseconds and a DECIMAL only with
 * its zeros; text that is no value of the type matched nothing silently. Such text is {@code 400} naming the column.
 */
final class PartitionKey {

    private PartitionKey() {
    }

    /** Which key values equal {@code given}, read as {@code type}; 400 for text that is no such value. */
    static Predicate<Object> matching(String given, String column, ColumnType type) {
        Object wanted = switch (type) {
            case VARCHAR -> given;
            case BIGINT -> whole(given, column, type, Long.MIN_VALUE, Long.MAX_VALUE);
            case INTEGER -> (int) whole(given, column, type, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case DOUBLE -> floating(given, column);
            case DECIMAL -> decimal(given, column);
            case BOOLEAN -> bool(given, column);
            case TIMESTAMP -> ProjectionReadRoute.epochMillis(given, () -> refusal(given, column,
                "an ISO-8601 time such as 2026-11-01T10:00:00.250Z (UTC without an offset)"));
            case DATE -> (int) parsed(given, column, "a date such as 2026-11-01", LocalDate::parse).toEpochDay();
            case TIME -> (int) (parsed(given, column, "a time such as 10:00:00.250", LocalTime::parse)
                .toNanoOfDay() / 1_000_000);
            case INTERVAL_DAY_SECOND, INTERVAL_HOUR_SECOND, INTERVAL_YEAR_MONTH -> throw ApiError.badRequest(
                "query parameter partition cannot name an interval: key column " + column + " is one; read the "
                    + "projection with POST /v1/sql");
        };
        if (wanted instanceof BigDecimal d) {
            return v -> v instanceof BigDecimal b && b.compareTo(d) == 0;
        }
        if (wanted instanceof Double d) {
            // a REAL key is a Float: compared at its own precision (0.1 finds the REAL 0.1)
            return v -> v instanceof Double x ? Double.compare(x == 0.0 ? 0.0 : x, d == 0.0 ? 0.0 : d) == 0
                : v instanceof Float f && Float.compare(f == 0.0f ? 0.0f : f, d.floatValue() == 0.0f ? 0.0f
                    : d.floatValue()) == 0;
        }
        if (wanted instanceof Integer || wanted instanceof Long) {
            // a SMALLINT or TINYINT key (an INTEGER column here) is a Short or a Byte
            long n = ((Number) wanted).longValue();
            return v -> (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte)
                && ((Number) v).longValue() == n;
        }
        return wanted::equals; // a NULL key (null) equals nothing
    }

    private static long whole(String given, String column, ColumnType type, long min, long max) {
        BigDecimal value = decimal(given, column);
        try {
            long n = value.longValueExact();
            if (n >= min && n <= max) {
                return n;
            }
        } catch (ArithmeticException e) {
            // a fraction, or beyond a long: refused below
        }
        throw refusal(given, column, "a whole number within " + type.name());
    }

    private static double floating(String given, String column) {
        String s = given.strip();
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "nan" -> Double.NaN;
            case "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
            case "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> decimal(given, column).doubleValue();
        };
    }

    private static BigDecimal decimal(String given, String column) {
        try {
            return new BigDecimal(given.strip());
        } catch (NumberFormatException e) {
            throw refusal(given, column, "a number");
        }
    }

    private static boolean bool(String given, String column) {
        return switch (given.strip().toLowerCase(Locale.ROOT)) {
            case "true", "t", "yes", "y", "on", "1" -> true;
            case "false", "f", "no", "n", "off", "0" -> false;
            default -> throw refusal(given, column, "true or false");
        };
    }

    private static <T> T parsed(String given, String column, String what, Function<String, T> parse) {
        try {
            return parse.apply(given.strip());
        } catch (DateTimeParseException e) {
            throw refusal(given, column, what);
        }
    }

    private static ApiError refusal(String given, String column, String what) {
        return ApiError.badRequest("query parameter partition must be " + what + ", as key column " + column
            + " is, was '" + given + "'");
    }
}
