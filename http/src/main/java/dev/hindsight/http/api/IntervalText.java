package dev.hindsight.http.api;

/**
 * An interval as PostgreSQL writes one ({@code IntervalStyle} postgres): {@code 1 day 02:03:04.5}, {@code -01:00:00},
 * {@code 1 year 2 mons}. For a projection's interval columns, whose values are Calcite's numbers (milliseconds,
 * months), which the read route wrote as bare numbers.
 */
final class IntervalText {

    private static final long DAY_MS = 86_400_000L;

    private IntervalText() {
    }

    /** A day-time interval of {@code ms} milliseconds, its whole days apart ({@code 1 day 01:00:00}). */
    static String ofMillis(long ms) {
        return ofMillis(ms, true);
    }

    /**
     * A day-time interval of {@code ms} milliseconds; with {@code days}, its whole days apart ({@code 1 day
     * 01:00:00}, as an interval of days or a difference of timestamps prints), else all in hours ({@code 25:00:00}, as
     * PostgreSQL prints {@code INTERVAL '25' HOUR}).
     */
    static String ofMillis(long ms, boolean days) {
        return days ? withDays(ms) : time(new StringBuilder(), ms, Math.abs(ms)).toString();
    }

    private static String withDays(long ms) {
        long days = ms / DAY_MS; // toward zero, as PostgreSQL keeps days and time of one sign here
        long rest = Math.abs(ms % DAY_MS);
        StringBuilder out = new StringBuilder();
        if (days != 0) {
            out.append(days).append(days == 1 ? " day" : " days");
        }
        if (rest != 0 || days == 0) {
            if (days != 0) {
                out.append(' ');
            }
            time(out, ms, rest);
        }
        return out.toString();
    }

    /** {@code [-]HH:MM:SS[.fff]} of {@code rest} milliseconds, the sign {@code ms}'s. */
    private static StringBuilder time(StringBuilder out, long ms, long rest) {
        if (ms < 0) {
            out.append('-');
        }
        long seconds = rest / 1000;
        out.append(String.format("%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60));
        return out.append(fraction(rest % 1000));
    }

    /**
     * The fraction of a second of {@code millis} (0 – 999) as PostgreSQL writes it, after the seconds of an interval
     * or a time of day: {@code .26} for 260, {@code .005} for 5, nothing for 0.
     */
    static String fraction(long millis) {
        return millis == 0 ? "" : String.format(".%03d", millis).replaceAll("0+$", "");
    }

    /** A year-month interval of {@code months} months. */
    static String ofMonths(int months) {
        if (months == 0) {
            return "00:00:00"; // as PostgreSQL writes any empty interval
        }
        int years = months / 12;
        int rest = months % 12;
        StringBuilder out = new StringBuilder();
        if (years != 0) {
            out.append(years).append(years == 1 ? " year" : " years");
        }
        if (rest != 0) {
            if (years != 0) {
                out.append(' ');
            }
            out.append(rest).append(rest == 1 ? " mon" : " mons");
        }
        return out.toString();
    }
}
