package dev.hindsight.sql;

import com.google.errorprone.annotations.DoNotCall;
import dev.hindsight.sql.jdbc.SqlErrors;
import java.sql.Timestamp;

/**
 * {@code HINDSIGHT_AS_OF_SEQ(n)}: the marker the parser puts in a snapshot for {@code AS OF SEQUENCE n}. Calcite
 * insists a snapshot period be a TIMESTAMP, so the marker claims to return one; the planner rule replaces it with
 * the scan's seq bound before anything runs. Public for Calcite's function registry.
 */
public final class AsOfSequenceFunction {

    /** The SQL name of the marker. */
    public static final String NAME = "HINDSIGHT_AS_OF_SEQ";

    private AsOfSequenceFunction() {
    }

    /**
     * Never returns: it runs only for an {@code AS OF SEQUENCE} outside a table reference, an error, and throws the
     * syntax error that says where the clause belongs. Calcite finds it by name and calls it from the code it
     * generates, which Error Prone never sees; {@code @DoNotCall} keeps Java callers away at compile time.
     */
    @DoNotCall("always throws: AS OF SEQUENCE belongs right after a table name; the planner replaces this marker")
    public static Timestamp eval(long seq) {
        throw SqlErrors.of(SqlErrors.SYNTAX_ERROR_OR_ACCESS_RULE,
            "AS OF SEQUENCE belongs right after a table name, e.g. SELECT * FROM events AS OF SEQUENCE " + seq);
    }
}
