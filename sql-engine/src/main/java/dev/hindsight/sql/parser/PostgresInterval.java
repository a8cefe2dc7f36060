package dev.hindsight.sql.parser;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.SqlParserUtil;

/**
 * PostgreSQL's interval literal with its units inside the string — {@code interval '1 day'},
 * {@code '2 hours 30 minutes'}, {@code '1 year 2 months'}, {@code '1 week'}, with a time of day ({@code '01:30:00'},
 * {@code '1 day 02:00'}) or in ISO-8601's designators ({@code 'P1DT2H'}) — as Calcite's day-time
 * ({@code DAY TO SECOND}) or year-month ({@code YEAR TO MONTH}) literal. Called from the grammar
 * ({@code hindsightInterval} in parserImpls.ftl) when no qualifier follows the string.
 */
public final class PostgresInterval {

    private static final long MILLIS_PER_DAY = 86400000L;
    /** A time of day in an interval's text: hours, minutes and optional seconds, with an optional sign. */
    private static final Pattern CLOCK =
        Pattern.compile("([+-]?)(\\d{1,9}):(\\d{1,2})(?::(\\d{1,2}(?:\\.\\d{1,9})?))?");
    private static final String NUMBER = "([+-]?\\d+(?:\\.\\d+)?)";
    /** ISO-8601's duration with designators, lower-cased: {@code p1y2m3w4dt5h6m7.5s}, each part optional. */
    private static final Pattern ISO = Pattern.compile("p(?:" + NUMBER + "y)?(?:" + NUMBER + "m)?(?:" + NUMBER
        + "w)?(?:" + NUMBER + "d)?(?:t(?:" + NUMBER + "h)?(?:" + NUMBER + "m)?(?:" + NUMBER + "s)?)?");
    private static final String[] ISO_UNITS = {"year", "mon", "week", "day", "hour", "min", "sec"};

    private PostgresInterval() {
    }

    /**
     * The literal for {@code text} with {@code sign} (the {@code -} written before the string, if any).
     *
     * @throws Refused naming what is wrong with {@code text}
     */
    public static SqlLiteral literal(SqlParserPos pos, int sign, String text) {
        try {
            return parse(pos, sign, text);
        } catch (ArithmeticException e) {
            throw new Refused("interval '" + text + "': years and months must be whole numbers, and every amount "
                + "within range", e);
        } catch (Refused e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new Refused(e.getMessage(), e);
        }
    }

    /** Interval text that cannot be read: 22007 wherever it is met, as PostgreSQL's "invalid input syntax". */
    public static final class Refused extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static SqlLiteral parse(SqlParserPos pos, int sign, String text) {
        String lower = text.strip().toLowerCase(Locale.ROOT);
        boolean iso = ISO.matcher(lower).matches() && lower.length() > 1 && !lower.endsWith("t");
        String[] words = (iso ? isoWords(lower) : lower).split("\\s+", -1);
        if (text.isBlank()) {
            throw wordsNeeded(text);
        }
        long months = 0;
        BigDecimal millis = BigDecimal.ZERO;
        int i = 0;
        boolean clocked = false;
        while (i < words.length) {
            Matcher clock = CLOCK.matcher(words[i]);
            if (clock.matches()) { // hh:mm[:ss[.f]], PostgreSQL's time of an interval: '1 day 01:30:00'
                if (clocked) {
                    throw new IllegalArgumentException("interval '" + text + "': one time of day at most");
                }
                clocked = true;
                millis = millis.add(clockMillis(text, clock));
                i++;
                continue;
            }
            if (i + 1 == words.length) {
                throw wordsNeeded(text);
            }
            BigDecimal amount = amount(text, words[i]);
            String unit = words[i + 1];
            long monthsPerUnit = monthsPer(unit);
            if (monthsPerUnit > 0) {
                months += amount.multiply(BigDecimal.valueOf(monthsPerUnit)).longValueExact();
            } else {
                millis = millis.add(amount.multiply(BigDecimal.valueOf(millisPer(text, unit))));
            }
            i += 2;
        }
        if (months != 0 && millis.signum() != 0) {
            throw new IllegalArgumentException("interval '" + text + "' mixes months with days or times, which SQL "
                + "keeps apart: add two intervals, e.g. interval '1 month' + interval '2 days'");
        }
        int signed = sign;
        if (months < 0 || millis.signum() < 0) { // Calcite's literal strings are unsigned: the sign goes outside
            signed = -signed;
            months = -months;
            millis = millis.negate();
        }
        if (months != 0) {
            return SqlParserUtil.parseIntervalLiteral(pos, signed, months / 12 + "-" + months % 12,
                new SqlIntervalQualifier(TimeUnit.YEAR, 9, TimeUnit.MONTH, RelDataType.PRECISION_NOT_SPECIFIED, pos));
        }
        long ms = millis.setScale(0, RoundingMode.HALF_UP).longValueExact();
        String dayTime = ms / MILLIS_PER_DAY + " " + ms / 3600000L % 24 + ":" + ms / 60000L % 60 + ":"
            + ms / 1000 % 60 + "." + String.format(Locale.ROOT, "%03d", ms % 1000);
        return SqlParserUtil.parseIntervalLiteral(pos, signed, dayTime,
            new SqlIntervalQualifier(TimeUnit.DAY, 9, TimeUnit.SECOND, 3, pos));
    }

    private static IllegalArgumentException wordsNeeded(String text) {
        return new IllegalArgumentException("interval '" + text + "': write amounts with units, e.g. "
            + "interval '1 day 2 hours', '01:30:00', 'P1DT2H', or INTERVAL '1' DAY");
    }

    /** ISO-8601's {@code P1Y2M3DT4H5M6S} as the words PostgreSQL's own form spells it: {@code 1 year 2 mon …}. */
    private static String isoWords(String iso) {
        Matcher m = ISO.matcher(iso);
        m.matches();
        StringBuilder words = new StringBuilder();
        for (int g = 1; g <= ISO_UNITS.length; g++) {
            if (m.group(g) != null) {
                words.append(m.group(g)).append(' ').append(ISO_UNITS[g - 1]).append(' ');
            }
        }
        return words.toString().strip();
    }

    private static BigDecimal clockMillis(String text, Matcher clock) {
        BigDecimal seconds = clock.group(4) == null ? BigDecimal.ZERO : new BigDecimal(clock.group(4));
        if (Integer.parseInt(clock.group(3)) > 59 || seconds.compareTo(BigDecimal.valueOf(60)) >= 0) {
            throw new IllegalArgumentException("interval '" + text + "': field value out of range (minutes and "
                + "seconds below 60)");
        }
        BigDecimal ms = BigDecimal.valueOf(Long.parseLong(clock.group(2)) * 3_600_000L
            + Long.parseLong(clock.group(3)) * 60_000L).add(seconds.movePointRight(3));
        return clock.group(1).equals("-") ? ms.negate() : ms;
    }

    private static BigDecimal amount(String text, String word) {
        try {
            return new BigDecimal(word);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("interval '" + text + "': \"" + word + "\" is not a number");
        }
    }

    /** Months in one {@code unit}, or 0 for a day-time unit. */
    private static long monthsPer(String unit) {
        return switch (unit) {
            case "year", "years", "y" -> 12;
            case "mon", "mons", "month", "months" -> 1;
            default -> 0;
        };
    }

    private static long millisPer(String text, String unit) {
        return switch (unit) {
            case "week", "weeks", "w" -> 7 * MILLIS_PER_DAY;
            case "day", "days", "d" -> MILLIS_PER_DAY;
            case "hour", "hours", "h" -> 3600000L;
            case "minute", "minutes", "min", "mins", "m" -> 60000L;
            case "second", "seconds", "sec", "secs", "s" -> 1000L;
            case "millisecond", "milliseconds", "ms" -> 1L;
            default -> throw new IllegalArgumentException("interval '" + text + "': unknown unit \"" + unit
                + "\" (year, month, week, day, hour, minute, second, millisecond)");
        };
    }
}
