package dev.hindsight.sql.parser;

import java.util.List;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code CREATE [OR REPLACE] PROJECTION name AS query} (SPEC §3), as the parser reads it. */
public final class SqlCreateProjection extends SqlCreate {

    private static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE PROJECTION", SqlKind.OTHER_DDL);

    private final SqlIdentifier name;
    private final SqlNode query;

    public SqlCreateProjection(SqlParserPos pos, boolean replace, SqlIdentifier name, SqlNode query) {
        super(OPERATOR, pos, replace, false);
        this.name = name;
        this.query = query;
    }

    /** The projection's name as written (simple, unquoted names keep their case). */
    public SqlIdentifier name() {
        return name;
    }

    /** The defining query. */
    public SqlNode query() {
        return query;
    }

    public boolean orReplace() {
        return getReplace();
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(name, query);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(getReplace() ? "CREATE OR REPLACE PROJECTION" : "CREATE PROJECTION");
        name.unparse(writer, leftPrec, rightPrec);
        writer.keyword("AS");
        query.unparse(writer, 0, 0);
    }
}
