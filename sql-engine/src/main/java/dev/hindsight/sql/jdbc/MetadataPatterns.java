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

    /** Whether Calcite's answer for the {@link #widened} pattern needs narrowing. */
    static boolean widens(Pat pattern) {
        String s = pattern.s;
        for (int i = 0; s != null && i < s.length(); i++) {
            char c = s.charAt(i);
            boolean escaped = c == '\\' && i + 1 < s.length();
            if (escaped) {
                c = s.charAt(++i);
            }
            if (widened(c, escaped)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The pattern for Calcite: null for null or empty, each unescaped {@code _} as {@code %}, and each {@code \},
     * {@code [}, {@code ]} or {@code ^}, escaped or not, as {@code %} too: Calcite puts each character in a regular
     * expression's class ({@code [^]}, {@code [\]}: broken, an unchecked exception).
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

    /** As Calcite's pattern ({@link #widened}) or as a regular expression. */
    private static String rewrite(String pattern, boolean forCalcite) {
        StringBuilder out = new StringBuilder(pattern.length() + 8);
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            boolean escaped = c == '\\' && i + 1 < pattern.length();
            if (escaped) {
                c = pattern.charAt(++i);
            }
            if (!forCalcite) {
                boolean wildcard = !escaped && (c == '%' || c == '_');
                out.append(!wildcard ? Pattern.quote(String.valueOf(c)) : c == '%' ? ".*" : ".");
            } else if (widened(c, escaped)) {
                out.append('%');
            } else {
                out.append(escaped ? "\\" : "").append(c);
            }
        }
        return out.toString();
    }

    private static boolean widened(char c, boolean escaped) {
        return "\\[]^".indexOf(c) >= 0 || (c == '_' && !escaped);
    }
}
