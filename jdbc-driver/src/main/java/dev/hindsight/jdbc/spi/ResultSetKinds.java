package dev.hindsight.jdbc.spi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;

/**
 * The one kind of result set both drivers give: {@code TYPE_FORWARD_ONLY}, {@code CONCUR_READ_ONLY}. A statement asked
 * for another ({@code createStatement(TYPE_SCROLL_INSENSITIVE, …)}) gets this kind and its connection a warning, as
 * JDBC says a driver does with a kind it cannot give: it had reported the kind asked for, so a tool that checks
 * {@code getType()} before {@code last()} met 0A000 there instead. Result sets stay open over a commit
 * ({@code HOLD_CURSORS_OVER_COMMIT}): {@code CLOSE_CURSORS_AT_COMMIT} asked of a connection or statement is the same
 * warning (it was reported back as if honoured), a value that is neither 22023 (Avatica's "invalid value" had none).
 */
public final class ResultSetKinds {

    /** SQLState 01000: a warning. */
    private static final String WARNING = "01000";

    private ResultSetKinds() {
    }

    /** The warning for a statement asked for {@code type} and {@code concurrency}, or {@code null} if they are ours. */
    public static SQLWarning warning(int type, int concurrency) {
        SQLWarning w = null;
        if (type != ResultSet.TYPE_FORWARD_ONLY) {
            w = new SQLWarning("result set type " + typeName(type) + " is not supported: the statement's results are "
                + "TYPE_FORWARD_ONLY (read them with next())", WARNING);
        }
        if (concurrency != ResultSet.CONCUR_READ_ONLY) {
            SQLWarning c = new SQLWarning("result set concurrency " + (concurrency == ResultSet.CONCUR_UPDATABLE
                ? "CONCUR_UPDATABLE" : String.valueOf(concurrency)) + " is not supported: the statement's results "
                + "are CONCUR_READ_ONLY (change rows with INSERT: the log is appended to)", WARNING);
            if (w == null) {
                w = c;
            } else {
                w.setNextWarning(c);
            }
        }
        return w;
    }

    /**
     * Checks {@code holdability} is one of {@code ResultSet}'s two.
     *
     * @throws SQLException 22023 naming it if not
     */
    private static void checkHoldability(int holdability) throws SQLException {
        if (holdability != ResultSet.HOLD_CURSORS_OVER_COMMIT && holdability != ResultSet.CLOSE_CURSORS_AT_COMMIT) {
            throw new SQLException("result set holdability " + holdability + " is none of ResultSet's: "
                + "HOLD_CURSORS_OVER_COMMIT (1) or CLOSE_CURSORS_AT_COMMIT (2)", "22023");
        }
    }

    /** The warning for a connection or statement asked for {@code holdability}, or {@code null} if it is ours. */
    private static SQLWarning holdabilityWarning(int holdability) {
        return holdability == ResultSet.CLOSE_CURSORS_AT_COMMIT ? new SQLWarning("result set holdability "
            + "CLOSE_CURSORS_AT_COMMIT is not supported: result sets stay open over a commit "
            + "(HOLD_CURSORS_OVER_COMMIT; close them when done)", WARNING) : null;
    }

    private static String typeName(int type) {
        return switch (type) {
            case ResultSet.TYPE_SCROLL_INSENSITIVE -> "TYPE_SCROLL_INSENSITIVE";
            case ResultSet.TYPE_SCROLL_SENSITIVE -> "TYPE_SCROLL_SENSITIVE";
            default -> String.valueOf(type);
        };
    }

    /** A connection's warnings ({@code getWarnings}, {@code clearWarnings}): of the kinds asked for. Thread-safe. */
    public static final class Warnings {

        private SQLWarning chain;

        /** Adds the warning of a statement asked for {@code type} and {@code concurrency}, if they are not ours. */
        public synchronized void asked(int type, int concurrency) {
            add(warning(type, concurrency));
        }

        /**
         * Checks {@code holdability} ({@link #checkHoldability}) and adds its warning if it is not ours.
         *
         * @throws SQLException 22023 if it is none of {@code ResultSet}'s
         */
        public synchronized void askedHoldability(int holdability) throws SQLException {
            checkHoldability(holdability);
            add(holdabilityWarning(holdability));
        }

        private void add(SQLWarning w) {
            if (chain == null) {
                chain = w;
            } else if (w != null) {
                chain.setNextWarning(w);
            }
        }

        /** The chain, or {@code null}. */
        public synchronized SQLWarning get() {
            return chain;
        }

        /** Forgets them. */
        public synchronized void clear() {
            chain = null;
        }
    }
}
