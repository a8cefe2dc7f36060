package dev.hindsight.sql.parser;

import java.util.List;
import org.apache.calcite.sql.SqlDrop;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code DROP PROJECTION [IF EXISTS] name} (SPEC §3), as the parser reads it. */
public final class SqlDropProjection extends SqlDrop {

    private static final SqlOperator OPERATOR = new SqlSpecialOperator("DROP PROJECTION", SqlKind.OTHER_DDL);

    private final SqlIdentifier name;

    public SqlDropProjection(SqlParserPos pos, boolean ifExists, SqlIdentifier name) {
        super(OPERATOR, pos, ifExists);
        this.name = name;
    }

    public SqlIdentifier name() {
        return name;
    }

    public boolean ifExists() {
        return ifExists;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(name);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(ifExists ? "DROP PROJECTION IF EXISTS" : "DROP PROJECTION");
        name.unparse(writer, leftPrec, rightPrec);
    }
}
