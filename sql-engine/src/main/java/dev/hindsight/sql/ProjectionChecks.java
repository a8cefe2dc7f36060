package dev.hindsight.sql;

import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.core.Snapshot;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Refuses, before compiling, what a projection cannot maintain event by event, naming it: joins, set operations,
 * subqueries, window functions, ORDER BY/LIMIT, {@code AS OF}, tables other than {@code events}, parameters, and
 * functions whose value depends on when they run (a rebuild must arrive at the same state).
 */
final class ProjectionChecks {

    private ProjectionChecks() {
    }

    /** The functions of who runs a statement: converted to the session's user as literals, unseen by the plan. */
    private static final List<SqlOperator> SESSION_USER_FUNCTIONS = List.of(SqlStdOperatorTable.CURRENT_USER,
        SqlStdOperatorTable.SESSION_USER, SqlStdOperatorTable.USER, SqlStdOperatorTable.SYSTEM_USER);

    /**
     * Refuses a definition that reads who runs it ({@code CURRENT_USER} and its kin): those become the session's
     * user as a literal before {@link #refuseUnsupported} sees the plan, and a rebuild by another user would arrive
     * at another state.
     */
    static void refuseSessionUser(SqlNode query) {
        query.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (SESSION_USER_FUNCTIONS.contains(call.getOperator())) {
                    throw sessionUserRefusal(call.getOperator());
                }
                return super.visit(call);
            }

            @Override
            public Void visit(SqlIdentifier id) {
                // written without parentheses, as they are, the parser leaves them names until validation
                if (id.isSimple() && !id.getParserPosition().isQuoted()) {
                    for (SqlOperator f : SESSION_USER_FUNCTIONS) {
                        if (f.getName().equalsIgnoreCase(id.getSimple())) {
                            throw sessionUserRefusal(f);
                        }
                    }
                }
                return null;
            }
        });
    }

    private static RuntimeException sessionUserRefusal(SqlOperator function) {
        return ProjectionRefusal.of(function.getName() + " is not supported in a projection: its value depends on who "
            + "runs the statement, and a rebuild must arrive at the same state");
    }

    static void refuseUnsupported(RelNode rel) {
        String what = unsupported(rel);
        if (what != null) {
            throw ProjectionRefusal.of(what);
        }
        for (RelNode input : rel.getInputs()) {
            refuseUnsupported(input);
        }
    }

    private static String unsupported(RelNode rel) {
        if (rel instanceof Join || rel instanceof Correlate) {
            return "joins and correlated subqueries are not supported in a projection";
        } else if (rel instanceof SetOp) {
            return "UNION, INTERSECT and EXCEPT are not supported in a projection";
        } else if (rel instanceof Window) {
            return "window functions (OVER) are not supported in a projection";
        } else if (rel instanceof Sort) {
            return "ORDER BY, LIMIT and OFFSET are not supported in a projection: order when you query it";
        } else if (rel instanceof Snapshot) {
            return "AS OF is not supported in a projection's definition: it follows the log; query it AS OF instead";
        } else if (rel instanceof Values) {
            return "a projection reads the events table, and this definition reads constant rows (a VALUES, or a "
                + "condition that is never true, such as HAVING FALSE)";
        } else if (rel instanceof TableScan scan && !isEvents(scan)) {
            return "a projection reads the events table only, not "
                + String.join(".", scan.getTable().getQualifiedName());
        } else if (rel instanceof Project p) {
            return expressions(p.getProjects());
        } else if (rel instanceof Filter f) {
            return expressions(List.of(f.getCondition()));
        } else if (rel instanceof Aggregate || rel instanceof TableScan) {
            return null;
        }
        return rel.getRelTypeName() + " is not supported in a projection";
    }

    private static boolean isEvents(TableScan scan) {
        return scan instanceof LogTableScan l && l.logTable instanceof EventsTable;
    }

    private static String expressions(Iterable<RexNode> exprs) {
        for (RexNode e : exprs) {
            String what = e.accept(new RexVisitorImpl<String>(true) {
                @Override
                public String visitCall(RexCall call) {
                    if (call.getOperator().isDynamicFunction() || !call.getOperator().isDeterministic()) {
                        return call.getOperator().getName() + " is not supported in a projection: its value depends "
                            + "on when it runs, and a rebuild must arrive at the same state";
                    }
                    for (RexNode operand : call.getOperands()) {
                        String inner = operand.accept(this);
                        if (inner != null) {
                            return inner;
                        }
                    }
                    return null;
                }

                @Override
                public String visitOver(RexOver over) {
                    return "window functions (OVER) are not supported in a projection";
                }

                @Override
                public String visitSubQuery(RexSubQuery subQuery) {
                    return "subqueries are not supported in a projection";
                }

                @Override
                public String visitDynamicParam(RexDynamicParam param) {
                    return "parameters (?) are not supported in a projection's definition";
                }
            });
            if (what != null) {
                return what;
            }
        }
        return null;
    }
}
