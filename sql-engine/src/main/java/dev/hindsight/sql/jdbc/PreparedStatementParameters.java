package dev.hindsight.sql.jdbc;

import dev.hindsight.jdbc.spi.ClientRefusals;
import dev.hindsight.jdbc.spi.ParameterStreams;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

/**
 * The parameters of a prepared statement, set on Calcite's as they are once the statement is known to be open:
 * every {@code setXxx} but {@code setObject}, whose java.time values {@link HindsightPreparedStatement} converts.
 * Streams and large objects are read whole and set as their text or bytes ({@link ParameterStreams}: Calcite's
 * setters for them bind nothing); a REF, ROWID, SQLXML or URL is refused with 0A000.
 */
abstract class PreparedStatementParameters extends HindsightStatement implements PreparedStatement {

    /** Calcite's prepared statement: the statement {@link #delegate} is, as its type. */
    final PreparedStatement prepared;

    /** How many {@code ?} the statement has. */
    private final int parameterCount;

    PreparedStatementParameters(HindsightConnection owner, PreparedStatement prepared) throws SQLException {
        super(owner, prepared);
        this.prepared = prepared;
        this.parameterCount = prepared.getParameterMetaData().getParameterCount();
    }

    /**
     * Checks that this statement is open and that {@code index} is one of its parameters: else 22023 naming both, as
     * PostgreSQL's driver does (Avatica's own error names neither and has no SQLState).
     */
    final void slot(int index) throws SQLException {
        open();
        if (index < 1 || index > parameterCount) {
            throw ClientRefusals.parameterOutOfRange(index, parameterCount);
        }
    }

    @Override
    public void setArray(int a0, Array a1) throws SQLException {
        slot(a0);
        prepared.setArray(a0, a1);
    }

    @Override
    public void setAsciiStream(int a0, InputStream a1, int a2) throws SQLException {
        slot(a0);
        setString(a0, ParameterStreams.ascii(a0, a1, a2));
    }

    @Override
    public void setAsciiStream(int a0, InputStream a1, long a2) throws SQLException {
        slot(a0);
        setString(a0, ParameterStreams.ascii(a0, a1, a2));
    }

    @Override
    public void setAsciiStream(int a0, InputStream a1) throws SQLException {
        slot(a0);
        setString(a0, ParameterStreams.ascii(a0, a1, ParameterStreams.WHOLE));
    }

    @Override
    public void setBigDecimal(int a0, BigDecimal a1) throws SQLException {
        slot(a0);
        prepared.setBigDecimal(a0, a1);
    }

    @Override
    public void setBinaryStream(int a0, InputStream a1, int a2) throws SQLException {
        slot(a0);
        setBytes(a0, ParameterStreams.bytes(a0, a1, a2));
    }

    @Override
    public void setBinaryStream(int a0, InputStream a1, long a2) throws SQLException {
        slot(a0);
        setBytes(a0, ParameterStreams.bytes(a0, a1, a2));
    }

    @Override
    public void setBinaryStream(int a0, InputStream a1) throws SQLException {
        slot(a0);
        setBytes(a0, ParameterStreams.bytes(a0, a1, ParameterStreams.WHOLE));
    }

    @Override
    public void setBlob(int a0, InputStream a1, long a2) throws SQLException {
        slot(a0);
        setBytes(a0, ParameterStreams.bytes(a0, a1, a2));
    }

    @Override
    public void setBlob(int a0, InputStream a1) throws SQLException {
        slot(a0);
        setBytes(a0, ParameterStreams.bytes(a0, a1, ParameterStreams.WHOLE));
    }

    @Override
    public void setBlob(int a0, Blob a1) throws SQLException {
        slot(a0);
        setBytes(a0, ParameterStreams.bytes(a0, a1));
    }

    @Override
    public void setBoolean(int a0, boolean a1) throws SQLException {
        slot(a0);
        prepared.setBoolean(a0, a1);
    }

    @Override
    public void setByte(int a0, byte a1) throws SQLException {
        slot(a0);
        prepared.setByte(a0, a1);
    }

    @Override
    public void setBytes(int a0, byte[] a1) throws SQLException {
        slot(a0);
        prepared.setBytes(a0, a1);
    }

    @Override
    public void setCharacterStream(int a0, Reader a1, int a2) throws SQLException {
        slot(a0);
        setString(a0, ParameterStreams.text(a0, a1, a2));
    }

    @Override
    public void setCharacterStream(int a0, Reader a1, long a2) throws SQLException {
        slot(a0);
        setString(a0, ParameterStreams.text(a0, a1, a2));
    }

    @Override
    public void setCharacterStream(int a0, Reader a1) throws SQLException {
        slot(a0);
        setString(a0, ParameterStreams.text(a0, a1, ParameterStreams.WHOLE));
    }

    @Override
    public void setClob(int a0, Reader a1, long a2) throws SQLException {
        slot(a0);
        setString(a0, ParameterStreams.text(a0, a1, a2));
    }

    @Override
    public void setClob(int a0, Reader a1) throws SQLException {
        slot(a0);
        setString(a0, ParameterStreams.text(a0, a1, ParameterStreams.WHOLE));
    }

    @Override
    public void setClob(int a0, Clob a1) throws SQLException {
        slot(a0);
        setString(a0, ParameterStreams.text(a0, a1));
    }

    @Override
    public void setDate(int a0, Date a1, Calendar a2) throws SQLException {
        slot(a0);
        prepared.setDate(a0, a1, a2);
    }

    @Override
    public void setDate(int a0, Date a1) throws SQLException {
        slot(a0);
        prepared.setDate(a0, a1);
    }

    @Override
    public void setDouble(int a0, double a1) throws SQLException {
        slot(a0);
        prepared.setDouble(a0, a1);
    }

    @Override
    public void setFloat(int a0, float a1) throws SQLException {
        slot(a0);
        prepared.setFloat(a0, a1);
    }

    @Override
    public void setInt(int a0, int a1) throws SQLException {
        slot(a0);
        prepared.setInt(a0, a1);
    }

    @Override
    public void setLong(int a0, long a1) throws SQLException {
        slot(a0);
        prepared.setLong(a0, a1);
    }

    @Override
    public void setNCharacterStream(int a0, Reader a1, long a2) throws SQLException {
        slot(a0);
        setString(a0, ParameterStreams.text(a0, a1, a2));
    }

    @Override
    public void setNCharacterStream(int a0, Reader a1) throws SQLException {
        slot(a0);
        setString(a0, ParameterStreams.text(a0, a1, ParameterStreams.WHOLE));
    }

    @Override
    public void setNClob(int a0, Reader a1, long a2) throws SQLException {
        slot(a0);
        setString(a0, ParameterStreams.text(a0, a1, a2));
    }

    @Override
    public void setNClob(int a0, Reader a1) throws SQLException {
        slot(a0);
        setString(a0, ParameterStreams.text(a0, a1, ParameterStreams.WHOLE));
    }

    @Override
    public void setNClob(int a0, NClob a1) throws SQLException {
        slot(a0);
        setString(a0, ParameterStreams.text(a0, a1));
    }

    @Override
    public void setNString(int a0, String a1) throws SQLException {
        slot(a0);
        prepared.setNString(a0, a1);
    }

    @Override
    public void setNull(int a0, int a1, String a2) throws SQLException {
        slot(a0);
        prepared.setNull(a0, a1); // Calcite's, with a type name, binds nothing: the value before stayed
    }

    @Override
    public void setNull(int a0, int a1) throws SQLException {
        slot(a0);
        prepared.setNull(a0, a1);
    }

    @Override
    public void setRef(int a0, Ref a1) throws SQLException {
        slot(a0);
        throw ClientRefusals.unsupportedSetter("setRef", "Hindsight has no REF columns");
    }

    @Override
    public void setRowId(int a0, RowId a1) throws SQLException {
        slot(a0);
        throw ClientRefusals.unsupportedSetter("setRowId", "Hindsight has no ROWID columns; rows are named by seq");
    }

    @Override
    public void setSQLXML(int a0, SQLXML a1) throws SQLException {
        slot(a0);
        throw ClientRefusals.unsupportedSetter("setSQLXML", "set the XML's text with setString");
    }

    @Override
    public void setShort(int a0, short a1) throws SQLException {
        slot(a0);
        prepared.setShort(a0, a1);
    }

    @Override
    public void setString(int a0, String a1) throws SQLException {
        slot(a0);
        prepared.setString(a0, a1);
    }

    @Override
    public void setTime(int a0, Time a1, Calendar a2) throws SQLException {
        slot(a0);
        prepared.setTime(a0, a1, a2);
    }

    @Override
    public void setTime(int a0, Time a1) throws SQLException {
        slot(a0);
        prepared.setTime(a0, a1);
    }

    @Override
    public void setTimestamp(int a0, Timestamp a1, Calendar a2) throws SQLException {
        slot(a0);
        prepared.setTimestamp(a0, a1, a2);
    }

    @Override
    public void setTimestamp(int a0, Timestamp a1) throws SQLException {
        slot(a0);
        prepared.setTimestamp(a0, a1);
    }

    @Override
    public void setURL(int a0, URL a1) throws SQLException {
        slot(a0);
        throw ClientRefusals.unsupportedSetter("setURL", "set the URL's text with setString");
    }

    @Override
    @Deprecated
    public void setUnicodeStream(int a0, InputStream a1, int a2) throws SQLException {
        slot(a0);
        // Avatica's ignores the stream and leaves the parameter unset; refused as PostgreSQL's driver refuses it
        throw ClientRefusals.unsupportedSetter("setUnicodeStream", "set text with setCharacterStream");
    }
}
