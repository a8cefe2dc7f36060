package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.math.BigDecimal;
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
 *   TH / th  the ordinal suffix               V  the digits after it multiply by 10 each
 *   L  the currency (C locale: a blank)       B, C, SP  nothing
 *   "text" and any other character  printed as it is
 * </pre>
 *
 * A code is spelled in upper or in lower case ({@code 's'} in {@code '999 units'} is a sign; {@code 'Fm'} is text).
 * Unless S, MI or SG place the sign, a column for it stands just before the number's first printed character (a
 * blank, or its minus). A NUMERIC rounds half away from zero to the format's fraction digits; a DOUBLE (REAL) is its
 * binary value rounded half to even, to no more than 15 (6) digits in all, as PostgreSQL's {@code printf}; a number
 * with more whole digits than the format has is {@code #} in every digit, its sign kept. {@code EEEE} and {@code RN}
 * are refused with 0A000; several decimal points, {@code S} with another sign code, or a digit after {@code PR} with
 * 42601, as in PostgreSQL.
 */
final class PostgresNumberFormat {

    /** One piece of a format: a code, or text printed as it is. */
    private record Token(Code code, String text) {
    }

    private enum Code { NINE, ZERO, POINT, GROUP, S, MI, PL, SG, PR, TH_UPPER, TH_LOWER, V, L, NOTHING, TEXT }

    /** The codes by their spelling (each in upper or lower case), the longer first where one starts another. */
    private static final List<String> NAMES = List.of("EEEE", "FM", "MI", "PL", "SG", "PR", "RN", "TH", "SP", "9",
        "0", ".", "D", ",", "G", "S", "V", "L", "B", "C");

    private final String text;
    private final List<Token> tokens;
    private final boolean fill;
    private final int wholeDigits;
    private final int fractionDigits;
    private final int shift;
    private final boolean signColumn;
    private final boolean brackets;
    /** Among the whole digit positions, the first that is a 0 (zeros printed from there on), or -1. */
    private final int firstZeroCode;
    /** The codes (9 or 0) of the fraction's digit positions, in order. */
    private final List<Code> fractionCodes;

    private PostgresNumberFormat(String text, List<Token> tokens, boolean fill) {
        this.text = text;
        this.tokens = tokens;
        this.fill = fill;
        int whole = 0;
        int fraction = 0;
        int shifted = 0;
        boolean point = false;
        boolean afterV = false;
        boolean column = true;
        boolean angle = false;
        for (Token t : tokens) {
            switch (t.code) {
                case NINE, ZERO -> {
                    if (point) {
                        fraction++;
                    } else {
                        whole++;
                    }
                    shifted += afterV && !point ? 1 : 0;
                }
                case POINT -> point = true;
                case V -> afterV = true;
                case S, MI, SG -> column = false;
                case PR -> angle = true;
                default -> {
                }
            }
        }
        this.wholeDigits = whole;
        this.fractionDigits = fraction;
        this.shift = shifted;
        this.signColumn = column;
        this.brackets = angle;
        this.firstZeroCode = digitCodes(tokens, false).indexOf(Code.ZERO);
        this.fractionCodes = digitCodes(tokens, true);
    }

    /** The format's text. */
    String text() {
        return text;
    }

    /** {@code format} read; 0A000 for a code Hindsight does not print, 42601 for a format PostgreSQL refuses. */
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
            boolean upper = format.startsWith(name, i);
            i += name.length();
            Code code = switch (name) {
                case "9" -> Code.NINE;
                case "0" -> Code.ZERO;
                case ".", "D" -> Code.POINT;
                case ",", "G" -> Code.GROUP;
                case "S" -> Code.S;
                case "MI" -> Code.MI;
                case "PL" -> Code.PL;
                case "SG" -> Code.SG;
                case "PR" -> Code.PR;
                case "TH" -> upper ? Code.TH_UPPER : Code.TH_LOWER;
                case "V" -> Code.V;
                case "L" -> Code.L;
                case "B", "C", "SP" -> Code.NOTHING;
                case "FM" -> null;
                default -> throw SqlErrors.of(SqlErrors.FEATURE_NOT_SUPPORTED, "TO_CHAR of a number: the format code "
                    + name + " in '" + format + "' is not supported");
            };
            if (code == null) {
                fill = true;
            } else {
                tokens.add(new Token(code, name));
            }
        }
        check(format, tokens);
        return new PostgresNumberFormat(format, List.copyOf(tokens), fill);
    }

    /** PostgreSQL's refusals of a number format (42601, its words). */
    private static void check(String format, List<Token> tokens) {
        long points = tokens.stream().filter(t -> t.code == Code.POINT).count();
        if (points > 1) {
            throw refused(format, "multiple decimal points");
        }
        boolean sign = tokens.stream().anyMatch(t -> t.code == Code.S);
        for (Code other : new Code[] {Code.PR, Code.MI, Code.PL, Code.SG}) {
            if (sign && tokens.stream().anyMatch(t -> t.code == other)) {
                throw refused(format, "cannot use \"S\" and \"" + other + "\" together");
            }
        }
        boolean afterPr = false;
        for (Token t : tokens) {
            afterPr |= t.code == Code.PR;
            if (afterPr && (t.code == Code.NINE || t.code == Code.ZERO)) {
                throw refused(format, "\"" + t.text + "\" must be ahead of \"PR\"");
            }
        }
    }

    private static RuntimeException refused(String format, String why) {
        return SqlErrors.of(SqlErrors.SYNTAX_ERROR, "TO_CHAR format '" + format + "': " + why);
    }

    /** The code spelled at {@code at} in {@code format}, all in upper or all in lower case, or null if none. */
    private static String code(String format, int at) {
        for (String name : NAMES) {
            if (format.startsWith(name, at) || format.startsWith(name.toLowerCase(Locale.ROOT), at)) {
                return name;
            }
        }
        return null;
    }

    /** A DOUBLE printed as PostgreSQL's {@code float8}: its binary value, 15 digits in all at most. */
    String format(double value) {
        return floating(value, 15);
    }

    /** A REAL printed as PostgreSQL's {@code float4}: 6 digits in all at most. */
    String format(float value) {
        return floating(value, 6);
    }

    private String floating(double value, int precision) {
        double shifted = value * Math.pow(10, shift);
        if (!Double.isFinite(shifted)) {
            return render(null, "", 0, shifted < 0);
        }
        BigDecimal exact = new BigDecimal(Math.abs(shifted));
        int whole = exact.setScale(0, RoundingMode.HALF_EVEN).toPlainString().length();
        int fraction = whole >= precision ? 0 : Math.min(fractionDigits, precision - whole);
        return print(exact.setScale(fraction, RoundingMode.HALF_EVEN), shifted < 0);
    }

    /** {@code value} printed with this format. */
    String format(BigDecimal value) {
        BigDecimal rounded = value.movePointRight(shift).setScale(fractionDigits, RoundingMode.HALF_UP);
        return print(rounded.abs(), rounded.signum() < 0);
    }

    /** {@code magnitude} (rounded to the fraction digits it is printed with) and its sign, printed. */
    private String print(BigDecimal magnitude, boolean negative) {
        String digits = magnitude.toPlainString();
        int dot = digits.indexOf('.');
        String whole = dot < 0 ? digits : digits.substring(0, dot);
        String fraction = dot < 0 ? "" : digits.substring(dot + 1);
        // PostgreSQL counts a zero whole part as one digit where the format has none ('.99' of 0.5 is ' .##')
        if (whole.length() > wholeDigits && !(whole.equals("0") && wholeDigits > 0)) {
            return render(null, "", 0, negative);
        }
        return render(whole.equals("0") ? "" : whole, fraction, shownFraction(fraction), negative);
    }

    /**
     * The format printed with the whole digits {@code whole} ({@code null}: too many, every digit {@code #}), the
     * fraction's digits, of which {@code shown} are printed, and the sign.
     */
    private String render(String whole, String fraction, int shown, boolean negative) {
        boolean hashes = whole == null;
        String digits = hashes ? "#".repeat(wholeDigits) : whole;
        String fractions = hashes ? "#".repeat(fractionDigits) : fraction;
        int printedFraction = hashes ? fractionDigits : shown;
        // a zero whole part prints its last digit when nothing of the fraction is printed (0, '999' is '   0')
        boolean lastZero = digits.isEmpty() && printedFraction == 0 && wholeDigits > 0;
        int lead = wholeDigits - digits.length(); // leading positions without a digit of the number
        StringBuilder out = new StringBuilder();
        int firstPrinted = -1; // where the number's first printed character is
        int lastPrinted = -1; // and just after its last
        int wholeAt = 0;
        int fractionAt = 0;
        boolean afterPoint = false;
        boolean signBefore = false;
        for (Token t : tokens) {
            char printed = 0;
            switch (t.code) {
                case NINE, ZERO -> {
                    if (!afterPoint) {
                        int at = wholeAt++;
                        if (at >= lead) {
                            printed = digits.charAt(at - lead);
                        } else if ((firstZeroCode >= 0 && at >= firstZeroCode) || (lastZero && at == wholeDigits - 1)) {
                            printed = '0';
                        } else if (!fill) {
                            out.append(' ');
                        }
                    } else if (fractionAt < printedFraction) {
                        printed = fractions.charAt(fractionAt++);
                    }
                }
                case POINT -> {
                    afterPoint = true;
                    printed = fractionDigits > 0 ? '.' : 0; // PostgreSQL prints no point without digits after it
                }
                case GROUP -> {
                    if (afterPoint || firstPrinted >= 0) {
                        out.append(',');
                    } else if (!fill) {
                        out.append(' ');
                    }
                }
                case S -> {
                    if (wholeAt < wholeDigits || lastPrinted < 0) {
                        signBefore = true; // before the number, whatever digits it stands among
                    } else {
                        out.insert(lastPrinted++, negative ? '-' : '+');
                    }
                }
                case MI -> out.append(negative ? "-" : fill ? "" : " ");
                case PL -> out.append(negative ? (fill ? "" : " ") : "+");
                case SG -> out.append(negative ? '-' : '+');
                case PR -> out.append(negative ? ">" : fill ? "" : " ");
                case TH_UPPER, TH_LOWER -> {
                    if (!negative && !hashes && fractionDigits == 0) {
                        String suffix = ordinal(digits);
                        out.append(t.code == Code.TH_UPPER ? suffix.toUpperCase(Locale.ROOT) : suffix);
                    }
                }
                case L -> out.append(' ');
                case V, NOTHING -> {
                }
                case TEXT -> out.append(t.text);
            }
            if (printed != 0) {
                firstPrinted = firstPrinted < 0 ? out.length() : firstPrinted;
                out.append(printed);
                lastPrinted = out.length();
            }
        }
        if (firstPrinted >= 0) {
            // the sign's column, just before the number's first printed character
            char sign = signBefore ? (negative ? '-' : '+')
                : !signColumn ? 0 : negative ? (brackets ? '<' : '-') : fill ? 0 : ' ';
            if (sign != 0) {
                out.insert(firstPrinted, sign);
            }
        }
        return out.toString();
    }

    /** How many digits of {@code fraction} are printed: FM drops trailing zeros of 9s, not of 0s. */
    private int shownFraction(String fraction) {
        int shown = fraction.length();
        if (fill) {
            while (shown > 0 && fraction.charAt(shown - 1) == '0' && fractionCodes.get(shown - 1) == Code.NINE) {
                shown--;
            }
        }
        return shown;
    }

    /** The codes of the digit positions after the point ({@code fraction}) or before it. */
    private static List<Code> digitCodes(List<Token> tokens, boolean fraction) {
        List<Code> codes = new ArrayList<>();
        boolean point = false;
        for (Token t : tokens) {
            if (t.code == Code.POINT) {
                point = true;
            } else if ((t.code == Code.NINE || t.code == Code.ZERO) && point == fraction) {
                codes.add(t.code);
            }
        }
        return List.copyOf(codes);
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
