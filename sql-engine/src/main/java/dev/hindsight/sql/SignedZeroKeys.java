package dev.hindsight.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.tools.Program;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * A DOUBLE or REAL that is a key — of a {@code GROUP BY} or {@code DISTINCT}, a join's equality, a set operation
 * other than {@code UNION ALL}, a window's partition or order, {@code IS [NOT] DISTINCT FROM} — is matched as
 * PostgreSQL matches it, {@code -0} equal to {@code 0}: Calcite's enumerable code holds such a key as a boxed
 * {@code Double}, whose {@code equals} and {@code compareTo} tell {@code -0.0} from {@code 0.0}, so a join
 * {@code ON a.x = b.x} of {@code -0.0} and {@code 0.0} matched nothing (where {@code a.x = b.x} is true), a
 * {@code GROUP BY} made two groups of them and {@code x IN (SELECT …)} missed. A step after the optimisation
 * ({@link HindsightPreparingStmt#getProgram}: the plan's joins and aggregates are final there, sub-queries included)
 * puts a calc under each such node that passes each such key through {@link #key} ({@code x + 0.0}: {@code 0.0} for
 * {@code -0.0}, {@code x} itself for every other value, NaN included, which PostgreSQL too matches with itself), and
 * gives the operands of {@code IS [NOT] DISTINCT FROM} the same. The calc passes the column itself through, so a
 * {@code -0} in a key column shows as {@code 0} above the node wherever it is read (a group's key, both sides of a
 * join, an outer join's unmatched rows too), where PostgreSQL shows the value as it was (a group's, whichever of
 * {@code -0} and {@code 0} it met first). A projection's group keys are made so where they are
 * evaluated ({@code GroupKey}). Public, with its methods, for Calcite's generated code.
 */
@Strict // NULL in, NULL out
public final class SignedZeroKeys {

    private static final SqlUserDefinedFunction DOUBLE_KEY = function(SqlTypeName.DOUBLE, "key");
    private static final SqlUserDefinedFunction REAL_KEY = function(SqlTypeName.REAL, "realKey");

    /** The operands of {@code IS [NOT] DISTINCT FROM} that are floating-point numbers, as keys. */
    private static final CalcRewrite DISTINCT_FROM = CalcRewrite.of(SignedZeroKeys::comparesFloats,
        (rex, call) -> comparesFloats(call) ? call.clone(call.getType(), call.getOperands().stream()
            .map(o -> keyOf(rex, o)).toList()) : null);

    /** The step run after the optimisation; stateless. */
    static final Program PROGRAM = (planner, rel, traits, materializations, lattices) ->
        DISTINCT_FROM.program().run(planner, rel.accept(new EveryNode(SignedZeroKeys::withKeys)), traits,
            materializations, lattices);

    private SignedZeroKeys() {
    }

    private static SqlUserDefinedFunction function(SqlTypeName type, String method) {
        return HindsightConvertlets.function("HINDSIGHT_" + type + "_KEY", ReturnTypes.ARG0,
            SqlTypeFamily.APPROXIMATE_NUMERIC, types -> types.createSqlType(type), SignedZeroKeys.class, method);
    }

    /** A DOUBLE as a key: {@code 0.0} for {@code -0.0} (IEEE 754's sum of zeros of opposite signs), else itself. */
    public static double key(double x) {
        return x + 0.0;
    }

    /** A REAL as a key, as {@link #key}. */
    public static float realKey(float x) {
        return x + 0.0f;
    }

    private static boolean comparesFloats(RexCall call) {
        return (call.getKind() == SqlKind.IS_DISTINCT_FROM || call.getKind() == SqlKind.IS_NOT_DISTINCT_FROM)
            && call.getOperands().stream().anyMatch(o -> isFloat(o.getType()) && !isKey(o));
    }

    private static boolean isFloat(RelDataType type) {
        return SqlTypeName.APPROX_TYPES.contains(type.getSqlTypeName());
    }

    private static boolean isKey(RexNode node) {
        return node instanceof RexCall c && (DOUBLE_KEY.equals(c.getOperator()) || REAL_KEY.equals(c.getOperator()));
    }

    /** {@code value} as a key if it is a floating-point number (FLOAT is Calcite's DOUBLE); else itself. */
    private static RexNode keyOf(RexBuilder rex, RexNode value) {
        if (!isFloat(value.getType()) || isKey(value)) {
            return value;
        }
        SqlUserDefinedFunction key = value.getType().getSqlTypeName() == SqlTypeName.REAL ? REAL_KEY : DOUBLE_KEY;
        return rex.makeCall(value.getType(), key, List.of(value));
    }

    private static RelNode withKeys(RelNode node) {
        if (node instanceof Aggregate aggregate) {
            ImmutableBitSet.Builder keys = aggregate.getGroupSet().rebuild();
            for (AggregateCall call : aggregate.getAggCallList()) {
                if (call.isDistinct()) {
                    keys.addAll(call.getArgList());
                }
            }
            return withInputKeys(node, List.of(keys.build()));
        }
        if (node instanceof Join join) {
            JoinInfo info = join.analyzeCondition();
            return withInputKeys(node, List.of(ImmutableBitSet.of(info.leftKeys), ImmutableBitSet.of(info.rightKeys)));
        }
        if (node instanceof SetOp setOp && !(setOp.kind == SqlKind.UNION && setOp.all)) {
            ImmutableBitSet all = ImmutableBitSet.range(setOp.getRowType().getFieldCount());
            return withInputKeys(node, setOp.getInputs().stream().map(i -> all).toList());
        }
        if (node instanceof Window window) {
            ImmutableBitSet.Builder keys = ImmutableBitSet.builder();
            for (Window.Group group : window.groups) {
                keys.addAll(group.keys);
                group.orderKeys.getFieldCollations().stream().map(RelFieldCollation::getFieldIndex).forEach(keys::set);
            }
            return withInputKeys(node, List.of(keys.build()));
        }
        return node;
    }

    /** {@code node} over inputs whose columns {@code keys.get(i)} of input {@code i} are keys; else as it is. */
    private static RelNode withInputKeys(RelNode node, List<ImmutableBitSet> keys) {
        List<RelNode> inputs = new ArrayList<>(node.getInputs());
        boolean changed = false;
        for (int i = 0; i < inputs.size(); i++) {
            RelNode keyed = withKeys(inputs.get(i), keys.get(i));
            changed |= keyed != inputs.get(i);
            inputs.set(i, keyed);
        }
        return changed ? node.copy(node.getTraitSet(), inputs) : node;
    }

    private static RelNode withKeys(RelNode input, ImmutableBitSet keys) {
        List<RelDataTypeField> fields = input.getRowType().getFieldList();
        if (input.getConvention() != EnumerableConvention.INSTANCE
            || keys.asList().stream().noneMatch(k -> k < fields.size() && isFloat(fields.get(k).getType()))) {
            return input;
        }
        RexBuilder rex = input.getCluster().getRexBuilder();
        List<RexNode> projects = new ArrayList<>(fields.size());
        for (RelDataTypeField field : fields) {
            RexNode ref = rex.makeInputRef(field.getType(), field.getIndex());
            projects.add(keys.get(field.getIndex()) ? keyOf(rex, ref) : ref);
        }
        return EnumerableCalc.create(input, RexProgram.create(input.getRowType(), projects, null, input.getRowType(),
            rex));
    }
}
