package dev.hindsight.sql.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

/** A prepared statement as the client gets it: {@link HindsightStatement}'s wrapper, for prepared statements. */
final class HindsightPreparedStatement extends HindsightStatement implements PreparedStatement {

    private final PreparedStatement delegate;

    /** Whether this is an {@code INSERT … RETURNING}: its rows are its result, and their count its update count. */
    private final boolean returning;

    HindsightPreparedStatement(HindsightConnection owner, PreparedStatement delegate, boolean returning) {
        super(owner, delegate);
        this.delegate = delegate;
        this.returning = returning;
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        open();
        try {
            return own(delegate.executeQuery());
        } catch (SQLException e) {
            throw SqlErrors.tidy(e, null);
        }
    }

    @Override
    public void addBatch() throws SQLException {
        open();
        delegate.addBatch();
    }

    @Override
    public void clearParameters() throws SQLException {
        open();
        delegate.clearParameters();
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        open();
        if (returning) {
            return returnedRows(executeQuery());
        }
        try {
            return delegate.executeLargeUpdate();
        } catch (SQLException e) {
            throw SqlErrors.tidy(e, null);
        }
    }

    @Override
    public int executeUpdate() throws SQLException {
        open();
        if (returning) {
            return (int) returnedRows(executeQuery());
        }
        try {
            return delegate.executeUpdate();
        } catch (SQLException e) {
            throw SqlErrors.tidy(e, null);
        }
    }

    @Override
    public boolean execute() throws SQLException {
        open();
        try {
            return delegate.execute();
        } catch (SQLException e) {
            throw SqlErrors.tidy(e, null);
        }
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        open();
        return delegate.getMetaData();
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        open();
        return delegate.getParameterMetaData();
    }

    @Override
    public void setArray(int a0, Array a1) throws SQLException {
        open();
        delegate.setArray(a0, a1);
    }

    @Override
    public void setAsciiStream(int a0, InputStream a1, int a2) throws SQLException {
        open();
        delegate.setAsciiStream(a0, a1, a2);
    }

    @Override
    public void setAsciiStream(int a0, InputStream a1, long a2) throws SQLException {
        open();
        delegate.setAsciiStream(a0, a1, a2);
    }

    @Override
    public void setAsciiStream(int a0, InputStream a1) throws SQLException {
        open();
        delegate.setAsciiStream(a0, a1);
    }

    @Override
    public void setBigDecimal(int a0, BigDecimal a1) throws SQLException {
        open();
        delegate.setBigDecimal(a0, a1);
    }

    @Override
    public void setBinaryStream(int a0, InputStream a1, int a2) throws SQLException {
        open();
        delegate.setBinaryStream(a0, a1, a2);
    }

    @Override
    public void setBinaryStream(int a0, InputStream a1, long a2) throws SQLException {
        open();
        delegate.setBinaryStream(a0, a1, a2);
    }

    @Override
    public void setBinaryStream(int a0, InputStream a1) throws SQLException {
        open();
        delegate.setBinaryStream(a0, a1);
    }

    @Override
    public void setBlob(int a0, InputStream a1, long a2) throws SQLException {
        open();
        delegate.setBlob(a0, a1, a2);
    }

    @Override
    public void setBlob(int a0, InputStream a1) throws SQLException {
        open();
        delegate.setBlob(a0, a1);
    }

    @Override
    public void setBlob(int a0, Blob a1) throws SQLException {
        open();
        delegate.setBlob(a0, a1);
    }

    @Override
    public void setBoolean(int a0, boolean a1) throws SQLException {
        open();
        delegate.setBoolean(a0, a1);
    }

    @Override
    public void setByte(int a0, byte a1) throws SQLException {
        open();
        delegate.setByte(a0, a1);
    }

    @Override
    public void setBytes(int a0, byte[] a1) throws SQLException {
        open();
        delegate.setBytes(a0, a1);
    }

    @Override
    public void setCharacterStream(int a0, Reader a1, int a2) throws SQLException {
        open();
        delegate.setCharacterStream(a0, a1, a2);
    }

    @Override
    public void setCharacterStream(int a0, Reader a1, long a2) throws SQLException {
        open();
        delegate.setCharacterStream(a0, a1, a2);
    }

    @Override
    public void setCharacterStream(int a0, Reader a1) throws SQLException {
        open();
        delegate.setCharacterStream(a0, a1);
    }

    @Override
    public void setClob(int a0, Reader a1, long a2) throws SQLException {
        open();
        delegate.setClob(a0, a1, a2);
    }

    @Override
    public void setClob(int a0, Reader a1) throws SQLException {
        open();
        delegate.setClob(a0, a1);
    }

    @Override
    public void setClob(int a0, Clob a1) throws SQLException {
        open();
        delegate.setClob(a0, a1);
    }

    @Override
    public void setDate(int a0, Date a1, Calendar a2) throws SQLException {
        open();
        delegate.setDate(a0, a1, a2);
    }

    @Override
    public void setDate(int a0, Date a1) throws SQLException {
        open();
        delegate.setDate(a0, a1);
    }

    @Override
    public void setDouble(int a0, double a1) throws SQLException {
        open();
        delegate.setDouble(a0, a1);
    }

    @Override
    public void setFloat(int a0, float a1) throws SQLException {
        open();
        delegate.setFloat(a0, a1);
    }

    @Override
    public void setInt(int a0, int a1) throws SQLException {
        open();
        delegate.setInt(a0, a1);
    }

    @Override
    public void setLong(int a0, long a1) throws SQLException {
        open();
        delegate.setLong(a0, a1);
    }

    @Override
    public void setNCharacterStream(int a0, Reader a1, long a2) throws SQLException {
        open();
        delegate.setNCharacterStream(a0, a1, a2);
    }

    @Override
    public void setNCharacterStream(int a0, Reader a1) throws SQLException {
        open();
        delegate.setNCharacterStream(a0, a1);
    }

    @Override
    public void setNClob(int a0, Reader a1, long a2) throws SQLException {
        open();
        delegate.setNClob(a0, a1, a2);
    }

    @Override
    public void setNClob(int a0, Reader a1) throws SQLException {
        open();
        delegate.setNClob(a0, a1);
    }

    @Override
    public void setNClob(int a0, NClob a1) throws SQLException {
        open();
        delegate.setNClob(a0, a1);
    }

    @Override
    public void setNString(int a0, String a1) throws SQLException {
        open();
        delegate.setNString(a0, a1);
    }

    @Override
    public void setNull(int a0, int a1, String a2) throws SQLException {
        open();
        delegate.setNull(a0, a1, a2);
    }

    @Override
    public void setNull(int a0, int a1) throws SQLException {
        open();
        delegate.setNull(a0, a1);
    }

    @Override
    public void setObject(int a0, Object a1, int a2, int a3) throws SQLException {
        open();
        delegate.setObject(a0, a1, a2, a3);
    }

    @Override
    public void setObject(int a0, Object a1, int a2) throws SQLException {
        open();
        if (JavaTimeValues.timestamp(a1) != null) {
            setObject(a0, a1);
        } else {
            delegate.setObject(a0, a1, a2);
        }
    }

    @Override
    public void setObject(int a0, Object a1, SQLType a2, int a3) throws SQLException {
        open();
        delegate.setObject(a0, a1, a2, a3);
    }

    @Override
    public void setObject(int a0, Object a1, SQLType a2) throws SQLException {
        open();
        if (JavaTimeValues.timestamp(a1) != null) {
            setObject(a0, a1);
        } else {
            delegate.setObject(a0, a1, a2);
        }
    }

    @Override
    public void setObject(int a0, Object a1) throws SQLException {
        open();
        Timestamp time = JavaTimeValues.timestamp(a1);
        if (time != null) {
            delegate.setTimestamp(a0, time, JavaTimeValues.utc()); // java.time: Avatica has no conversion of its own
        } else {
            delegate.setObject(a0, a1);
        }
    }

    @Override
    public void setRef(int a0, Ref a1) throws SQLException {
        open();
        delegate.setRef(a0, a1);
    }

    @Override
    public void setRowId(int a0, RowId a1) throws SQLException {
        open();
        delegate.setRowId(a0, a1);
    }

    @Override
    public void setSQLXML(int a0, SQLXML a1) throws SQLException {
        open();
        delegate.setSQLXML(a0, a1);
    }

    @Override
    public void setShort(int a0, short a1) throws SQLException {
        open();
        delegate.setShort(a0, a1);
    }

    @Override
    public void setString(int a0, String a1) throws SQLException {
        open();
        delegate.setString(a0, a1);
    }

    @Override
    public void setTime(int a0, Time a1, Calendar a2) throws SQLException {
        open();
        delegate.setTime(a0, a1, a2);
    }

    @Override
    public void setTime(int a0, Time a1) throws SQLException {
        open();
        delegate.setTime(a0, a1);
    }

    @Override
    public void setTimestamp(int a0, Timestamp a1, Calendar a2) throws SQLException {
        open();
        delegate.setTimestamp(a0, a1, a2);
    }

    @Override
    public void setTimestamp(int a0, Timestamp a1) throws SQLException {
        open();
        delegate.setTimestamp(a0, a1);
    }

    @Override
    public void setURL(int a0, URL a1) throws SQLException {
        open();
        delegate.setURL(a0, a1);
    }

    @Override
    @Deprecated
    @SuppressWarnings("deprecation") // a wrapper must pass it on
    public void setUnicodeStream(int a0, InputStream a1, int a2) throws SQLException {
        open();
        delegate.setUnicodeStream(a0, a1, a2);
    }
}
