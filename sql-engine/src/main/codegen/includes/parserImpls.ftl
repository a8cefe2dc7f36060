<#--
  Hindsight's additions to Calcite's grammar. Everything here desugars to nodes Calcite already knows, so
  validation, planning and the log tables' rules see nothing new:

    t FOR SYSTEM_TIME AS OF <expr>     SQL:2011, as Calcite parses it, plus a bare ? typed as TIMESTAMP
    t AS OF TIMESTAMP '...'            short form: the same SqlSnapshot
    t AS OF TIMESTAMP ?                a parameter, typed as TIMESTAMP
    t AS OF SEQUENCE n | ?             a log position: SqlSnapshot over HINDSIGHT_AS_OF_SEQ(n), a marker function
                                       returning TIMESTAMP that the planner rule turns into the scan's seq bound
    x::type                            PostgreSQL's cast: CAST(x AS type) of the operand just before it (interval too)
    x AT TIME ZONE z                   PostgreSQL's zone conversion of a UTC timestamp: HINDSIGHT_AT_TIME_ZONE(x, z)
    a || b                             PostgreSQL's precedence, looser than + and - (PostgresConcat)
    SET name TO value, SET name = DEFAULT
                                       PostgreSQL's spellings of SET name = value and RESET name: the same SqlSetOption

  The last two are binary operators in Calcite's expression loop (config.fmpp, extraBinaryExpressions). Each takes
  only the operand just parsed, not the whole expression so far, so that they bind tighter than arithmetic as in
  PostgreSQL: 1 + '2'::int is 1 + CAST('2' AS INT), not CAST(1 + '2' AS INT).
-->

SqlNode HindsightSnapshot(SqlNode tableRef) :
{
    final Span s;
    final SqlNode e;
}
{
    (
        <FOR> { s = span(); } <SYSTEM_TIME> <AS> <OF>
    |
        <AS> { s = span(); } <OF>
    )
    e = HindsightAsOfPoint() {
        return new SqlSnapshot(s.end(this), tableRef, e);
    }
}

SqlNode HindsightAsOfPoint() :
{
    final Span s;
    SqlNode e;
    Token first;
    Token second;
}
{
    (
        LOOKAHEAD(2) <SEQUENCE> { s = span(); }
        (
            e = UnsignedNumericLiteral()
        |
            // a sign is read, so that -1 is refused as a position (22023), not taken for a column SEQUENCE minus 1
            <MINUS> e = UnsignedNumericLiteral() {
                e = SqlLiteral.createNegative((SqlNumericLiteral) e, getPos());
            }
        |
            // +5 is 5 (it was taken for a column SEQUENCE plus 5: 0A000, "not a column")
            <PLUS> e = UnsignedNumericLiteral()
        |
            e = DynamicParam() {
                e = SqlStdOperatorTable.CAST.createCall(getPos(), e,
                    new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.BIGINT, getPos()), getPos()));
            }
        )
        {
            return new SqlUnresolvedFunction(new SqlIdentifier("HINDSIGHT_AS_OF_SEQ", s.pos()), null, null, null,
                null, SqlFunctionCategory.USER_DEFINED_FUNCTION).createCall(s.end(this), e);
        }
    |
        LOOKAHEAD(2) <TIMESTAMP> e = DynamicParam() {
            return timestampParam(e);
        }
    |
        // a ? on its own is the point; for arithmetic on a parameter write CAST(? AS TIMESTAMP) - ...
        LOOKAHEAD(1) e = DynamicParam() {
            return timestampParam(e);
        }
    |
        { first = getToken(1); second = getToken(2); }
        e = Expression(ExprContext.ACCEPT_NON_QUERY) {
            if (first.kind == TIMESTAMP && second.kind == QUOTED_STRING && getToken(0) == second) {
                // a TIMESTAMP '…' literal alone is the point: its fraction cut to the millisecond, not rounded as a
                // literal's is elsewhere, since it sees exactly the events with ts <= t (SPEC §2), and .0515 is
                // before an event at .052
                e = SqlLiteral.createUnknown("TIMESTAMP", dev.hindsight.sql.parser.IsoTimestampText.cutText(
                    SqlParserUtil.parseString(second.image)), e.getParserPosition());
            }
            return e;
        }
    )
}

JAVACODE SqlNode timestampParam(SqlNode param) {
    // a bare ? would be typed UNKNOWN, which Calcite's validator refuses as a period: type it here
    return SqlStdOperatorTable.CAST.createCall(param.getParserPosition(), param,
        new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.TIMESTAMP, 3, param.getParserPosition()),
            param.getParserPosition()));
}

void HindsightInfixCast(List<Object> list, ExprContext exprContext, Span s) :
{
    final SqlNode type;
}
{
    <INFIX_CAST> {
        checkNonQueryExpression(exprContext);
    }
    (
        // x::interval day, x::interval: as CAST(x AS INTERVAL …) is parsed (the bare one's text is PostgreSQL's,
        // '3 days'::interval, made a literal by PostgresSpellings)
        LOOKAHEAD(2) <INTERVAL> type = IntervalQualifier()
    |
        <INTERVAL> type = IntervalWithoutQualifier()
    |
        type = DataType()
    )
    {
        SqlNode operand = (SqlNode) list.remove(list.size() - 1);
        list.add(SqlStdOperatorTable.CAST.createCall(operand.getParserPosition().plus(getPos()), operand, type));
    }
}

void HindsightAtTimeZone(List<Object> list, ExprContext exprContext, Span s) :
{
    final SqlNode zone;
}
{
    <AT> {
        checkNonQueryExpression(exprContext);
    }
    <TIME> <ZONE> zone = Expression3(ExprContext.ACCEPT_NON_QUERY) {
        SqlNode operand = (SqlNode) list.remove(list.size() - 1);
        list.add(new SqlUnresolvedFunction(new SqlIdentifier("HINDSIGHT_AT_TIME_ZONE", getPos()), null, null, null,
            null, SqlFunctionCategory.USER_DEFINED_FUNCTION)
            .createCall(operand.getParserPosition().plus(getPos()), operand, zone));
    }
}

/* a || b with PostgresConcat's precedence: looser than + and -, as PostgreSQL's (Calcite's ranks with *). Tried
   before Calcite's own binary operators, whose || it takes. */
void HindsightConcat(List<Object> list, ExprContext exprContext, Span s) :
{
}
{
    <CONCAT> {
        checkNonQueryExpression(exprContext);
        list.add(new SqlParserUtil.ToTreeListItem(PostgresConcat.OPERATOR, getPos()));
    }
    AddExpression2b(list, ExprContext.ACCEPT_SUB_QUERY)
}

/* Calcite's SqlSetOption with PostgreSQL's TO for = and DEFAULT for RESET (a SqlSetOption without a value). */
SqlSetOption HindsightSetOption(Span s, String scope) :
{
    final SqlIdentifier name;
    SqlNode val = null;
}
{
    (
        <SET> { s.add(this); }
        name = CompoundIdentifier()
        ( <EQ> | <TO> )
        (
            val = Literal()
        |
            val = SimpleIdentifier()
        |
            <ON> { val = new SqlIdentifier("ON", getPos()); } // OFF is an identifier; ON a keyword
        |
            <DEFAULT_> { val = null; }
        )
        {
            return new SqlSetOption(val == null ? s.end(this) : s.end(val), scope, (SqlNode) name, val);
        }
    |
        <RESET> { s.add(this); }
        (
            name = CompoundIdentifier()
        |
            <ALL> { name = new SqlIdentifier("ALL", getPos()); }
        )
        {
            return new SqlSetOption(s.end(name), scope, (SqlNode) name, null);
        }
    )
}

/* The tokens of PostgreSQL's regular-expression operators (~ ~* !~ !~*), which Calcite's grammar uses when
   includePosixOperators is on but leaves to the dialect to declare. */
<DEFAULT, DQID, BTID> TOKEN :
{
    < NEGATE: "!" >
|   < TILDE: "~" >
}

/* PostgreSQL's interval '1 day' (no qualifier after the string): see PostgresInterval. Text it cannot read is
   thrown as it is, as a TIMESTAMP literal's is, for its SQLState (22007, as the same text cast), not a syntax error. */
JAVACODE SqlNode hindsightInterval(SqlParserPos pos, int sign, String text) {
    return PostgresInterval.literal(pos, sign, text);
}

SqlCreate SqlCreateProjection(Span s, boolean replace) :
{
    final SqlIdentifier name;
    final SqlNode query;
}
{
    <PROJECTION> name = SimpleIdentifier() <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY) {
        return new SqlCreateProjection(s.end(this), replace, name, query);
    }
}

SqlDrop SqlDropProjection(Span s, boolean replace) :
{
    boolean ifExists = false;
    final SqlIdentifier name;
}
{
    <PROJECTION> [ LOOKAHEAD(2) <IF> <EXISTS> { ifExists = true; } ] name = SimpleIdentifier() {
        return new SqlDropProjection(s.end(this), ifExists, name);
    }
}
