package dev.hindsight.sql;

import java.util.ArrayList;
import java.util.IdentityHashMap;
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
 * <p>Each node's actual orders are derived bottom-up, once: a sort's own, a project's or calc's from its input's
 * actual ones (a column passed through keeps its place in an order; a computed one is ordered only by an operand that
 * is an order's first key, its NULLs where they were, which Calcite did not keep either: {@code -k} over rows ordered
 * by {@code k} has its NULLs last, not first as a descending order's default), a filter's or limit's its input's, any
 * other node's the ones it claims if its inputs have the orders they claim, else none known. Where an order is
 * relied on — the statement's {@code ORDER BY}, a limit's, a merge of ordered inputs (union, join, aggregate) — and
 * the node's actual orders do not give it, the node is sorted in that order, the one relied on (a node claims several;
 * sorting by another would undo the one that holds). A node no one relies on stays as it is.
 */
final class SortGuard {

    /** The orders each node of the plan being checked is known to have, computed once per node. */
    private final IdentityHashMap<RelNode, List<RelCollation>> known = new IdentityHashMap<>();

    private SortGuard() {
    }

    /** {@code rel} with a sort wherever an order relied on is not there, the statement's own order too. */
    static RelNode guard(RelNode rel, RelTraitSet required) {
        if (rel.getConvention() != EnumerableConvention.INSTANCE) {
            return rel;
        }
        SortGuard guard = new SortGuard();
        RelNode checked = guard.inputsChecked(rel);
        RelCollation wanted = required.getCollation();
        return guard.has(checked, wanted) ? checked : sorted(checked, wanted);
    }

    /** {@code node} with its inputs checked, each sorted as {@code node} needs where it relies on their order. */
    private RelNode inputsChecked(RelNode node) {
        List<RelNode> inputs = new ArrayList<>(node.getInputs());
        boolean changed = false;
        for (int i = 0; i < inputs.size(); i++) {
            RelNode input = inputs.get(i);
            RelNode checked = inputsChecked(input);
            RelCollation needed = needed(node, input);
            if (!has(checked, needed)) {
                checked = sorted(checked, needed);
            }
            changed |= checked != input;
            inputs.set(i, checked);
        }
        return changed ? node.copy(node.getTraitSet(), inputs) : node;
    }

    /** {@code input} sorted by {@code collation}; floating-point keys as PostgreSQL orders them. */
    private static RelNode sorted(RelNode input, RelCollation collation) {
        EnumerableSort sort = EnumerableSort.create(input, collation, null, null);
        // Calcite's sort fails on NaN and the infinities in a lone key (22018) and puts -0 below 0 among several,
        // which FloatKeySortRule keeps out of the plans it makes
        return FloatKeySort.ordersFloat(sort)
            ? new FloatKeySort(sort.getCluster(), sort.getTraitSet(), input, collation, null, null) : sort;
    }

    /**
     * The order {@code node} reads {@code input} in: a limit's and a merge of ordered inputs' (union, join, aggregate)
     * own, as the planner made it on the input's claim; none for a node that does not rely on its input's order.
     */
    private static RelCollation needed(RelNode node, RelNode input) {
        if (input.getConvention() != EnumerableConvention.INSTANCE) {
            return RelCollations.EMPTY;
        }
        if (node instanceof EnumerableLimit || node instanceof EnumerableMergeUnion
            || (node instanceof Sort sort && sort.getCollation().getFieldCollations().isEmpty())) {
            return node.getTraitSet().getCollation();
        }
        if (node instanceof EnumerableMergeJoin || node instanceof EnumerableSortedAggregate) {
            return input.getTraitSet().getCollation(); // the one the planner asked of the input for the merge
        }
        return RelCollations.EMPTY;
    }

    /** Whether {@code node}'s rows are known to be in the order {@code wanted} (none, or null, always). */
    private boolean has(RelNode node, RelCollation wanted) {
        if (wanted == null || wanted.getFieldCollations().isEmpty()) {
            return true;
        }
        for (RelCollation c : actual(node)) {
            if (c.satisfies(wanted)) {
                return true;
            }
        }
        return false;
    }

    /** The orders {@code node}'s rows are known to have. */
    private List<RelCollation> actual(RelNode node) {
        List<RelCollation> orders = known.get(node);
        if (orders == null) {
            orders = derive(node);
            known.put(node, orders);
        }
        return orders;
    }

    private List<RelCollation> derive(RelNode node) {
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
                if (!has(input, claimed)) {
                    return List.of(); // built on an order its input does not have: none known
                }
            }
        }
        return node.getTraitSet().getCollations();
    }

    /**
     * The orders of {@code projects} over rows of {@code orders}: of each order, its keys passed through as columns
     * (each column that passes one), up to the first that is not; and a column computed from an order's first key by
     * a monotonic function, its NULLs where they were.
     */
    private static List<RelCollation> projected(List<RelCollation> orders, List<RexNode> projects, RelNode node) {
        List<RelCollation> result = new ArrayList<>();
        for (RelCollation order : orders) {
            List<RelFieldCollation> keys = order.getFieldCollations();
            if (keys.isEmpty()) {
                continue;
            }
            for (int first : targets(projects, keys.get(0).getFieldIndex())) {
                List<RelFieldCollation> kept = new ArrayList<>(List.of(keys.get(0).withFieldIndex(first)));
                for (RelFieldCollation key : keys.subList(1, keys.size())) {
                    List<Integer> targets = targets(projects, key.getFieldIndex());
                    if (targets.isEmpty()) {
                        break;
                    }
                    kept.add(key.withFieldIndex(targets.get(0)));
                }
                result.add(RelCollations.of(kept));
            }
            RelFieldCollation key = keys.get(0);
            for (int i = 0; i < projects.size(); i++) {
                if (projects.get(i) instanceof RexCall call) {
                    SqlMonotonicity m = call.getOperator().getMonotonicity(RexCallBinding.create(
                        node.getCluster().getTypeFactory(), call, List.of(RelCollations.of(key))));
                    if (m != SqlMonotonicity.NOT_MONOTONIC && m != SqlMonotonicity.CONSTANT) {
                        // the rows stay where they are: NULLs first or last as they were, whatever the direction
                        result.add(RelCollations.of(new RelFieldCollation(i, RelFieldCollation.Direction.of(m),
                            key.nullDirection)));
                    }
                }
            }
        }
        return result;
    }

    /** The output columns that pass input column {@code field} through, in order. */
    private static List<Integer> targets(List<RexNode> projects, int field) {
        List<Integer> targets = new ArrayList<>();
        for (int i = 0; i < projects.size(); i++) {
            if (projects.get(i) instanceof RexInputRef ref && ref.getIndex() == field) {
                targets.add(i);
            }
        }
        return targets;
    }
}
