package dev.hindsight.sql;

import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Calcite's functions without those Hindsight replaces, so that the validator finds one operator by each name, ours
 * ({@link HindsightPreparingStmt}'s grammar operators): {@code TO_CHAR} ({@link ToChar}), {@code ARRAY_AGG}
 * ({@link GatheringAggregates#ARRAY}, equal to Calcite's: found in place of it, so removed by equality). Calcite's
 * {@code STRING_AGG} stays, for its one-operand form; the two-operand one is another kind
 * ({@link GatheringAggregates#TEXT}). {@code COVAR_POP}, {@code COVAR_SAMP}, {@code REGR_SXX}, {@code REGR_SYY}
 * ({@link FloatCovariances}). {@code AGE} ({@link Age}). {@code LPAD}, {@code RPAD} ({@link PaddedText}).
 */
final class ReplacedOperators implements SqlOperatorTable {

    private static final Set<SqlOperator> REPLACED = Set.of(SqlLibraryOperators.TO_CHAR_PG,
        SqlLibraryOperators.ARRAY_AGG, SqlStdOperatorTable.COVAR_POP, SqlStdOperatorTable.COVAR_SAMP,
        SqlStdOperatorTable.REGR_SXX, SqlStdOperatorTable.REGR_SYY, SqlLibraryOperators.AGE, SqlLibraryOperators.LPAD,
        SqlLibraryOperators.RPAD);

    private final SqlOperatorTable functions;

    private ReplacedOperators(SqlOperatorTable functions) {
        this.functions = functions;
    }

    /** {@code functions} without the operators Hindsight replaces. */
    static SqlOperatorTable of(SqlOperatorTable functions) {
        return new ReplacedOperators(functions);
    }

    @Override
    public void lookupOperatorOverloads(SqlIdentifier name, @Nullable SqlFunctionCategory category, SqlSyntax syntax,
                                        List<SqlOperator> operators, SqlNameMatcher matcher) {
        functions.lookupOperatorOverloads(name, category, syntax, operators, matcher);
        operators.removeIf(REPLACED::contains);
    }

    @Override
    public List<SqlOperator> getOperatorList() {
        return functions.getOperatorList().stream().filter(op -> !REPLACED.contains(op)).toList();
    }
}
