package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code TO_CHAR(number, format)} as PostgreSQL prints it (its {@code formatting.c}, C locale), read from one format:
 *
 * <pre>
 *   9  a digit, a leading zero as a blank     0  a digit, zeros from the first 0 on printed
 *   . or D  the decimal point                 , or G  a group separator (a blank among leading blanks)
 *   S  the sign next to the number            MI / PL / SG  minus / plus / either, where written
 *   PR  a negative number in angle brackets   FM  no blanks, no trailing zeros of 9s
 *   TH / th  the ordinal suffix               "text" and any other character  printed as it is
 * </pre>
 *
 * Without S, MI or SG the number has a column for its minus sign on the left; a value rounds half away from zero to
 * the format's fraction digits (a DOUBLE to 15 significant digits first, a REAL to 6, as PostgreSQL's); a number with
 * more whole digits than the format has is {@code #} in every digit. Codes are read in either case, as PostgreSQL reads
 * them ({@code 's'} in {@code '999 units'} is a sign). {@code V}, {@code EEEE}, {@code RN}, {@code L}, {@code B},
 * {@code C} and {@code SP} are refused with 0A000.
 */
final class PostgresNumberFormat {

    /** One piece of a format: a code, or text printed as it is. */
    private record Token(Code code, String text) {
    }

    private enum Code { NINE, ZERO, POINT, GROUP, S, MI, PL, SG, PR, TH_UPPER, TH_LOWER, TEXT }

    /** The codes by their spelling, the longer first where one starts another. */
    private static final List<String> NAMES = List.of("EEEE", "FM", "MI", "PL", "SG", "PR", "RN", "TH", "SP", "9",
        "0", ".", "D", ",", "G", "S", "V", "L", "B", "C");

    private final String text;
    private final List<Token> tokens;
    private final boolean fill;
    private final int wholeDigits;
    private final int fractionDigits;
    private final boolean signColumn;

    private PostgresNumberFormat(String text, List<Token> tokens, boolean fill) {
        this.text = text;
        this.tokens = tokens;
        this.fill = fill;
        int whole = 0;
        int fraction = 0;
        boolean point = false;
        boolean column = true;
        for (Token t : tokens) {
            switch (t.code) {
                case NINE, ZERO -> {
                    if (point) {
                        fraction++;
                    } else {
                        whole++;
                    }
                }
                case POINT -> point = true;
                case S, MI, SG -> column = false;
                default -> {
                }
            }
        }
        this.wholeDigits = whole;
        this.fractionDigits = fraction;
        this.signColumn = column;
    }

    /** The format's text. */
    String text() {
        return text;
    }

    /** {@code format} read; 0A000 for a code Hindsight does not print. */
    static PostgresNumberFormat of(String format) {
        List<Token> tokens = new ArrayList<>();
        boolean fill = false;
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c == '"') {
                int close = format.indexOf('"', i + 1);
                int end = close < 0 ? format.length() : close;
                tokens.add(new Token(Code.TEXT, format.substring(i + 1, end)));
                i = close < 0 ? end : close + 1;
                continue;
            }
            String name = code(format, i);
            if (name == null) {
                tokens.add(new Token(Code.TEXT, String.valueOf(c)));
                i++;
                continue;
            }
            i += name.length();
            switch (name) {
                case "FM" -> fill = true;
                case "9" -> tokens.add(new Token(Code.NINE, name));
                case "0" -> tokens.add(new Token(Code.ZERO, name));
                case ".", "D" -> tokens.add(new Token(Code.POINT, name));
                case ",", "G" -> tokens.add(new Token(Code.GROUP, name));
                case "S" -> tokens.add(new Token(Code.S, name));
                case "MI" -> tokens.add(new Token(Code.MI, name));
                case "PL" -> tokens.add(new Token(Code.PL, name));
                case "SG" -> tokens.add(new Token(Code.SG, name));
                case "PR" -> tokens.add(new Token(Code.PR, name));
                case "TH" -> tokens.add(new Token(Character.isUpperCase(format.charAt(i - 2)) ? Code.TH_UPPER
                    : Code.TH_LOWER, name));
                default -> throw SqlErrors.of(SqlErrors.FEATURE_NOT_SUPPORTED, "TO_CHAR of a number: the format code "
                    + name + " in '" + format + "' is not supported (9 0 . D , G S MI PL SG PR FM TH are)");
            }
        }
        return new PostgresNumberFormat(format, List.copyOf(tokens), fill);
    }

    /** The code spelled at {@code at} in {@code format}, in either case, or null if none. */
    private static String code(String format, int at) {
        for (String name : NAMES) {
            if (format.regionMatches(true, at, name, 0, name.length())) {
                return name;
            }
        }
        return null;
    }

    /** A DOUBLE printed: rounded to 15 significant digits first, as PostgreSQL's {@code float8} is. */
    String format(double value) {
        return Double.isFinite(value) ? format(new BigDecimal(Double.toString(value)).round(new MathContext(15)))
            : overflow();
    }

    /** A REAL printed: rounded to 6 significant digits first, as PostgreSQL's {@code float4} is. */
    String format(float value) {
        return Float.isFinite(value) ? format(new BigDecimal(Float.toString(value)).round(new MathContext(6)))
            : overflow();
    }

    /** {@code value} printed with this format. */
    String format(BigDecimal value) {
        BigDecimal rounded = value.setScale(fractionDigits, RoundingMode.HALF_UP);
        boolean negative = rounded.signum() < 0;
        String digits = rounded.abs().toPlainString();
        int dot = digits.indexOf('.');
        String whole = dot < 0 ? digits : digits.substring(0, dot);
        String fraction = dot < 0 ? "" : digits.substring(dot + 1);
        if (whole.equals("0")) {
            whole = "";
        }
        if (whole.length() > wholeDigits) {
            return overflow();
        }
        int shown = shownFraction(fraction);
        // a zero whole part prints its last digit when nothing of the fraction is printed (0, '999' is '   0')
        boolean lastZero = whole.isEmpty() && shown == 0 && wholeDigits > 0;
        int firstZeroCode = digitCodes(false).indexOf(Code.ZERO);
        int lead = wholeDigits - whole.length(); // leading positions without a digit of the number

        StringBuilder out = new StringBuilder();
        int numberFirst = -1; // where the number's first position is, printed or blank
        int firstPrinted = -1; // where its first printed character is
        int lastPrinted = -1; // and just after its last
        int wholeAt = 0;
        int fractionAt = 0;
        boolean afterPoint = false;
        boolean signBefore = false;
        for (Token t : tokens) {
            if ((t.code == Code.NINE || t.code == Code.ZERO || (t.code == Code.POINT && fractionDigits > 0))
                && numberFirst < 0) {
                numberFirst = out.length();
            }
            char printed = 0;
            switch (t.code) {
                case NINE, ZERO -> {
                    if (!afterPoint) {
                        int at = wholeAt++;
                        if (at >= lead) {
                            printed = whole.charAt(at - lead);
                        } else if ((firstZeroCode >= 0 && at >= firstZeroCode) || (lastZero && at == wholeDigits - 1)) {
                            printed = '0';
                        } else if (!fill) {
                            out.append(' ');
                        }
                    } else {
                        int at = fractionAt++;
                        if (at < shown) {
                            printed = fraction.charAt(at);
                        }
                    }
                }
                case POINT -> {
                    afterPoint = true;
                    printed = fractionDigits > 0 ? '.' : 0; // PostgreSQL prints no point without digits after it
                }
                case GROUP -> {
                    if (firstPrinted >= 0 && !afterPoint) {
                        out.append(',');
                    } else if (!fill) {
                        out.append(' ');
                    }
                }
                case S -> {
                    if (firstPrinted < 0) {
                        signBefore = true; // placed next to the number's first character below
                    } else {
                        out.insert(lastPrinted, negative ? '-' : '+');
                        lastPrinted++;
                    }
                }
                case MI -> appendUnlessFilled(out, negative ? "-" : " ");
                case PL -> appendUnlessFilled(out, negative ? " " : "+");
                case SG -> out.append(negative ? '-' : '+');
                case PR -> appendUnlessFilled(out, negative ? ">" : " ");
                case TH_UPPER, TH_LOWER -> {
                    String suffix = ordinal(whole);
                    out.append(t.code == Code.TH_UPPER ? suffix.toUpperCase(Locale.ROOT) : suffix);
                }
                case TEXT -> out.append(t.text);
            }
            if (printed != 0) {
                firstPrinted = firstPrinted < 0 ? out.length() : firstPrinted;
                out.append(printed);
                lastPrinted = out.length();
            }
        }
        if (numberFirst >= 0 && firstPrinted >= 0) {
            placeSign(out, numberFirst, firstPrinted, signBefore, negative);
        }
        return out.toString();
    }

    /** How many digits of {@code fraction} are printed: FM drops trailing zeros of 9s, not of 0s. */
    private int shownFraction(String fraction) {
        int shown = fraction.length();
        if (fill) {
            List<Code> fractionCodes = digitCodes(true);
            while (shown > 0 && fraction.charAt(shown - 1) == '0' && fractionCodes.get(shown - 1) == Code.NINE) {
                shown--;
            }
        }
        return shown;
    }

    /**
     * The sign's column (unless FM) left of the number's first position, and a sign written before the number
     * (S, or a minus in the column; PR's angle bracket) next to its first printed character.
     */
    private void placeSign(StringBuilder out, int numberFirst, int firstPrinted, boolean signBefore,
                           boolean negative) {
        int first = firstPrinted;
        if ((signColumn || signBefore) && !fill) {
            out.insert(numberFirst, ' ');
            first++;
        }
        char sign = signBefore ? (negative ? '-' : '+') : signColumn && negative ? (hasCode(Code.PR) ? '<' : '-') : 0;
        if (sign == 0) {
            return;
        }
        if (!fill && first > 0 && out.charAt(first - 1) == ' ') {
            out.setCharAt(first - 1, sign); // next to the number, in the nearest blank
        } else {
            out.insert(first, sign);
        }
    }

    private void appendUnlessFilled(StringBuilder out, String text) {
        if (!(fill && text.equals(" "))) {
            out.append(text);
        }
    }

    private boolean hasCode(Code code) {
        return tokens.stream().anyMatch(t -> t.code == code);
    }

    /** The codes of the digit positions after the point ({@code fraction}) or before it. */
    private List<Code> digitCodes(boolean fraction) {
        List<Code> codes = new ArrayList<>();
        boolean point = false;
        for (Token t : tokens) {
            if (t.code == Code.POINT) {
                point = true;
            } else if ((t.code == Code.NINE || t.code == Code.ZERO) && point == fraction) {
                codes.add(t.code);
            }
        }
        return codes;
    }

    /** Every digit {@code #}, as PostgreSQL prints a number too long for its format. */
    private String overflow() {
        StringBuilder out = new StringBuilder();
        if (signColumn && !fill) {
            out.append(' ');
        }
        for (Token t : tokens) {
            switch (t.code) {
                case NINE, ZERO -> out.append('#');
                case POINT -> out.append('.');
                case GROUP -> out.append(',');
                case TEXT -> out.append(t.text);
                default -> {
                }
            }
        }
        return out.toString();
    }

    /** The English ordinal suffix of the whole number {@code whole} (its digits, "" for zero). */
    private static String ordinal(String whole) {
        int n = whole.isEmpty() ? 0 : Integer.parseInt(whole.substring(Math.max(0, whole.length() - 2)));
        if (n % 100 >= 11 && n % 100 <= 13) {
            return "th";
        }
        return switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }
}
