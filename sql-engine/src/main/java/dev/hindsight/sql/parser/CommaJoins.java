package dev.hindsight.sql.parser;

import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * A comma in {@code FROM} binds more loosely than {@code JOIN}, as in PostgreSQL and the SQL standard:
 * {@code a, b RIGHT JOIN c ON …} is {@code a} times {@code (b RIGHT JOIN c)}; Calcite's grammar joined from the left
 * whatever the separator, {@code (a, b) RIGHT JOIN c}, whose rows differ. The grammar parses the table after a comma
 * with the joins that follow it (its group) and hands both here.
 *
 * <p>The group is nested only when one of its joins is {@code RIGHT} or {@code FULL}. Inner, cross and left joins
 * with {@code ON} answer the same rows either way, and a nested group costs what Calcite's validator does not do for
 * one: a {@code LATERAL} sub-query inside it sees only its own tables, not those before the comma, which PostgreSQL
 * lets it name ({@code FROM a, LATERAL (SELECT a.x) l JOIN c ON …}: 42P01), and a {@code USING} or {@code NATURAL}
 * join's merged column named bare is ambiguous (42702; {@code CommonColumns} merges the outermost join's only). Such
 * a group stays joined from the left, as before, {@code NATURAL} and {@code USING} ones too, whose common columns
 * then take in the tables before the comma ({@code a(k), b(j) NATURAL JOIN c(k)} matches a's k and c's; PostgreSQL
 * joins b and c alone): not yet PostgreSQL's.
 */
public final class CommaJoins {

    private CommaJoins() {
    }

    /**
     * {@code left, group}: {@code group} is {@code first} with the joins the grammar read after it, each a
     * {@link SqlJoin} whose left side is the one before (the last outermost); {@code comma} the comma's join type.
     */
    public static SqlNode join(SqlLiteral comma, SqlNode left, SqlNode first, SqlNode group) {
        SqlJoin firstPair = commaJoin(comma, left, first);
        if (group == first) {
            return firstPair;
        }
        if (hasOuterJoinOnTheRight(group, first)) {
            return commaJoin(comma, left, group);
        }
        SqlJoin innermost = (SqlJoin) group;
        while (innermost.getLeft() != first) {
            innermost = (SqlJoin) innermost.getLeft();
        }
        innermost.setLeft(firstPair);
        return group;
    }

    private static boolean hasOuterJoinOnTheRight(SqlNode group, SqlNode first) {
        for (SqlNode node = group; node != first; node = ((SqlJoin) node).getLeft()) {
            JoinType type = ((SqlJoin) node).getJoinType();
            if (type == JoinType.RIGHT || type == JoinType.FULL) {
                return true;
            }
        }
        return false;
    }

    private static SqlJoin commaJoin(SqlLiteral comma, SqlNode left, SqlNode right) {
        SqlParserPos pos = comma.getParserPosition();
        return new SqlJoin(pos, left, SqlLiteral.createBoolean(false, pos), comma, right,
            JoinConditionType.NONE.symbol(SqlParserPos.ZERO), null);
    }
}
