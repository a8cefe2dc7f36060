package dev.hindsight.sql;

import java.util.List;
import java.util.regex.Matcher;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * PostgreSQL's regular expression match operators {@code ~}, {@code ~*}, {@code !~} and {@code !~*}, and
 * {@code SUBSTRING(text FROM pattern)}, reading the pattern as {@code REGEXP_REPLACE} does
 * ({@link PostgresRegexReplace}): {@code [[:upper:]]} is the class, and letters, case, {@code \w} and {@code \s} are
 * glibc's, as in a PostgreSQL database in UTF-8. Calcite's handed the pattern to Java as it was, ASCII only:
 * {@code 'Ärger' ~* 'ärger'}, {@code 'Ärger' ~ '^\w+$'} and {@code 'Ärger' ~ '^[[:alpha:]]+$'} were false
 * (PostgreSQL: true), so a filter left rows out; and its SUBSTRING read the pattern as a position. Public for
 * Calcite's generated code, which calls {@link #matches} and {@link #substring}.
 */
@Strict // NULL in, NULL out
public final class PostgresRegexMatch {

    private static final SqlUserDefinedFunction FUNCTION = HindsightConvertlets.function("HINDSIGHT_REGEX_MATCH",
        ReturnTypes.BOOLEAN_NULLABLE, List.of(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER,
            SqlTypeFamily.CHARACTER),
        types -> List.of(types.createSqlType(SqlTypeName.VARCHAR), types.createSqlType(SqlTypeName.VARCHAR),
            types.createSqlType(SqlTypeName.VARCHAR)),
        PostgresRegexMatch.class, "matches");

    private static final SqlUserDefinedFunction SUBSTRING = HindsightConvertlets.function("HINDSIGHT_REGEX_SUBSTRING",
        ReturnTypes.VARCHAR_FORCE_NULLABLE, List.of(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER),
        types -> List.of(types.createSqlType(SqlTypeName.VARCHAR), types.createSqlType(SqlTypeName.VARCHAR)),
        PostgresRegexMatch.class, "substring");

    /**
     * {@code SUBSTRING(text FROM pattern)} once validated: typed as its two text operands say, text that may be NULL
     * (where nothing matches); a function of no operator table, so it is not looked up by its name.
     */
    private static final SqlFunction SUBSTRING_PATTERN = new SqlFunction("SUBSTRING", SqlKind.OTHER_FUNCTION,
        ReturnTypes.VARCHAR_FORCE_NULLABLE, null, OperandTypes.STRING_STRING, SqlFunctionCategory.STRING) {
        @Override
        public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
            return validateOperands(validator, scope, call);
        }
    };

    private PostgresRegexMatch() {
    }

    /** Whether {@code operator} is one of the four match operators {@link #convertlet} replaces. */
    private static boolean applies(SqlOperator operator) {
        return SqlStdOperatorTable.POSIX_REGEX_CASE_SENSITIVE.equals(operator)
            || SqlStdOperatorTable.POSIX_REGEX_CASE_INSENSITIVE.equals(operator)
            || SqlStdOperatorTable.NEGATED_POSIX_REGEX_CASE_SENSITIVE.equals(operator)
            || SqlStdOperatorTable.NEGATED_POSIX_REGEX_CASE_INSENSITIVE.equals(operator);
    }

    /** The call as {@link #matches}'s (with flag {@code i} for the {@code *} forms), negated for the {@code !} ones. */
    private static SqlRexConvertlet convertlet() {
        return (cx, call) -> {
            SqlOperator operator = call.getOperator();
            boolean insensitive = SqlStdOperatorTable.POSIX_REGEX_CASE_INSENSITIVE.equals(operator)
                || SqlStdOperatorTable.NEGATED_POSIX_REGEX_CASE_INSENSITIVE.equals(operator);
            boolean negated = SqlStdOperatorTable.NEGATED_POSIX_REGEX_CASE_SENSITIVE.equals(operator)
                || SqlStdOperatorTable.NEGATED_POSIX_REGEX_CASE_INSENSITIVE.equals(operator);
            RexBuilder rex = cx.getRexBuilder();
            RexNode match = rex.makeCall(cx.getValidator().getValidatedNodeType(call), FUNCTION, List.of(
                cx.convertExpression(call.operand(0)), cx.convertExpression(call.operand(1)),
                rex.makeLiteral(insensitive ? "i" : "")));
            return negated ? rex.makeCall(SqlStdOperatorTable.NOT, match) : match;
        };
    }

    /**
     * {@code SUBSTRING(text FROM pattern)} with a text {@code pattern}, PostgreSQL's regular expression form, made a
     * call of {@link #substring} before it is validated; any other call is left as it is. Calcite read the text as a
     * position, cast to a number: {@code SUBSTRING(stream_id FROM '2')} cut off the first character where PostgreSQL
     * answers the match, and {@code SUBSTRING(x FROM '[0-9]+')} was 22018.
     */
    static void rewriteSubstring(SqlValidator validator, SqlValidatorScope scope, SqlBasicCall call) {
        if (!SqlStdOperatorTable.SUBSTRING.equals(call.getOperator()) || call.operandCount() != 2) {
            return;
        }
        RelDataType text = validator.deriveType(scope, call.operand(0));
        RelDataType from = validator.deriveType(scope, call.operand(1));
        if (SqlTypeUtil.inCharFamily(text) && SqlTypeUtil.inCharFamily(from)) { // of bytes: not PostgreSQL's either
            call.setOperator(SUBSTRING_PATTERN);
        }
    }

    /**
     * The convertlet of a match operator ({@link #convertlet}) or of the call {@link #rewriteSubstring} made (as
     * {@link #substring}'s), or {@code null} for any other operator.
     */
    static @Nullable SqlRexConvertlet convertletFor(SqlOperator operator) {
        if (SUBSTRING_PATTERN.equals(operator)) {
            return (cx, call) -> cx.getRexBuilder().makeCall(cx.getValidator().getValidatedNodeType(call), SUBSTRING,
                List.of(cx.convertExpression(call.operand(0)), cx.convertExpression(call.operand(1))));
        }
        return applies(operator) ? convertlet() : null;
    }

    /**
     * The part of {@code text} the first match of {@code pattern} covers, or of its first group if it has one, as
     * PostgreSQL's {@code substring(text from pattern)}; {@code null} if it does not match.
     */
    public static String substring(String text, String pattern) {
        Matcher m = PostgresRegexReplace.compiled(pattern, "").matcher(text);
        if (!m.find()) {
            return null;
        }
        return m.groupCount() > 0 ? m.group(1) : m.group();
    }

    /** Whether {@code pattern} matches somewhere in {@code text}, with {@code flags} as REGEXP_REPLACE takes them. */
    public static boolean matches(String text, String pattern, String flags) {
        return PostgresRegexReplace.compiled(pattern, flags).matcher(text).find();
    }
}
