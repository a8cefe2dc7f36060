package dev.hindsight.sql;

import java.util.List;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexConvertlet;

/**
 * PostgreSQL's regular expression match operators {@code ~}, {@code ~*}, {@code !~} and {@code !~*}, read as
 * {@code REGEXP_REPLACE} reads its pattern ({@link PostgresRegexReplace}): {@code [[:upper:]]} is the class, and
 * letters, case and {@code \w} are Unicode's, as in a PostgreSQL database in UTF-8. Calcite's handed the pattern to
 * Java as it was, ASCII only: {@code 'Ärger' ~* 'ärger'}, {@code 'Ärger' ~ '^\w+$'} and
 * {@code 'Ärger' ~ '^[[:alpha:]]+$'} were false (PostgreSQL: true), so a filter left rows out. Public for Calcite's
 * generated code, which calls {@link #matches}.
 */
@Strict // NULL in, NULL out
public final class PostgresRegexMatch {

    private static final SqlUserDefinedFunction FUNCTION = HindsightConvertlets.function("HINDSIGHT_REGEX_MATCH",
        ReturnTypes.BOOLEAN_NULLABLE, List.of(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER,
            SqlTypeFamily.CHARACTER),
        types -> List.of(types.createSqlType(SqlTypeName.VARCHAR), types.createSqlType(SqlTypeName.VARCHAR),
            types.createSqlType(SqlTypeName.VARCHAR)),
        PostgresRegexMatch.class, "matches");

    private PostgresRegexMatch() {
    }

    /** Whether {@code operator} is one of the four match operators {@link #convertlet} replaces. */
    static boolean applies(SqlOperator operator) {
        return SqlStdOperatorTable.POSIX_REGEX_CASE_SENSITIVE.equals(operator)
            || SqlStdOperatorTable.POSIX_REGEX_CASE_INSENSITIVE.equals(operator)
            || SqlStdOperatorTable.NEGATED_POSIX_REGEX_CASE_SENSITIVE.equals(operator)
            || SqlStdOperatorTable.NEGATED_POSIX_REGEX_CASE_INSENSITIVE.equals(operator);
    }

    /** The call as {@link #matches}'s (with flag {@code i} for the {@code *} forms), negated for the {@code !} ones. */
    static SqlRexConvertlet convertlet() {
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

    /** Whether {@code pattern} matches somewhere in {@code text}, with {@code flags} as REGEXP_REPLACE takes them. */
    public static boolean matches(String text, String pattern, String flags) {
        return PostgresRegexReplace.compiled(pattern, flags).matcher(text).find();
    }
}
