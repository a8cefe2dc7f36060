package dev.hindsight.sql;

import java.util.List;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.Program;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Integer arithmetic that fails on overflow, as PostgreSQL's does ({@code SELECT 9223372036854775807 + 1} is
 * SQLState 22003, "bigint out of range"), instead of Calcite's default, Java's wrap-around (the same statement
 * answered {@code -9223372036854775808}: a wrong answer, not an error). A {@link Program} step run before the
 * statement's optimisation ({@link HindsightPreparingStmt#getProgram}): every {@code +}, {@code -}, {@code *},
 * {@code /} and unary minus whose result is an exact integer type becomes Calcite's checked operator of the same
 * meaning (and {@code ABS}, {@link CheckedAbs}), which its code generator and its constant folding
 * both implement with {@code Math.addExact} and its siblings. The {@code ArithmeticException} they throw reaches
 * the client as 22003 ({@code SqlErrors}).
 *
 * <p>Why not Calcite's switch for it ({@code SqlConformance.checkedArithmetic()}, read from the connection's
 * conformance): only two of its dialects turn it on, each with rules of its own we do not want, and a conformance of
 * our own cannot be named in the connection properties (Calcite reads an enum there). Its rewrite with every
 * operation checked also wraps DECIMAL arithmetic in a cast to the derived type, which would refuse values a
 * PostgreSQL {@code numeric} holds; decimal arithmetic is exact in {@code BigDecimal} already, so only integers are
 * rewritten here, but for a {@code DECIMAL} division, which {@link DecimalDivision} makes exact to its type's scale.
 * {@code DOUBLE} results take {@link FloatingPoint}'s checks: no {@code Infinity}, no {@code NaN}.
 */
final class CheckedArithmetic implements Program {

    /** The step; stateless. */
    static final Program PROGRAM = new CheckedArithmetic();

    private CheckedArithmetic() {
    }

    @Override
    public RelNode run(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
                       List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
        Expressions expressions = new Expressions(rel.getCluster().getRexBuilder());
        return rel.accept(new EveryNode(node -> node.accept(expressions)));
    }

    /**
     * {@code expression} with the same checks, for expressions compiled outside a statement's plan (a projection's,
     * {@code ProjectionCompiler}).
     */
    static RexNode checked(RexBuilder rexBuilder, RexNode expression) {
        return expression.accept(new Expressions(rexBuilder));
    }

    /** One node's expressions. */
    private static final class Expressions extends RexShuttle {
        private final RexBuilder rexBuilder;

        Expressions(RexBuilder rexBuilder) {
            this.rexBuilder = rexBuilder;
        }

        @Override
        public RexNode visitCall(RexCall call) {
            RexNode visited = super.visitCall(call);
            boolean integer = SqlTypeName.INT_TYPES.contains(call.getType().getSqlTypeName());
            if (integer && call.getOperator().equals(SqlStdOperatorTable.ABS) && visited instanceof RexCall abs) {
                // Math.abs of the type's least value is that value itself (ABS(-9223372036854775808) answered it,
                // negative), where PostgreSQL fails
                RexNode checked = CheckedAbs.of(rexBuilder, abs);
                return checked != null ? checked : visited;
            }
            if (!integer && visited instanceof RexCall c) {
                RexNode floating = FloatingPoint.checked(rexBuilder, c); // DOUBLE results: no Infinity, no NaN
                RexNode decimal = floating == null ? DecimalDivision.exact(rexBuilder, c) : null; // to its scale
                return floating != null ? floating : decimal != null ? decimal : visited;
            }
            SqlOperator checked = integer ? checkedOf(call.getOperator()) : null;
            if (checked == null || !(visited instanceof RexCall c)) {
                return visited;
            }
            return rexBuilder.makeCall(c.getParserPosition(), c.getType(), checked, c.getOperands());
        }

        private static @Nullable SqlOperator checkedOf(SqlOperator operator) {
            return switch (operator.getKind()) {
                case PLUS -> SqlStdOperatorTable.CHECKED_PLUS;
                case MINUS -> SqlStdOperatorTable.CHECKED_MINUS;
                case TIMES -> SqlStdOperatorTable.CHECKED_MULTIPLY;
                case DIVIDE -> SqlStdOperatorTable.CHECKED_DIVIDE;
                case MINUS_PREFIX -> SqlStdOperatorTable.CHECKED_UNARY_MINUS;
                default -> null;
            };
        }
    }
}
