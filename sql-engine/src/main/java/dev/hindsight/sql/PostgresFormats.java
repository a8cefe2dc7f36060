package dev.hindsight.sql;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.util.format.postgresql.CompiledDateTimeFormat;
import org.apache.calcite.util.format.postgresql.PostgresqlDateTimeFormatter;

/**
 * The format of {@code TO_CHAR}, {@code TO_DATE} and {@code TO_TIMESTAMP} read as PostgreSQL reads it, before
 * Calcite's formatter sees it: PostgreSQL takes a numeric code in upper or lower case alike ({@code yyyy-mm-dd} is
 * {@code YYYY-MM-DD}) and text in double quotes as itself; Calcite's knows the upper-case codes only and no quotes,
 * so {@code TO_CHAR(ts, 'yyyy-mm-dd')} printed the format back and {@code TO_DATE('2026-12-03', 'yyyy-mm-dd')} was
 * 0001-01-01, and {@code '"Q"Q'} printed {@code "4"4}. A literal format is rewritten when the statement is
 * converted:
 *
 * <pre>
 *   TO_CHAR(ts, 'yyyy "week" iw')   →   TO_CHAR(ts, 'YYYY ') || 'week' || TO_CHAR(ts, ' IW')
 *   TO_DATE(s, 'yyyy-mm-dd')        →   TO_DATE(s, 'YYYY-MM-DD')
 * </pre>
 *
 * A name's case still chooses its output's, as in PostgreSQL ({@code Month}, {@code month}, {@code MONTH}; also
 * {@code Day}, {@code Mon}, {@code Dy}, {@code am}, {@code bc}, {@code rm}, {@code tz} and the suffix {@code th}), so
 * names are left as written; a parsing format's other text skips as many characters ({@link #parsingFormat}). A
 * format that is not a literal (a parameter, a column) is read the same way when the statement runs
 * ({@link #parsingFormat}, {@link #toChar}): Calcite read {@code TO_DATE('2026-01-31', ?)} of {@code 'yyyy-mm-dd'} as
 * 0001-01-01. Public for Calcite's generated code.
 */
@Strict // NULL in, NULL out: Calcite's generated code calls the methods with values only
public final class PostgresFormats {

    /** Codes whose case PostgreSQL ignores, as Calcite knows them: upper case, the longest of a prefix first. */
    private static final List<String> CODES = List.of("Y,YYY", "HH24", "HH12", "SSSSS", "SSSS", "IYYY", "IDDD",
        "YYYY", "FF1", "FF2", "FF3", "FF4", "FF5", "FF6", "IYY", "YYY", "DDD", "HH", "MI", "SS", "MS", "US", "IY",
        "YY", "IW", "ID", "MM", "DD", "WW", "CC", "FM", "FX", "TM", "Y", "I", "D", "W", "J", "Q");

    /** Names, in the spellings whose case PostgreSQL keeps (matched before the codes: {@code day} is no {@code D}). */
    private static final List<String> NAMES = List.of("MONTH", "Month", "month", "A.M.", "a.m.", "P.M.", "p.m.",
        "B.C.", "b.c.", "A.D.", "a.d.", "MON", "Mon", "mon", "DAY", "Day", "day", "DY", "Dy", "dy", "AM", "am", "PM",
        "pm", "BC", "bc", "AD", "ad", "RM", "rm", "TZ", "tz", "TH", "th");

    private static final SqlUserDefinedFunction PARSING_FORMAT = HindsightConvertlets.function(
        "HINDSIGHT_PARSING_FORMAT", ReturnTypes.ARG0, SqlTypeFamily.CHARACTER,
        types -> types.createSqlType(SqlTypeName.VARCHAR), PostgresFormats.class, "parsingFormat");
    private static final SqlUserDefinedFunction TO_CHAR = HindsightConvertlets.function("HINDSIGHT_TO_CHAR",
        ReturnTypes.VARCHAR_NULLABLE, List.of(SqlTypeFamily.TIMESTAMP, SqlTypeFamily.CHARACTER),
        types -> List.of(types.createSqlType(SqlTypeName.TIMESTAMP), types.createSqlType(SqlTypeName.VARCHAR)),
        PostgresFormats.class, "toChar");

    /** The zone a query's {@code TO_CHAR} formats in, named as Calcite's names it ({@code TZ}: UTC, not Z). */
    private static final ZoneId UTC = ZoneId.of("UTC");

    /** The last format {@link #toChar} read, in pieces: a statement's format is mostly the same row after row. */
    private static volatile Format last = Format.of("");

    private PostgresFormats() {
    }

    /** Whether {@code operator} takes such a format as its second operand. */
    static boolean applies(SqlOperator operator) {
        return SqlLibraryOperators.TO_CHAR_PG.equals(operator) || SqlLibraryOperators.TO_DATE_PG.equals(operator)
            || SqlLibraryOperators.TO_TIMESTAMP_PG.equals(operator);
    }

    /** The convertlet of such a call: {@code next}'s, its format read as above (a literal now, else as it runs). */
    static SqlRexConvertlet convertlet(SqlRexConvertlet next) {
        return (cx, sql) -> {
            RexNode converted = next.convertCall(cx, sql);
            if (!(converted instanceof RexCall call) || call.getOperands().size() != 2
                || call.getOperands().get(1).getType().getSqlTypeName().getFamily() != SqlTypeFamily.CHARACTER) {
                return converted;
            }
            if (!(call.getOperands().get(1) instanceof RexLiteral literal)) {
                return atRunTime(cx.getRexBuilder(), call);
            }
            if (literal.getValueAs(String.class) == null) {
                return converted;
            }
            String format = literal.getValueAs(String.class);
            if (format.isEmpty()) {
                return converted; // Calcite's (PostgreSQL's is NULL)
            }
            List<Piece> pieces = pieces(format);
            if (SqlLibraryOperators.TO_CHAR_PG.equals(call.getOperator())) {
                return formatted(cx.getRexBuilder(), call, pieces);
            }
            return cx.getRexBuilder().makeCall(call.getType(), call.getOperator(),
                List.of(call.getOperands().get(0), cx.getRexBuilder().makeLiteral(parsingFormat(format))));
        };
    }

    /** {@code call}, its format (not a literal) read when the statement runs. */
    private static RexNode atRunTime(RexBuilder rex, RexCall call) {
        List<RexNode> operands = call.getOperands();
        if (SqlLibraryOperators.TO_CHAR_PG.equals(call.getOperator())) {
            return rex.makeCall(call.getType(), TO_CHAR, operands);
        }
        RexNode format = rex.makeCall(operands.get(1).getType(), PARSING_FORMAT, List.of(operands.get(1)));
        return rex.makeCall(call.getType(), call.getOperator(), List.of(operands.get(0), format));
    }

    /**
     * {@code format} as Calcite's parser must see it to read text as PostgreSQL does: one format, its pieces joined
     * again, the codes in upper case, and other text (quoted, or letters of no code) as that many blanks: PostgreSQL
     * skips as many characters of the text for it (outside FX mode), and so does Calcite's parser for a blank, where
     * it read a letter as a code ({@code 'YYYY-MM-DDTHH24'}: DD, TH, H…) and refused quotes.
     */
    public static String parsingFormat(String format) {
        StringBuilder joined = new StringBuilder(format.length());
        for (Piece piece : pieces(format)) {
            joined.append(piece.code() ? piece.text() : " ".repeat(piece.text().length()));
        }
        return joined.toString();
    }

    /**
     * {@code TO_CHAR} of {@code millis} (a TIMESTAMP: since 1970-01-01 00:00, UTC as a query's time zone) with
     * {@code format} read as above, piece by piece as a literal format is.
     */
    public static String toChar(long millis, String format) {
        Format read = last;
        if (!read.text().equals(format)) {
            read = Format.of(format);
            last = read;
        }
        ZonedDateTime at = ZonedDateTime.of(LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L),
            (int) Math.floorMod(millis, 1000L) * 1_000_000, ZoneOffset.UTC), UTC);
        StringBuilder out = new StringBuilder();
        for (Object part : read.parts()) {
            out.append(part instanceof CompiledDateTimeFormat code ? code.formatDateTime(at, Locale.ROOT)
                : part instanceof OwnDateCodes.Code own ? own.format(at) : part);
        }
        return out.toString();
    }

    /**
     * A format's text and its parts to print, in order: quoted text as a string, a code piece compiled by Calcite's
     * formatter (a piece of modifiers alone dropped, as a literal format's is).
     */
    private record Format(String text, List<Object> parts) {
        static Format of(String format) {
            List<Object> parts = new ArrayList<>();
            for (Piece piece : printed(pieces(format))) {
                OwnDateCodes.Code own = piece.code() ? OwnDateCodes.of(piece.text()) : null;
                parts.add(own != null ? own : piece.code() ? PostgresqlDateTimeFormatter.compilePattern(piece.text())
                    : piece.text());
            }
            return new Format(format, List.copyOf(parts));
        }
    }

    /** {@code call} with its format's pieces: one call per code piece, quoted text as itself, joined by {@code ||}. */
    private static RexNode formatted(RexBuilder rex, RexCall call, List<Piece> pieces) {
        RexNode value = call.getOperands().get(0);
        RelDataType type = call.getType();
        List<Piece> kept = new ArrayList<>(printed(pieces));
        if (kept.isEmpty()) {
            kept.add(new Piece("", false)); // nothing to print (FM, ""): empty text
        }
        RexNode joined = null;
        for (Piece piece : kept) {
            boolean own = piece.code() && OwnDateCodes.of(piece.text()) != null
                && (value.getType().getSqlTypeName() == SqlTypeName.TIMESTAMP
                || value.getType().getSqlTypeName() == SqlTypeName.DATE);
            RexNode next = own // CC, WW, Y,YYY: written by toChar, not Calcite's formatter
                ? rex.makeCall(type, TO_CHAR, List.of(rex.makeCast(rex.getTypeFactory().createTypeWithNullability(
                    rex.getTypeFactory().createSqlType(SqlTypeName.TIMESTAMP, 3), value.getType().isNullable()),
                    value), rex.makeLiteral(piece.text())))
                : piece.code()
                ? rex.makeCall(type, call.getOperator(), List.of(value, rex.makeLiteral(piece.text())))
                : rex.makeLiteral(piece.text());
            joined = joined == null ? next : rex.makeCall(SqlStdOperatorTable.CONCAT, joined, next);
        }
        joined = rex.ensureType(type, joined, true);
        if (kept.stream().noneMatch(Piece::code)) { // the text alone, NULL for a NULL value as a call would give
            joined = rex.makeCall(type, SqlStdOperatorTable.CASE, List.of(
                rex.makeCall(SqlStdOperatorTable.IS_NULL, value), rex.makeNullLiteral(type), joined));
        }
        return joined;
    }

    /** A piece of modifiers alone. */
    private static final Pattern MODIFIERS = Pattern.compile("(FM|TM)+");

    /**
     * {@code pieces} that print something: a modifier with no code after it in its piece ({@code FM"Q"Q}) modifies
     * nothing, as in PostgreSQL, and is left out.
     */
    private static List<Piece> printed(List<Piece> pieces) {
        return pieces.stream().filter(p -> !p.code() || !MODIFIERS.matcher(p.text()).matches()).toList();
    }

    /** A piece of a format: codes and other text for Calcite's formatter, or quoted text, as itself. */
    record Piece(String text, boolean code) {
    }

    /**
     * {@code format} in pieces: outside double quotes, with the case-free codes in upper case; inside them (a
     * backslash escaping the next character), the text. Empty pieces are dropped.
     */
    static List<Piece> pieces(String format) {
        List<Piece> pieces = new ArrayList<>();
        StringBuilder code = new StringBuilder();
        boolean coded = false; // whether the piece being gathered holds a code
        int i = 0;
        int n = format.length();
        while (i < n) {
            char c = format.charAt(i);
            if (c == '"' || (c == '\\' && i + 1 < n && format.charAt(i + 1) == '"')) {
                add(pieces, code, true);
                coded = false;
                StringBuilder text = new StringBuilder();
                if (c == '\\') { // \" outside quotes: a quote
                    text.append('"');
                    i += 2;
                } else {
                    for (i++; i < n && format.charAt(i) != '"'; i++) {
                        if (format.charAt(i) == '\\' && i + 1 < n) {
                            i++;
                        }
                        text.append(format.charAt(i));
                    }
                    i++; // the closing quote
                }
                add(pieces, text, false);
                continue;
            }
            String name = match(format, i, NAMES, false);
            String caseFree = match(format, i, CODES, true);
            String matched = name != null && (caseFree == null || caseFree.length() <= name.length()) ? name
                : caseFree;
            if ("FX".equals(matched)) {
                i += 2; // fixed-format parsing, which Calcite's formatter does not know (it read FX as two characters
                continue; // of the text): left out, so the text is read as without it; it prints nothing
            }
            if (matched != null) {
                // one code a piece (a prefix before it, a suffix after it): side by side in upper case, Calcite's
                // formatter would read other codes into them ('Dd' is D twice, not DD)
                boolean suffix = matched.equalsIgnoreCase("TH");
                boolean prefix = matched.equals("FM") || matched.equals("TM");
                if (!suffix && coded) {
                    add(pieces, code, true);
                }
                coded = (coded && suffix) || (!prefix && !suffix);
                code.append(matched);
                i += matched.length();
            } else if (Character.isLetter(c)) {
                // a letter of no code is itself, and kept apart: beside codes in upper case Calcite's formatter would
                // read a new code into it ('Mi' is M and the code i, not MI)
                add(pieces, code, true);
                coded = false;
                pieces.add(new Piece(String.valueOf(c), false));
                i++;
            } else {
                code.append(c);
                i++;
            }
        }
        add(pieces, code, true);
        return pieces;
    }

    private static void add(List<Piece> pieces, StringBuilder text, boolean code) {
        if (text.length() > 0) {
            pieces.add(new Piece(text.toString(), code));
            text.setLength(0);
        }
    }

    /**
     * The longest of {@code candidates} at {@code from} in {@code format}: exactly as written, or (if
     * {@code lowerToo}) in lower case; null if none.
     */
    private static String match(String format, int from, List<String> candidates, boolean lowerToo) {
        String best = null;
        for (String candidate : candidates) {
            boolean at = format.startsWith(candidate, from)
                || (lowerToo && format.startsWith(candidate.toLowerCase(Locale.ROOT), from));
            if (at && (best == null || candidate.length() > best.length())) {
                best = candidate;
            }
        }
        return best;
    }
}
