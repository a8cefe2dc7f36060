package dev.hindsight.sql;

import static java.util.Objects.requireNonNull;

import dev.hindsight.sql.jdbc.ColumnSizes;
import dev.hindsight.sql.jdbc.ParameterClasses;
import dev.hindsight.sql.jdbc.SqlErrors;
import dev.hindsight.sql.parser.PostgresInterval;
import dev.hindsight.sql.parser.SqlCreateProjection;
import dev.hindsight.sql.parser.SqlDropProjection;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableLimitSortRule;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.interpreter.BindableConvention;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.plan.Contexts;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptCostFactory;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.volcano.VolcanoPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Internal: Calcite's statement preparation for Hindsight: each statement is prepared by a
 * {@link HindsightPreparingStmt} (the log's rules, the fast paths), the fast path it found is attached to the signature
 * ({@link FastPath#KEY}), and Calcite's parse and validation errors leave with a SQLState (42601, 42P01, …:
 * {@link ValidationStates}) instead of none. Calcite makes one per statement ({@code Driver.withPrepareFactory}), so
 * the preparing statement it made is a plain field. Public for the driver ({@code dev.hindsight.sql.jdbc}), which
 * names it as its prepare factory.
 */
public final class HindsightPrepare extends CalcitePrepareImpl {

    /**
     * Texts {@code CalcitePrepareImpl} prepares by a shortcut of its own (its {@code SIMPLE_SQLS}) that we take the
     * usual way; its {@code SELECT 1 FROM DUAL} stays a shortcut, as there is no table {@code dual} to read.
     */
    private static final Set<String> CALCITE_SHORTCUTS = Set.of("SELECT 1", "select 1");

    private @Nullable HindsightPreparingStmt preparing;
    /** The text being prepared: a CREATE PROJECTION keeps it as written (this object prepares one statement). */
    private @Nullable String sql;
    /** The DDL statement being prepared, to run when executed; noted by {@link #executeDdl}. */
    private @Nullable Runnable ddl;
    /** When planning must stop: the session's statement timeout, from the outermost {@link #prepareSql}. */
    private PlanningDeadline deadline = PlanningDeadline.NONE;

    /** One statement's preparation; Calcite makes one per statement. */
    public HindsightPrepare() {
    }

    @Override
    public <T> CalcitePrepare.CalciteSignature<T> prepareSql(CalcitePrepare.Context context,
            CalcitePrepare.Query<T> given, Type elementType, long maxRowCount) {
        if (deadline != PlanningDeadline.NONE) { // INSERT … RETURNING prepares its parts under its own deadline
            return prepareTimed(context, given, elementType, maxRowCount);
        }
        SqlSession session = HindsightSchema.sessionOf(context.getRootSchema());
        PlanningDeadline planning = PlanningDeadline.of(session == null ? 0 : session.statementTimeout());
        deadline = planning;
        try {
            CalcitePrepare.CalciteSignature<T> signature = prepareTimed(context, given, elementType, maxRowCount);
            planning.check(); // a search cut short
            return signature;
        } finally {
            planning.close();
            deadline = PlanningDeadline.NONE; // a DDL statement's failures when it runs are its own
        }
    }

    private <T> CalcitePrepare.CalciteSignature<T> prepareTimed(CalcitePrepare.Context context,
            CalcitePrepare.Query<T> given, Type elementType, long maxRowCount) {
        CalcitePrepare.CalciteSignature<T> signature;
        String trimmed = given.sql == null ? null : StatementEnd.trimmed(given.sql);
        CalcitePrepare.Query<T> query = trimmed == null || trimmed.length() == given.sql.length() ? given
            : CalcitePrepare.Query.of(trimmed);
        sql = query.sql;
        try {
            String shown = query.sql == null ? null : SessionSettings.showQuery(query.sql);
            if (shown != null) {
                query = CalcitePrepare.Query.of(shown);
            }
            Returning returning = query.sql == null ? null : Returning.of(query.sql);
            if (returning != null) {
                return returning(context, returning, query.sql, elementType);
            }
            signature = super.prepareSql(context, unshortcut(query), elementType, maxRowCount);
            if (ddl != null) { // Calcite met DDL, which it runs as it prepares it: here it runs when executed
                return DeferredDdl.signature(signature, ddl);
            }
        } catch (RuntimeException | LinkageError | AssertionError | VirtualMachineError e) {
            throw withSqlState(e, query.sql);
        }
        ColumnSizes.apply(signature.columns, context.getRootSchema());
        ParameterClasses.apply(signature.parameters);
        FastPath fast = preparing == null ? null : preparing.fastPath();
        // a scan's fit to the signature (rows as arrays of all its columns) is checked where it runs: the cursor's
        // style is Avatica's
        boolean attach = fast instanceof InsertFastPath || (fast instanceof ScanFastPath && maxRowCount < 0);
        if (attach) {
            signature.internalParameters.put(FastPath.KEY, fast); // Calcite's own map for this preparation
        }
        return KeptConstantFailure.kept(signature); // a constant that fails to compute fails every run alike
    }

    /**
     * Calcite answers {@code SELECT 1} (pools' test query) with a signature of its own that skips validation, so its
     * column was {@code EXPR$0} where any other literal's is {@code ?column?} ({@link ColumnNames}). A trailing space
     * takes it the usual way.
     */
    private static <T> CalcitePrepare.Query<T> unshortcut(CalcitePrepare.Query<T> query) {
        return query.sql != null && CALCITE_SHORTCUTS.contains(query.sql) ? CalcitePrepare.Query.of(query.sql + " ")
            : query;
    }

    @Override
    protected CalcitePreparingStmt getPreparingStmt(CalcitePrepare.Context context, Type elementType,
                                                    CalciteCatalogReader catalogReader, RelOptPlanner planner) {
        // as CalcitePrepareImpl builds its own, with our subclass
        JavaTypeFactory typeFactory = context.getTypeFactory();
        EnumerableRel.Prefer prefer = elementType == Object[].class ? EnumerableRel.Prefer.ARRAY
            : EnumerableRel.Prefer.CUSTOM;
        Convention convention = enableBindable ? BindableConvention.INSTANCE : EnumerableConvention.INSTANCE;
        preparing = new HindsightPreparingStmt(this, context, catalogReader, typeFactory, context.getRootSchema(),
            prefer, createCluster(planner, new RexBuilder(typeFactory)), convention, createConvertletTable(),
            fastPaths(context), deadline);
        return preparing;
    }

    /**
     * {@code ORDER BY … LIMIT n} as Calcite's {@code EnumerableLimitSort}, which keeps the first {@code n} (plus the
     * offset) rows as it reads, where a sort then a limit held every row: {@code SELECT seq, stream_id FROM events
     * ORDER BY version DESC, seq LIMIT 3} over 1.5 million events ran a 256 MB server out of heap (a hunt's run).
     * Calcite has the rule but does not register it. Not for a sort with a floating-point key, which
     * {@link FloatKeyLimitSortRule} takes (NaN, {@code -0}), nor by {@code seq} alone, either way, which the log's
     * scans give in order ({@link LogTableSortDescScanRule}): a limit over them reads n events, where the planner
     * took the top-n of the whole log as cheaper.
     */
    private static final RelOptRule TOP_N = EnumerableRules.ENUMERABLE_LIMIT_SORT_RULE.config
        .withOperandSupplier(b -> b.operand(LogicalSort.class).predicate(HindsightPrepare::topN).anyInputs())
        .as(EnumerableLimitSortRule.Config.class).toRule();

    private static boolean topN(LogicalSort sort) {
        List<RelFieldCollation> keys = sort.getCollation().getFieldCollations();
        boolean bySeq = keys.size() == 1
            && sort.getRowType().getFieldNames().get(keys.get(0).getFieldIndex()).equalsIgnoreCase("seq");
        return sort.fetch != null && !bySeq && !FloatKeySort.ordersFloat(sort);
    }

    /**
     * As Calcite's, with the deadline's flag in the planner's context, where its search looks for one,
     * {@link FloatKeySortRule} and {@link FloatKeyMergeUnionRule} in place of Calcite's, and the top-n rules.
     */
    @Override
    protected RelOptPlanner createPlanner(CalcitePrepare.Context prepareContext,
                                          org.apache.calcite.plan.@Nullable Context externalContext,
                                          @Nullable RelOptCostFactory costFactory) {
        org.apache.calcite.plan.Context flagged = externalContext == null
            ? Contexts.of(prepareContext.config(), deadline.flag())
            : Contexts.chain(externalContext, Contexts.of(deadline.flag()));
        RelOptPlanner planner = super.createPlanner(prepareContext, flagged, costFactory);
        if (planner.removeRule(EnumerableRules.ENUMERABLE_SORT_RULE)) {
            planner.addRule(FloatKeySortRule.CONFIG.toRule());
        }
        if (planner.removeRule(EnumerableRules.ENUMERABLE_MERGE_UNION_RULE)) {
            planner.addRule(new FloatKeyMergeUnionRule());
        }
        planner.addRule(TOP_N);
        planner.addRule(FloatKeyLimitSortRule.INSTANCE);
        return planner;
    }

    /**
     * {@code INSERT … RETURNING}: a query whose rows are those of {@code sys.last_append} read right after the INSERT
     * ran, each prepared as Calcite prepares them, bound to the same parameters. One signature for a plain statement,
     * a prepared one and the remote driver alike.
     */
    private <T> CalcitePrepare.CalciteSignature<T> returning(CalcitePrepare.Context context, Returning r, String sql,
                                                             Type elementType) {
        CalcitePrepare.CalciteSignature<T> insert = prepareSql(context, CalcitePrepare.Query.of(r.insert()),
            elementType, -1);
        CalcitePrepare.CalciteSignature<T> keys = prepareSql(context, CalcitePrepare.Query.of(r.keysQuery()),
            elementType, -1);
        SqlSession session = HindsightSchema.sessionOf(context.getRootSchema());
        Bindable<T> bindable = dataContext -> {
            if (session != null && !session.autoCommit()) {
                session.checkWritable(); // a session that may not write says so first (25006, 42501), as a plain INSERT
                throw SqlErrors.of(SqlErrors.FEATURE_NOT_SUPPORTED, "INSERT … RETURNING in a transaction: the events "
                    + "are appended, and numbered, at commit(); use auto-commit, or read the keys after the commit "
                    + "(getGeneratedKeys, or SELECT * FROM sys.last_append)");
            }
            long appended;
            try (Enumerator<T> count = insert.enumerable(dataContext).enumerator()) {
                count.moveNext(); // runs the append
                appended = ((Number) count.current()).longValue();
            }
            // no rows appended (INSERT … SELECT of nothing): no rows returned, not the last append's
            return appended == 0 ? Linq4j.emptyEnumerable() : keys.enumerable(dataContext);
        };
        Map<String, Object> internal = new HashMap<>(insert.internalParameters);
        internal.remove(FastPath.KEY); // the INSERT runs through its bindable here, not the fast path
        internal.putAll(keys.internalParameters);
        internal.put(Returning.KEY, r);
        return new CalcitePrepare.CalciteSignature<>(sql, insert.parameters, internal, keys.rowType, keys.columns,
            keys.cursorFactory, context.getRootSchema(), keys.getCollationList(), -1, bindable,
            keys.statementType); // SELECT: the statement answers with the rows of a query
    }

    /**
     * Notes the DDL statement being prepared, to run when it is executed ({@link DeferredDdl}): Calcite calls this as
     * it prepares one.
     */
    @Override
    public void executeDdl(CalcitePrepare.Context context, SqlNode node) {
        String text = sql;
        ddl = () -> {
            try {
                runDdl(context, node, text);
            } catch (RuntimeException | LinkageError | AssertionError | VirtualMachineError e) {
                throw withSqlState(e, text); // as a failure while preparing it was
            }
        };
    }

    /** {@code CREATE/DROP PROJECTION} here; other DDL ({@code SET as_of}) as Calcite does it. */
    private void runDdl(CalcitePrepare.Context context, SqlNode node, @Nullable String text) {
        if (node instanceof SqlCreateProjection create) {
            ProjectionDdl.create(this, context, create, text == null ? create.toString() : text);
        } else if (node instanceof SqlDropProjection drop) {
            ProjectionDdl.drop(context, drop);
        } else {
            super.executeDdl(context, node);
        }
    }

    /** The validated, converted plan of a projection's defining query, as a statement of it would have. */
    RelRoot convertDefinition(CalcitePrepare.Context context, SqlNode query) {
        CalciteCatalogReader reader = new CalciteCatalogReader(context.getRootSchema(), context.getDefaultSchemaPath(),
            context.getTypeFactory(), context.config());
        VolcanoPlanner planner = new VolcanoPlanner();
        planner.addRelTraitDef(ConventionTraitDef.INSTANCE);
        getPreparingStmt(context, Object[].class, reader, planner);
        return requireNonNull(preparing).convertDefinition(query);
    }

    @Override
    protected SqlRexConvertletTable createConvertletTable() {
        return HindsightConvertlets.INSTANCE;
    }

    private static boolean fastPaths(CalcitePrepare.Context context) {
        SqlSession session = HindsightSchema.sessionOf(context.getRootSchema());
        return session != null && session.fastPaths();
    }

    /**
     * Calcite's own errors, given the SQLState a client can act on (an internal error kept with its fault for whoever
     * gives the statement up: {@link SqlErrors#whilePreparing}); whatever failed once the planning deadline passed (a
     * search cut short finds no plan), 57014.
     */
    private RuntimeException withSqlState(Throwable e, @Nullable String sql) {
        if (deadline.passed()) {
            return deadline.canceled();
        }
        if (SqlErrors.isPreparingFault(e)) {
            return (RuntimeException) e; // an inner preparation's (INSERT … RETURNING prepares two)
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (SqlErrors.hasSqlState(t)) {
                return (RuntimeException) t; // ours, or one mapped already
            }
            if (t instanceof SqlParseException p) {
                if (p.getCause() instanceof PostgresInterval.Refused interval) { // interval '1 fortnight'
                    return SqlErrors.of(SqlErrors.INVALID_DATETIME_FORMAT, interval.getMessage());
                }
                RuntimeException datetime = p.getCause() instanceof IllegalArgumentException a
                    ? SqlErrors.ofDatetimeText(a) : null;
                if (datetime != null) {
                    // a TIMESTAMP literal the parser read: day 0, a year beyond 9999 (as written or once rounded)
                    return datetime;
                }
                return SqlErrors.of(SqlErrors.SYNTAX_ERROR, SyntaxErrors.describe(p, sql));
            }
            if (t instanceof CalciteContextException c) {
                return ValidationStates.of(c);
            }
        }
        // Calcite could not prepare it (Unable to implement …): 0A000; else XX000, reported by whoever gives up
        return SqlErrors.whilePreparing(e);
    }
}
