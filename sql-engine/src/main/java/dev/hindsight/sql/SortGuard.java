package dev.hindsight.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableLimit;
import org.apache.calcite.adapter.enumerable.EnumerableMergeJoin;
import org.apache.calcite.adapter.enumerable.EnumerableMergeUnion;
import org.apache.calcite.adapter.enumerable.EnumerableSort;
import org.apache.calcite.adapter.enumerable.EnumerableSortedAggregate;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexCallBinding;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.sql.validate.SqlMonotonicity;

/**
 * The chosen plan checked for orders it claims and does not have, with a sort put where one is relied on. Calcite
 * derives the order of a computed column from its operand's monotonicity, and counts an operand ordered if it is any
 * key of an order the input has, not only the first: over rows ordered by {@code (id, k)}, {@code CAST(k AS BIGINT)}
 * was taken as ordered, so {@code SELECT CAST(k AS BIGINT) FROM (VALUES (1, 30), (2, 10), (3, 20)) v(id, k) ORDER BY
 * 1} answered 30, 10, 20 with no sort in its plan, {@code … LIMIT 1} 30, and a {@code UNION} merged such rows
 * unsorted and kept duplicates. The planner's choice rests on that claim in code Hindsight cannot replace (the
 * traits a project or calc is made with), so the claim is checked afterwards, here.
 *
 * <p>Each node's actual orders are derived bottom-up: a sort's own, a project's or calc's from its input's actual ones
 * (a column passed through keeps its place in an order; a computed one is ordered only by an operand that is an
 * order's first key), a filter's or limit's its input's, any other node's the ones it claims if its inputs have the
 * orders they claim, else none known. Where the order a node claims for its rows is relied on — by the statement's
 * {@code ORDER BY}, a limit, a merge of ordered inputs (union, join, aggregate) — and its actual orders do not give
 * it, the node is sorted as it claims. A node no one relies on stays as it is: the check costs no sort elsewhere.
 */
final class SortGuard {

    private SortGuard() {
    }

    /** {@code rel} with a sort wherever an order relied on is not there, the statement's own order too. */
    static RelNode guard(RelNode rel, RelTraitSet required) {
        if (rel.getConvention() != EnumerableConvention.INSTANCE) {
            return rel;
        }
        RelNode checked = inputsChecked(rel);
        RelCollation wanted = required.getCollation();
        return wanted == null || has(actual(checked), wanted) ? checked : EnumerableSort.create(checked, wanted, null,
            null);
    }

    /** {@code node} with its inputs checked, each sorted as it claims where {@code node} relies on its order. */
    private static RelNode inputsChecked(RelNode node) {
        List<RelNode> inputs = new ArrayList<>(node.getInputs());
        boolean changed = false;
        for (int i = 0; i < inputs.size(); i++) {
            RelNode input = inputs.get(i);
            RelNode checked = inputsChecked(input);
            if (reliesOnOrder(node) && input.getConvention() == EnumerableConvention.INSTANCE) {
                for (RelCollation claimed : input.getTraitSet().getCollations()) {
                    if (!has(actual(checked), claimed)) {
                        checked = EnumerableSort.create(checked, claimed, null, null);
                    }
                }
            }
            changed |= checked != input;
            inputs.set(i, checked);
        }
        return changed ? node.copy(node.getTraitSet(), inputs) : node;
    }

    /** Whether {@code node} reads its inputs in the order they claim to have. */
    private static boolean reliesOnOrder(RelNode node) {
        return node instanceof EnumerableLimit || node instanceof EnumerableMergeUnion
            || node instanceof EnumerableMergeJoin || node instanceof EnumerableSortedAggregate
            || (node instanceof Sort sort && sort.getCollation().getFieldCollations().isEmpty());
    }

    private static boolean has(List<RelCollation> actual, RelCollation wanted) {
        if (wanted.getFieldCollations().isEmpty()) {
            return true;
        }
        for (RelCollation c : actual) {
            if (c.satisfies(wanted)) {
                return true;
            }
        }
        return false;
    }

    /** The orders {@code node}'s rows are known to have. */
    private static List<RelCollation> actual(RelNode node) {
        if (node instanceof Sort sort && !sort.getCollation().getFieldCollations().isEmpty()) {
            return List.of(sort.getCollation());
        }
        if (node instanceof Project project) {
            return projected(actual(project.getInput()), project.getProjects(), node);
        }
        if (node instanceof Calc calc) {
            RexProgram program = calc.getProgram();
            List<RexNode> projects = program.getProjectList().stream().map(r -> program.expandLocalRef(r)).toList();
            return projected(actual(calc.getInput()), projects, node);
        }
        if (node instanceof Filter || node instanceof EnumerableLimit || node instanceof Sort) {
            return actual(node.getInput(0));
        }
        for (RelNode input : node.getInputs()) {
            for (RelCollation claimed : input.getTraitSet().getCollations()) {
                if (!has(actual(input), claimed)) {
                    return List.of(); // built on an order its input does not have: none known
                }
            }
        }
        return node.getTraitSet().getCollations();
    }

    /**
     * The orders of {@code projects} over rows of {@code orders}: of each order, its keys passed through as columns,
     * up to the first that is not; and a column computed from an order's first key by a monotonic function.
     */
    private static List<RelCollation> projected(List<RelCollation> orders, List<RexNode> projects, RelNode node) {
        List<RelCollation> result = new ArrayList<>();
        for (RelCollation order : orders) {
            List<RelFieldCollation> kept = new ArrayList<>();
            for (RelFieldCollation key : order.getFieldCollations()) {
                int target = target(projects, key.getFieldIndex());
                if (target < 0) {
                    break;
                }
                kept.add(key.withFieldIndex(target));
            }
            if (!kept.isEmpty()) {
                result.add(RelCollations.of(kept));
            }
            if (order.getFieldCollations().isEmpty()) {
                continue;
            }
            RelCollation first = RelCollations.of(order.getFieldCollations().get(0));
            for (int i = 0; i < projects.size(); i++) {
                if (projects.get(i) instanceof RexCall call) {
                    SqlMonotonicity m = call.getOperator().getMonotonicity(
                        RexCallBinding.create(node.getCluster().getTypeFactory(), call, List.of(first)));
                    if (m != SqlMonotonicity.NOT_MONOTONIC && m != SqlMonotonicity.CONSTANT) {
                        result.add(RelCollations.of(new RelFieldCollation(i, RelFieldCollation.Direction.of(m))));
                    }
                }
            }
        }
        return result;
    }

    private static int target(List<RexNode> projects, int field) {
        for (int i = 0; i < projects.size(); i++) {
            if (projects.get(i) instanceof RexInputRef ref && ref.getIndex() == field) {
                return i;
            }
        }
        return -1;
    }
}
