package dev.hindsight.sql;

import dev.hindsight.jdbc.spi.SqlText;
import dev.hindsight.sql.jdbc.SqlErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Internal: {@code INSERT … RETURNING seq, version, event_id, ts} (SPEC §2), split into the INSERT Calcite prepares and
 * the query of {@code sys.last_append} that answers it: one row per appended event, as PostgreSQL returns them.
 * Calcite's grammar has no RETURNING, so the clause is found in the text: the statement's first word is INSERT and the
 * last top-level word RETURNING, outside string literals, quoted identifiers and comments; what follows it is a list of
 * key columns, each optionally qualified and aliased ({@code *} is the four keys).
 *
 * <pre>
 *   INSERT INTO events (…) VALUES (…), (…) RETURNING seq, "version"
 *   └──────────────── insert ────────────┘           └─ columns ─┘   → SELECT seq, version FROM sys.last_append
 * </pre>
 *
 * <p>Public for the JDBC wrappers and the {@code Meta} ({@code dev.hindsight.sql.jdbc}), which give such a statement
 * its rows as its result and their count as its update count, and refuse it in a batch.
 *
 * @param insert  the statement without its RETURNING clause
 * @param columns the select list of {@code sys.last_append} that answers it
 */
public record Returning(String insert, String columns) {

    /** Where a statement's signature carries its clause ({@code internalParameters}, server side). */
    static final String KEY = "hindsight.returning";

    /**
     * Whether a statement is an {@code INSERT … RETURNING}.
     *
     * @param internalParameters the {@code internalParameters} of its signature, or {@code null} if it has none
     */
    public static boolean isReturning(@Nullable Map<String, Object> internalParameters) {
        return internalParameters != null && internalParameters.containsKey(KEY);
    }

    /** A batch of RETURNING statements has nowhere to put its rows: refused before anything runs (0A000). */
    public static RuntimeException inBatch() {
        return SqlErrors.of(SqlErrors.FEATURE_NOT_SUPPORTED, "INSERT … RETURNING in a batch: a batch returns counts, "
            + "not rows; batch the INSERT without RETURNING and read getGeneratedKeys(), or run each alone");
    }

    private static final List<String> KEYS = List.of("seq", "version", "event_id", "ts");

    /** The query that reads the returned rows after the INSERT ran. */
    String keysQuery() {
        return "SELECT " + columns + " FROM sys.last_append";
    }

    /**
     * {@code sql} split, or {@code null} if it is no INSERT with a RETURNING clause.
     *
     * @throws RuntimeException with SQLState 42703 ({@link SqlErrors}) naming a column that is not a key
     */
    public static @Nullable Returning of(String sql) {
        if (!sql.regionMatches(true, SqlText.firstWord(sql), "insert", 0, 6)) {
            return null;
        }
        int at = lastTopLevelReturning(sql);
        if (at < 0) {
            return null;
        }
        return new Returning(sql.substring(0, at).stripTrailing(), columns(withoutComments(
            sql.substring(at + "returning".length())).strip()));
    }

    /**
     * The select list of {@code sys.last_append} for {@code list}: each item a key column, optionally qualified
     * ({@code events.seq}) and aliased ({@code seq AS id}, {@code seq id}), or {@code *} for the four keys; a
     * trailing {@code ;} is dropped.
     */
    private static String columns(String list) {
        String items = list.endsWith(";") ? list.substring(0, list.length() - 1).strip() : list;
        if (items.equals("*")) {
            return String.join(", ", KEYS);
        }
        StringJoiner out = new StringJoiner(", ");
        for (String item : items.split(",", -1)) {
            String[] words = item.strip().split("\\s+", -1);
            String alias = words.length == 3 && words[1].equalsIgnoreCase("as") ? words[2]
                : words.length == 2 ? words[1] : null;
            if (words.length > 3 || (words.length == 3 && alias == null)) {
                throw SqlErrors.of("42703", "RETURNING " + item.strip() + ": name key columns, each with an "
                    + "optional alias (seq AS id); the keys are " + KEYS);
            }
            List<String> parts = nameParts(words[0]);
            if (parts.contains("")) { // RETURNING .seq, events.: no name between the dots
                throw SqlErrors.of(SqlErrors.SYNTAX_ERROR, "syntax error at or near \"" + words[0] + "\" in RETURNING");
            }
            checkQualifier(parts.subList(0, parts.size() - 1), item);
            String name = parts.get(parts.size() - 1);
            if (name.equals("*") && alias == null) { // events.*: the four keys, as * alone
                out.add(String.join(", ", KEYS));
                continue;
            }
            String key = name.toLowerCase(Locale.ROOT);
            if (!KEYS.contains(key)) {
                throw SqlErrors.of("42703", "RETURNING " + (name.isEmpty() ? "an empty name" : "\"" + name + "\"")
                    + ": an INSERT into events returns the columns the server assigns, " + KEYS);
            }
            out.add(alias == null ? key : key + " AS " + alias);
        }
        return out.toString();
    }

    /** {@code name}'s parts between dots outside double quotes, each unquoted ({@code events."a.b"}: events, a.b). */
    private static List<String> nameParts(String name) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                parts.add(unquoted(name.substring(start, i)));
                start = i + 1;
            }
        }
        parts.add(unquoted(name.substring(start)));
        return parts;
    }

    /**
     * 42P01 unless {@code qualifier} names the INSERT's table: nothing, {@code events}, or {@code public.events}, in
     * any case; PostgreSQL's "missing FROM-clause entry" names the table (the qualifier was not read: {@code nope.seq}
     * answered events' seq).
     */
    private static void checkQualifier(List<String> qualifier, String item) {
        boolean events = qualifier.isEmpty() || (qualifier.size() <= 2
            && qualifier.get(qualifier.size() - 1).equalsIgnoreCase("events")
            && (qualifier.size() == 1 || qualifier.get(0).equalsIgnoreCase(HindsightSchema.NAME)));
        if (!events) {
            throw SqlErrors.of(SqlErrors.UNDEFINED_TABLE, "missing FROM-clause entry for table \""
                + String.join(".", qualifier) + "\" in RETURNING " + item.strip()
                + ": an INSERT into events returns events' columns");
        }
    }

    private static String unquoted(String name) {
        return name.length() > 1 && name.startsWith("\"") && name.endsWith("\"")
            ? name.substring(1, name.length() - 1) : name;
    }

    /** {@code text} without its comments (outside string literals and quoted names). */
    static String withoutComments(String text) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int after = SqlText.afterComment(text, i);
            if (after > i) {
                out.append(' ');
                i = after;
            } else if (text.charAt(i) == '\'' || text.charAt(i) == '"') {
                int end = closing(text, i, text.charAt(i));
                out.append(text, i, end);
                i = end;
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }

    /** The offset of the last {@code RETURNING} at parenthesis depth 0 outside literals and comments, or −1. */
    private static int lastTopLevelReturning(String sql) {
        int found = -1;
        int depth = 0;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            int afterComment = SqlText.afterComment(sql, i);
            if (afterComment > i) {
                i = afterComment;
            } else if (c == '\'' || c == '"') {
                i = closing(sql, i, c);
            } else if (c == '(') {
                depth++;
                i++;
            } else if (c == ')') {
                depth--;
                i++;
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                int start = i;
                while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
                    i++;
                }
                if (depth == 0 && i - start == 9 && sql.regionMatches(true, start, "returning", 0, 9)) {
                    found = start;
                }
            } else {
                i++;
            }
        }
        return found;
    }

    /** The offset after the quote that closes the one at {@code open} (a doubled quote is part of the text). */
    private static int closing(String sql, int open, char quote) {
        int i = open + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }
}
