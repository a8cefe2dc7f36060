package dev.hindsight.sql.json;

import java.lang.reflect.Method;
import java.util.ArrayList;
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
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.schema.impl.ReflectiveFunctionBase;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJsonEmptyOrError;
import org.apache.calcite.sql.SqlJsonExistsErrorBehavior;
import org.apache.calcite.sql.SqlJsonQueryEmptyOrErrorBehavior;
import org.apache.calcite.sql.SqlJsonQueryWrapperBehavior;
import org.apache.calcite.sql.SqlJsonValueEmptyOrErrorBehavior;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * The operators that answer {@code JSON_VALUE}, {@code JSON_QUERY}, {@code JSON_EXISTS} and {@code FORMAT JSON} with
 * {@link ExactJson}, put in place of Calcite's by {@link #exact} on every converted row expression that has them (the
 * engine's convertlets): their operands as Calcite's have them, the {@code ON} clauses as flags and values, turned
 * into the arguments of one call:
 *
 * <pre>
 *   JSON_VALUE(doc, path, DEFAULT, 'x', EMPTY, NULL, ERROR)  →  ExactJson.value(doc, path, DEFAULT, "x", NULL, null)
 *   JSON_QUERY(doc, path, wrapper, onEmpty, onError)         →  ExactJson.query(doc, path, wrapper, onEmpty, onError)
 *   JSON_EXISTS(doc, path [, onError])                       →  ExactJson.exists(doc, path, onError or FALSE)
 *   doc FORMAT JSON                                          →  ExactJson.formatJson(doc)
 * </pre>
 *
 * <p>A {@code FORMAT JSON} document of the first three is read by the call itself. A {@code JSON_VALUE} of text only:
 * one {@code RETURNING} another type is already the text it finds, cast ({@code JsonPathModes}), but for an array,
 * which stays Calcite's; a {@code JSON_QUERY} of text only, likewise.
 */
public final class ExactJsonOperators {

    private static final Method VALUE = Types.lookupMethod(ExactJson.class, "value", String.class, String.class,
        SqlJsonValueEmptyOrErrorBehavior.class, Object.class, SqlJsonValueEmptyOrErrorBehavior.class, Object.class);
    private static final Method QUERY = Types.lookupMethod(ExactJson.class, "query", String.class, String.class,
        SqlJsonQueryWrapperBehavior.class, SqlJsonQueryEmptyOrErrorBehavior.class,
        SqlJsonQueryEmptyOrErrorBehavior.class);
    private static final Method EXISTS = Types.lookupMethod(ExactJson.class, "exists", String.class, String.class,
        SqlJsonExistsErrorBehavior.class);
    private static final Method FORMAT_JSON = Types.lookupMethod(ExactJson.class, "formatJson", String.class);

    /** The type given where none is (calls are made with their original's), as Calcite's {@code JSON_VALUE}'s. */
    private static final SqlReturnTypeInference TEXT =
        ReturnTypes.explicit(SqlTypeName.VARCHAR, 2000).andThen(SqlTypeTransforms.FORCE_NULLABLE);

    /** The exact {@code JSON_VALUE}; plans show it under Calcite's name. */
    public static final SqlOperator JSON_VALUE = operator("JSON_VALUE", VALUE, ExactJsonOperators::value);

    /** The exact {@code JSON_QUERY}. */
    public static final SqlOperator JSON_QUERY = operator("JSON_QUERY", QUERY, ExactJsonOperators::query);

    /** The exact {@code JSON_EXISTS}. */
    public static final SqlOperator JSON_EXISTS = operator("JSON_EXISTS", EXISTS, ExactJsonOperators::exists);

    /** The exact {@code FORMAT JSON} (a JSON constructor's argument). */
    public static final SqlOperator FORMAT = operator("FORMAT JSON", FORMAT_JSON, (translator, call, operands) ->
        Expressions.call(FORMAT_JSON, text(operands.get(0))));

    private ExactJsonOperators() {
    }

    /** {@code node} with each of Calcite's JSON functions above in it answered exactly. */
    public static RexNode exact(RexBuilder rex, RexNode node) {
        return node.accept(new RexShuttle() {
            @Override
            public RexNode visitCall(RexCall call) {
                RexNode visited = super.visitCall(call);
                if (!(visited instanceof RexCall c)) {
                    return visited;
                }
                if (c.getKind() == SqlKind.JSON_VALUE_EXPRESSION) {
                    return rex.makeCall(c.getType(), FORMAT, c.getOperands());
                }
                SqlOperator op = SqlStdOperatorTable.JSON_VALUE.equals(c.getOperator()) ? JSON_VALUE
                    : SqlStdOperatorTable.JSON_QUERY.equals(c.getOperator()) ? JSON_QUERY
                    : SqlStdOperatorTable.JSON_EXISTS.equals(c.getOperator()) ? JSON_EXISTS : null;
                boolean typed = JSON_EXISTS.equals(op)
                    || c.getType().getSqlTypeName().getFamily() == SqlTypeFamily.CHARACTER;
                if (op == null || !typed || c.getOperands().size() < 2) {
                    return visited;
                }
                List<RexNode> operands = new ArrayList<>(c.getOperands());
                if (operands.get(0) instanceof RexCall format && FORMAT.equals(format.getOperator())) {
                    operands.set(0, format.getOperands().get(0)); // FORMAT JSON: the text, read by the call
                }
                return rex.makeCall(c.getType(), op, operands);
            }
        });
    }

    /** Whether {@code node} calls the exact {@code JSON_VALUE}. */
    public static boolean isJsonValue(RexNode node) {
        return node instanceof RexCall call && JSON_VALUE.equals(call.getOperator());
    }

    private static Expression value(RexToLixTranslator translator, RexCall call, List<Expression> operands) {
        Expression none = Expressions.constant(null, Object.class);
        SqlJsonValueEmptyOrErrorBehavior onEmpty = SqlJsonValueEmptyOrErrorBehavior.NULL; // the standard's default
        SqlJsonValueEmptyOrErrorBehavior onError = SqlJsonValueEmptyOrErrorBehavior.NULL;
        Expression emptyDefault = none;
        Expression errorDefault = none;
        SqlJsonValueEmptyOrErrorBehavior behaviour = null; // of the clause being read
        Expression given = none; // its DEFAULT value
        for (int i = 2; i < operands.size(); i++) {
            Object flag = symbol(translator, call.getOperands().get(i));
            if (flag instanceof SqlJsonValueEmptyOrErrorBehavior b) {
                behaviour = b;
                given = none;
            } else if (flag == SqlJsonEmptyOrError.EMPTY && behaviour != null) {
                onEmpty = behaviour;
                emptyDefault = given;
            } else if (flag == SqlJsonEmptyOrError.ERROR && behaviour != null) {
                onError = behaviour;
                errorDefault = given;
            } else if (flag == null) {
                given = EnumUtils.convert(operands.get(i), Object.class);
            }
        }
        return Expressions.call(VALUE, text(operands.get(0)), text(operands.get(1)), Expressions.constant(onEmpty),
            emptyDefault, Expressions.constant(onError), errorDefault);
    }

    private static Expression query(RexToLixTranslator translator, RexCall call, List<Expression> operands) {
        List<Expression> args = new ArrayList<>(List.of(text(operands.get(0)), text(operands.get(1))));
        for (int i = 2; i < operands.size(); i++) {
            args.add(Expressions.constant(symbol(translator, call.getOperands().get(i))));
        }
        return Expressions.call(QUERY, args);
    }

    private static Expression exists(RexToLixTranslator translator, RexCall call, List<Expression> operands) {
        Object onError = operands.size() > 2 ? symbol(translator, call.getOperands().get(2)) : null;
        return Expressions.call(EXISTS, text(operands.get(0)), text(operands.get(1)),
            Expressions.constant(onError != null ? onError : SqlJsonExistsErrorBehavior.FALSE)); // the standard's
    }

    private static Expression text(Expression operand) {
        return EnumUtils.convert(operand, String.class);
    }

    /** The flag {@code operand} is (in a program, a reference to it), or null for a value. */
    private static Object symbol(RexToLixTranslator translator, RexNode operand) {
        RexNode node = translator.deref(operand);
        return node instanceof RexLiteral l && l.getTypeName() == SqlTypeName.SYMBOL ? l.getValue() : null;
    }

    private static SqlOperator operator(String name, Method method, Implementation implementation) {
        return new SqlUserDefinedFunction(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
            TEXT, null, null, new Function(method, implementation));
    }

    /** How a call's Java code is made from its operands. */
    private interface Implementation {
        Expression implement(RexToLixTranslator translator, RexCall call, List<Expression> operands);
    }

    /** The function behind an operator: the code {@link Implementation} makes, the method's parameters. */
    private static final class Function extends ReflectiveFunctionBase implements ScalarFunction,
        ImplementableFunction {

        private final Implementation implementation;

        Function(Method method, Implementation implementation) {
            super(method);
            this.implementation = implementation;
        }

        @Override
        public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
            return typeFactory.createJavaType(String.class);
        }

        /** The function answers a NULL document itself. */
        @Override
        public CallImplementor getImplementor() {
            return RexImpTable.createImplementor(implementation::implement, NullPolicy.NONE, false);
        }
    }
}
