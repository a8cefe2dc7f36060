package dev.hindsight.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSnapshot;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The rows of a forward scan of {@code events} under filters, {@code AS OF} and projects of columns alone, as a query
 * stands before the optimisation: each of them keeps the scan's rows in their order or drops some, so a field of the
 * top's rows can be followed down to the scan's column ({@link #columnOf}), and a field of the scan's up to the top
 * ({@link #fieldOf}). For the steps that read a few events through such a chain instead of every event
 * ({@link FirstOrLastEvent}, {@link StreamLists}). A filter holding a sub-query or referring to an outer query ends
 * the chain: what those steps limit or copy would run the sub-query again, or slip out of the decorrelation.
 *
 * <pre>
 *   Filter(entity_type = 'order')      the chain's rows: (seq, entity_type)
 *     Project(seq, entity_type)        fieldOf(0) = 0 (seq), columnOf(1) = EventsTable.ENTITY_TYPE
 *       LogTableScan(events)
 * </pre>
 *
 * @param scan     the scan at the bottom
 * @param projects the projects between, from the top down
 */
record ScanRows(LogTableScan scan, List<LogicalProject> projects) {

    /** The chain from {@code top} down, or {@code null} if it does not end at a forward scan of {@code events}. */
    static @Nullable ScanRows under(RelNode top) {
        List<LogicalProject> projects = new ArrayList<>();
        RelNode below = top;
        while (true) {
            if (below instanceof LogicalFilter filter && !outer(filter.getCondition())) {
                below = filter.getInput();
            } else if (below instanceof LogicalSnapshot snapshot) {
                below = snapshot.getInput();
            } else if (below instanceof LogicalProject project
                && project.getProjects().stream().allMatch(e -> e instanceof RexInputRef)) {
                projects.add(project);
                below = project.getInput();
            } else {
                break;
            }
        }
        return below instanceof LogTableScan scan && scan.logTable instanceof EventsTable && !scan.descending
            ? new ScanRows(scan, List.copyOf(projects)) : null;
    }

    /** The table column of the scan behind {@code field} of the chain's rows; -1 for a computed column. */
    int columnOf(int field) {
        int at = field;
        for (LogicalProject project : projects) {
            at = ((RexInputRef) project.getProjects().get(at)).getIndex();
        }
        return scan.tableColumn(at);
    }

    /** Where the chain's rows hold the scan's field {@code scanField}; -1 if a project drops it. */
    int fieldOf(int scanField) {
        int at = scanField;
        for (int i = projects.size() - 1; i >= 0 && at >= 0; i--) {
            at = positionOf(projects.get(i), at);
        }
        return at;
    }

    /** Where {@code project}, whose expressions are all columns, puts its input's {@code field}; -1 if it drops it. */
    static int positionOf(LogicalProject project, int field) {
        List<RexNode> columns = project.getProjects();
        for (int j = 0; j < columns.size(); j++) {
            if (((RexInputRef) columns.get(j)).getIndex() == field) {
                return j;
            }
        }
        return -1;
    }

    /** Whether {@code condition} refers to an outer query's row, or holds a sub-query. */
    private static boolean outer(RexNode condition) {
        return RexUtil.containsCorrelation(condition) || RexUtil.SubQueryFinder.find(condition) != null;
    }
}
