package dev.hindsight.sql.json;

import java.lang.reflect.Method;
import java.util.List;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.EnumUtils;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.adapter.enumerable.RexToLixTranslator;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.schema.impl.ReflectiveFunctionBase;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * The operator {@code HINDSIGHT_JSON_VALUE(doc, path)} that {@link JsonValueRule} puts in place of Calcite's
 * {@code JSON_VALUE}, and the code Calcite generates for a call of it. A literal path is compiled at the call site,
 * once per plan; any other is compiled at each call:
 *
 * <pre>
 *   HINDSIGHT_JSON_VALUE(data, '$.a.b')  →  JsonValueFunction.of("$.a.b").eval(data)
 *                                            (of(..) hoisted by Calcite into a static final field of the plan)
 *   HINDSIGHT_JSON_VALUE(data, p)        →  JsonValueFunction.eval(data, p)
 * </pre>
 *
 * <p>Reached only after validation (the rule rewrites validated plans), so the operand checks are the rule's.
 */
final class JsonValueOperator extends ReflectiveFunctionBase implements ScalarFunction, ImplementableFunction {

    /** The name the operator shows in plans. */
    static final String NAME = "HINDSIGHT_JSON_VALUE";

    private static final Method OF = Types.lookupMethod(JsonValueFunction.class, "of", String.class);
    private static final Method EVAL = Types.lookupMethod(JsonValueFunction.class, "eval", String.class);
    private static final Method EVAL_ANY_PATH =
        Types.lookupMethod(JsonValueFunction.class, "eval", String.class, String.class);

    /** The operator; its type is its document's, as Calcite's JSON_VALUE without RETURNING gives. */
    static final SqlUserDefinedFunction INSTANCE = new SqlUserDefinedFunction(
        new SqlIdentifier(NAME, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION, ReturnTypes.ARG0_NULLABLE_VARYING, null,
        null, new JsonValueOperator());

    private JsonValueOperator() {
        super(EVAL_ANY_PATH); // the parameters: (doc, path)
    }

    @Override
    public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
        return typeFactory.createJavaType(String.class);
    }

    /** As Calcite's implementor for a UDF without null annotations: the function itself answers a null document. */
    @Override
    public CallImplementor getImplementor() {
        return RexImpTable.createImplementor(JsonValueOperator::implement, NullPolicy.NONE, false);
    }

    private static Expression implement(RexToLixTranslator translator, RexCall call, List<Expression> operands) {
        Expression doc = EnumUtils.convert(operands.get(0), String.class);
        String literal = literalPath(translator.deref(call.getOperands().get(1)));
        if (literal != null && JsonPath.compile(literal) != null) {
            return Expressions.call(Expressions.call(OF, Expressions.constant(literal)), EVAL, doc);
        }
        return Expressions.call(EVAL_ANY_PATH, doc, EnumUtils.convert(operands.get(1), String.class));
    }

    private static String literalPath(RexNode path) {
        return path instanceof RexLiteral literal ? literal.getValueAs(String.class) : null;
    }
}
