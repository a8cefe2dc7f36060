package dev.hindsight.sql;

import dev.hindsight.jdbc.spi.SqlText;
import dev.hindsight.sql.jdbc.SqlErrors;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a statement batch ({@code addBatch(sql)}, {@code executeBatch()}) may hold, checked before any of it runs.
 * A batch with INSERTs is one atomic append, their events collected while the batch runs and appended at its end; a
 * statement of another kind in it ran at once, ahead of the INSERTs before it, and stayed when the append was refused
 * ({@code SET as_of} refused the INSERT written before it; a {@code CREATE PROJECTION} was made by a batch that said
 * "nothing written"). A query has no count to give (its −1 is no batch count; PostgreSQL's driver refuses it).
 * So: INSERTs only, or no INSERT at all (statements of other kinds run in order, each on its own, as JDBC batches do).
 *
 * <p>Public for the connection's {@code Meta} ({@code dev.hindsight.sql.jdbc}); statements are told apart by their
 * first word, outside comments and opening parentheses.
 */
public final class BatchCommands {

    private static final Set<String> QUERIES = Set.of("select", "values", "with", "table", "explain", "show",
        "describe");

    private BatchCommands() {
    }

    /**
     * Refuses {@code commands} if one is a query (0100E) or INSERTs are mixed with statements of another kind (0A000).
     *
     * @throws RuntimeException with the SQLState, naming the first statement refused by its position (from 1)
     */
    public static void check(List<String> commands) {
        int firstInsert = -1;
        int firstOther = -1;
        for (int i = 0; i < commands.size(); i++) {
            String word = firstWordOf(commands.get(i));
            if (QUERIES.contains(word)) {
                throw queryInBatch("statement " + (i + 1) + " of the batch (" + word.toUpperCase(Locale.ROOT) + " …)");
            }
            if (word.equals("insert")) {
                firstInsert = firstInsert < 0 ? i : firstInsert;
            } else {
                firstOther = firstOther < 0 ? i : firstOther;
            }
        }
        if (firstInsert >= 0 && firstOther >= 0) {
            throw SqlErrors.of(SqlErrors.FEATURE_NOT_SUPPORTED, "statement " + (firstOther + 1) + " of the batch ("
                + firstWordOf(commands.get(firstOther)).toUpperCase(Locale.ROOT) + " …) is no INSERT: a batch with "
                + "INSERTs is one atomic append and holds INSERTs only (another statement would run ahead of them and "
                + "stay if the append were refused); run it before or after the batch. Nothing ran");
        }
    }

    /** A query as a batch entry, or a prepared query's {@code executeBatch()}: refused as PostgreSQL's driver does. */
    public static RuntimeException queryInBatch(String what) {
        return SqlErrors.of("0100E", what + " returns rows, and a batch returns counts only: run it with executeQuery. "
            + "Nothing ran");
    }

    private static String firstWordOf(String sql) {
        int start = SqlText.firstWord(sql);
        int end = start;
        while (end < sql.length() && Character.isLetter(sql.charAt(end))) {
            end++;
        }
        return sql.substring(start, end).toLowerCase(Locale.ROOT);
    }
}
