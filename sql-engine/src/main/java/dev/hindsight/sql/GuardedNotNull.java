package dev.hindsight.sql;

import java.util.List;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.adapter.enumerable.RexToLixTranslator;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Primitive;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlInternalOperators;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexConvertlet;

/**
 * The operand {@code x} of {@code COALESCE(x, …)} where its {@code WHEN x IS NOT NULL} has let it through: typed not
 * null, as Calcite's {@code CAST(x AS … NOT NULL)} there, but not counted null for a null {@code x} by Calcite's
 * simplification. Why: Calcite writes the coalesce as {@code CASE WHEN x IS NOT NULL THEN CAST(x) NOT NULL ELSE 9
 * END}; a filter {@code COALESCE(a, 9) <= (SELECT 5)} became {@code OR(CAST(a) NOT NULL <= 5, AND(9 <= 5, a IS
 * NULL))}, the guard {@code a IS NOT NULL} dropped as implied by a comparison that is null for a null {@code a}, but
 * the cast to a type without NULL is 0 for a NULL at run time, so the row with {@code a} NULL passed (PostgreSQL: no
 * row). This operator is no cast to the simplification (its result is not known null for a null operand, and it is
 * not safe to evaluate outside its branch), so the {@code CASE} stays whole. It wraps Calcite's cast, which runs as
 * before (and gives a {@code DECIMAL} its type's scale).
 */
final class GuardedNotNull {

    private GuardedNotNull() {
    }

    /** The operator: one operand, its type without NULL. */
    static final SqlOperator OPERATOR = new SqlUserDefinedFunction(
        new SqlIdentifier("GUARDED_NOT_NULL", SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
        ReturnTypes.ARG0.andThen(SqlTypeTransforms.TO_NOT_NULLABLE), null, null, new Function());

    /** Whether a call is Calcite's cast of a coalesce's operand, which {@link #convertlet} converts instead. */
    static boolean applies(SqlOperator operator) {
        return SqlInternalOperators.CAST_NOT_NULL.equals(operator);
    }

    /** The operand, converted, under this operator. */
    static SqlRexConvertlet convertlet() {
        return (cx, call) -> {
            RexNode operand = cx.convertExpression(call.operand(0));
            RelDataType notNull = cx.getTypeFactory().createTypeWithNullability(operand.getType(), false);
            RexNode cast = cx.getRexBuilder().makeCast(notNull, operand); // Calcite's, which sets a DECIMAL's scale
            return operand.getType().isNullable() ? cx.getRexBuilder().makeCall(notNull, OPERATOR, List.of(cast))
                : cast;
        };
    }

    /** The cast's value; were it ever a NULL, the type's default value, as the cast makes it. */
    private static Expression implement(RexToLixTranslator translator, RexCall call, List<Expression> operands) {
        Expression operand = operands.get(0);
        Primitive box = Primitive.ofBox(operand.getType());
        if (box == null) {
            return operand;
        }
        return Expressions.condition(Expressions.equal(operand, Expressions.constant(null)),
            Expressions.constant(box.defaultValue, box.primitiveClass), Expressions.unbox(operand));
    }

    /** The function behind the operator: its code, one parameter. */
    private static final class Function implements ScalarFunction, ImplementableFunction {

        @Override
        public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
            return typeFactory.createSqlType(SqlTypeName.ANY);
        }

        @Override
        public List<FunctionParameter> getParameters() {
            return List.of();
        }

        @Override
        public CallImplementor getImplementor() {
            return RexImpTable.createImplementor(GuardedNotNull::implement, NullPolicy.NONE, false);
        }
    }
}
