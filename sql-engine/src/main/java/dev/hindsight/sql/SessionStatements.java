package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.util.Locale;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.server.DdlExecutor;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSetOption;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Session statements: {@code SET as_of = '<ISO instant | seq:N>'} makes every table of the connection read as of that
 * point (unless a query names its own {@code AS OF}); such a session refuses writes. {@code RESET as_of} returns to
 * the connection's {@code asOf} property (the present without one).
 * {@code SET statement_timeout = <ms | 'N unit'>} limits how long each of the session's statements may run
 * ({@link StatementTimeout}), {@code RESET statement_timeout} returns to the connection's default; {@code SET
 * query_timeout} is the thin driver's {@code setQueryTimeout}, which applies besides it. PostgreSQL's spellings
 * {@code SET name TO value} and {@code SET name = DEFAULT} (a {@code RESET}) are the grammar's; {@code RESET ALL}
 * resets every setting, and {@code SHOW name} reads one ({@link SessionSettings}).
 * Stateless and thread-safe: the setting lives in the connection's session.
 *
 * <p>Public only because Calcite asks the parser factory for its DDL executor, and that factory lives with the
 * generated parser ({@code parser.HindsightParserFactory}); nothing else should call it.
 */
public final class SessionStatements implements DdlExecutor {

    /** The one instance, which the parser factory hands to Calcite. */
    public static final SessionStatements INSTANCE = new SessionStatements();

    private SessionStatements() {
    }

    @Override
    public void executeDdl(CalcitePrepare.Context context, SqlNode node) {
        if (!(node instanceof SqlSetOption set)) {
            throw SqlErrors.of(SqlErrors.SYNTAX_ERROR_OR_ACCESS_RULE, "statement not supported: " + node.getKind());
        }
        String name = set.name().toString().toLowerCase(Locale.ROOT);
        SqlSession session = session(context);
        SqlNode value = set.getValue();
        if (set.getScope() != null && !set.getScope().equalsIgnoreCase("SESSION")) {
            throw SqlErrors.of(SqlErrors.FEATURE_NOT_SUPPORTED, "ALTER " + set.getScope().toUpperCase(Locale.ROOT)
                + " SET is not supported: settings are the session's (SET " + name + " = …)");
        }
        if (name.equals("all") && value == null) { // RESET ALL, as PostgreSQL's: every setting to its default
            // but the thin driver's query_timeout: it sends the value only when setQueryTimeout changes it
            session.resetAsOf();
            session.statementTimeout(null);
            return;
        }
        if (name.equals(StatementTimeout.QUERY_SETTING)) {
            Long millis = millis(value);
            session.queryTimeout(millis == null ? 0 : millis);
            return;
        }
        if (name.equals(StatementTimeout.SETTING)) {
            session.statementTimeout(millis(value));
            return;
        }
        if (!name.equals(AsOf.SETTING)) {
            throw SqlErrors.of(SqlErrors.INVALID_PARAMETER_VALUE, "unknown setting '" + name
                + "': the session settings are " + String.join(", ", SessionSettings.NAMES));
        }
        if (value == null) {
            session.resetAsOf();
            return;
        }
        try {
            session.asOf(AsOf.parse(text(value)));
        } catch (IllegalArgumentException e) {
            throw SqlErrors.of(SqlErrors.INVALID_PARAMETER_VALUE, "SET as_of: " + e.getMessage());
        }
    }

    /** A timeout's milliseconds ({@link StatementTimeout}); {@code null} for a RESET. 22023 for a bad value. */
    private static @Nullable Long millis(@Nullable SqlNode value) {
        try {
            return value == null ? null : StatementTimeout.parseMillis(text(value));
        } catch (IllegalArgumentException e) {
            throw SqlErrors.of(SqlErrors.INVALID_PARAMETER_VALUE, e.getMessage());
        }
    }

    private static String text(SqlNode value) {
        return value instanceof SqlLiteral literal ? String.valueOf(literal.toValue()) : value.toString();
    }

    static SqlSession session(CalcitePrepare.Context context) {
        CalciteSchema schema = context.getRootSchema().getSubSchema("public", false);
        if (schema == null || !(schema.schema instanceof HindsightSchema hindsight)) {
            throw new IllegalStateException("no Hindsight schema in this connection");
        }
        return hindsight.session();
    }
}
