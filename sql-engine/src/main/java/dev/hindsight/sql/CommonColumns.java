package dev.hindsight.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.apache.calcite.sql.validate.SqlValidatorImpl;
import org.apache.calcite.sql.validate.SqlValidatorNamespace;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The bare name of a {@code USING} or {@code NATURAL} join's common column in {@code WHERE}, as PostgreSQL reads it:
 * the join's one merged column, {@code COALESCE(a.k, b.k)}, as Calcite already reads it in the select list and
 * {@code GROUP BY}. Calcite resolved it there alone: {@code SELECT … FROM events a JOIN events b USING (stream_id)
 * WHERE stream_id = 'x'} was 42702 ("ambiguous"). ({@code HAVING k > 0} beside {@code GROUP BY k} is still 42803:
 * Calcite's grouping of the merged column matches no spelling of it there.)
 */
final class CommonColumns {

    private CommonColumns() {
    }

    /** {@code condition} of {@code select} with its common columns' bare names merged, or as it is if none. */
    static @Nullable SqlNode merged(SqlValidatorImpl validator, SqlSelect select, @Nullable SqlNode condition) {
        if (condition == null || !(select.getFrom() instanceof SqlJoin join)) {
            return condition;
        }
        List<String> common;
        SqlValidatorNamespace left = validator.getNamespace(join.getLeft());
        SqlValidatorNamespace right = validator.getNamespace(join.getRight());
        if (join.isNatural() && left != null && right != null) {
            common = SqlValidatorUtil.deriveNaturalJoinColumnList(validator.getCatalogReader().nameMatcher(),
                left.getRowType(), right.getRowType());
        } else if (join.getConditionType() == JoinConditionType.USING && join.getCondition() instanceof SqlNodeList u) {
            common = SqlIdentifier.simpleNames(u);
        } else {
            return condition;
        }
        List<Table> tables = new ArrayList<>();
        if (common.isEmpty() || !tables(validator, join, tables)) {
            return condition;
        }
        return condition.accept(new Merger(common, tables, validator.getCatalogReader().nameMatcher()));
    }

    /** A table of the join, by the name it is known by, and its columns. */
    private record Table(String name, List<String> columns) {
    }

    /** Adds the tables of {@code from}, left to right; false if one has no name or no columns known yet. */
    private static boolean tables(SqlValidatorImpl validator, SqlNode from, List<Table> tables) {
        if (from instanceof SqlJoin join) {
            return tables(validator, join.getLeft(), tables) && tables(validator, join.getRight(), tables);
        }
        String name = SqlValidatorUtil.alias(from);
        SqlValidatorNamespace namespace = validator.getNamespace(from);
        if (name == null || namespace == null) {
            return false;
        }
        tables.add(new Table(name, namespace.getRowType().getFieldNames()));
        return true;
    }

    /** Replaces a bare common name by the merge of the tables' columns of that name, outside sub-queries. */
    private static final class Merger extends SqlShuttle {

        private final List<String> common;
        private final List<Table> tables;
        private final SqlNameMatcher matcher;

        Merger(List<String> common, List<Table> tables, SqlNameMatcher matcher) {
            this.common = common;
            this.tables = tables;
            this.matcher = matcher;
        }

        @Override
        public @Nullable SqlNode visit(SqlCall call) {
            // a sub-query's names are its own scope's
            return call instanceof SqlSelect || call.getKind().belongsTo(SqlKind.QUERY) ? call : super.visit(call);
        }

        @Override
        public SqlNode visit(SqlIdentifier id) {
            if (!id.isSimple() || id.isStar()) {
                return id;
            }
            for (String name : common) {
                if (matcher.matches(id.getSimple(), name)) {
                    List<SqlNode> columns = new ArrayList<>();
                    for (Table table : tables) {
                        if (matcher.indexOf(table.columns(), name) >= 0) {
                            columns.add(new SqlIdentifier(List.of(table.name(), name), id.getParserPosition()));
                        }
                    }
                    // as Calcite merges it in the select list (two tables); a chain of USING joins, all of them
                    return columns.size() < 2 ? id : SqlStdOperatorTable.COALESCE.createCall(id.getParserPosition(),
                        columns);
                }
            }
            return id;
        }
    }
}
