package dev.hindsight.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql.validate.SqlValidatorUtil;

/**
 * A name inside an {@code ORDER BY} expression is the input's column, as in PostgreSQL, where only a bare name
 * ({@code ORDER BY x}) may be an output column's: Calcite's lenient conformance read a name anywhere in the
 * {@code ORDER BY} as the select list's alias first, so {@code SELECT -seq AS seq FROM events ORDER BY seq + 0} sorted
 * by the alias, a silently different order. Before Calcite reads the {@code ORDER BY}, such a name that is also a
 * column of the input is written out qualified ({@code events.seq}); a bare name, a position, a name that is no
 * alias, one no input column has (or more than one has) and the names inside a sub-query are left as written.
 */
final class OrderByNames {

    private OrderByNames() {
    }

    /** {@code select}'s ORDER BY with its expressions' names of aliases that are input columns qualified. */
    static void qualify(SqlSelect select, SqlValidatorScope from, SqlNameMatcher names) {
        SqlNodeList orderList = select.getOrderList();
        if (orderList == null) {
            return;
        }
        List<String> aliases = new ArrayList<>();
        for (int i = 0; i < select.getSelectList().size(); i++) {
            aliases.add(SqlValidatorUtil.alias(select.getSelectList().get(i), i));
        }
        SqlShuttle qualifier = new SqlShuttle() {
            @Override
            public SqlNode visit(SqlIdentifier id) {
                if (!id.isSimple() || aliases.stream().noneMatch(a -> names.matches(a, id.getSimple()))) {
                    return id;
                }
                try {
                    return from.fullyQualify(id).identifier;
                } catch (CalciteContextException notAnInputColumn) {
                    return id; // the alias alone has the name (or the input has it twice): Calcite reads it so
                }
            }

            @Override
            public SqlNode visit(SqlCall call) {
                return call instanceof SqlSelect ? call : super.visit(call); // a sub-query's names are its own
            }
        };
        for (int i = 0; i < orderList.size(); i++) {
            if (!isBare(orderList.get(i))) {
                orderList.set(i, orderList.get(i).accept(qualifier));
            }
        }
    }

    /** Whether an ORDER BY item is a name or a position, under its DESC and NULLS FIRST/LAST. */
    private static boolean isBare(SqlNode item) {
        SqlNode expr = item;
        while (expr instanceof SqlCall call && (call.getKind() == SqlKind.DESCENDING
            || call.getKind() == SqlKind.NULLS_FIRST || call.getKind() == SqlKind.NULLS_LAST)) {
            expr = call.operand(0);
        }
        return expr instanceof SqlIdentifier || expr instanceof SqlLiteral;
    }
}
