package dev.hindsight.sql;

import static java.util.Objects.requireNonNull;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalciteSqlValidator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlMerge;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSnapshot;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.CompositeOperandTypeChecker;
import org.apache.calcite.sql.type.FamilyOperandTypeChecker;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql.validate.SelectScope;
import org.apache.calcite.sql.validate.SqlQualified;
import org.apache.calcite.sql.validate.SqlValidatorNamespace;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql.validate.SqlValidatorTable;
import org.apache.calcite.util.Util;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Calcite's validator with the log's rules: nothing is changed or removed ({@code UPDATE}, {@code DELETE},
 * {@code MERGE}: 42501), an INSERT into {@code events} names its columns and none of those the server assigns
 * (428C9), and only {@code events} takes rows (42809). The rules look at the parsed statement, never at the SQL text,
 * and run before Calcite validates the rest, so the client hears the rule rather than, say, a missing column of the
 * statement it may not run anyway. Besides, a {@code *} leaves out {@code events}' write-only
 * {@code expected_version} ({@link #addToSelectList}).
 */
final class HindsightSqlValidator extends CalciteSqlValidator {

    /**
     * The most columns a query's select list may have, PostgreSQL's limit ("target lists can have at most 1664
     * entries"). Calcite's code generation takes time that grows much faster than the list (2,000 columns of
     * {@code seq * k + version} took 3.5 s; 3,000 ran over 16 minutes of CPU before it was stopped): without a limit,
     * any client could occupy a core.
     */
    static final int MAX_COLUMNS = 1664;

    private static final Set<SqlKind> ARITHMETIC = EnumSet.of(SqlKind.PLUS, SqlKind.MINUS, SqlKind.TIMES,
        SqlKind.DIVIDE, SqlKind.MOD);

    /** The functions whose parameters take their types from their other operands or from around them. */
    private static final Set<SqlKind> TYPED_BY_OTHER_OPERANDS = EnumSet.of(SqlKind.CAST, SqlKind.COALESCE,
        SqlKind.NULLIF, SqlKind.GREATEST, SqlKind.LEAST);

    /** Logic and the tests beside the comparisons, which a CAST's operand is typed alone as. */
    private static final Set<SqlKind> LOGIC = EnumSet.of(SqlKind.AND, SqlKind.OR, SqlKind.NOT, SqlKind.LIKE,
        SqlKind.IS_DISTINCT_FROM, SqlKind.IS_NOT_DISTINCT_FROM);

    /** Arithmetic, CAST operands and CASEs whose parameters {@link #inferUnknownTypes} typed alone; by identity. */
    private final Set<SqlNode> inferredAlone = Collections.newSetFromMap(new IdentityHashMap<>());

    /** The calls {@link #inferCastOperandsAlone} searched, with all inside them; by identity. */
    private final Set<SqlNode> castsSearched = Collections.newSetFromMap(new IdentityHashMap<>());

    /** Star-expanded {@code expected_version} columns of {@code events}, by identity, to be taken out. */
    private final Set<SqlNode> writeOnly = Collections.newSetFromMap(new IdentityHashMap<>());

    /**
     * The statement's {@code LIMIT ?}, {@code OFFSET ?} and window frame offset parameters by index, with their
     * {@link RowLimits} names.
     */
    private final Map<Integer, String> parameterNames = new HashMap<>();

    /**
     * Types this validator chose for parameters nothing around them typed, by index; one statement's. A rewrite can
     * copy a parameter ({@code COALESCE(?, 'x')} is {@code CASE WHEN ? IS NOT NULL THEN ? ELSE 'x' END}): each copy
     * must have the type of the first.
     */
    private final Map<Integer, RelDataType> chosenTypes = new HashMap<>();

    /**
     * The selects that are branches of a {@code UNION}, {@code INTERSECT} or {@code EXCEPT}, by identity: a parameter
     * alone in such a select list takes its column's type from the other branches in PostgreSQL, which Calcite does
     * not infer, so it is refused there as Calcite refuses it rather than taken as text (text would sort and compare
     * the whole column as text).
     */
    private final Set<SqlNode> setBranches = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Whether a set operation's branch is having its select list validated ({@link #setBranches}). */
    private int inSetBranch;

    /** The type each parameter's operand position asks for ({@link #typeByOperandFamily}), by identity. */
    private final IdentityHashMap<SqlNode, RelDataType> placeTypes = new IdentityHashMap<>();

    /** The select whose list names the result of the statement being validated ({@link ColumnNames#outputOf}). */
    private @Nullable SqlSelect output;
    /** When planning must stop (the session's statement timeout). */
    private final PlanningDeadline deadline;

    HindsightSqlValidator(SqlOperatorTable operators, CalciteCatalogReader catalogReader, JavaTypeFactory typeFactory,
                          Config config, PlanningDeadline deadline) {
        super(operators, catalogReader, typeFactory, config);
        this.deadline = deadline;
    }

    @Override
    public SqlNode validate(SqlNode topNode) {
        ShorthandCopies.check(topNode); // before Calcite's rewrites copy operands
        output = ColumnNames.outputOf(topNode);
        parameterNames.clear(); // noted as the rewrites meet each select and ORDER BY, validation each window
        chosenTypes.clear();
        placeTypes.clear();
        setBranches.clear();
        return super.validate(topNode);
    }

    private void noteRowLimits(@Nullable SqlNode fetch, @Nullable SqlNode offset) {
        if (fetch instanceof SqlDynamicParam p) {
            parameterNames.put(p.getIndex(), RowLimits.LIMIT);
        }
        if (offset instanceof SqlDynamicParam p) {
            parameterNames.put(p.getIndex(), RowLimits.OFFSET);
        }
    }

    /** A frame bound whose offset is a parameter ({@code ? PRECEDING}), its value checked as it runs. */
    private void noteFrameOffset(@Nullable SqlNode bound, String name) {
        if (bound instanceof SqlCall call && call.operandCount() == 1 && call.operand(0) instanceof SqlDynamicParam p
            && (call.getKind() == SqlKind.PRECEDING || call.getKind() == SqlKind.FOLLOWING)) {
            parameterNames.put(p.getIndex(), name);
        }
    }

    /**
     * The statement's parameters in the order of their indexes, one each: Calcite's lists one per occurrence in the
     * validated tree, where a rewrite may have copied one ({@code NULLIF(?, 'a')} is {@code CASE WHEN ? = 'a' THEN
     * NULL ELSE ? END}), so the client was asked for a value the statement as written has no place for. The
     * parameters of {@code LIMIT} and {@code OFFSET} are named as {@link RowLimits} says, the others {@code ?0},
     * {@code ?1}, … as Calcite names them.
     */
    @Override
    public RelDataType getParameterRowType(SqlNode sqlQuery) {
        Map<Integer, RelDataType> types = new TreeMap<>();
        sqlQuery.accept(new SqlShuttle() {
            @Override
            public SqlNode visit(SqlDynamicParam param) {
                types.computeIfAbsent(param.getIndex(), i -> getValidatedNodeType(param));
                return param;
            }
        });
        List<String> names = new ArrayList<>();
        for (int index : types.keySet()) {
            names.add(parameterNames.getOrDefault(index, "?" + index));
        }
        return typeFactory.createStructType(new ArrayList<>(types.values()), names);
    }

    /**
     * Calcite asks per identifier whether it names a function called without parentheses ({@code CURRENT_DATE}),
     * validating and converting, and in its walks for a column's monotonicity, which can take time exponential in the
     * statement's depth: the planning deadline is checked here. {@code CURRENT_TIMESTAMP}, {@code LOCALTIMESTAMP},
     * {@code CURRENT_TIME} and {@code LOCALTIME} are typed with the milliseconds their value holds: Calcite typed them
     * with none ({@code TIMESTAMP(0)}), so a driver's {@code getString} cut them (PostgreSQL's keep microseconds).
     */
    @Override
    public @Nullable SqlCall makeNullaryCall(SqlIdentifier id) {
        deadline.check();
        SqlCall call = super.makeNullaryCall(id);
        return call == null ? null : DatetimeCasts.withMillis(call);
    }

    /**
     * Whether {@code operand} has a type of its own before the call around it is typed: not a {@code ?} nor a bare
     * NULL, which take theirs from beside them (the rewrites of {@link #deriveType} look at an operand's type only
     * where it has one).
     */
    static boolean typedAlone(SqlNode operand) {
        return operand.getKind() != SqlKind.DYNAMIC_PARAM && !SqlUtil.isNullLiteral(operand, false);
    }

    /**
     * A {@code +} or {@code -} of a date and days takes PostgreSQL's meaning before it is typed (DateArithmetic), a
     * {@code *} or {@code /} of an interval and a number a form Calcite runs ({@link IntervalProduct}), a {@code *}
     * of DECIMALs too wide for its exact type the narrower one ({@link DecimalProduct}), a BOOLEAN cast to INTEGER
     * PostgreSQL's 1 or 0 ({@link BooleanCast#integer}), a BOOLEAN compared with a DOUBLE 42883
     * ({@link BooleanCast#comparedWithFloat}), a CASE of a date and a number 42804 and its text literals typed as its
     * other branches ({@link CaseBranchTypes});
     * {@code LAG}/{@code LEAD} with a default nullable when their value is ({@link LeadLagNullability}); the planning
     * deadline is checked per expression typed.
     */
    @Override
    public RelDataType deriveType(SqlValidatorScope scope, SqlNode expr) {
        deadline.check();
        if (expr instanceof SqlBasicCall call && (call.getKind() == SqlKind.PLUS || call.getKind() == SqlKind.MINUS)) {
            DateArithmetic.rewrite(this, scope, call);
        } else if (expr instanceof SqlBasicCall call && call.getKind() == SqlKind.TIMES) {
            IntervalProduct.rewrite(this, scope, call);
            DecimalProduct.rewrite(this, scope, call);
        } else if (expr instanceof SqlBasicCall call && call.getKind() == SqlKind.DIVIDE) {
            IntervalProduct.rewrite(this, scope, call);
        } else if (expr instanceof SqlBasicCall call && call.getKind() == SqlKind.CAST) {
            BooleanCast.integer(this, scope, call);
        } else if (expr instanceof SqlBasicCall call && (call.getKind().belongsTo(SqlKind.BINARY_COMPARISON)
            || call.getKind() == SqlKind.NULLIF)) {
            BooleanCast.comparedWithFloat(this, scope, call);
        } else if (expr instanceof SqlCase call) {
            CaseBranchTypes.typeTextLiterals(this, scope, call);
            CaseBranchTypes.check(this, scope, call);
        } else if (expr instanceof SqlBasicCall call && call.getKind() == SqlKind.OTHER_FUNCTION) {
            PostgresRegexMatch.rewriteSubstring(this, scope, call);
        }
        if (expr instanceof SqlBasicCall call) { // of any kind: JSON_OBJECT and JSON_ARRAYAGG are of different ones
            typeNullOperands(scope, call);
            JsonConstructorValues.rewrite(this, scope, call);
        }
        return JsonTextType.typed(this, expr, LeadLagNullability.typed(this, scope, expr, super.deriveType(scope,
            expr)));
    }

    /**
     * PostgreSQL's names for a select list's unnamed columns ({@link ColumnNames}, from the expressions as written)
     * and its spellings ({@link PostgresSpellings}), {@code PERCENTILE_CONT} typed as its ({@link Percentiles#typed}),
     * {@code ARRAY_AGG} and {@code STRING_AGG} NULL over no rows ({@link GatheringAggregates#typed}), an aggregate's
     * {@code FILTER} in a window ({@link WindowFilters}), a cast to {@code NUMERIC} of no precision keeping the
     * value's digits ({@link UnconstrainedNumeric}), a {@code VALUES} column of exact and approximate literals a
     * {@code DOUBLE} ({@link ApproximateValues}), a {@code ROLLUP} or {@code CUBE} whose sets repeat written out
     * ({@link RepeatedGroupingSets}), a recursive query's first text literals {@code VARCHAR}s
     * ({@link RecursiveTextLiterals}), a long list of values with expressions split ({@link LongInLists}), then
     * Calcite's own rewrites, node by node; the {@code LIMIT ?}
     * and {@code OFFSET ?} parameters met on the way are noted for {@link #getParameterRowType}.
     */
    @Override
    protected SqlNode performUnconditionalRewrites(SqlNode node, boolean underFrom) {
        if (node instanceof SqlOrderBy order) {
            noteRowLimits(order.fetch, order.offset);
        }
        if (node instanceof SqlCall setOperation && node.getKind().belongsTo(SqlKind.SET_QUERY)) {
            setOperation.getOperandList().stream().filter(SqlSelect.class::isInstance).forEach(setBranches::add);
        }
        if (node instanceof SqlSelect select) {
            noteRowLimits(select.getFetch(), select.getOffset());
            ColumnNames.name(select, select == output);
            if (select == output) {
                ColumnNames.typeNulls(select);
            }
            if (select.getFrom() != null) {
                select.setFrom(ColumnNames.nameValues(select.getFrom()));
            }
            select.setGroupBy(RepeatedGroupingSets.expanded(select.getGroup()));
        }
        if (node instanceof SqlCall values && node.getKind() == SqlKind.VALUES) {
            ApproximateValues.rewrite(values);
        }
        if (node instanceof SqlSnapshot snapshot) {
            AsOfPoints.check(snapshot);
        }
        if (node instanceof SqlWithItem item) {
            RecursiveTextLiterals.rewrite(item);
        }
        if (node instanceof SqlCall marker && marker.getOperator().getName().equals(AsOfSequenceFunction.NAME)) {
            AsOfSequenceFunction.checkLiteral(marker);
        }
        SqlNode spelled = node instanceof SqlCall call ? UnconstrainedNumeric.rewrite(PostgresSpellings.rewrite(
            GatheringAggregates.typed(Percentiles.typed(WindowFilters.rewrite(JdbcEscapes.rewrite(
                LongInLists.rewrite(call))))))) : node;
        return super.performUnconditionalRewrites(Latest.rewrite(spelled), underFrom);
    }

    /**
     * A parameter in arithmetic that is itself an operand (of a comparison, say) takes the type of the arithmetic's
     * other operand, as PostgreSQL infers it: {@code WHERE seq + ? > 3}. Calcite infers a call's unknown operands from
     * the first operand whose type it can derive, and deriving {@code seq + ?} fails ("Cannot apply '+' to arguments
     * of type BIGINT + UNKNOWN") before the {@code ?} inside has a type; in a select list, where the arithmetic is
     * inferred on its own, the same {@code seq + ?} works. So such operands are inferred first, each on its own. One
     * that cannot be ({@code ? + ?}) is left to the call's own inference, which says what is wrong as before.
     */
    @Override
    protected void inferUnknownTypes(RelDataType inferredType, SqlValidatorScope scope, SqlNode node) {
        if (node instanceof SqlDynamicParam parameter) {
            inferParameter(parameter, inferredType, scope);
            return;
        }
        if (node instanceof SqlCase caseCall) {
            typeCaseParameters(caseCall, inferredType, scope);
        }
        if (node instanceof SqlWindow window) {
            for (SqlNode bound : new SqlNode[] {window.getLowerBound(), window.getUpperBound()}) {
                if (bound instanceof SqlCall offset && offset.operandCount() == 1
                    && offset.operand(0) instanceof SqlDynamicParam parameter) {
                    // ROWS ? PRECEDING: a count of rows, as PostgreSQL types it, not text
                    placeTypes.put(parameter, typeFactory.createTypeWithNullability(
                        typeFactory.createSqlType(SqlTypeName.BIGINT), true));
                }
            }
        }
        if (inferredAlone.contains(node)) {
            // inferred on its own already (below): an arithmetic's operators take their operands' types from each
            // other, never from the enclosing call, and a CAST's operand's are typed, so a second pass would only
            // repeat the first, and each level of a chain (a + ? + 1 + 1 …) doing its operands twice would be work
            // doubling with every term
            return;
        }
        if (node instanceof SqlCall call && !(node instanceof SqlSelect) && hasParameter(call)) {
            inferCastOperandsAlone(call, scope);
            for (SqlNode operand : call.getOperandList()) {
                inferTestsAlone(operand, scope);
            }
            for (SqlNode operand : call.getOperandList()) {
                for (SqlNode member : operand instanceof SqlNodeList list ? list : Collections.singletonList(operand)) {
                    // arithmetic, also in a CASE's lists (THEN ? + 1), a CASE among a CASE's results, whose WHEN
                    // Calcite typed only once it derived the outer one's type (an internal error), and a function
                    // compared, whose type Calcite derives first to type the other side (FIRST_KNOWN): UPPER(?) =
                    // stream_id was 42883, "Cannot apply 'UPPER' to UNKNOWN"; so a CASE compared, NULLIF(?, 5) = seq
                    // written out, whose ELSE ? was unknown then (XX000); and a test compared, (seq > ?) = TRUE,
                    // whose BOOLEAN Calcite derived before its ? had a type (XX000, "SqlDynamicParam: ?")
                    if (member instanceof SqlCall inner && (ARITHMETIC.contains(inner.getKind())
                        || (node instanceof SqlCase && inner instanceof SqlCase)
                        || (call.getKind().belongsTo(SqlKind.COMPARISON) && inner instanceof SqlCase)
                        || (isTest(call) && typedByItsPlaces(inner))
                        || (compares(call) && (compares(inner) || LOGIC.contains(inner.getKind()))))) {
                        inferAlone(inner, scope);
                    }
                }
            }
        }
        if (node instanceof SqlCall call && !(node instanceof SqlSelect)) {
            typeInListParameter(call, scope);
            typeByOperandFamily(call);
            typeComparedCopies(call);
            typeRowComparison(call, scope);
            typeRowInList(call, scope);
        }
        super.inferUnknownTypes(inferredType, scope, node);
    }

    /**
     * A parameter in a row value compared with another (also {@code IS [NOT] DISTINCT FROM}) takes the type of the
     * field it is compared with: {@code (?, ?) < (seq, version)} or {@code (1, ?) > (1, 2)}. Calcite typed it as text
     * there (from the other row as a whole), and such a row was compared as a whole, not field by field
     * ({@link RowComparisons}): {@code (1, ?) > (1, 2)} with 1 was true.
     */
    private void typeRowComparison(SqlCall call, SqlValidatorScope scope) {
        if (!RowComparisons.KINDS.contains(call.getKind()) || call.operandCount() != 2
            || call.operand(0).getKind() != SqlKind.ROW || call.operand(1).getKind() != SqlKind.ROW) {
            return;
        }
        typeRowFields(call.operand(0), call.operand(1), scope);
    }

    /**
     * A row value tested against a list of rows: {@code (stream_id, version) IN ((?, ?), (?, ?))}, each row's
     * parameters typed by the tested row's fields ({@link #typeRowComparison}). Calcite typed them as text and then
     * found the list's rows of incompatible types (42804).
     */
    private void typeRowInList(SqlCall call, SqlValidatorScope scope) {
        if ((call.getKind() != SqlKind.IN && call.getKind() != SqlKind.NOT_IN)
            || call.operand(0).getKind() != SqlKind.ROW || !(call.operand(1) instanceof SqlNodeList list)) {
            return;
        }
        for (SqlNode value : list) {
            if (value.getKind() == SqlKind.ROW) {
                typeRowFields(call.operand(0), (SqlCall) value, scope);
            }
        }
    }

    /** Each parameter among two rows' fields typed by the field at its place in the other row, if that has a type. */
    private void typeRowFields(SqlCall left, SqlCall right, SqlValidatorScope scope) {
        if (left.operandCount() != right.operandCount()) {
            return;
        }
        for (int i = 0; i < left.operandCount(); i++) {
            SqlNode a = left.operand(i);
            SqlNode b = right.operand(i);
            if (a instanceof SqlDynamicParam parameter && typable(b)) {
                inferParameter(parameter, deriveType(scope, b), scope);
            } else if (b instanceof SqlDynamicParam parameter && typable(a)) {
                inferParameter(parameter, deriveType(scope, a), scope);
            }
        }
    }

    /** Whether {@code node}'s type can be derived before its parameters have types: it has none. */
    private static boolean typable(SqlNode node) {
        return !hasParameter(node) && !SqlUtil.isNullLiteral(node, false);
    }

    /**
     * Types the tests inside {@code node} ({@link #isTest}) that have an operand of a type of its own ({@link
     * #hasOwnType}) each on its own, the outermost ones (each then does those inside it): a test's parameters take
     * their types from its other operands only, never from around it, so it is typed as it would be alone in a WHERE.
     * Calcite types an operand after deriving the types of the operands beside it, and a test among those, with its
     * parameter still untyped, failed: {@code CASE WHEN seq = ? THEN 1 END BETWEEN 0 AND 1}, {@code COALESCE(seq = ?,
     * FALSE) IS DISTINCT FROM TRUE}, {@code (seq > ?) = ANY (SELECT TRUE)} were internal errors ("SqlDynamicParam: ?").
     * Not into a query.
     */
    private void inferTestsAlone(@Nullable SqlNode node, SqlValidatorScope scope) {
        if (node instanceof SqlNodeList list) { // a CASE's WHENs
            for (SqlNode member : list) {
                inferTestsAlone(member, scope);
            }
        } else if (node instanceof SqlCall call && !(call instanceof SqlSelect) && !inferredAlone.contains(call)) {
            if (isTest(call) && call.getOperandList().stream().anyMatch(HindsightSqlValidator::hasOwnType)) {
                inferAlone(call, scope);
            } else {
                for (SqlNode operand : call.getOperandList()) {
                    inferTestsAlone(operand, scope);
                }
            }
        }
    }

    /**
     * Whether {@code node} has a type of its own, not one taken from around it: neither a parameter nor NULL (nor a
     * list of only those). A test of only such ({@code ?1 = ?2}, the test of {@code NULLIF(?, ?)} written out) typed
     * alone would be text; the enclosing inference types it ({@code seq IS DISTINCT FROM NULLIF(?, ?)}: BIGINT).
     */
    private static boolean hasOwnType(@Nullable SqlNode node) {
        if (node instanceof SqlNodeList list) {
            return list.stream().anyMatch(HindsightSqlValidator::hasOwnType);
        }
        return node != null && !(node instanceof SqlDynamicParam) && !SqlUtil.isNullLiteral(node, false);
    }

    /**
     * Whether {@code call} tests values against each other, its parameters typed by the others: a comparison, {@code
     * IS [NOT] DISTINCT FROM}, {@code BETWEEN}, {@code LIKE}, {@code SIMILAR TO}.
     */
    private static boolean isTest(SqlCall call) {
        return compares(call) || call.getKind() == SqlKind.BETWEEN || call.getKind() == SqlKind.LIKE
            || call.getKind() == SqlKind.SIMILAR;
    }

    /** Whether {@code call} compares two values: a comparison, or {@code IS [NOT] DISTINCT FROM}. */
    private static boolean compares(SqlCall call) {
        return call.getKind().belongsTo(SqlKind.COMPARISON) || call.getKind() == SqlKind.IS_DISTINCT_FROM
            || call.getKind() == SqlKind.IS_NOT_DISTINCT_FROM;
    }

    /**
     * Whether {@code call} is a function whose parameters take their types from their places in it ({@code UPPER},
     * {@code LEFT}, {@code ROUND}); not one that takes them from its other operands or from around it (a cast,
     * {@code COALESCE}, {@code NULLIF}, {@code GREATEST}, {@code LEAST}, an aggregate), which the comparison's own
     * inference types.
     */
    private static boolean typedByItsPlaces(SqlCall call) {
        return call.getOperator() instanceof SqlFunction && !(call.getOperator() instanceof SqlAggFunction)
            && !(call instanceof SqlSelect) && !TYPED_BY_OTHER_OPERANDS.contains(call.getKind());
    }

    /**
     * In a comparison, a parameter's copy whose parameter has a type already ({@link #chosenTypes}) shows it, so that
     * the other side takes it (Calcite's FIRST_KNOWN): NULLIF(?, ?) is {@code CASE WHEN ?1 = ?2 THEN NULL ELSE ?1
     * END}, whose ELSE copy is typed first, from around the call ({@code ts < NULLIF(?, ?)}: TIMESTAMP); the test's
     * {@code ?2} became text, and the statement's code compared a time with text (an internal error).
     */
    private void typeComparedCopies(SqlCall call) {
        if (!call.getKind().belongsTo(SqlKind.COMPARISON)) {
            return;
        }
        for (SqlNode operand : call.getOperandList()) {
            if (operand instanceof SqlDynamicParam parameter && getValidatedNodeTypeIfKnown(parameter) == null
                && chosenTypes.get(parameter.getIndex()) != null) {
                setValidatedNodeType(parameter, typeFactory.createTypeWithNullability(
                    chosenTypes.get(parameter.getIndex()), true));
            }
        }
    }

    /**
     * The operands of the CASTs in {@code node} (outside its sub-queries), each typed on its own first where it is a
     * function, CASE, comparison or logic with a parameter inside: a CAST's operand takes no type from around it, and
     * Calcite types it before its parameters wherever the CAST stands (FIRST_KNOWN), so {@code CAST(UPPER(?) AS …)}
     * failed ("Cannot apply 'UPPER' to UNKNOWN"), {@code CAST(CASE WHEN ? > 1 THEN 'a' END AS …) = 'a'} with an
     * internal error.
     */
    private void inferCastOperandsAlone(SqlNode node, SqlValidatorScope scope) {
        if (node instanceof SqlNodeList list) {
            list.forEach(member -> inferCastOperandsAlone(member, scope));
        }
        if (!(node instanceof SqlCall call) || node instanceof SqlSelect || !castsSearched.add(call)) {
            return; // searched already, from an enclosing call: inference visits each level of a nest again
        }
        for (SqlNode operand : call.getOperandList()) {
            if (operand != null) {
                inferCastOperandsAlone(operand, scope);
            }
        }
        if (call.getKind() == SqlKind.CAST && call.operand(0) instanceof SqlCall inner
            && (inner.getOperator() instanceof SqlFunction || inner instanceof SqlCase
            || inner.getKind().belongsTo(SqlKind.COMPARISON) || LOGIC.contains(inner.getKind())
            || ARITHMETIC.contains(inner.getKind()))) {
            inferAlone(inner, scope);
        }
    }

    /** {@code call}'s parameters typed on their own, once, when they can be; else left to the enclosing call's. */
    private void inferAlone(SqlCall call, SqlValidatorScope scope) {
        if (call instanceof SqlSelect || inferredAlone.contains(call) || !hasParameter(call)) {
            return;
        }
        try {
            inferUnknownTypes(getUnknownType(), scope, call);
            inferredAlone.add(call);
        } catch (CalciteContextException e) {
            // not inferable on its own: the enclosing call's inference reports it
        }
    }

    /**
     * Types a parameter tested against a list ({@code ? IN (1, 2)}) as the list's values, as PostgreSQL types it:
     * Calcite's inference looks for a known type among the operands in order and took the list for one, which it
     * cannot type (an internal error). Text is text of any length.
     */
    private void typeInListParameter(SqlCall call, SqlValidatorScope scope) {
        if ((call.getKind() != SqlKind.IN && call.getKind() != SqlKind.NOT_IN)
            || !(call.operand(0) instanceof SqlDynamicParam parameter) || !(call.operand(1) instanceof SqlNodeList list)
            || getValidatedNodeTypeIfKnown(parameter) != null || chosenTypes.containsKey(parameter.getIndex())) {
            return;
        }
        List<RelDataType> known = new ArrayList<>();
        for (SqlNode value : list) {
            if (!hasParameter(value) || value.getKind() == SqlKind.CAST) { // a cast's type is its target's
                RelDataType type = deriveType(scope, value);
                if (type.getSqlTypeName() != SqlTypeName.NULL) {
                    known.add(type);
                }
            }
        }
        boolean alone = list.stream().allMatch(v -> v instanceof SqlDynamicParam || SqlUtil.isNullLiteral(v, false));
        if (known.isEmpty() && alone) {
            // nothing to type them by: as text, 3 and 3.0 bound would be unequal (an internal error before)
            throw SqlErrors.of(SqlErrors.INDETERMINATE_DATATYPE, "could not determine the type of the parameters of "
                + "? IN (?, …): write CAST(? AS type) for the tested one, e.g. CAST(? AS INTEGER) IN (?, ?)");
        }
        RelDataType common = known.isEmpty() ? null : typeFactory.leastRestrictive(known);
        if (common != null) {
            inferParameter(parameter, SqlTypeUtil.inCharFamily(common)
                ? typeFactory.createSqlType(SqlTypeName.VARCHAR) : common, scope);
        }
    }

    /**
     * Notes for each parameter operand of {@code call} the type of the family its position takes in the operator's
     * first signature of the call's arity ({@code SUBSTRING(s FROM ?)}: an integer), for {@link #inferUnknownTypes} to
     * use when the operator's own inference leaves it unknown, as Calcite's does for most functions.
     */
    private void typeByOperandFamily(SqlCall call) {
        List<SqlNode> operands = call.getOperandList();
        for (int i = 0; i < operands.size(); i++) {
            if (operands.get(i) instanceof SqlDynamicParam parameter && !placeTypes.containsKey(parameter)
                && getValidatedNodeTypeIfKnown(parameter) == null) {
                SqlTypeFamily family = SqlStdOperatorTable.SUBSTRING.equals(call.getOperator())
                    ? (i == 0 ? SqlTypeFamily.CHARACTER : SqlTypeFamily.INTEGER) // checks its operands in code
                    : familyAt(call.getOperator().getOperandTypeChecker(), operands.size(), i);
                RelDataType type = placesOperand(call, i) ? typeFactory.createSqlType(SqlTypeName.INTEGER)
                    : call.getKind() == SqlKind.TIMESTAMP_ADD && family == SqlTypeFamily.INTEGER
                    ? typeFactory.createSqlType(SqlTypeName.BIGINT) // a count of microseconds passes an int soon
                    : placeType(family);
                if (type != null) {
                    // noted aside, not as the parameter's type: the operator's own inference (FIRST_KNOWN: ? + 1)
                    // reads its operands' types and would take this one as known
                    placeTypes.put(parameter, typeFactory.createTypeWithNullability(type, true));
                }
            }
        }
    }

    /**
     * Notes for a {@code CASE}'s result operands that are bare parameters the type of its other result operands, as
     * PostgreSQL resolves {@code COALESCE(?, 'x')} (text; any text is VARCHAR): Calcite derives the CASE's type while
     * such a parameter is untyped, from the others alone, so a parameter typed differently afterwards left the
     * statement's converted type unlike its validated one (an internal error).
     */
    private void typeCaseParameters(SqlCase caseCall, RelDataType inferredType, SqlValidatorScope scope) {
        List<SqlNode> results = new ArrayList<>(caseCall.getThenOperands());
        if (caseCall.getElseOperand() != null) {
            results.add(caseCall.getElseOperand());
        }
        List<RelDataType> known = new ArrayList<>();
        for (SqlNode result : results) {
            if (!hasParameter(result) && !(result instanceof SqlSelect)) { // a parameter's type is not known yet
                RelDataType type = deriveType(scope, result);
                if (type.getSqlTypeName() != SqlTypeName.NULL) {
                    known.add(type);
                }
            }
        }
        if (known.isEmpty() && inferredType.equals(getUnknownType())) {
            // NULLIF(?, 1) is CASE WHEN ? = 1 THEN NULL ELSE ? END: the result's copy takes the test's type
            for (SqlNode when : caseCall.getWhenOperands()) {
                inferUnknownTypes(typeFactory.createSqlType(SqlTypeName.BOOLEAN), scope, when);
            }
        }
        // else the type the CASE is inferred to have (WHERE seq = CASE … THEN ? ELSE ? END: BIGINT), else text
        RelDataType common = !known.isEmpty() ? typeFactory.leastRestrictive(known)
            : inferredType.equals(getUnknownType()) ? typeFactory.createSqlType(SqlTypeName.VARCHAR) : inferredType;
        if (common == null) {
            return; // no type the results share: Calcite's CASE says so
        }
        // text of any length, a DECIMAL of the most digits with 16 fraction digits at least: COALESCE(?, 1.5) is no
        // DECIMAL(2, 1) that would round 2.25 to 2.3 or refuse 123.25 (PostgreSQL's numeric has no bound)
        RelDataType chosen = typeFactory.createTypeWithNullability(SqlTypeUtil.inCharFamily(common)
            ? typeFactory.createSqlType(SqlTypeName.VARCHAR) : common.getSqlTypeName() == SqlTypeName.DECIMAL
            ? unconstrained(common) : common, true);
        for (SqlNode result : results) {
            if (bareParameter(result) instanceof SqlDynamicParam parameter
                && getValidatedNodeTypeIfKnown(parameter) == null) {
                RelDataType type = chosenTypes.computeIfAbsent(parameter.getIndex(), i -> chosen);
                setValidatedNodeType(parameter, typeFactory.createTypeWithNullability(type, true));
            }
        }
    }

    /** A DECIMAL of the most digits with {@code decimal}'s fraction digits, 16 at least: a parameter's there. */
    private RelDataType unconstrained(RelDataType decimal) {
        int scale = Math.max(decimal.getScale(), HindsightTypeSystem.MIN_FRACTION_DIGITS);
        return typeFactory.createTypeWithNullability(typeFactory.createSqlType(SqlTypeName.DECIMAL,
            HindsightTypeSystem.MAX_DECIMAL_DIGITS, scale), decimal.isNullable());
    }

    /** {@code node}'s parameter if it is one, or COALESCE's rewrite of one ({@code CAST NOT NULL}); else itself. */
    private static SqlNode bareParameter(SqlNode node) {
        return node instanceof SqlCall call && call.getKind() == SqlKind.CAST_NOT_NULL
            && call.operand(0) instanceof SqlDynamicParam parameter ? parameter : node;
    }

    /**
     * The type a value of no type of its own (a parameter, NULL) takes in a place of {@code family}: the family's
     * default, but an {@code INTEGER} for a whole number (its default, a BIGINT, reached the {@code int} of
     * {@code CHR(?)} or {@code SPLIT_PART(s, '-', ?)}: 0A000, "Unable to implement"); null for a family of none.
     */
    private @Nullable RelDataType placeType(@Nullable SqlTypeFamily family) {
        return family == SqlTypeFamily.INTEGER ? typeFactory.createSqlType(SqlTypeName.INTEGER)
            : family == null ? null : family.getDefaultConcreteType(typeFactory);
    }

    /**
     * A bare NULL operand of a function typed by its places ({@link #typedByItsPlaces}) cast to its place's type
     * ({@link #placeType}), as PostgreSQL resolves an unknown NULL: typed NULL, {@code SUBSTR('abc', NULL)} was an
     * internal error and {@code LPAD('abc', NULL)} or {@code ROUND(NULL)} 0A000 ("Unable to implement").
     */
    private void typeNullOperands(SqlValidatorScope scope, SqlBasicCall call) {
        if (!typedByItsPlaces(call)) {
            return;
        }
        for (int i = 0; i < call.operandCount(); i++) {
            SqlNode operand = call.operand(i);
            if (SqlUtil.isNullLiteral(operand, false)) {
                SqlTypeFamily family = familyAt(call.getOperator().getOperandTypeChecker(), call.operandCount(), i);
                RelDataType type = placesOperand(call, i) ? typeFactory.createSqlType(SqlTypeName.INTEGER)
                    : family == SqlTypeFamily.NUMERIC || family == SqlTypeFamily.EXACT_NUMERIC
                    ? numberBeside(scope, call, i, placeType(family)) : placeType(family);
                // a number's place alone: a text or bytes place may have to match another operand's type, which
                // only a NULL of no type does (POSITION(x'01' IN NULL): a VARCHAR NULL beside bytes was 42000)
                if (type != null && SqlTypeUtil.isNumeric(type)) {
                    call.setOperand(i, SqlStdOperatorTable.CAST.createCall(operand.getParserPosition(), operand,
                        SqlTypeUtil.convertTypeToSpec(type)));
                }
            }
        }
    }

    /**
     * The type of the numbers beside operand {@code i} of {@code call} (other operands typed on their own), else
     * {@code otherwise}: {@code MOD(NULL, 3)} is an {@code INTEGER}, as PostgreSQL resolves it, not the family's
     * {@code DECIMAL}.
     */
    private @Nullable RelDataType numberBeside(SqlValidatorScope scope, SqlCall call, int i,
                                               @Nullable RelDataType otherwise) {
        List<RelDataType> numbers = new ArrayList<>();
        for (int j = 0; j < call.operandCount(); j++) {
            SqlNode other = call.operand(j);
            if (j != i && typedAlone(other) && !placesOperand(call, j)) {
                RelDataType type = deriveType(scope, other);
                if (SqlTypeUtil.isNumeric(type)) {
                    numbers.add(type);
                }
            }
        }
        RelDataType common = numbers.isEmpty() ? null : typeFactory.leastRestrictive(numbers);
        return common != null ? typeFactory.createTypeWithNullability(common, false) : otherwise;
    }

    /**
     * Whether operand {@code i} of {@code call} is the places of {@code ROUND(x, places)} or {@code TRUNCATE(x,
     * places)}, which Calcite checks by type name (INTEGER), not by a family a parameter could take (it was text:
     * {@code ROUND(x, ?)} 42883).
     */
    private static boolean placesOperand(SqlCall call, int i) {
        return i == 1 && call.operandCount() == 2 && (SqlStdOperatorTable.ROUND.equals(call.getOperator())
            || SqlStdOperatorTable.TRUNCATE.equals(call.getOperator()));
    }

    /**
     * The family of operand {@code i} in the first signature of {@code checker} that takes {@code arity} operands, or
     * {@code null}: a signature is a family list, or a sequence of one-operand checkers (ROUND's second form).
     */
    private static @Nullable SqlTypeFamily familyAt(@Nullable SqlOperandTypeChecker checker, int arity, int i) {
        if (checker instanceof FamilyOperandTypeChecker family) {
            return family.getOperandCountRange().isValidCount(arity) ? family.getOperandSqlTypeFamily(i) : null;
        }
        if (checker instanceof CompositeOperandTypeChecker composite) {
            List<? extends SqlOperandTypeChecker> rules = composite.getRules();
            boolean sequence = rules.size() == arity && composite.getOperandCountRange().isValidCount(arity)
                && rules.stream().allMatch(r -> r.getOperandCountRange().isValidCount(1)
                    && r.getOperandCountRange().getMax() == 1);
            if (sequence) {
                return familyAt(rules.get(i), 1, 0);
            }
            for (SqlOperandTypeChecker rule : rules) {
                SqlTypeFamily found = familyAt(rule, arity, i);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /**
     * A parameter's type: that of the first copy of it typed ({@link #chosenTypes}), else the one inferred from
     * around it, else the type its operand position asks for (noted by {@link #typeByOperandFamily}), else text, as
     * PostgreSQL resolves an unknown-typed value, where Calcite refused {@code SELECT ?}, {@code COALESCE(?, 'x')} or
     * {@code CONCAT(s, ?)} ("Illegal use of dynamic parameter").
     */
    private void inferParameter(SqlDynamicParam parameter, RelDataType inferredType, SqlValidatorScope scope) {
        RelDataType type = chosenTypes.get(parameter.getIndex());
        if (type == null) {
            RelDataType noted = getValidatedNodeTypeIfKnown(parameter);
            RelDataType placed = placeTypes.get(parameter);
            if (inferredType.equals(getUnknownType()) && noted == null && placed == null && inSetBranch > 0) {
                super.inferUnknownTypes(inferredType, scope, parameter); // Calcite's "Illegal use of dynamic parameter"
                return;
            }
            // NULL's type is no type either: NULLIF(?, NULL) and ? IS DISTINCT FROM NULL typed the ? so, and the
            // value bound could not be held (an internal error: Integer is no Void); PostgreSQL's is text there
            boolean known = !inferredType.equals(getUnknownType()) && inferredType.getSqlTypeName() != SqlTypeName.NULL;
            type = known ? inferredType : noted != null ? noted
                : placed != null ? placed : typeFactory.createSqlType(SqlTypeName.VARCHAR);
            if (type.getSqlTypeName() == SqlTypeName.DECIMAL) {
                // a number of any size, as PostgreSQL's numeric parameter: ? * 1.00 took the literal's DECIMAL(3, 2)
                // and refused 100 (22003, its product's DECIMAL(6, 4)); the most digits, 16 fraction digits at least
                type = unconstrained(type);
            }
            // a copy takes text of any length: Calcite infers VARCHAR(1024) for an operand of IS [NOT] NULL, and
            // COALESCE's copy of it in the result would cut a longer value
            chosenTypes.put(parameter.getIndex(), SqlTypeUtil.inCharFamily(type)
                ? typeFactory.createSqlType(SqlTypeName.VARCHAR) : type);
        }
        super.inferUnknownTypes(type, scope, parameter);
    }

    private static boolean hasParameter(SqlNode node) {
        if (node instanceof SqlDynamicParam) {
            return true;
        }
        if (node instanceof SqlNodeList list) { // a CASE's WHEN and THEN lists
            return list.stream().anyMatch(HindsightSqlValidator::hasParameter);
        }
        return node instanceof SqlCall call && !(node instanceof SqlSelect)
            && call.getOperandList().stream().anyMatch(HindsightSqlValidator::hasParameter);
    }

    /**
     * Calcite calls this for the columns of a {@code *} or {@code t.*} only: {@code events}' write-only
     * {@code expected_version} is marked there and taken out of the expanded list once Calcite is done with it
     * ({@link #validateSelectList}), so {@code SELECT *} has SPEC §1's eleven columns; named, it reads as NULL. Not
     * skipped here: a join's {@code USING} or {@code NATURAL} expansion reorders the star's columns by position.
     */
    @Override
    protected void addToSelectList(List<SqlNode> list, Set<String> aliases, List<Map.Entry<String, RelDataType>> fields,
                                   SqlNode exp, SelectScope scope, boolean includeSystemVars) {
        super.addToSelectList(list, aliases, fields, exp, scope, includeSystemVars);
        if (exp instanceof SqlIdentifier id && isExpectedVersion(id, scope)) {
            writeOnly.add(list.get(list.size() - 1)); // as added: Calcite may have given it an alias
        }
    }

    @Override
    protected RelDataType validateSelectList(SqlNodeList selectItems, SqlSelect select, RelDataType targetRowType) {
        boolean branch = setBranches.contains(select);
        inSetBranch += branch ? 1 : 0;
        RelDataType type;
        try {
            type = super.validateSelectList(selectItems, select, targetRowType);
        } finally {
            inSetBranch -= branch ? 1 : 0;
        }
        SelectScope scope = getRawSelectScope(select);
        List<SqlNode> expanded = scope == null ? null : scope.getExpandedSelectList();
        if (expanded == null || expanded.stream().noneMatch(writeOnly::contains)) {
            return type;
        }
        List<SqlNode> kept = new ArrayList<>();
        RelDataTypeFactory.Builder fields = getTypeFactory().builder();
        for (int i = 0; i < expanded.size(); i++) {
            if (!writeOnly.contains(expanded.get(i))) {
                kept.add(expanded.get(i));
                fields.add(type.getFieldList().get(i));
            }
        }
        scope.setExpandedSelectList(kept);
        select.setSelectList(new SqlNodeList(kept, select.getSelectList().getParserPosition()));
        return fields.build();
    }

    private static boolean isExpectedVersion(SqlIdentifier id, SqlValidatorScope scope) {
        if (!Util.last(id.names).equals(EventsTable.EXPECTED_VERSION_NAME)) {
            return false;
        }
        SqlQualified column = scope.fullyQualify(id);
        SqlValidatorTable table = column.namespace == null ? null : column.namespace.getTable();
        return table != null && table.unwrap(EventsTable.class) != null;
    }

    /**
     * Calcite's, but a parameter as an ORDER BY item is refused (0A000) instead of failing inside the converter (an
     * internal error): it would sort by one value; PostgreSQL takes it and sorts by nothing. A name inside an ORDER BY
     * expression is the input's column, not an alias of the select list ({@link OrderByNames}); a parameter inside one
     * is typed by its place, as in the select list.
     */
    @Override
    protected void validateOrderList(SqlSelect select) {
        OrderByNames.qualify(select, getWhereScope(select), this);
        SqlNodeList orderList = select.getOrderList();
        if (orderList != null) {
            for (SqlNode item : orderList) {
                while (item instanceof SqlCall call && (call.getKind() == SqlKind.DESCENDING
                    || call.getKind() == SqlKind.NULLS_FIRST || call.getKind() == SqlKind.NULLS_LAST)) {
                    item = call.operand(0);
                }
                if (item instanceof SqlDynamicParam) {
                    throw SqlErrors.of(SqlErrors.FEATURE_NOT_SUPPORTED, "a parameter as an ORDER BY item is not "
                        + "supported: it would sort by one value; order by a column, an expression or a position");
                }
                // as the select list's and WHERE's are: Calcite derives an ORDER BY item's type with its parameters
                // still untyped (ORDER BY seq = ?: an internal error; seq + ?: 42883)
                inferUnknownTypes(getUnknownType(), requireNonNull(getOrderScope(select)), item);
            }
        }
        super.validateOrderList(select);
    }

    /**
     * Calcite's, with the parameters of each named window's frame typed first, as an inline window's are
     * ({@code WINDOW w AS (… ROWS ? PRECEDING)}: a count of rows): Calcite infers types inside expressions only, and
     * the converter failed on the untyped {@code ?} (an internal error); a negative offset written is refused first
     * ({@link WindowLimits#checkOffsetsWritten}).
     */
    @Override
    protected void validateWindowClause(SqlSelect select) {
        for (SqlNode window : select.getWindowList()) {
            WindowLimits.checkOffsetsWritten((SqlWindow) window);
            inferUnknownTypes(getUnknownType(), getFromScope(select), window);
        }
        super.validateWindowClause(select);
    }

    /**
     * Calcite's, with the parameters inside an {@code AS OF} point typed first, as PostgreSQL infers them: a
     * {@code TIMESTAMP} where the point is one ({@code FOR SYSTEM_TIME AS OF COALESCE(?, TIMESTAMP '…')}). Calcite
     * derives the point's type without inferring its parameters, and the untyped {@code ?} was an internal error. A
     * set operation's branches are then checked for dates beside numbers ({@link SetOperationTypes}).
     */
    @Override
    public void validateQuery(SqlNode node, SqlValidatorScope scope, RelDataType targetRowType) {
        if (node instanceof SqlSnapshot snapshot) {
            inferUnknownTypes(typeFactory.createSqlType(SqlTypeName.TIMESTAMP, 3), scope, snapshot.getPeriod());
        }
        super.validateQuery(node, scope, targetRowType);
        if (node instanceof SqlCall setOperation && node.getKind().belongsTo(SqlKind.SET_QUERY)) {
            List<List<RelDataType>> branches = new ArrayList<>();
            for (SqlNode branch : setOperation.getOperandList()) {
                RelDataType type = getValidatedNodeTypeIfKnown(branch);
                if (type != null && type.isStruct()) {
                    branches.add(type.getFieldList().stream().map(RelDataTypeField::getType).toList());
                }
            }
            SetOperationTypes.check(node.getKind().toString(), branches);
        }
    }

    /** Calcite's, with the frame of a window that names another kept ({@link NamedWindows}). */
    @Override
    public SqlWindow resolveWindow(SqlNode windowOrRef, SqlValidatorScope scope) {
        return NamedWindows.resolve(windowOrRef, scope, super.resolveWindow(windowOrRef, scope));
    }

    /** Calcite's, then the windowed calls its enumerable windows answer wrongly refused ({@link WindowLimits}). */
    @Override
    public void validateWindow(SqlNode windowOrId, SqlValidatorScope scope, @Nullable SqlCall call) {
        SqlWindow window = resolveWindow(windowOrId, scope);
        WindowLimits.checkOffsetsWritten(window);
        noteFrameOffset(window.getLowerBound(), window.isRows() ? RowLimits.ROWS_START : RowLimits.FRAME_START);
        noteFrameOffset(window.getUpperBound(), window.isRows() ? RowLimits.ROWS_END : RowLimits.FRAME_END);
        super.validateWindow(windowOrId, scope, call);
        WindowLimits.check(window, call);
        WindowLimits.checkRangeKeys(window, key -> deriveType(scope, key));
        WindowLimits.checkValueOfEmptyFrame(window, call, value -> deriveType(scope, value));
    }

    /**
     * Calcite's, but a {@code NATURAL} join of two sides that both have {@code events}' write-only
     * {@code expected_version} is refused (0A000): the join would match on it, which is never stored (NULL), so it
     * matched no row at all. ({@code SELECT *} does not show the column; a join {@code USING} the columns meant says
     * what is meant.)
     */
    @Override
    protected void validateJoin(SqlJoin join, SqlValidatorScope scope) {
        super.validateJoin(join, scope);
        if (join.isNatural() && hasExpectedVersion(join.getLeft()) && hasExpectedVersion(join.getRight())) {
            throw SqlErrors.of(SqlErrors.FEATURE_NOT_SUPPORTED, "a NATURAL JOIN of events with events would match on "
                + "expected_version, which is never stored: join USING (…) the columns meant");
        }
    }

    private boolean hasExpectedVersion(SqlNode side) {
        SqlValidatorNamespace namespace = getNamespace(side);
        RelDataType type = namespace == null ? null : namespace.getRowType();
        return type != null && type.getField(EventsTable.EXPECTED_VERSION_NAME, false, false) != null;
    }

    @Override
    public void validateUpdate(SqlUpdate call) {
        throw refusedWrite("UPDATE", call.getTargetTable());
    }

    @Override
    public void validateDelete(SqlDelete call) {
        throw refusedWrite("DELETE", call.getTargetTable());
    }

    @Override
    public void validateMerge(SqlMerge call) {
        throw refusedWrite("MERGE", call.getTargetTable());
    }

    /**
     * 42501, the log is append-only, for a write to a table that is there; 42P01 for one that is not, as PostgreSQL
     * answers {@code UPDATE nope} (a tool probing for a table by writing to it read "append-only").
     */
    private RuntimeException refusedWrite(String operation, SqlNode target) {
        if (target instanceof SqlIdentifier table && getCatalogReader().getTable(table.names) == null) {
            return SqlErrors.of(SqlErrors.UNDEFINED_TABLE, "relation \"" + table + "\" does not exist");
        }
        return SqlErrors.appendOnly(operation);
    }

    @Override
    protected void validateSelect(SqlSelect select, RelDataType targetRowType) {
        select.setFetch(wholeRows(select.getFetch()));
        select.setOffset(wholeRows(select.getOffset()));
        super.validateSelect(select, targetRowType);
        checkColumns(getValidatedNodeType(select).getFieldCount());
    }

    /**
     * A {@code LIMIT} or {@code OFFSET} written with a fraction ({@code LIMIT 1.5}) as the whole number PostgreSQL
     * rounds it to (2; 0.5 is 1): Calcite's plan cut the fraction off. One beyond an {@code int} as the largest
     * {@code int}, which Calcite's plan holds (it could not implement more: 0A000), the same rows for any result of
     * fewer rows than that; beyond a {@code BIGINT} 22003, as PostgreSQL's. Anything else as it is.
     */
    private static @Nullable SqlNode wholeRows(@Nullable SqlNode rows) {
        if (!(rows instanceof SqlNumericLiteral literal)) {
            return rows;
        }
        BigDecimal value = literal.getValueAs(BigDecimal.class);
        BigDecimal whole = value;
        boolean changed = !literal.isInteger();
        if (changed) {
            // as PostgreSQL: a numeric rounds half away from zero, a float8 (1.5e0) half to even
            whole = value.setScale(0, literal.isExact() ? RoundingMode.HALF_UP : RoundingMode.HALF_EVEN);
        }
        if (whole.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw SqlErrors.of(SqlErrors.NUMERIC_VALUE_OUT_OF_RANGE, "bigint out of range: " + literal.toValue()
                + " rows in a LIMIT or OFFSET");
        }
        if (whole.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            whole = BigDecimal.valueOf(Integer.MAX_VALUE);
            changed = true;
        }
        return !changed ? rows
            : SqlLiteral.createExactNumeric(whole.toPlainString(), literal.getParserPosition());
    }

    /**
     * A {@code VALUES} clause's rows are a select list too ({@code VALUES (1, 2, …)} with no SELECT around it); their
     * columns are checked for dates beside numbers as a set operation's are ({@link SetOperationTypes}).
     */
    @Override
    protected void validateValues(SqlCall node, RelDataType targetRowType, SqlValidatorScope scope) {
        for (SqlNode row : node.getOperandList()) {
            if (row instanceof SqlCall call) {
                checkColumns(call.operandCount());
            }
        }
        super.validateValues(node, targetRowType, scope);
        List<List<RelDataType>> rows = new ArrayList<>();
        for (SqlNode row : node.getOperandList()) {
            if (row instanceof SqlCall call) {
                List<RelDataType> types = new ArrayList<>();
                for (SqlNode value : call.getOperandList()) {
                    RelDataType type = getValidatedNodeTypeIfKnown(value);
                    types.add(type != null ? type : getUnknownType());
                }
                rows.add(types);
            }
        }
        SetOperationTypes.check("VALUES", rows); // as a UNION's branches
    }

    private static void checkColumns(int columns) {
        if (columns > MAX_COLUMNS) {
            throw SqlErrors.of(SqlErrors.TOO_MANY_COLUMNS, "target lists can have at most " + MAX_COLUMNS
                + " entries; this one has " + columns);
        }
    }

    /** A bare name of a {@code USING} join's common column in {@code WHERE} is the merged column, as PostgreSQL's. */
    @Override
    protected void validateWhereClause(SqlSelect select) {
        select.setWhere(CommonColumns.merged(this, select, select.getWhere()));
        super.validateWhereClause(select);
    }

    /**
     * Calcite's, after the checks of the log's tables; an {@code UPSERT} (Calcite's grammar has it) is refused
     * (0A000): it appended, as an INSERT, where the word promises a replaced row.
     */
    @Override
    public void validateInsert(SqlInsert insert) {
        if (isEvents(insert.getTargetTable())) {
            checkEventsColumns(insert.getTargetColumnList());
        } else {
            checkWritable(insert.getTargetTable()); // a derived table's own refusal first (42809)
        }
        if (insert.isUpsert()) {
            throw SqlErrors.of(SqlErrors.FEATURE_NOT_SUPPORTED, "UPSERT is not supported: the log is append-only; "
                + "INSERT INTO events appends an event, and expected_version makes it conditional on the stream's "
                + "version");
        }
        super.validateInsert(insert);
    }

    /**
     * Bytes into a text column ({@code X'41'} for {@code stream_id}) are refused with 42804, as PostgreSQL refuses
     * {@code bytea} for {@code text}: Calcite's assignment wrote their hex digits, text the client never wrote. A
     * number with a fraction for {@code expected_version} is refused with 42804 too.
     */
    @Override
    protected void checkTypeAssignment(@Nullable SqlValidatorScope sourceScope, SqlValidatorTable table,
                                       RelDataType sourceRowType, RelDataType targetRowType, SqlNode query) {
        List<RelDataTypeField> sources = sourceRowType.getFieldList();
        List<RelDataTypeField> targets = targetRowType.getFieldList();
        for (int i = 0; i < sources.size() && i < targets.size(); i++) {
            if (SqlTypeUtil.isBinary(sources.get(i).getType()) && SqlTypeUtil.inCharFamily(targets.get(i).getType())) {
                throw SqlErrors.of(SqlErrors.DATATYPE_MISMATCH, "column " + targets.get(i).getName()
                    + " is of type " + targets.get(i).getType().getSqlTypeName() + " but expression is of type "
                    + sources.get(i).getType().getSqlTypeName() + ": write text ('…'), not bytes (X'…')");
            }
            RelDataType source = sources.get(i).getType();
            if (targets.get(i).getName().equals(EventsTable.EXPECTED_VERSION_NAME) && (SqlTypeUtil.isApproximateNumeric(
                source) || (SqlTypeUtil.isDecimal(source) && source.getScale() > 0))) {
                // rounded, a typo became another guard: -0.6 none at all (-1), 0.4 "no stream" (0); a bound value
                // with a fraction is refused too (22018)
                throw SqlErrors.of(SqlErrors.DATATYPE_MISMATCH, "column expected_version takes a whole number (a "
                    + "stream version; -1 for no guard) but expression is of type " + source.getFullTypeString()
                    .replace(" NOT NULL", "") + ": write the whole number, or CAST(… AS BIGINT) to round it");
            }
        }
        super.checkTypeAssignment(sourceScope, table, sourceRowType, targetRowType, query);
    }

    /**
     * Only {@code events} takes rows: {@code streams}, a projection or a {@code sys} table is derived from the log
     * (PostgreSQL refuses a write to a materialized view with 42809 too). A table that is not there is left to Calcite
     * (42P01).
     */
    private void checkWritable(SqlNode target) {
        if (!(target instanceof SqlIdentifier id)) {
            return;
        }
        SqlValidatorTable table = getCatalogReader().getTable(id.names);
        if (table != null && table.unwrap(EventsTable.class) == null) {
            throw SqlErrors.of(SqlErrors.WRONG_OBJECT_TYPE, "cannot insert into " + id
                + ": it is derived from the log; append events instead (INSERT INTO events …)");
        }
    }

    private static void checkEventsColumns(SqlNodeList columns) {
        if (columns == null) {
            throw SqlErrors.of(SqlErrors.GENERATED_ALWAYS, "INSERT INTO events must name its columns, e.g. "
                + "(stream_id, entity_type, name, data): seq, version, event_id, ts and source are assigned by "
                + "the server");
        }
        Set<String> named = new HashSet<>();
        for (SqlNode c : columns) {
            String name = ((SqlIdentifier) c).getSimple().toLowerCase(Locale.ROOT);
            if (EventsTable.SERVER_ASSIGNED.contains(name)) {
                throw SqlErrors.of(SqlErrors.GENERATED_ALWAYS, "column " + name
                    + " is assigned by the server and cannot be written; leave it out of the INSERT");
            }
            named.add(name);
        }
        // SPEC §2: a missing required column is 22023 or 42xxx (PostgreSQL's 23502 stays for a NULL given for one)
        for (String required : EventsTable.REQUIRED) {
            if (!named.contains(required)) {
                throw SqlErrors.of(SqlErrors.SYNTAX_ERROR, "INSERT INTO events is missing the required column "
                    + required + ": an event needs " + String.join(", ", EventsTable.REQUIRED));
            }
        }
    }

    private static boolean isEvents(SqlNode table) {
        return table instanceof SqlIdentifier id && id.names.get(id.names.size() - 1).equalsIgnoreCase("events");
    }
}
