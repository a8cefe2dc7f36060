package dev.hindsight.sql.jdbc;

import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.Meta.Pat;

/**
 * The name patterns of {@code DatabaseMetaData}'s catalog queries as JDBC and PostgreSQL's driver read them: {@code %}
 * any run of characters, {@code _} any one character, {@code \} (the search string escape) takes the next character
 * as itself; case-sensitive, as names are stored (lower case unless quoted). Null and the empty string narrow nothing
 * (PostgreSQL's driver reads {@code ""} so too; JDBC's "without a schema" would be every table of none).
 *
 * <p>Calcite matches {@code %} and the escape but takes {@code _} as itself ({@code LikePattern.likeToRegex}), so
 * a tool's {@code getTables(…, "order_detai_", …)} found nothing. {@link HindsightMeta} asks Calcite with each
 * unescaped {@code _} widened to {@code %} ({@link #widened}), then keeps the names this class matches.
 */
final class MetadataPatterns {

    private MetadataPatterns() {
    }

    /**
     * The pattern for Calcite, null for null or empty, with {@code %} for each character it would match wrongly
     * ({@link #widened(int, boolean)}): an unescaped {@code _}, a {@code \}, {@code [}, {@code ]} or {@code ^}
     * ({@code [^]}, {@code [\]}: a broken regular expression, an unchecked exception), one beyond the BMP.
     */
    static Pat widened(Pat pattern) {
        String s = pattern.s;
        return Pat.of(s == null || s.isEmpty() ? null : rewrite(s, true));
    }

    /** Whether a name matches the pattern (null or empty: every name). */
    static Predicate<String> matcher(Pat pattern) {
        String s = pattern.s;
        if (s == null || s.isEmpty() || "%".equals(s)) {
            return name -> true;
        }
        Pattern regex = Pattern.compile(rewrite(s, false), Pattern.DOTALL);
        return name -> name != null && regex.matcher(name).matches();
    }

    /** As Calcite's pattern ({@link #widened}) or as a regular expression, code point by code point. */
    private static String rewrite(String pattern, boolean forCalcite) {
        StringBuilder out = new StringBuilder(pattern.length() + 8);
        for (int i = 0; i < pattern.length(); ) {
            boolean escaped = pattern.charAt(i) == '\\' && i + 1 < pattern.length();
            if (escaped) {
                i++;
            }
            int c = pattern.codePointAt(i);
            i += Character.charCount(c);
            if (!forCalcite) {
                boolean wildcard = !escaped && (c == '%' || c == '_');
                out.append(!wildcard ? Pattern.quote(Character.toString(c)) : c == '%' ? ".*" : ".");
            } else if (widened(c, escaped)) {
                out.append('%');
            } else {
                out.append(escaped ? "\\" : "").appendCodePoint(c);
            }
        }
        return out.toString();
    }

    /**
     * Whether Calcite's pattern has {@code %} for code point {@code c}: an unescaped {@code _}; a {@code \}, {@code [},
     * {@code ]} or {@code ^}, which break the class Calcite puts each character in; a character beyond the BMP, whose
     * two halves Calcite puts in a class each, matching neither.
     */
    private static boolean widened(int c, boolean escaped) {
        return "\\[]^".indexOf(c) >= 0 || (c == '_' && !escaped) || Character.isSupplementaryCodePoint(c);
    }
}
