package dev.hindsight.sql;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;

/**
 * The {@code TO_CHAR} codes whose numbers Calcite's formatter writes otherwise than PostgreSQL, written here:
 *
 * <pre>
 *   CC      the century, (year + 99) / 100: 2000 is 20 (Calcite's year / 100 + 1, 21), two digits
 *   WW      the week of the year, (day of year - 1) / 7 + 1, two digits (Calcite's 1 for 01)
 *   Y,YYY   the year with a comma after the thousands: 2026 is 2,026 (Calcite's 6,026)
 * </pre>
 *
 * each with {@code FM} before it (no padding) and {@code TH}/{@code th} after it (an ordinal suffix), and the
 * punctuation after it in its piece as written ({@link PostgresFormats#pieces} gives each code a piece of its own).
 */
final class OwnDateCodes {

    private static final List<String> CODES = List.of("Y,YYY", "CC", "WW");

    /** A piece of a format that is one of these codes. */
    record Code(boolean fillMode, String code, String suffix, String rest) {

        /** The piece's text for the time {@code at}. */
        String format(ZonedDateTime at) {
            int year = at.getYear();
            int n = switch (code) {
                case "CC" -> (year + 99) / 100;
                case "WW" -> (at.getDayOfYear() - 1) / 7 + 1;
                default -> year;
            };
            String number = code.equals("Y,YYY") ? (n / 1000) + "," + String.format(Locale.ROOT, "%03d", n % 1000)
                : fillMode ? Integer.toString(n) : String.format(Locale.ROOT, "%02d", n);
            return number + (suffix.isEmpty() ? "" : ordinal(n, suffix.equals("TH"))) + rest;
        }
    }

    private OwnDateCodes() {
    }

    /** The code {@code piece} (a code piece of a format) is, if it is one of these; else {@code null}. */
    static Code of(String piece) {
        boolean fillMode = piece.startsWith("FM");
        int i = fillMode ? 2 : 0;
        String code = null;
        for (String c : CODES) {
            if (piece.startsWith(c, i)) {
                code = c;
                break;
            }
        }
        if (code == null) {
            return null;
        }
        i += code.length();
        String suffix = piece.startsWith("TH", i) ? "TH" : piece.startsWith("th", i) ? "th" : "";
        String rest = piece.substring(i + suffix.length());
        for (int j = 0; j < rest.length(); j++) {
            if (Character.isLetter(rest.charAt(j))) {
                return null; // not a piece of one code: Calcite's
            }
        }
        return new Code(fillMode, code, suffix, rest);
    }

    /** PostgreSQL's ordinal suffix of {@code n}: st, nd, rd, th (11th, 12th, 13th), in upper case if asked. */
    private static String ordinal(int n, boolean upper) {
        int last = n % 10;
        String s = n % 100 >= 11 && n % 100 <= 13 ? "th" : last == 1 ? "st" : last == 2 ? "nd" : last == 3 ? "rd"
            : "th";
        return upper ? s.toUpperCase(Locale.ROOT) : s;
    }
}
