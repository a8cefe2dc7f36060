package dev.hindsight.sql;

import java.math.BigDecimal;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ColumnStrategy;
import org.apache.calcite.sql2rel.InitializerContext;
import org.apache.calcite.sql2rel.NullInitializerExpressionFactory;

/**
 * Column defaults of {@code events} for {@code INSERT}: {@code schema_version} defaults to 1; the server-assigned
 * columns get placeholders so that Calcite's validator lets an INSERT leave them out (they are NOT NULL). The
 * placeholders are never stored: the log assigns the real values, and an INSERT naming those columns is refused
 * before planning ({@link HindsightPrepare}).
 */
final class EventsColumnDefaults extends NullInitializerExpressionFactory {

    static final EventsColumnDefaults INSTANCE = new EventsColumnDefaults();

    @Override
    public ColumnStrategy generationStrategy(RelOptTable table, int column) {
        return switch (column) {
            case EventsTable.SEQ, EventsTable.VERSION, EventsTable.EVENT_ID, EventsTable.TS, EventsTable.SOURCE,
                EventsTable.SCHEMA_VERSION -> ColumnStrategy.DEFAULT;
            default -> super.generationStrategy(table, column);
        };
    }

    @Override
    public RexNode newColumnDefaultValue(RelOptTable table, int column, InitializerContext context) {
        RexBuilder rex = context.getRexBuilder();
        return switch (column) {
            case EventsTable.SCHEMA_VERSION -> rex.makeExactLiteral(BigDecimal.ONE,
                table.getRowType().getFieldList().get(column).getType());
            case EventsTable.SEQ, EventsTable.VERSION, EventsTable.EVENT_ID, EventsTable.TS, EventsTable.SOURCE ->
                rex.makeZeroLiteral(table.getRowType().getFieldList().get(column).getType());
            default -> super.newColumnDefaultValue(table, column, context);
        };
    }
}
