package dev.hindsight.jdbc;

import dev.hindsight.jdbc.spi.JavaTimeValues;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;

/**
 * Avatica's result set, whose {@link #next} (which fetches frames from the server) fails with an {@link SQLException}
 * carrying the server's SQLState, e.g. 24000 when the server dropped the result; generated keys name the statement the
 * client asked as theirs ({@link #getStatement}).
 */
final class RemoteResultSet extends AvaticaResultSet {

    /** 07006: a value asked for in a class it cannot be read as, as PostgreSQL's driver says it. */
    private static final String CANNOT_CONVERT = "07006";

    RemoteResultSet(AvaticaStatement statement, QueryState state, Meta.Signature signature,
                    ResultSetMetaData metaData, TimeZone timeZone, Meta.Frame firstFrame) throws SQLException {
        super(statement, state, signature, metaData, timeZone, firstFrame);
    }

    @Override
    public boolean next() throws SQLException {
        try {
            return super.next();
        } catch (RuntimeException e) {
            throw RemoteFailures.of(e);
        } catch (SQLException e) {
            if (e.getSQLState() == null && canceled()) { // Avatica's "Statement canceled", once cancel() has run
                throw RemoteFailures.canceled(e);
            }
            throw e;
        }
    }

    /** Whether the statement under these rows has its cancel flag up. */
    private boolean canceled() {
        return statement instanceof CancelFlag flag && flag.canceled();
    }

    /**
     * JDBC 4.2's classes ({@link JavaTimeValues}): java.time in UTC, {@code Timestamp}, {@code String}, the boxed
     * numbers, {@code BigDecimal}, {@code UUID}, as embedded; Avatica's client converts to none of them. Another class
     * is answered if the column's value is one already, else refused with 07006 naming both, as PostgreSQL's driver.
     */
    @Override
    public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
        Object value = JavaTimeValues.get(this, columnIndex, type);
        if (value == JavaTimeValues.NOT_CONVERTED) {
            value = getObject(columnIndex);
            if (value != null && !type.isInstance(value)) {
                throw new SQLException("column " + columnIndex + " holds a " + value.getClass().getName()
                    + ", which cannot be read as " + type.getName(), CANNOT_CONVERT);
            }
        }
        return type.cast(value);
    }

    @Override
    public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
        return getObject(findColumn(columnLabel), type);
    }

    /** The statement that produced these rows; for generated keys, the statement they are the keys of. */
    @Override
    public AvaticaStatement getStatement() throws SQLException {
        AvaticaStatement statement = super.getStatement();
        return statement instanceof RemoteStatement remote ? remote.owner() : statement;
    }
}
