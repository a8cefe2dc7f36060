package dev.hindsight.sql.jdbc;

import java.sql.SQLException;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.Meta.Frame;
import org.apache.calcite.avatica.Meta.Signature;

/**
 * The callback of a plain (unprepared) statement, refusing one that has {@code ?} parameters before it runs: a plain
 * statement has no way to set them, and Calcite would run it with each {@code ?} NULL, so {@code WHERE seq = ?}
 * answered no rows and an {@code INSERT} with a {@code ?} went as far as the log's validation. SQLState 07001 (the
 * standard's "wrong number of parameters"), naming how many and what to do instead. Nothing has run when it throws.
 * {@code EXPLAIN} of a statement with parameters is let through: it runs nothing, and shows where they go.
 */
final class PlainStatementCallback implements Meta.PrepareCallback {

    static final String WRONG_NUMBER_OF_PARAMETERS = "07001";
    private static final Pattern EXPLAIN = Pattern.compile("\\s*EXPLAIN\\b", Pattern.CASE_INSENSITIVE);

    private final Meta.PrepareCallback callback;
    private final boolean explain;

    PlainStatementCallback(Meta.PrepareCallback callback, String sql) {
        this.callback = callback;
        this.explain = EXPLAIN.matcher(sql).lookingAt();
    }

    @Override
    public Object getMonitor() {
        return callback.getMonitor();
    }

    @Override
    public void clear() throws SQLException {
        callback.clear();
    }

    @Override
    public void assign(Signature signature, Frame firstFrame, long updateCount) throws SQLException {
        int n = signature.parameters.size();
        if (n > 0 && !explain) {
            throw SqlErrors.of(WRONG_NUMBER_OF_PARAMETERS, "the statement has " + n + " parameter"
                + (n == 1 ? "" : "s") + " (?) and a plain statement sets none: prepare it and set "
                + (n == 1 ? "it" : "them") + ", or write the values into the text");
        }
        callback.assign(signature, firstFrame, updateCount);
    }

    @Override
    public void execute() throws SQLException {
        callback.execute();
    }
}
