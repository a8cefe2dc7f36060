package dev.hindsight.sql;

import java.lang.reflect.Type;
import java.util.Locale;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.interpreter.BindableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;

/**
 * Calcite's statement preparation with Hindsight's rules in front: the log is append-only ({@code UPDATE},
 * {@code DELETE}, {@code MERGE} refused with 42501), server-assigned columns cannot be written (428C9), and Calcite's
 * parse and validation errors leave with a SQLState (42601, 42000) instead of none. The checks look at the parsed
 * statement, never at the SQL text.
 */
final class HindsightPrepare extends CalcitePrepareImpl {

    @Override
    public <T> CalcitePrepare.CalciteSignature<T> prepareSql(CalcitePrepare.Context context,
            CalcitePrepare.Query<T> query, Type elementType, long maxRowCount) {
        if (query.sql != null) {
            check(parse(query.sql, context.config()));
        }
        // the plan is offered to ScanFastPath for a one-stream read (HindsightPreparingStmt)
        boolean fast = fastPaths(context);
        ScanFastPath.clear();
        try {
            CalcitePrepare.CalciteSignature<T> signature = super.prepareSql(context, query, elementType, maxRowCount);
            if (fast) {
                ScanFastPath.signed(signature);
            }
            return signature;
        } catch (AvaticaClientRuntimeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw withSqlState(e);
        }
    }

    @Override
    protected CalcitePreparingStmt getPreparingStmt(CalcitePrepare.Context context, Type elementType,
                                                    CalciteCatalogReader catalogReader, RelOptPlanner planner) {
        // as CalcitePrepareImpl builds its own, with our subclass
        JavaTypeFactory typeFactory = context.getTypeFactory();
        EnumerableRel.Prefer prefer = elementType == Object[].class ? EnumerableRel.Prefer.ARRAY
            : EnumerableRel.Prefer.CUSTOM;
        Convention convention = enableBindable ? BindableConvention.INSTANCE : EnumerableConvention.INSTANCE;
        return new HindsightPreparingStmt(this, context, catalogReader, typeFactory, context.getRootSchema(), prefer,
            createCluster(planner, new RexBuilder(typeFactory)), convention, createConvertletTable(),
            fastPaths(context));
    }

    private static boolean fastPaths(CalcitePrepare.Context context) {
        org.apache.calcite.jdbc.CalciteSchema schema = context.getRootSchema().getSubSchema("public", false);
        return schema != null && schema.schema instanceof HindsightSchema h && h.session().fastPaths();
    }

    private SqlNode parse(String sql, CalciteConnectionConfig config) {
        SqlParser.Config parserConfig = SqlParser.config()
            .withQuoting(config.quoting())
            .withUnquotedCasing(config.unquotedCasing())
            .withQuotedCasing(config.quotedCasing())
            .withCaseSensitive(config.caseSensitive())
            .withConformance(config.conformance())
            .withParserFactory(HindsightParserFactory.INSTANCE);
        try {
            return createParser(sql, parserConfig).parseStmt();
        } catch (SqlParseException e) {
            throw SqlErrors.of(SqlErrors.SYNTAX_ERROR, e.getMessage());
        }
    }

    private static void check(SqlNode statement) {
        SqlKind kind = statement.getKind();
        if (kind == SqlKind.UPDATE || kind == SqlKind.DELETE || kind == SqlKind.MERGE) {
            throw SqlErrors.appendOnly(kind.sql);
        }
        if (statement instanceof SqlInsert insert && isEvents(insert.getTargetTable())) {
            SqlNodeList columns = insert.getTargetColumnList();
            if (columns == null) {
                throw SqlErrors.of(SqlErrors.GENERATED_ALWAYS, "INSERT INTO events must name its columns, e.g. "
                    + "(stream_id, entity_type, name, data): seq, version, event_id, ts and source are assigned by "
                    + "the server");
            }
            for (SqlNode c : columns) {
                String name = ((SqlIdentifier) c).getSimple().toLowerCase(Locale.ROOT);
                if (EventsTable.SERVER_ASSIGNED.contains(name)) {
                    throw SqlErrors.of(SqlErrors.GENERATED_ALWAYS, "column " + name
                        + " is assigned by the server and cannot be written; leave it out of the INSERT");
                }
            }
        }
    }

    private static boolean isEvents(SqlNode table) {
        if (!(table instanceof SqlIdentifier id)) {
            return false;
        }
        return id.names.get(id.names.size() - 1).equalsIgnoreCase("events");
    }

    /** Calcite's own errors, given the SQLState a client can act on. */
    private static RuntimeException withSqlState(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AvaticaClientRuntimeException a) {
                return a;
            }
            if (t instanceof CalciteContextException c) {
                return SqlErrors.of(SqlErrors.SYNTAX_ERROR_OR_ACCESS_RULE, c.getMessage());
            }
        }
        return e;
    }
}
