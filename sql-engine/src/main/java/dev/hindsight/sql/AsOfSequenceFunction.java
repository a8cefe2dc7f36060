package dev.hindsight.sql;

import com.google.errorprone.annotations.DoNotCall;
import dev.hindsight.sql.jdbc.SqlErrors;
import java.math.BigDecimal;
import java.sql.Timestamp;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNumericLiteral;

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

    /**
     * Refuses {@code AS OF SEQUENCE n} whose literal is no log position, a whole number of 0 or more: 22023 naming
     * it. {@code -1} was read as a column SEQUENCE minus 1 (42703), {@code 1.5} as 1, and a number beyond a BIGINT
     * said only "Overflow".
     */
    static void checkLiteral(SqlCall marker) {
        if (marker.operandCount() == 1 && marker.operand(0) instanceof SqlNumericLiteral literal) {
            BigDecimal n = literal.getValueAs(BigDecimal.class);
            boolean whole = n.signum() == 0 || n.stripTrailingZeros().scale() <= 0;
            if (n.signum() < 0 || !whole || n.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                throw SqlErrors.of(SqlErrors.INVALID_PARAMETER_VALUE, "AS OF SEQUENCE takes a log position, a whole "
                    + "number of 0 or more, was " + n.toPlainString());
            }
        }
    }
}
