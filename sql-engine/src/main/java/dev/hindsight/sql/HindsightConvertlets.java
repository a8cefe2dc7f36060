package dev.hindsight.sql;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import dev.hindsight.sql.jdbc.SqlErrors;
import dev.hindsight.sql.json.ExactJsonOperators;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql.validate.SqlValidatorCatalogReader;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.sql2rel.SqlRexContext;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.StandardConvertletTable;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Calcite's convertlets (SQL call → row expression) with Hindsight's: a TIMESTAMP cast to text keeps its milliseconds
 * ({@link TimestampText}), text cast to a TIMESTAMP reads ISO-8601 ({@link IsoTimestampCast}), a cast to a
 * TIMESTAMP or TIME of fewer digits rounds to them and one between zoned and plain keeps them
 * ({@link DatetimeCasts}), to a BOOLEAN PostgreSQL's words ({@link BooleanCast}), a number with a
 * fraction cast to an integer rounds, then checks its range ({@link IntegerCast}), {@code ROUND} of a floating-point
 * number rounds a half to even ({@link FloatRound}), {@code LOG} and {@code LOG10} are exact at whole answers
 * ({@link Logarithms}), {@code EXTRACT(EPOCH …)} keeps milliseconds
 * ({@link EpochExtract}), a JSON path without a mode is PostgreSQL's lax ({@link JsonPathModes}) and JSON numbers are
 * read as decimals ({@link ExactJsonOperators}), a date format's codes in either case and its quoted text
 * ({@link PostgresFormats}), {@code REPEAT},
 * {@code LPAD} and {@code RPAD} are PostgreSQL's, within a length ({@link PaddedText}), {@code ||} and
 * {@code REPLACE} of text within it ({@link GrowingText}), so are {@code LEFT} and
 * {@code RIGHT} ({@link TextEnds}), a {@code LIKE} pattern's backslash escapes as in PostgreSQL ({@link LikePatterns}),
 * so is a {@code SIMILAR TO} pattern, read as PostgreSQL reads it ({@link SimilarPatterns}),
 * text functions and casts to {@code VARCHAR(n)} count characters beyond the BMP as one ({@link CodePointText}),
 * a floating-point number cast to text is written as PostgreSQL writes it ({@link FloatText}),
 * a windowed variance of {@code DECIMAL}s keeps its digits ({@link WindowedVariance}), PostgreSQL's {@code DIV},
 * {@code GCD}, {@code LCM} ({@link Divisors}) and {@code TO_HEX} ({@link PostgresTextFunctions}) call the method of
 * their type, {@code MAKE_DATE} and {@code MAKE_TIMESTAMP} get operands of their parameters' types
 * ({@link DatetimeConstructors}), {@code DATE_BIN} reads a stride in PostgreSQL's words once ({@link DateBins}), a
 * cast to {@code NUMERIC} of no precision keeps the value's digits ({@link UnconstrainedNumeric}), a product of
 * DECIMALs too wide for its exact type is rounded to the one it takes ({@link DecimalProduct}),
 * two row values compared by order field by field ({@link RowComparisons}), {@code TIMESTAMPDIFF} of a {@code DATE}
 * and a {@code TIMESTAMP}, or in parts of a second, counted on the values ({@link TimestampDiffs}), {@code OVERLAPS}
 * of half-open periods ({@link PeriodOverlaps}), and
 * {@code CURRENT_SCHEMA}, which Calcite validates but cannot run, is the one schema of the log's tables,
 * {@code public}, as in PostgreSQL, and {@code CURRENT_USER} (and {@code SYSTEM_USER}) the connection's {@code user}
 * property.
 */
final class HindsightConvertlets implements SqlRexConvertletTable {

    static final HindsightConvertlets INSTANCE = new HindsightConvertlets();

    private HindsightConvertlets() {
    }

    /** An operator of Hindsight's own, written in place of Calcite's before validation, and its convertlet. */
    private record OwnConvertlet(Predicate<SqlOperator> applies, Supplier<SqlRexConvertlet> convertlet) {
    }

    /** Those of {@link #get} that need nothing of the call or of Calcite's convertlet. */
    private static final List<OwnConvertlet> OWN = List.of(
        new OwnConvertlet(Divisors::applies, Divisors::convertlet),
        new OwnConvertlet(UnconstrainedNumeric::applies, UnconstrainedNumeric::convertlet),
        new OwnConvertlet(DecimalProduct::applies, DecimalProduct::convertlet),
        new OwnConvertlet(IntervalProduct::applies, IntervalProduct::convertlet),
        new OwnConvertlet(DateBins::applies, DateBins::convertlet),
        new OwnConvertlet(DatetimeConstructors::applies, DatetimeConstructors::convertlet),
        new OwnConvertlet(PostgresRegexReplace::applies, PostgresRegexReplace::convertlet),
        new OwnConvertlet(PostgresTextFunctions::applies, PostgresTextFunctions::convertlet),
        new OwnConvertlet(JsonPredicates::applies, JsonPredicates::convertlet),
        new OwnConvertlet(GuardedNotNull::applies, GuardedNotNull::convertlet),
        new OwnConvertlet(GrowingText::applies, GrowingText::convertlet));

    /**
     * The schema names resolve in, as {@code Connection.setSchema} left it ({@code public} unless set): a plan is made
     * for one default schema (the plan cache keys them by it), so the literal is right for every run of it.
     */
    private static String currentSchema(SqlValidatorCatalogReader catalog) {
        for (List<String> path : catalog.getSchemaPaths()) {
            if (!path.isEmpty()) {
                return path.get(path.size() - 1);
            }
        }
        return HindsightSchema.NAME;
    }

    @Override
    public SqlRexConvertlet get(SqlCall call) {
        SqlRexConvertlet standard = StandardConvertletTable.INSTANCE.get(call);
        if (call.getKind() == SqlKind.CAST) {
            return RealCast.cast(CodePointText.cast(IntegerCast.cast(TimestampText.cast(DatetimeCasts.cast(
                IsoTimestampCast.cast(BooleanCast.cast(DecimalTextCast.cast(UuidTextCast.cast(FloatText.cast(
                    FloatingPoint.cast(FloatDecimalCast.cast(DecimalRange.cast(standard)))))))))))));
        }
        if (call.getKind() == SqlKind.JSON_VALUE_EXPRESSION) {
            return (cx, c) -> ExactJsonOperators.exact(cx.getRexBuilder(), standard.convertCall(cx, c));
        }
        if (JsonPathModes.applies(call.getOperator())) {
            SqlRexConvertlet modes = JsonPathModes.modes(standard);
            return (cx, c) -> ExactJsonOperators.exact(cx.getRexBuilder(), modes.convertCall(cx, c));
        }
        if (ToChar.OPERATOR.equals(call.getOperator())) {
            return ToChar.convertlet();
        }
        if (PostgresFormats.applies(call.getOperator())) {
            return PostgresFormats.convertlet(standard);
        }
        if (PaddedText.applies(call.getOperator())) {
            return PaddedText.convertlet(standard);
        }
        if (TextEnds.applies(call.getOperator())) {
            return TextEnds.convertlet(standard);
        }
        for (OwnConvertlet own : OWN) {
            if (own.applies().test(call.getOperator())) {
                return own.convertlet().get();
            }
        }
        SqlRexConvertlet text = PostgresRegexMatch.convertletFor(call.getOperator()); // ~, SUBSTRING … FROM text
        text = text != null ? text : CharacterCase.convertletFor(call.getOperator()); // UPPER, LOWER, INITCAP
        if (text != null) {
            return text;
        }
        if (CodePointText.applies(call.getOperator())) {
            return CodePointText.convertlet(standard);
        }
        if (SimilarPatterns.applies(call.getOperator())) {
            return SimilarPatterns.convertlet(standard);
        }
        if (LikePatterns.applies(call.getKind())) {
            return LikePatterns.convertlet(standard);
        }
        if (Logarithms.applies(call.getOperator())) {
            return Logarithms.convertlet(standard);
        }
        if (SqlStdOperatorTable.ROUND.equals(call.getOperator())) {
            return FloatRound.round(standard);
        }
        if (WindowedVariance.applies(call.getKind())) {
            return WindowedVariance.convertlet(standard);
        }
        if ((call.getKind() == SqlKind.LAG || call.getKind() == SqlKind.LEAD) && call.operandCount() >= 2) {
            return (cx, c) -> lagWithDefault(cx, c, standard);
        }
        if (PeriodOverlaps.applies(call)) {
            return PeriodOverlaps::convert;
        }
        if (TimestampDiffs.applies(call)) {
            return TimestampDiffs.convertlet(standard);
        }
        if (RowComparisons.applies(call)) {
            return RowComparisons.convertlet(standard);
        }
        if (QuantifiedArrays.applies(call)) {
            return QuantifiedArrays.convertlet(standard);
        }
        if (EpochExtract.OPERATOR.equals(call.getOperator())) {
            return EpochExtract::convert;
        }
        if (call.getKind() == SqlKind.EXTRACT) {
            return IntervalHours.convertlet(standard);
        }
        if (DatetimeCasts.readsClock(call.getOperator())) {
            return DatetimeCasts.clock(standard);
        }
        // equals, as Calcite's convertlet table looks operators up: equal to another of its class, name and kind
        if (SqlStdOperatorTable.CURRENT_SCHEMA.equals(call.getOperator())) {
            return (cx, c) -> cx.getRexBuilder().makeLiteral(currentSchema(cx.getValidator().getCatalogReader()),
                cx.getValidator().getValidatedNodeType(c), true);
        }
        // Calcite's data context answers "sa" for every connection: the session's user property instead (a plan is
        // the connection's own, so the literal is right for every run of it); SYSTEM_USER too, which answered the
        // JVM's operating-system user, a server's to any remote client
        if (SqlStdOperatorTable.CURRENT_USER.equals(call.getOperator())
            || SqlStdOperatorTable.SESSION_USER.equals(call.getOperator())
            || SqlStdOperatorTable.USER.equals(call.getOperator())
            || SqlStdOperatorTable.SYSTEM_USER.equals(call.getOperator())) {
            return (cx, c) -> {
                SqlSession session = HindsightSchema.sessionOf(cx.getValidator().getCatalogReader().getRootSchema());
                return session == null ? standard.convertCall(cx, c) : cx.getRexBuilder().makeLiteral(session.user(),
                    cx.getValidator().getValidatedNodeType(c), true);
            };
        }
        return standard;
    }

    /**
     * {@code LAG} or {@code LEAD} with an offset, and maybe a default, as PostgreSQL takes them; Calcite's generated
     * code did not compile for each of these (an internal error):
     * <ul>
     *   <li>an offset of NULL: NULL on every row, as PostgreSQL answers (with a default over a value never NULL,
     *       which types the call NOT NULL, refused: 0A000); an offset that may be NULL (a column): NULL on the rows
     *       where it is (it was XX000 on them);</li>
     *   <li>an offset of another integer type ({@code CAST(1 AS BIGINT)}): as an {@code INTEGER}, the row index's
     *       type (PostgreSQL has no such signature, 42883; a value beyond one is 22003);</li>
     *   <li>a default of another numeric type ({@code LAG(seq, 1, 0.5)}, a BIGINT and a DECIMAL): value and default
     *       cast to the call's type (their common one), as PostgreSQL answers in it;</li>
     *   <li>a default of text for a value that is none ({@code LAG(seq, 1, '7')}): refused (42883), where Calcite
     *       typed the call as text and, where its code compiled, answered the values as text (PostgreSQL types an
     *       untyped literal there as the value: cast it so, {@code CAST('7' AS BIGINT)}); and a default that is not
     *       text for a value of text ({@code LAG(name, 1, 5)}): refused so (42883), where Calcite's code did not
     *       compile (XX000).</li>
     * </ul>
     */
    private static RexNode lagWithDefault(SqlRexContext cx, SqlCall call, SqlRexConvertlet next) {
        RexBuilder rex = cx.getRexBuilder();
        RelDataType value = cx.getValidator().getValidatedNodeTypeIfKnown(call.operand(0));
        RelDataType validated = cx.getValidator().getValidatedNodeType(call);
        // NULL where the fetched value is, whatever the default (LeadLagNullability: Calcite's type of the call is
        // NOT NULL with a default that is)
        RexNode first = cx.convertExpression(call.operand(0)); // its type: the validator's may not be known
        boolean nullableValue = first.getType().isNullable();
        RelDataType type = nullableValue ? rex.getTypeFactory().createTypeWithNullability(validated, true) : validated;
        if (SqlUtil.isNullLiteral(call.operand(1), true)) {
            if (!type.isNullable()) { // typed NOT NULL by its default, which PostgreSQL does not take then either
                throw SqlErrors.of(SqlErrors.FEATURE_NOT_SUPPORTED, "a NULL offset with a default is not supported: "
                    + "the answer is NULL on every row");
            }
            return rex.makeNullLiteral(type);
        }
        RelDataType offset = cx.getValidator().getValidatedNodeTypeIfKnown(call.operand(1));
        boolean wideOffset = offset != null && SqlTypeUtil.isIntType(offset)
            && offset.getSqlTypeName() != SqlTypeName.INTEGER;
        RelDataType fallback = call.operandCount() == 3
            ? cx.getValidator().getValidatedNodeTypeIfKnown(call.operand(2)) : null;
        boolean numbers = value != null && fallback != null && SqlTypeUtil.isNumeric(value)
            && SqlTypeUtil.isNumeric(fallback) && SqlTypeUtil.isNumeric(type);
        if (value != null && fallback != null && SqlTypeUtil.inCharFamily(fallback)
            && !SqlTypeUtil.inCharFamily(value)) {
            throw SqlErrors.of(SqlErrors.UNDEFINED_FUNCTION, "the default of " + call.getOperator().getName()
                + " must be of its value's type, " + value.getSqlTypeName() + ", not text: cast it (CAST("
                + call.operand(2) + " AS " + value.getSqlTypeName() + "))");
        }
        if (value != null && fallback != null && SqlTypeUtil.inCharFamily(value)
            && !SqlTypeUtil.inCharFamily(fallback) && fallback.getSqlTypeName() != SqlTypeName.NULL) {
            throw SqlErrors.of(SqlErrors.UNDEFINED_FUNCTION, "the default of " + call.getOperator().getName()
                + " must be of its value's type, text, not " + fallback.getSqlTypeName() + ": cast it (CAST("
                + call.operand(2) + " AS VARCHAR))");
        }
        // a nullable default makes Calcite's call nullable already, and a missing row its default
        boolean fetchedOrDefault = nullableValue && call.operandCount() == 3 && !validated.isNullable();
        boolean nullableOffset = offset == null || offset.isNullable();
        if (!wideOffset && !numbers && !fetchedOrDefault && !nullableOffset) { // a number and text do not meet
            return next.convertCall(cx, call); // (PostgreSQL: 42883)
        }
        List<RexNode> operands = new ArrayList<>();
        RexNode offsetAsInt = null;
        for (int i = 0; i < call.operandCount(); i++) {
            RexNode operand = i == 0 ? first : cx.convertExpression(call.operand(i));
            nullableOffset &= i != 1 || operand.getType().isNullable(); // as converted, if the validator did not say
            RelDataType to = i == 1 ? rex.getTypeFactory().createSqlType(SqlTypeName.INTEGER) : type;
            boolean typed = !SqlTypeUtil.equalSansNullability(rex.getTypeFactory(), operand.getType(), to);
            operands.add(typed ? rex.makeCast(rex.getTypeFactory().createTypeWithNullability(to,
                operand.getType().isNullable()), operand) : operand);
            if (i == 1 && nullableOffset) {
                // the window reads every row's offset into an int ("Cannot convert null to int", XX000): 0 where it
                // is NULL, and the call's answer there NULL, as PostgreSQL's, below
                offsetAsInt = operands.get(1);
                operands.set(1, rex.makeCall(to, SqlStdOperatorTable.CASE, List.of(
                    rex.makeCall(SqlStdOperatorTable.IS_NULL, offsetAsInt), rex.makeZeroLiteral(to),
                    rex.makeCast(to, offsetAsInt, false, false))));
            }
        }
        RelDataType answer = nullableOffset ? rex.getTypeFactory().createTypeWithNullability(type, true) : type;
        RexNode lag = fetchedOrDefault ? fetchedOrDefault(rex, call.getOperator(), answer, operands)
            : rex.makeCall(answer, call.getOperator(), operands);
        return offsetAsInt == null ? lag : rex.makeCall(answer, SqlStdOperatorTable.CASE, List.of(
            rex.makeCall(SqlStdOperatorTable.IS_NULL, offsetAsInt), rex.makeNullLiteral(answer), lag));
    }

    /**
     * {@code LAG(x, n, d)} over a nullable {@code x} as {@code CASE WHEN LAG(1, n) IS NULL THEN d ELSE LAG(x, n) END}:
     * the default only where no row is there (where {@code LAG(1, n)}, of a value never NULL, is), the fetched value,
     * NULL or not, elsewhere. Calcite types the window call from its operator, NOT NULL with a default whatever the
     * value, so a fetched NULL was an internal error or read as never NULL ({@link LeadLagNullability}); the two
     * calls share one window.
     */
    private static RexNode fetchedOrDefault(RexBuilder rex, SqlOperator lag, RelDataType type,
                                            List<RexNode> operands) {
        RexNode fetched = rex.makeCall(type, lag, List.of(operands.get(0), operands.get(1)));
        RexNode present = rex.makeCall(lag, List.of(rex.makeExactLiteral(BigDecimal.ONE), operands.get(1)));
        return rex.makeCall(type, SqlStdOperatorTable.CASE, List.of(
            rex.makeCall(SqlStdOperatorTable.IS_NULL, present), operands.get(2), fetched));
    }

    /**
     * A function of one operand that a convertlet writes into a row expression: the public static {@code method} of
     * {@code implementation}, called with its operand as {@code operandType} (from {@code family}), its result typed
     * by {@code returns}. It is in no operator table: nothing looks it up by its {@code name}, which plans show.
     */
    static SqlUserDefinedFunction function(String name, SqlReturnTypeInference returns, SqlTypeFamily family,
                                           Function<RelDataTypeFactory, RelDataType> operandType,
                                           Class<?> implementation, String method) {
        return function(name, returns, List.of(family), types -> List.of(operandType.apply(types)), implementation,
            method);
    }

    /** As {@link #function(String, SqlReturnTypeInference, SqlTypeFamily, Function, Class, String)}, of operands. */
    static SqlUserDefinedFunction function(String name, SqlReturnTypeInference returns, List<SqlTypeFamily> families,
                                           Function<RelDataTypeFactory, List<RelDataType>> operandTypes,
                                           Class<?> implementation, String method) {
        return new SqlUserDefinedFunction(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
            returns, null, OperandTypes.operandMetadata(families, operandTypes, i -> "x" + i, i -> false),
            ScalarFunctionImpl.create(implementation, method));
    }

    /**
     * {@code number} rounded to a whole one, a BIGINT: for a text function whose signature takes any number where
     * its code takes a whole one (a parameter there is typed DECIMAL), rounded as PostgreSQL's numeric to integer
     * cast rounds, rather than generated code that does not compile.
     */
    static RexNode wholeNumber(SqlRexContext cx, RexNode number) {
        RelDataTypeFactory types = cx.getTypeFactory();
        return cx.getRexBuilder().makeCast(types.createTypeWithNullability(types.createSqlType(SqlTypeName.BIGINT),
            number.getType().isNullable()), cx.getRexBuilder().makeCall(SqlStdOperatorTable.ROUND, number));
    }

    /**
     * The convertlet of a CAST to text of a value whose type {@code textOf} names a function for (null: none), else
     * {@code next}'s: the function's text of the value, cut to the length asked for, as a text cast cuts it. A cast the
     * validator wrote (beside text in {@code ||}) is one too.
     */
    static SqlRexConvertlet castToText(SqlRexConvertlet next,
                                       Function<SqlTypeName, @Nullable SqlUserDefinedFunction> textOf) {
        return (cx, cast) -> {
            RelDataType from = cx.getValidator().getValidatedNodeTypeIfKnown(cast.operand(0));
            SqlUserDefinedFunction text = from == null ? null : textOf.apply(from.getSqlTypeName());
            if (text == null || cast.operandCount() != 2 || !(cast.operand(1) instanceof SqlDataTypeSpec spec)) {
                return next.convertCall(cx, cast);
            }
            RelDataType to = castTarget(cx, cast, spec, from);
            if (to.getSqlTypeName().getFamily() != SqlTypeFamily.CHARACTER) {
                return next.convertCall(cx, cast);
            }
            RexBuilder rex = cx.getRexBuilder();
            RexNode written = rex.makeCall(rex.getTypeFactory().createTypeWithNullability(
                rex.getTypeFactory().createSqlType(SqlTypeName.VARCHAR), from.isNullable()), text,
                List.of(cx.convertExpression(cast.operand(0))));
            return rex.makeCast(to, written);
        };
    }

    /**
     * The type {@code cast} casts to: the validator's, or for a cast the validator's implicit coercion wrote (a
     * TIMESTAMP column in a UNION with a text one), which has no type of its own registered, only its type spec, the
     * spec's, nullable as its operand ({@code from}).
     */
    static RelDataType castTarget(SqlRexContext cx, SqlCall cast, SqlDataTypeSpec spec, RelDataType from) {
        RelDataType known = cx.getValidator().getValidatedNodeTypeIfKnown(cast);
        return known != null ? known : cx.getTypeFactory().createTypeWithNullability(
            spec.deriveType(cx.getValidator()), from.isNullable());
    }
}
