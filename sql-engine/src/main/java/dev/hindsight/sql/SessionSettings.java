package dev.hindsight.sql;

import dev.hindsight.jdbc.spi.SqlText;
import dev.hindsight.sql.jdbc.SqlErrors;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Internal: a session's settings as rows, {@code sys.settings} ({@code name}, {@code setting}, {@code description}),
 * and PostgreSQL's {@code SHOW name} / {@code SHOW ALL}, which read them. Calcite's grammar has no {@code SHOW}, so
 * the statement is found in the text (its first word is SHOW; comments anywhere) and prepared as the query it means:
 *
 * <pre>
 *   SHOW query_timeout  →  SELECT setting AS "query_timeout" FROM sys.settings WHERE name = 'query_timeout'
 *   SHOW ALL            →  SELECT name, setting, description FROM sys.settings ORDER BY name
 * </pre>
 *
 * <p>Each setting reads as {@code SET} takes it back: {@code as_of} {@code seq:<n>} or an ISO-8601 instant (empty
 * when the session reads the present), the timeouts as PostgreSQL shows {@code statement_timeout} ({@code 0},
 * {@code 1500ms}, {@code 5s}, {@code 2min}, {@code 1h}, {@code 1d}).
 */
final class SessionSettings {

    /** The settings {@code SET}, {@code RESET} and {@code SHOW} know, in {@code SHOW ALL}'s order. */
    static final List<String> NAMES = List.of(AsOf.SETTING, StatementTimeout.QUERY_SETTING, StatementTimeout.SETTING);

    private static final Pattern SHOW = Pattern.compile("(?is)show\\s+([a-z_][a-z0-9_]*|\"[^\"]*\")\\s*");

    private SessionSettings() {
    }

    /** One row per setting of {@code session}: name, setting, description. */
    static List<Object[]> rows(SqlSession session) {
        AsOf asOf = session.asOf();
        return List.of(
            new Object[] {AsOf.SETTING, asOf == null ? "" : asOf.text(),
                "the point every table of the session reads as of (empty: the present)"},
            new Object[] {StatementTimeout.QUERY_SETTING, StatementTimeout.text(session.queryTimeoutSetting()),
                "the thin driver's setQueryTimeout (0: none)"},
            new Object[] {StatementTimeout.SETTING, StatementTimeout.text(session.statementTimeoutSetting()),
                "how long a statement may run (0: no limit)"});
    }

    /**
     * The query a {@code SHOW} statement means, or {@code null} if {@code sql} is no SHOW.
     *
     * @throws RuntimeException with SQLState 22023 ({@link SqlErrors}) naming a setting there is not, as SET does
     */
    static @Nullable String showQuery(String sql) {
        int start = SqlText.firstWord(sql);
        if (!sql.regionMatches(true, start, "show", 0, 4)) {
            return null;
        }
        Matcher m = SHOW.matcher(Returning.withoutComments(sql.substring(start)));
        if (!m.matches()) {
            return null; // Calcite's parser says what is wrong with it
        }
        String word = m.group(1);
        String name = word.startsWith("\"") ? word.substring(1, word.length() - 1) : word.toLowerCase(Locale.ROOT);
        if (name.equals("all")) {
            return "SELECT name, setting, description FROM sys.settings ORDER BY name";
        }
        if (!NAMES.contains(name)) {
            throw SqlErrors.of(SqlErrors.INVALID_PARAMETER_VALUE, "unknown setting '" + name
                + "': the session settings are " + String.join(", ", NAMES));
        }
        return "SELECT setting AS \"" + name + "\" FROM sys.settings WHERE name = '" + name + "'";
    }
}
