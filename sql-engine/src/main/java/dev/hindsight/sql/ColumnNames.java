package dev.hindsight.sql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The names of a select list's unnamed columns, PostgreSQL's ({@code FigureColname}) rather than Calcite's
 * {@code EXPR$0}: what a BI tool shows as the heading, a JDBC client reads as the label and {@code POST /v1/sql}
 * returns as the column's name.
 *
 * <ul>
 *   <li>a function or aggregate: its name in lower case ({@code COUNT(*)} is {@code count}, {@code
 *       JSON_VALUE(…)} {@code json_value}); a window, {@code FILTER}ed aggregate or one with {@code IGNORE NULLS}: its
 *       function's;</li>
 *   <li>a cast: the name of what it casts when that has one ({@code CAST(seq AS VARCHAR)} is {@code seq}), else
 *       its type's ({@code CAST(1 AS BIGINT)} is {@code bigint}; PostgreSQL says its internal {@code int8});</li>
 *   <li>{@code CASE}: {@code case}; {@code EXISTS}: {@code exists}; a scalar sub-query: its column's name;</li>
 *   <li>anything else (an operator, a literal, a parameter): {@code ?column?}.</li>
 * </ul>
 *
 * Columns and aliases keep their names. The columns of a {@code VALUES} list named without them ({@code FROM (VALUES
 * (1, 'a')) AS t}) are {@code column1}, {@code column2}, … as PostgreSQL names them ({@link #nameValues}); a
 * statement that is a {@code VALUES} keeps Calcite's {@code EXPR$0}: Calcite types its result by the statement's own
 * node, which cannot be replaced by one with the names.
 */
final class ColumnNames {

    /** PostgreSQL's name for a column it can give no better one. */
    static final String UNNAMED = "?column?";

    private ColumnNames() {
    }

    /**
     * Gives each unnamed item of {@code select}'s list its name as an {@code AS}, in place. {@code output}: the list
     * is the statement's result, whose names may repeat, as PostgreSQL's; any other (a sub-query's) gets names unique
     * in its list ({@code count}, {@code count0}), since Calcite cannot expand a {@code *} over a table with two
     * columns of one name.
     */
    static void name(SqlSelect select, boolean output) {
        SqlNodeList items = select.getSelectList();
        Set<String> taken = new HashSet<>();
        for (SqlNode item : items) {
            if (named(item)) {
                taken.add(SqlValidatorUtil.alias(item, 0).toLowerCase(Locale.ROOT));
            }
        }
        for (int i = 0; i < items.size(); i++) {
            SqlNode item = items.get(i);
            if (named(item)) {
                continue; // a column (or a star) is named by Calcite as by PostgreSQL; an alias is the user's
            }
            String base = nameOf(item);
            String name = base;
            for (int n = 0; !output && taken.contains(name.toLowerCase(Locale.ROOT)); n++) {
                name = base + n;
            }
            taken.add(name.toLowerCase(Locale.ROOT));
            items.set(i, SqlStdOperatorTable.AS.createCall(item.getParserPosition(), item,
                new SqlIdentifier(name, item.getParserPosition())));
        }
    }

    /**
     * Each bare {@code NULL} of the statement's result list, named already, as a {@code VARCHAR} NULL, in place: as
     * PostgreSQL resolves an unknown column, {@code text}. Typed {@code NULL}, {@code SELECT NULL} reported JDBC type
     * {@code NULL} (0), which tools read as no type at all. A branch of a set operation or a sub-query keeps the NULL
     * untyped: there the other rows give it its type ({@code SELECT NULL UNION SELECT 1} is an {@code INTEGER}).
     */
    static void typeNulls(SqlSelect select) {
        SqlNodeList items = select.getSelectList();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof SqlCall as && as.getKind() == SqlKind.AS
                && SqlUtil.isNullLiteral(as.operand(0), false)) {
                SqlParserPos pos = as.getParserPosition();
                items.set(i, SqlStdOperatorTable.AS.createCall(pos, SqlStdOperatorTable.CAST.createCall(pos,
                    as.operand(0), new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.VARCHAR, pos), pos)),
                    as.operand(1)));
            }
        }
    }

    /**
     * A {@code FROM} clause with each {@code VALUES} it names without a column list ({@code (VALUES (1, 'a')) AS t},
     * also inside a join) given one, {@code column1}, {@code column2}, …; anything else as it is. Only in a
     * {@code FROM}: a {@code (VALUES (1)) AS x} in a select list is a scalar sub-query, and takes no column list.
     */
    static SqlNode nameValues(SqlNode from) {
        if (from instanceof SqlJoin join) {
            join.setLeft(nameValues(join.getLeft()));
            join.setRight(nameValues(join.getRight()));
            return join;
        }
        if (!(from instanceof SqlCall as) || as.getKind() != SqlKind.AS || as.operandCount() != 2
            || !(as.operand(0) instanceof SqlCall values) || values.getKind() != SqlKind.VALUES
            || values.operandCount() == 0 || !(values.operand(0) instanceof SqlCall row)
            || row.getKind() != SqlKind.ROW) {
            return from;
        }
        List<SqlNode> operands = new ArrayList<>(List.of(values, as.<SqlNode>operand(1)));
        SqlParserPos pos = as.getParserPosition();
        for (int i = 1; i <= row.operandCount(); i++) {
            operands.add(new SqlIdentifier("column" + i, pos));
        }
        return SqlStdOperatorTable.AS.createCall(pos, operands);
    }

    /**
     * The select whose list names the result of statement {@code top}, through {@code ORDER BY} and {@code WITH};
     * {@code null} for a statement that has none ({@code INSERT}, {@code VALUES}) and for a set operation
     * ({@code UNION} …), whose first operand names its columns: Calcite reads a set operation with {@code ORDER BY} or
     * {@code LIMIT} as {@code SELECT * FROM (…)}, so its names must be unique like a sub-query's.
     */
    static @Nullable SqlSelect outputOf(SqlNode top) {
        if (top instanceof SqlSelect select) {
            return select;
        }
        if (top instanceof SqlOrderBy order) {
            return outputOf(order.query);
        }
        if (top instanceof SqlWith with) {
            return outputOf(with.body);
        }
        return null;
    }

    /** Whether Calcite names {@code item} as PostgreSQL does: a column, a star, an alias. */
    private static boolean named(SqlNode item) {
        return item instanceof SqlIdentifier id ? !niladic(id) : item.getKind() == SqlKind.AS;
    }

    /**
     * A function written without parentheses ({@code CURRENT_DATE}, {@code LOCALTIMESTAMP}, {@code CURRENT_USER}),
     * which the parser reads as a name: Calcite would keep its spelling, PostgreSQL names it in lower case.
     */
    /** Whether {@code id} is a niladic function ({@code CURRENT_DATE}), an identifier to the parser as a column. */
    static boolean niladic(SqlIdentifier id) {
        return id.isSimple() && !id.isComponentQuoted(0)
            && NILADIC.contains(id.getSimple().toUpperCase(Locale.ROOT));
    }

    private static final Set<String> NILADIC = Set.of("CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP",
        "LOCALTIME", "LOCALTIMESTAMP", "CURRENT_USER", "SESSION_USER", "USER", "CURRENT_ROLE", "CURRENT_SCHEMA",
        "CURRENT_CATALOG", "SYSTEM_USER");

    private static String nameOf(SqlNode item) {
        String strong = strongName(item);
        if (strong != null) {
            return strong;
        }
        if (item.getKind() == SqlKind.CAST && item instanceof SqlCall cast && cast.operandCount() == 2
            && cast.operand(1) instanceof SqlDataTypeSpec type) {
            return type.getTypeName().getSimple().toLowerCase(Locale.ROOT);
        }
        return switch (item.getKind()) {
            case CASE -> "case";
            case EXISTS -> "exists";
            case ROW -> "row";
            case ARRAY_VALUE_CONSTRUCTOR -> "array";
            default -> UNNAMED;
        };
    }

    /** The name of a column, a function, or what a cast or window wraps; {@code null} for any other expression. */
    private static @Nullable String strongName(SqlNode node) {
        if (node instanceof SqlIdentifier id) {
            return id.isStar() ? null : niladic(id) ? id.getSimple().toLowerCase(Locale.ROOT)
                : id.names.get(id.names.size() - 1);
        }
        if (node instanceof SqlOrderBy ordered) {
            return strongName(ordered.query); // (SELECT seq FROM events ORDER BY seq DESC LIMIT 1)
        }
        if (node instanceof SqlSelect sub && sub.getSelectList().size() == 1) {
            SqlNode only = sub.getSelectList().get(0);
            return only.getKind() == SqlKind.AS ? ((SqlCall) only).operand(1).toString() : nameOf(only);
        }
        if (!(node instanceof SqlBasicCall call)) {
            return null;
        }
        return switch (call.getKind()) {
            case CAST, OVER, FILTER, WITHIN_GROUP, WITHIN_DISTINCT, RESPECT_NULLS, IGNORE_NULLS ->
                strongName(call.operand(0));
            default -> call.getOperator() instanceof SqlFunction f ? functionName(f) : null;
        };
    }

    /**
     * A function's name as written, in lower case; {@code x AT TIME ZONE z} is PostgreSQL's {@code timezone}, and
     * {@code TRANSLATE(s, from, to)} {@code translate} (Calcite's operator is named {@code TRANSLATE3}).
     */
    private static String functionName(SqlFunction f) {
        String name = f.getName();
        return name.equalsIgnoreCase(AtTimeZoneFunction.NAME) ? "timezone"
            : SqlLibraryOperators.TRANSLATE3.equals(f) ? "translate" : name.toLowerCase(Locale.ROOT);
    }
}
