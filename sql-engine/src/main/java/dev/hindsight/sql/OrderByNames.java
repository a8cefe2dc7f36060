package dev.hindsight.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.apache.calcite.sql.validate.SqlValidatorImpl;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql.validate.SqlValidatorUtil;

/**
 * A name inside an {@code ORDER BY} expression is the input's column, as in PostgreSQL, where only a bare name
 * ({@code ORDER BY x}) may be an output column's: Calcite's lenient conformance read a name anywhere in the
 * {@code ORDER BY} as the select list's alias first, so {@code SELECT -seq AS seq FROM events ORDER BY seq + 0} sorted
 * by the alias, a silently different order. Before Calcite reads the {@code ORDER BY}, such a name that is also a
 * column of the input is written out qualified ({@code events.seq}), or as {@code COALESCE(a.x, b.x)} when it is
 * the column {@code JOIN … USING (x)} or {@code NATURAL JOIN} made of the inputs' ones, as Calcite reads it in the
 * select list; one that two inputs have otherwise is refused as ambiguous (42702), as PostgreSQL. A bare name, a
 * position, a name that is no alias, one no input column has and the names inside a sub-query are left as written.
 */
final class OrderByNames {

    private OrderByNames() {
    }

    /** {@code select}'s ORDER BY with its expressions' names of aliases that are input columns qualified. */
    static void qualify(SqlSelect select, SqlValidatorScope from, SqlValidatorImpl validator) {
        SqlNameMatcher names = validator.getCatalogReader().nameMatcher();
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
                Set<String> inputs = from.findQualifyingTableNames(id.getSimple(), id, names).keySet();
                if (inputs.isEmpty()) {
                    return id; // the alias alone has the name: Calcite reads it so
                }
                if (inputs.size() > 1 && inputs.size() == joinsOn(select.getFrom(), id.getSimple(), validator) + 1) {
                    // one column merged from all: equal where there, so any order answers; sorted, so plans do not vary
                    List<SqlNode> all = inputs.stream().sorted()
                        .map(input -> (SqlNode) new SqlIdentifier(List.of(input, id.getSimple()),
                            id.getParserPosition()))
                        .toList();
                    return SqlStdOperatorTable.COALESCE.createCall(id.getParserPosition(), all);
                }
                return from.fullyQualify(id).identifier; // two inputs have it otherwise: Calcite's 42702
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

    /** How many joins in {@code from} (either side, nested too) are {@code USING} {@code name} or NATURAL with it. */
    private static int joinsOn(SqlNode from, String name, SqlValidatorImpl validator) {
        if (!(from instanceof SqlJoin join)) {
            return 0;
        }
        SqlNameMatcher names = validator.getCatalogReader().nameMatcher();
        List<String> joinedOn = validator.usingNames(join);
        boolean on = joinedOn != null && joinedOn.stream().anyMatch(joined -> names.matches(joined, name));
        return (on ? 1 : 0) + joinsOn(join.getLeft(), name, validator) + joinsOn(join.getRight(), name, validator);
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
