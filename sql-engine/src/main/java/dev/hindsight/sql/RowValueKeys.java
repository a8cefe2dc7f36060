package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.util.List;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.tools.Program;

/**
 * Row values ({@code ROW(a, b)}, {@code (a, b)}) as the keys that make rows distinct are refused (0A000) rather than
 * answered wrongly: Calcite's enumerable code holds a row value as a Java array, whose equality is identity, so
 * {@code SELECT DISTINCT ROW(a, b)}, {@code COUNT(DISTINCT (a, b))} and a {@code UNION} of row values kept every
 * row (the count of six rows of three distinct pairs was 6). A {@link Program} step before the statement's
 * optimisation ({@link HindsightPreparingStmt#getProgram}) that looks at every aggregate's keys and distinct
 * arguments, every distinct set operation's columns, every window's partition keys and every comparison of two row
 * values that are not written out as {@code ROW(…)} (a join {@code ON x.r = y.r} of sub-queries' row columns matched
 * nothing); an array of row values counts as one. ({@code GROUP BY ROW(a, b)} is Calcite's grouping by
 * {@code a, b}, whose keys are the columns: answered.) So is a row value {@code IN} a sub-query, where either's columns
 * may be NULL, as a value ({@link #ROW_IN_AS_VALUE}), and one that may hold a NULL {@code NOT IN} a sub-query
 * ({@link #NEGATED_ROW_IN}).
 */
final class RowValueKeys implements Program {

    /** The step; stateless. */
    static final Program PROGRAM = new RowValueKeys();

    private RowValueKeys() {
    }

    @Override
    public RelNode run(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
                       List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
        return rel.accept(new EveryNode(RowValueKeys::check));
    }

    private static RelNode check(RelNode node) {
        if (node instanceof Aggregate aggregate) {
            List<RelDataTypeField> input = aggregate.getInput().getRowType().getFieldList();
            for (int key : aggregate.getGroupSet()) {
                refuseRow(input.get(key), "DISTINCT or GROUP BY");
            }
            for (AggregateCall call : aggregate.getAggCallList()) {
                if (call.isDistinct()) {
                    for (int arg : call.getArgList()) {
                        refuseRow(input.get(arg), call.getAggregation().getName() + "(DISTINCT …)");
                    }
                }
            }
        } else if (node instanceof SetOp setOp && !setOp.all) {
            for (RelDataTypeField field : setOp.getRowType().getFieldList()) {
                refuseRow(field, setOp.kind + " (without ALL)");
            }
        }
        if (node instanceof Project project) {
            project.accept(ROW_IN_AS_VALUE);
        }
        node.accept(EXPRESSIONS); // window partitions and comparisons, in any node's expressions
        node.accept(NEGATED_ROW_IN);
        return node;
    }

    /**
     * A row value {@code IN} a sub-query of columns that may be NULL, as a value ({@code SELECT (a, b) IN (SELECT x, y
     * …)}): Calcite's plan joins the sub-query's rows without making them one, so an outer row that meets a row with a
     * NULL and one without came back twice (7 rows of 6). In a condition ({@code WHERE}) it answers right.
     */
    private static final RexShuttle ROW_IN_AS_VALUE = new RexShuttle() {
        @Override
        public RexNode visitSubQuery(RexSubQuery subQuery) {
            if (rowIn(subQuery) && (subQuery.rel.getRowType().getFieldList().stream()
                .anyMatch(f -> f.getType().isNullable()) || nullableRow(subQuery))) {
                throw SqlErrors.of(SqlErrors.FEATURE_NOT_SUPPORTED, "a row value IN a sub-query, where either's "
                    + "columns may be NULL, is not supported as a value (in the select list): write EXISTS (SELECT 1 "
                    + "FROM … WHERE x = a AND y = b), false rather than NULL where no row matches, or filter the NULLs "
                    + "out (WHERE x IS NOT NULL AND y IS NOT NULL)");
            }
            return super.visitSubQuery(subQuery);
        }
    };

    /**
     * A row value that may hold a NULL, {@code NOT IN} a sub-query ({@code WHERE (a, b) NOT IN (SELECT x, y …)},
     * {@code <> ALL}): Calcite's removal takes the test for unknown when any of the row's values is NULL, so
     * {@code (NULL, 3) NOT IN} a sub-query of {@code (1, 1)} dropped the row, where {@code 3 <> 1} makes it true in
     * PostgreSQL (95 rows of 1185). A condition without {@code NOT} answers right: unknown and false both drop a row.
     */
    private static final RexShuttle NEGATED_ROW_IN = new RexShuttle() {
        @Override
        public RexNode visitCall(RexCall call) {
            if (call.getKind() == SqlKind.NOT && call.getOperands().get(0) instanceof RexSubQuery in && rowIn(in)
                && nullableRow(in)) {
                throw SqlErrors.of(SqlErrors.FEATURE_NOT_SUPPORTED, "a row value whose columns may be NULL NOT IN a "
                    + "sub-query is not supported: write NOT EXISTS (SELECT 1 FROM … WHERE x = a AND y = b), or "
                    + "compare the columns that may be NULL with IS NOT DISTINCT FROM there");
            }
            return super.visitCall(call);
        }
    };

    private static boolean rowIn(RexSubQuery subQuery) {
        return subQuery.getKind() == SqlKind.IN && subQuery.getOperands().size() > 1;
    }

    private static boolean nullableRow(RexSubQuery subQuery) {
        return subQuery.getOperands().stream().anyMatch(o -> o.getType().isNullable());
    }

    /** A window partitioned by a row value, or two row values compared other than field by field. */
    private static final RexShuttle EXPRESSIONS = new RexShuttle() {
        @Override
        public RexNode visitOver(RexOver over) {
            for (RexNode key : over.getWindow().partitionKeys) {
                refuseRow(key.getType(), "PARTITION BY");
            }
            return super.visitOver(over);
        }

        @Override
        public RexNode visitCall(RexCall call) {
            if (call.getKind().belongsTo(SqlKind.COMPARISON) && call.getOperands().stream()
                .allMatch(o -> o.getType().isStruct() && o.getKind() != SqlKind.ROW)) {
                refuseRow(call.getOperands().get(0).getType(), "a comparison (" + call.getKind().sql + ")");
            }
            return super.visitCall(call);
        }
    };

    private static void refuseRow(RelDataTypeField field, String where) {
        refuseRow(field.getType(), where);
    }

    private static void refuseRow(RelDataType type, String where) {
        if (type.isStruct() || (type.getComponentType() != null && type.getComponentType().isStruct())) {
            throw SqlErrors.of(SqlErrors.FEATURE_NOT_SUPPORTED, "a row value as a key of " + where
                + " is not supported: list its columns instead (DISTINCT a, b; COUNT(DISTINCT a, b) skips rows with a "
                + "NULL among them)");
        }
    }
}
