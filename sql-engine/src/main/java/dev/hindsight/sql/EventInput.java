package dev.hindsight.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;

/**
 * The input of a projection's aggregate, flattened onto the {@code events} row: the chain of projects and filters
 * between the aggregate and the scan becomes one list of expressions over event columns and one condition, so each
 * event is evaluated by two compiled functions, whatever shape the converter gave the plan.
 *
 * @param exprs       the aggregate's input columns, as expressions over the events row
 * @param condition   every filter on the way, AND-ed, or {@code null}
 * @param scanRowType the events row type
 */
record EventInput(List<RexNode> exprs, RexNode condition, RelDataType scanRowType) {

    static EventInput of(RelNode top, RexBuilder rex) {
        List<RelNode> chain = new ArrayList<>();
        RelNode rel = top;
        while (rel instanceof Project || rel instanceof Filter) {
            chain.add(rel);
            rel = rel.getInput(0);
        }
        if (!(rel instanceof LogTableScan scan) || !(scan.logTable instanceof EventsTable)) {
            throw ProjectionRefusal.of("a projection reads the events table alone, directly");
        }
        RelDataType rowType = scan.getRowType();
        List<RexNode> exprs = new ArrayList<>();
        for (int i = 0; i < rowType.getFieldCount(); i++) {
            exprs.add(rex.makeInputRef(rowType.getFieldList().get(i).getType(), i));
        }
        List<RexNode> conditions = new ArrayList<>();
        for (int i = chain.size() - 1; i >= 0; i--) {
            RelNode node = chain.get(i);
            List<RexNode> below = exprs;
            RexShuttle inline = new RexShuttle() {
                @Override
                public RexNode visitInputRef(RexInputRef ref) {
                    return below.get(ref.getIndex());
                }
            };
            if (node instanceof Filter f) {
                conditions.add(f.getCondition().accept(inline));
            } else {
                List<RexNode> next = new ArrayList<>();
                for (RexNode p : ((Project) node).getProjects()) {
                    next.add(p.accept(inline));
                }
                exprs = next;
            }
        }
        RexNode condition = conditions.isEmpty() ? null : RexUtil.composeConjunction(rex, conditions);
        return new EventInput(exprs, condition, rowType);
    }
}
