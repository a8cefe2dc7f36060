package dev.hindsight.sql.parser;

import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/**
 * {@code ||} with PostgreSQL's precedence: looser than {@code + -} (and so than {@code * / %}), tighter than
 * {@code LIKE}, {@code IN}, {@code BETWEEN} and the comparisons. Calcite's ranks with {@code *}, so
 * {@code '1' || 2 * 3} was {@code ('1' || 2) * 3}, 36, where PostgreSQL answers {@code '16'}, and
 * {@code 1 + 1 || 'a'} a cast error.
 * Otherwise Calcite's operator: same class, name and kind, so equal to it wherever Calcite looks one up (its code,
 * its convertlet), and the same typing and operand checks. The grammar's {@code HindsightConcat} parses with it.
 */
public final class PostgresConcat {

    /** Between {@code LIKE}/{@code IN}/{@code BETWEEN} (32) and {@code + -} (40); Calcite's is 60, {@code *}'s. */
    private static final int PRECEDENCE = 36;

    /** The operator the parser builds {@code a || b} with. */
    public static final SqlBinaryOperator OPERATOR = new SqlBinaryOperator("||", SqlKind.OTHER, PRECEDENCE, true,
        SqlStdOperatorTable.CONCAT.getReturnTypeInference(), SqlStdOperatorTable.CONCAT.getOperandTypeInference(),
        SqlStdOperatorTable.CONCAT.getOperandTypeChecker());

    private PostgresConcat() {
    }
}
