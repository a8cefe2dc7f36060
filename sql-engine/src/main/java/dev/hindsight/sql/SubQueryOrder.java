package dev.hindsight.sql;

import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Sort;

/**
 * The order of a query's rows when it has no {@code ORDER BY} of its own but reads a sub-query's: {@code SELECT seq
 * FROM (SELECT * FROM events ORDER BY seq DESC) x} answers in the sub-query's order, as PostgreSQL's plan does.
 *
 * <p>Why it is needed: Calcite's planner asks the root for the root's own collation only, and its
 * {@code SortRemoveRule} turns every sort into a demand on its input's order; a demand nobody above makes is then
 * met by the cheapest plan, which for a log table is the scan forwards, so the kept sort of
 * {@link HindsightPreparingStmt#getSqlToRelConverter} was lost whenever the scan could serve the query alone.
 */
final class SubQueryOrder {

    private SubQueryOrder() {
    }

    /**
     * {@code root}'s collation; when it has none and its rows come through projections and filters only from a sort,
     * the order those rows carry (the root relation's collation trait, which Calcite derives through projections).
     */
    static RelCollation of(RelRoot root) {
        if (!root.collation.getFieldCollations().isEmpty() || !fromSort(root.rel)) {
            return root.collation;
        }
        for (RelCollation carried : root.rel.getTraitSet().getCollations()) {
            if (!carried.getFieldCollations().isEmpty()) {
                return carried;
            }
        }
        return root.collation;
    }

    private static boolean fromSort(RelNode rel) {
        RelNode r = rel;
        while (r instanceof Project || r instanceof Filter || r instanceof Calc) {
            r = r.getInput(0);
        }
        return r instanceof Sort;
    }
}
