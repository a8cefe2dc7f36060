package dev.hindsight.sql;

import java.util.List;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A text literal in the first term of a {@code WITH RECURSIVE} query is a {@code VARCHAR} of any length, as
 * PostgreSQL's literal is {@code text}: Calcite typed it {@code CHAR(n)}, the column took the type the first terms
 * allow, and the values the later terms grew were cut to it without a word — {@code SELECT 1, 'a' UNION ALL SELECT
 * n + 1, s || 'b' …} answered {@code a, ab, ab, ab}. Written as {@code CAST('a' AS VARCHAR)} before validation.
 *
 * <p>Only where the query's columns are named by its column list ({@code t(n, s)}) or the literal by an alias: a cast
 * would name an unnamed column otherwise (after its type, as PostgreSQL names a cast), and a recursive query's columns
 * are read by name.
 */
final class RecursiveTextLiterals {

    private RecursiveTextLiterals() {
    }

    /** Rewrites {@code item}'s first term in place, if it is a recursive query's. */
    static void rewrite(SqlWithItem item) {
        if (!item.recursive.booleanValue()) {
            return;
        }
        SqlNode first = item.query;
        while (first.getKind() == SqlKind.UNION && first instanceof SqlCall union) {
            first = union.operand(0);
        }
        if (first == item.query) {
            return; // no UNION: not recursive in fact
        }
        boolean named = item.columnList != null;
        if (first instanceof SqlSelect select) {
            List<SqlNode> items = select.getSelectList();
            for (int i = 0; i < items.size(); i++) {
                SqlNode column = items.get(i);
                if (column instanceof SqlCharStringLiteral literal && named) {
                    select.getSelectList().set(i, varchar(literal));
                } else if (column.getKind() == SqlKind.AS && column instanceof SqlCall as
                    && as.operand(0) instanceof SqlCharStringLiteral literal) {
                    as.setOperand(0, varchar(literal));
                }
            }
        } else if (first.getKind() == SqlKind.VALUES && named && first instanceof SqlCall values) {
            for (SqlNode row : values.getOperandList()) {
                if (row.getKind() == SqlKind.ROW && row instanceof SqlCall fields) {
                    for (int i = 0; i < fields.operandCount(); i++) {
                        if (fields.operand(i) instanceof SqlCharStringLiteral literal) {
                            fields.setOperand(i, varchar(literal));
                        }
                    }
                }
            }
        }
    }

    private static SqlNode varchar(SqlCharStringLiteral literal) {
        return SqlStdOperatorTable.CAST.createCall(literal.getParserPosition(), literal,
            new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.VARCHAR, literal.getParserPosition()),
                literal.getParserPosition()));
    }
}
