package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * A window that names another, resolved with its own frame: {@code OVER (w ROWS 1 PRECEDING)}, and {@code WINDOW
 * w2 AS (w1 ROWS 1 PRECEDING)}. Calcite's overlay ({@code SqlWindow.overlay}) takes the frame of the window named,
 * which may have none, so the frame written was dropped and the rows were those of the default frame (a running sum
 * where PostgreSQL sums two rows); and it stops after one name, so {@code w3 AS (w2)} lost what {@code w2} took from
 * {@code w1}. Here the partitions and order come from the nearest window of the chain that has them, the frame from
 * the window written, as SQL (7.11) and PostgreSQL have it.
 */
final class NamedWindows {

    private NamedWindows() {
    }

    /**
     * {@code windowOrRef} resolved in {@code scope}; {@code calcites} is Calcite's resolution of it, which has made
     * the checks (a window named and not found, a frame or a second order in the window named).
     */
    static SqlWindow resolve(SqlNode windowOrRef, SqlValidatorScope scope, SqlWindow calcites) {
        SqlWindow written = windowOrRef instanceof SqlIdentifier id ? scope.lookupWindow(id.getSimple())
            : windowOrRef instanceof SqlWindow w ? w : null;
        if (written == null || written.getRefName() == null) {
            return calcites;
        }
        SqlNodeList partitions = written.getPartitionList();
        SqlNodeList order = written.getOrderList();
        Set<SqlWindow> named = Collections.newSetFromMap(new IdentityHashMap<>());
        named.add(written);
        for (SqlWindow w = written; w.getRefName() != null;) {
            String name = w.getRefName().getSimple();
            w = scope.lookupWindow(name);
            if (w == null) {
                return calcites; // not found: Calcite has said so for the first; a later one is its error too
            }
            if (!named.add(w)) { // WINDOW w1 AS (w2), w2 AS (w1): the chain would never end
                throw SqlErrors.of(SqlErrors.WINDOWING_ERROR, "window " + name + " names itself (through the "
                    + "windows it names): a window may name only another that does not name it");
            }
            partitions = partitions.isEmpty() ? w.getPartitionList() : partitions;
            order = order.isEmpty() ? w.getOrderList() : order;
        }
        return new SqlWindow(SqlParserPos.ZERO, written.getDeclName(), null, partitions, order,
            SqlLiteral.createBoolean(written.isRows(), SqlParserPos.ZERO), written.getLowerBound(),
            written.getUpperBound(), SqlLiteral.createBoolean(written.isAllowPartial(), SqlParserPos.ZERO),
            written.getExclude());
    }
}
