package dev.hindsight.sql;

import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.tools.Program;

/**
 * One statement's preparation, through the extension point Calcite offers for it
 * ({@code CalcitePrepareImpl.getPreparingStmt}, "override this function"), instead of Calcite's test hooks: with the
 * session's fast paths on, planning runs the {@code JSON_VALUE} phase before the standard program
 * ({@link JsonValueRule#PROGRAM}), and the finished plan is offered to {@link ScanFastPath} before it is implemented.
 * Calcite makes a new one per statement.
 */
final class HindsightPreparingStmt extends CalcitePrepareImpl.CalcitePreparingStmt {

    private final boolean fastPaths;

    HindsightPreparingStmt(CalcitePrepareImpl prepare, CalcitePrepare.Context context,
                           Prepare.CatalogReader catalogReader, RelDataTypeFactory typeFactory, CalciteSchema schema,
                           EnumerableRel.Prefer prefer, RelOptCluster cluster, Convention resultConvention,
                           SqlRexConvertletTable convertletTable, boolean fastPaths) {
        super(prepare, context, catalogReader, typeFactory, schema, prefer, cluster, resultConvention,
            convertletTable);
        this.fastPaths = fastPaths;
    }

    @Override
    protected Program getProgram() {
        return fastPaths ? JsonValueRule.PROGRAM : super.getProgram();
    }

    @Override
    protected Prepare.PreparedResult implement(RelRoot root) {
        if (fastPaths) {
            ScanFastPath.offer(root);
        }
        return super.implement(root);
    }
}
