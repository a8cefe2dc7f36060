package dev.hindsight.sql.parser;

import java.io.Reader;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;

/**
 * The generated parser, with a statement {@code TABLE t} (also with its {@code ORDER BY}, {@code LIMIT}, under
 * {@code EXPLAIN}) read as {@code SELECT * FROM t}, as the standard and
 * PostgreSQL define it: Calcite's validator rewrites it so, but its JDBC layer then asks the validator for the type
 * of the statement as parsed, which it never typed (an internal error, XX000).
 */
final class ExplicitTableParser extends HindsightSqlParserImpl {

    ExplicitTableParser(Reader reader) {
        super(reader);
    }

    @Override
    public SqlNode parseSqlStmtEof() throws Exception {
        SqlNode statement = super.parseSqlStmtEof();
        if (statement instanceof SqlExplain explain) {
            explain.setOperand(0, asSelect(explain.getExplicandum()));
            return explain;
        }
        return asSelect(statement);
    }

    /** {@code query} as a SELECT if it is a {@code TABLE t} or the {@code ORDER BY}/{@code LIMIT} around one. */
    private static SqlNode asSelect(SqlNode query) {
        if (query instanceof SqlOrderBy order && order.query.getKind() == SqlKind.EXPLICIT_TABLE) {
            return new SqlOrderBy(order.getParserPosition(), select(order.query), order.orderList, order.offset,
                order.fetch);
        }
        return query.getKind() == SqlKind.EXPLICIT_TABLE ? select(query) : query;
    }

    private static SqlNode select(SqlNode explicitTable) {
        SqlCall table = (SqlCall) explicitTable;
        SqlNodeList star = new SqlNodeList(table.getParserPosition());
        star.add(SqlIdentifier.star(table.getParserPosition()));
        return new SqlSelect(table.getParserPosition(), null, star, table.operand(0), null, null, null, null, null,
            null, null, null, null);
    }
}
