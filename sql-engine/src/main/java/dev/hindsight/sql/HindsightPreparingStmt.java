package dev.hindsight.sql;

import com.google.common.collect.ImmutableList;
import dev.hindsight.sql.jdbc.SqlErrors;
import dev.hindsight.sql.json.JsonValueRule;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;
import org.apache.calcite.tools.RelBuilder;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One statement's preparation, through the extension points Calcite offers for it ({@code
 * CalcitePrepareImpl.getPreparingStmt}, "override this function"), instead of Calcite's test hooks:
 * <ul>
 *   <li>{@link #createSqlValidator}: the log's rules ({@link HindsightSqlValidator});</li>
 *   <li>{@link #prepareSql}: sees the statement Calcite parsed (the one parse) and recognises a prepared INSERT's
 *       {@link InsertFastPath};</li>
 *   <li>{@link #getProgram}: constants folded as the finished plan computes them ({@link FoldedAsRun}), {@code MAX}
 *       or {@code MIN} of seq and ts from one event ({@link FirstOrLastEvent}), a few streams named in a condition
 *       read one by one ({@link StreamLists}), a sub-query
 *       as a window's key computed below it ({@link WindowSubQueryKeys}), long
 *       lists of values made one table read at run time ({@link ValueLists}), row values
 *       as distinct keys refused ({@link RowValueKeys}), so are the nodes a recursive term mishandles
 *       ({@link RecursiveTerms}),
 *       {@code NTILE} dealing rows as PostgreSQL's ({@link PostgresNtile}), {@code PERCENT_RANK} and
 *       {@code CUME_DIST} from functions Calcite runs ({@link RelativeRanks}), a {@code RANGE} frame's interval
 *       offset over dates ({@link RangeOffsets}), {@code ARRAY_AGG} keeping NULLs
 *       ({@link GatheringAggregates}), percentiles computed ({@link Percentiles}), variances of floating-point numbers
 *       as PostgreSQL's ({@link FloatVariances}), covariances as PostgreSQL's ({@link FloatCovariances}), the grand
 *       total of a {@code ROLLUP}
 *       over no rows ({@link EmptyInputTotals}), windowed sums that fail on overflow ({@link CheckedSums#WINDOWS}),
 *       integer
 *       arithmetic made to fail on overflow, {@code DECIMAL} division exact ({@link CheckedArithmetic}), window calls
 *       split into windows of no order ({@link WindowSplit}), a window in a correlated sub-query left to run per
 *       outer row ({@link CorrelatedWindows}), then, with the
 *       session's fast paths on, the {@code JSON_VALUE} phase ({@link JsonValueRule#PROGRAM}), then Calcite's
 *       standard program with a bounded merge of calcs ({@link StandardProgram}), after it sums that fail on
 *       overflow ({@link CheckedSums}) and exact
 *       {@code DECIMAL} divisions ({@link DecimalDivision#PROGRAM}) and text cast to a {@code DECIMAL} judged by its
 *       exponent first ({@link DecimalRange#PROGRAM}) and dates and timestamps computed in years 1 to 9999
 *       ({@link DatetimeRange#PROGRAM}) in what the optimisation wrote;</li>
 *   <li>{@link #implement}: recognises a one-stream read's {@link ScanFastPath} in the finished plan, and compiles
 *       it with each {@code CASE} of many {@code WHEN}s put in groups ({@link LongCase}), whose code Calcite writes
 *       in cubic time, or as written where the groups' code is too large for a Java method.</li>
 * </ul>
 * What it found is read by {@link HindsightPrepare} once the signature exists. Calcite makes a new one per statement.
 */
final class HindsightPreparingStmt extends CalcitePrepareImpl.CalcitePreparingStmt {

    /**
     * The functions Hindsight's grammar and validator write calls of ({@code AT TIME ZONE}, a cast to {@code NUMERIC}
     * of no precision), and Hindsight's {@code TO_CHAR},
     * {@code ARRAY_AGG}, {@code STRING_AGG}, {@code COVAR_*} and {@code REGR_SXX/SYY} in place of Calcite's
     * ({@link ToChar}, {@link GatheringAggregates}, {@link FloatCovariances}), and PostgreSQL's functions Calcite lacks
     * ({@link Divisors}, {@link DatetimeConstructors}, {@link DateBins}, {@link PostgresTextFunctions},
     * {@link VolatileFunctions}), {@code AGE} and {@code LPAD}/{@code RPAD} in place of Calcite's ({@link Age},
     * {@link PaddedText}): not listed as the schema's.
     */
    private static final SqlOperatorTable GRAMMAR_OPERATORS = SqlOperatorTables.of(
        ImmutableList.<SqlOperator>builder()
            .add(AtTimeZoneFunction.OPERATOR, UnconstrainedNumeric.OPERATOR, ToChar.OPERATOR, GatheringAggregates.ARRAY,
                GatheringAggregates.TEXT)
            .addAll(FloatCovariances.FUNCTIONS.keySet()).addAll(Divisors.FUNCTIONS)
            .addAll(DatetimeConstructors.FUNCTIONS).addAll(DateBins.FUNCTIONS).addAll(PostgresTextFunctions.FUNCTIONS)
            .addAll(VolatileFunctions.FUNCTIONS).addAll(Age.FUNCTIONS).addAll(PaddedText.FUNCTIONS).build());

    private final boolean fastPaths;
    private final PlanningDeadline deadline;
    private @Nullable FastPath fastPath;
    /** Whether the statement being prepared has a sub-query in a select list ({@link SelectListSubQueries}). */
    private boolean unmergedSelectLists;

    HindsightPreparingStmt(CalcitePrepareImpl prepare, CalcitePrepare.Context context,
                           Prepare.CatalogReader catalogReader, RelDataTypeFactory typeFactory, CalciteSchema schema,
                           EnumerableRel.Prefer prefer, RelOptCluster cluster, Convention resultConvention,
                           SqlRexConvertletTable convertletTable, boolean fastPaths, PlanningDeadline deadline) {
        super(prepare, context, catalogReader, typeFactory, schema, prefer, cluster, resultConvention,
            convertletTable);
        this.fastPaths = fastPaths;
        this.deadline = deadline;
    }

    /** The fast path this preparation found, or {@code null}. */
    @Nullable FastPath fastPath() {
        return fastPath;
    }

    /** As Calcite's own ({@code CalcitePrepareImpl.createSqlValidator}), with {@link HindsightSqlValidator}. */
    @Override
    protected SqlValidator createSqlValidator(Prepare.CatalogReader catalogReader,
                                              UnaryOperator<SqlValidator.Config> configTransform) {
        deadline.begin(); // planning's time runs from validation: DDL such as SET has none
        CalciteConnectionConfig config = context.config();
        SqlOperatorTable operators = SqlOperatorTables.chain(
            ReplacedOperators.of(config.fun(SqlOperatorTable.class, SqlStdOperatorTable.instance())), GRAMMAR_OPERATORS,
            catalogReader);
        SqlValidator.Config validatorConfig = configTransform.apply(SqlValidator.Config.DEFAULT
            .withLenientOperatorLookup(config.lenientOperatorLookup())
            .withConformance(config.conformance())
            .withDefaultNullCollation(config.defaultNullCollation())
            .withIdentifierExpansion(true));
        return new HindsightSqlValidator(operators, (CalciteCatalogReader) catalogReader,
            (JavaTypeFactory) typeFactory, validatorConfig, deadline);
    }

    @Override
    public PreparedResult prepareSql(SqlNode sqlQuery, SqlNode sqlNodeOriginal, Class<?> runtimeContextClass,
                                     SqlValidator validator, boolean needsValidation) {
        if (fastPaths) {
            fastPath = InsertFastPath.recognise(sqlQuery); // before validation rewrites the tree in place
        }
        unmergedSelectLists = SelectListSubQueries.in(sqlQuery);
        return super.prepareSql(sqlQuery, sqlNodeOriginal, runtimeContextClass, validator, needsValidation);
    }

    /** A projection's defining query validated and converted, with this statement's validator and convertlets. */
    RelRoot convertDefinition(SqlNode query) {
        SqlValidator validator = createSqlValidator(catalogReader, UnaryOperator.identity());
        SqlNode validated = validator.validate(query);
        // Calcite's converter as it is: a sub-query's ORDER BY means nothing to a fold, and a kept one would be
        // refused; but a list of values compared one by one however long, as a fold can run it: from 20 values
        // Calcite made x IN (…) a join with the list, refused as a sub-query ("name IN (…)" pins a projection's events)
        return super.getSqlToRelConverter(validator, catalogReader, SqlToRelConverter.config()
            .withInSubQueryThreshold(Integer.MAX_VALUE)).convertQuery(validated, false, true);
    }

    /**
     * Calcite's converter, keeping a sub-query's {@code ORDER BY} (Calcite drops one without a {@code LIMIT}): as
     * PostgreSQL's plan keeps it, {@code SELECT … FROM (SELECT … ORDER BY total DESC) x LIMIT 3}, the shape a BI tool
     * writes for a question built on another, answers the first three of that order, not any three; and not merging
     * select lists where one holds a sub-query ({@link SelectListSubQueries}).
     */
    @Override
    protected SqlToRelConverter getSqlToRelConverter(SqlValidator validator, Prepare.CatalogReader catalogReader,
                                                     SqlToRelConverter.Config config) {
        SqlToRelConverter.Config kept = config.withRemoveSortInSubQuery(false);
        if (unmergedSelectLists) { // a sub-query in a select list: select lists not merged (SelectListSubQueries)
            UnaryOperator<RelBuilder.Config> transform = kept.getRelBuilderConfigTransform();
            kept = kept.withRelBuilderConfigTransform(c -> transform.apply(c).withBloat(-1));
        }
        return super.getSqlToRelConverter(validator, catalogReader, kept);
    }

    /** Calcite's, asking for the order of a sub-query's {@code ORDER BY} the rows come in ({@link SubQueryOrder}). */
    @Override
    protected RelTraitSet getDesiredRootTraitSet(RelRoot root) {
        return super.getDesiredRootTraitSet(root.withCollation(SubQueryOrder.of(root)));
    }

    /**
     * Calcite's, of the {@code LATERAL} joins it converted, unless one holds a window that reads the outer row
     * ({@link CorrelatedWindows}) or reads a row past the one around it ({@link NestedCorrelation}): then the plan's
     * own decorrelation, after the window steps, takes them ({@link StandardProgram}). Ordered {@code ARRAY_AGG} and
     * {@code STRING_AGG} calls are replaced first ({@link GatheringAggregates#aggregatesIn}).
     */
    @Override
    protected RelNode decorrelate(SqlToRelConverter sqlToRelConverter, SqlNode query, RelNode rootRel) {
        return CorrelatedWindows.in(rootRel) || NestedCorrelation.in(rootRel) ? rootRel
            : StandardProgram.decorrelatedOrAsIs(GatheringAggregates.aggregatesIn(rootRel),
                r -> super.decorrelate(sqlToRelConverter, query, r));
    }

    @Override
    protected Program getProgram() {
        List<Program> steps = new ArrayList<>(List.of(FoldedAsRun.PROGRAM, FirstOrLastEvent.PROGRAM,
            StreamLists.PROGRAM, WindowSubQueryKeys.PROGRAM,
            ValueLists.PROGRAM, RowValueKeys.PROGRAM, RecursiveTerms.PROGRAM,
            PostgresNtile.PROGRAM, RelativeRanks.PROGRAM, RangeOffsets.PROGRAM, GatheringAggregates.PROGRAM,
            Percentiles.PROGRAM, FloatVariances.PROGRAM, FloatCovariances.PROGRAM, FloatExtremes.PROGRAM,
            EmptyInputTotals.PROGRAM,
            CheckedSums.WINDOWS, CheckedArithmetic.PROGRAM, WindowSplit.PROGRAM, CorrelatedWindows.PROGRAM));
        if (fastPaths) {
            steps.add(JsonValueRule.PROGRAM);
        }
        steps.addAll(List.of(StandardProgram.PROGRAM, CheckedSums.PROGRAM, DecimalDivision.PROGRAM,
            DecimalRange.PROGRAM, DatetimeRange.PROGRAM, SignedZeroKeys.PROGRAM));
        steps.replaceAll(deadline::checked);
        return Programs.sequence(steps.toArray(new Program[0]));
    }

    /** The finished plan compiled; the planning deadline ends before, as compiling is not planning. */
    @Override
    protected PreparedResult implement(RelRoot root) {
        deadline.check();
        deadline.close();
        if (fastPaths && fastPath == null) {
            fastPath = ScanFastPath.recognise(root);
        }
        LongCase.Grouped grouped = LongCase.grouped(root.rel);
        if (grouped.plan() != root.rel) {
            try {
                return super.implement(root.withRel(grouped.plan()));
            } catch (RuntimeException e) {
                String state = SqlErrors.stateOf(SqlErrors.toClient(e));
                if (grouped.mostWhens() > LongCase.WRITTEN_AT_MOST
                    || (!SqlErrors.PROGRAM_LIMIT_EXCEEDED.equals(state)
                        && !SqlErrors.STATEMENT_TOO_COMPLEX.equals(state))) {
                    throw e;
                }
                // grouped, its WHENs written twice, the row's code outgrew a Java method: compiled as written
            }
        }
        return super.implement(root);
    }
}
