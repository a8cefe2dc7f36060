package dev.hindsight.jdbc;

import dev.hindsight.jdbc.spi.ClientRefusals;
import dev.hindsight.jdbc.spi.ParameterStreams;
import java.io.InputStream;
import java.io.Reader;
import java.net.URL;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.Meta;

/**
 * Avatica's prepared statement with its stream and large-object setters binding what the stream holds, read whole,
 * as text or bytes ({@link ParameterStreams}, as embedded), and {@code setNull} with a type name binding NULL:
 * Avatica's bind nothing, so the statement ran with the parameter's previous value. A REF, ROWID, SQLXML, URL or
 * Unicode stream is refused with 0A000, as embedded.
 */
abstract class StreamParameterStatement extends AvaticaPreparedStatement {

    StreamParameterStatement(AvaticaConnection connection, Meta.StatementHandle h, Meta.Signature signature,
                             int resultSetType, int resultSetConcurrency, int resultSetHoldability)
            throws SQLException {
        super(connection, h, signature, resultSetType, resultSetConcurrency, resultSetHoldability);
    }

    @Override
    public void setNull(int index, int sqlType, String typeName) throws SQLException {
        setNull(index, sqlType); // Avatica's, with a type name, binds nothing: the value before stayed
    }

    @Override
    public void setAsciiStream(int index, InputStream x, int length) throws SQLException {
        slot(index);
        setString(index, ParameterStreams.ascii(index, x, length));
    }

    @Override
    public void setAsciiStream(int index, InputStream x, long length) throws SQLException {
        slot(index);
        setString(index, ParameterStreams.ascii(index, x, length));
    }

    @Override
    public void setAsciiStream(int index, InputStream x) throws SQLException {
        slot(index);
        setString(index, ParameterStreams.ascii(index, x, ParameterStreams.WHOLE));
    }

    @Override
    public void setBinaryStream(int index, InputStream x, int length) throws SQLException {
        slot(index);
        setBytes(index, ParameterStreams.bytes(index, x, length));
    }

    @Override
    public void setBinaryStream(int index, InputStream x, long length) throws SQLException {
        slot(index);
        setBytes(index, ParameterStreams.bytes(index, x, length));
    }

    @Override
    public void setBinaryStream(int index, InputStream x) throws SQLException {
        slot(index);
        setBytes(index, ParameterStreams.bytes(index, x, ParameterStreams.WHOLE));
    }

    @Override
    public void setBlob(int index, InputStream x, long length) throws SQLException {
        slot(index);
        setBytes(index, ParameterStreams.bytes(index, x, length));
    }

    @Override
    public void setBlob(int index, InputStream x) throws SQLException {
        slot(index);
        setBytes(index, ParameterStreams.bytes(index, x, ParameterStreams.WHOLE));
    }

    @Override
    public void setBlob(int index, Blob x) throws SQLException {
        slot(index);
        setBytes(index, ParameterStreams.bytes(index, x));
    }

    @Override
    public void setCharacterStream(int index, Reader x, int length) throws SQLException {
        slot(index);
        setString(index, ParameterStreams.text(index, x, length));
    }

    @Override
    public void setCharacterStream(int index, Reader x, long length) throws SQLException {
        slot(index);
        setString(index, ParameterStreams.text(index, x, length));
    }

    @Override
    public void setCharacterStream(int index, Reader x) throws SQLException {
        slot(index);
        setString(index, ParameterStreams.text(index, x, ParameterStreams.WHOLE));
    }

    @Override
    public void setNCharacterStream(int index, Reader x, long length) throws SQLException {
        slot(index);
        setString(index, ParameterStreams.text(index, x, length));
    }

    @Override
    public void setNCharacterStream(int index, Reader x) throws SQLException {
        slot(index);
        setString(index, ParameterStreams.text(index, x, ParameterStreams.WHOLE));
    }

    @Override
    public void setClob(int index, Reader x, long length) throws SQLException {
        slot(index);
        setString(index, ParameterStreams.text(index, x, length));
    }

    @Override
    public void setClob(int index, Reader x) throws SQLException {
        slot(index);
        setString(index, ParameterStreams.text(index, x, ParameterStreams.WHOLE));
    }

    @Override
    public void setClob(int index, Clob x) throws SQLException {
        slot(index);
        setString(index, ParameterStreams.text(index, x));
    }

    @Override
    public void setNClob(int index, Reader x, long length) throws SQLException {
        slot(index);
        setString(index, ParameterStreams.text(index, x, length));
    }

    @Override
    public void setNClob(int index, Reader x) throws SQLException {
        slot(index);
        setString(index, ParameterStreams.text(index, x, ParameterStreams.WHOLE));
    }

    @Override
    public void setNClob(int index, NClob x) throws SQLException {
        slot(index);
        setString(index, ParameterStreams.text(index, x));
    }

    @Override
    public void setRef(int index, Ref x) throws SQLException {
        slot(index);
        throw ClientRefusals.unsupportedSetter("setRef", "Hindsight has no REF columns");
    }

    @Override
    public void setRowId(int index, RowId x) throws SQLException {
        slot(index);
        throw ClientRefusals.unsupportedSetter("setRowId", "Hindsight has no ROWID columns; rows are named by seq");
    }

    @Override
    public void setSQLXML(int index, SQLXML x) throws SQLException {
        slot(index);
        throw ClientRefusals.unsupportedSetter("setSQLXML", "set the XML's text with setString");
    }

    @Override
    public void setURL(int index, URL x) throws SQLException {
        slot(index);
        throw ClientRefusals.unsupportedSetter("setURL", "set the URL's text with setString");
    }

    /** Refused as PostgreSQL's driver refuses it (Avatica's ignores the stream and leaves the parameter unset). */
    @Override
    @Deprecated
    public void setUnicodeStream(int index, InputStream x, int length) throws SQLException {
        slot(index);
        throw ClientRefusals.unsupportedSetter("setUnicodeStream", "set text with setCharacterStream");
    }

    /**
     * Checks that the statement is open and has parameter {@code index} (08003, 22023) before a stream is read or a
     * value converted, as embedded checks first: a caller's stream is not consumed for a call that fails.
     */
    final void slot(int index) throws SQLException {
        checkOpen();
        getSite(index);
    }
}
