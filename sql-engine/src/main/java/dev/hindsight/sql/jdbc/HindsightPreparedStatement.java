package dev.hindsight.sql.jdbc;

import dev.hindsight.jdbc.spi.CheckedResultSetMetaData;
import dev.hindsight.jdbc.spi.ClientRefusals;
import dev.hindsight.jdbc.spi.JavaTimeValues;
import dev.hindsight.jdbc.spi.KeyColumns;
import dev.hindsight.jdbc.spi.TargetTypes;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Date;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLType;
import java.sql.Time;
import java.sql.Types;

/**
 * A prepared statement as the client gets it: {@link HindsightStatement}'s wrapper, for prepared statements. Its
 * parameters but {@code setObject} are set as they are ({@link PreparedStatementParameters}).
 */
final class HindsightPreparedStatement extends PreparedStatementParameters {

    /** Whether this is an {@code INSERT … RETURNING}: its rows are its result, and their count its update count. */
    private final boolean returning;

    HindsightPreparedStatement(HindsightConnection owner, PreparedStatement delegate, boolean returning)
            throws SQLException {
        super(owner, delegate);
        this.returning = returning;
        String returned = returning ? KeyColumns.returned(delegate.getMetaData()) : null;
        if (returned != null) {
            returnedKeys(returned);
        }
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        open();
        try {
            ResultSet rows = prepared.executeQuery();
            if (rows == null) { // Calcite's answer for DDL run at execute (DeferredDdl): no rows, no refusal
                throw ClientRefusals.noRows();
            }
            return own(rows);
        } catch (SQLException e) {
            throw SqlErrors.tidy(e, null);
        }
    }

    @Override
    public void addBatch() throws SQLException {
        open();
        prepared.addBatch();
        batchedOne();
    }

    @Override
    public void clearParameters() throws SQLException {
        open();
        prepared.clearParameters();
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        open();
        if (returning) {
            return returnedRows(this::executeQuery);
        }
        long count;
        try {
            count = prepared.executeLargeUpdate();
        } catch (SQLException e) {
            throw SqlErrors.tidy(e, null);
        }
        return updateCountOf(count);
    }

    @Override
    public int executeUpdate() throws SQLException {
        open();
        if (returning) {
            return (int) returnedRows(this::executeQuery);
        }
        int count;
        try {
            count = prepared.executeUpdate();
        } catch (SQLException e) {
            throw SqlErrors.tidy(e, null);
        }
        return (int) updateCountOf(count);
    }

    @Override
    public boolean execute() throws SQLException {
        open();
        try {
            return prepared.execute();
        } catch (SQLException e) {
            throw SqlErrors.tidy(e, null);
        }
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        open();
        return CheckedResultSetMetaData.of(prepared.getMetaData());
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        open();
        return prepared.getParameterMetaData();
    }

    /**
     * As with the type alone, a number for a DECIMAL at the scale given ({@link TargetTypes#scaled}): Avatica's
     * {@code setObject} with a scale or length binds nothing at all (its body is empty), so the statement ran with the
     * parameter's earlier value, or none.
     */
    @Override
    public void setObject(int a0, Object a1, int a2, int a3) throws SQLException {
        setObject(a0, TargetTypes.scaled(a1, a2, a3), a2);
    }

    @Override
    public void setObject(int a0, Object a1, int a2) throws SQLException {
        slot(a0);
        Object own = TargetTypes.ownType(a0, a1, a2);
        if (own != TargetTypes.UNCHANGED) {
            setObject(a0, own);
        } else if (JavaTimeValues.timestamp(a1) != null || JavaTimeValues.time(a1) != null || a2 == Types.OTHER
            || a2 == Types.JAVA_OBJECT) {
            setObject(a0, a1); // OTHER, as PostgreSQL's driver takes it for a UUID: bound by the value's own type
        } else {
            try {
                prepared.setObject(a0, a1, a2);
            } catch (RuntimeException e) {
                throw unsupportedType(a2, e);
            }
        }
    }

    /** Avatica's "not implemented" (an unchecked exception) for a target SQL type it has no conversion to. */
    private static SQLException unsupportedType(int sqlType, RuntimeException e) {
        return new SQLFeatureNotSupportedException("setObject with target SQL type " + sqlType
            + " (java.sql.Types) is not supported; set the value without a type, or with its own type", "0A000", e);
    }

    /** As with the {@code java.sql.Types} code of {@code a2} (Avatica has none of the {@code SQLType} forms). */
    @Override
    public void setObject(int a0, Object a1, SQLType a2, int a3) throws SQLException {
        setObject(a0, a1, a2);
    }

    /** As with the {@code java.sql.Types} code of {@code a2} (Avatica has none of the {@code SQLType} forms). */
    @Override
    public void setObject(int a0, Object a1, SQLType a2) throws SQLException {
        slot(a0);
        Integer code = a2 == null ? null : a2.getVendorTypeNumber();
        if (code == null) {
            throw new SQLFeatureNotSupportedException("setObject with the SQL type " + a2 + ", which has no "
                + "java.sql.Types code, is not supported; set the value without a type", "0A000");
        }
        setObject(a0, a1, code.intValue());
    }

    @Override
    public void setObject(int a0, Object a1) throws SQLException {
        slot(a0);
        Date day = JavaTimeValues.date(a1);
        JavaTimeValues.Bound timestamp = day == null ? JavaTimeValues.bound(a1) : null;
        Time time = timestamp == null ? JavaTimeValues.time(a1) : null;
        if (day != null) {
            prepared.setDate(a0, day, JavaTimeValues.utc());
        } else if (timestamp != null) { // java.time: Avatica has no conversion of its own
            prepared.setTimestamp(a0, timestamp.timestamp(), timestamp.calendar());
        } else if (time != null) {
            prepared.setTime(a0, time, JavaTimeValues.utc());
        } else if (a1 instanceof BigInteger b) {
            prepared.setBigDecimal(a0, new BigDecimal(b)); // JDBC 4.2's BIGINT, as remotely: a number of any size
        } else if (a1 instanceof Array array) {
            // as setArray: Avatica bound it as an object, which the statement's code could not read (XX000); the
            // server receives a thin driver's setArray so too
            prepared.setArray(a0, array);
        } else {
            prepared.setObject(a0, a1);
        }
    }

    /** Refused with 42809, as PostgreSQL's driver ({@link ClientRefusals#sqlTextOnPrepared}). */
    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        open(); // 08003 first, as for every call
        throw ClientRefusals.sqlTextOnPrepared("executeQuery");
    }

    /** As {@link #executeQuery(String)}; the forms with key columns come here too. */
    @Override
    public int executeUpdate(String sql) throws SQLException {
        open(); // 08003 first, as for every call
        throw ClientRefusals.sqlTextOnPrepared("executeUpdate");
    }

    /** As {@link #executeQuery(String)}. */
    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        open(); // 08003 first, as for every call
        throw ClientRefusals.sqlTextOnPrepared("executeLargeUpdate");
    }

    /** As {@link #executeQuery(String)}. */
    @Override
    public boolean execute(String sql) throws SQLException {
        open(); // 08003 first, as for every call
        throw ClientRefusals.sqlTextOnPrepared("execute");
    }

    /** As {@link #executeQuery(String)}. */
    @Override
    public void addBatch(String sql) throws SQLException {
        open(); // 08003 first, as for every call
        throw ClientRefusals.sqlTextOnPrepared("addBatch");
    }
}
