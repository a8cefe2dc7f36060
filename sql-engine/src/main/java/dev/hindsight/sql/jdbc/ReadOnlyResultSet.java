package dev.hindsight.sql.jdbc;

import dev.hindsight.jdbc.spi.ClientRefusals;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;

/**
 * A result set whose rows cannot be changed, as no Hindsight result can be (JDBC's {@code CONCUR_READ_ONLY}, the one
 * concurrency Avatica offers): every row operation ({@code insertRow}, {@code updateRow}, {@code moveToInsertRow}, …)
 * and every {@code updateXxx} of a column by index is refused, with the exception Avatica's own result set throws for
 * it, given a message and a SQLState ({@link #refused}). Refused here rather than passed on, so that no wrapper need
 * list them; the forms of {@code updateObject} that take a {@code SQLType} keep {@code ResultSet}'s default refusal,
 * as Avatica's do. By label: {@link ReadOnlyResultSetByLabel}.
 */
abstract class ReadOnlyResultSet implements ResultSet {

    /**
     * The refusal of a change: a {@code SQLFeatureNotSupportedException}, as Avatica's result set throws, with what
     * is refused and SQLState 0A000 (Avatica's has neither).
     */
    static SQLFeatureNotSupportedException refused() {
        return ClientRefusals.unsupported("changing rows through a result set (every result is CONCUR_READ_ONLY)");
    }

    @Override
    public void cancelRowUpdates() throws SQLException {
        throw refused();
    }

    @Override
    public void deleteRow() throws SQLException {
        throw refused();
    }

    @Override
    public void insertRow() throws SQLException {
        throw refused();
    }

    @Override
    public void moveToCurrentRow() throws SQLException {
        throw refused();
    }

    @Override
    public void moveToInsertRow() throws SQLException {
        throw refused();
    }

    @Override
    public void refreshRow() throws SQLException {
        throw refused();
    }

    @Override
    public void updateArray(int column, Array value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateAsciiStream(int column, InputStream value, int length) throws SQLException {
        throw refused();
    }

    @Override
    public void updateAsciiStream(int column, InputStream value, long length) throws SQLException {
        throw refused();
    }

    @Override
    public void updateAsciiStream(int column, InputStream value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateBigDecimal(int column, BigDecimal value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateBinaryStream(int column, InputStream value, int length) throws SQLException {
        throw refused();
    }

    @Override
    public void updateBinaryStream(int column, InputStream value, long length) throws SQLException {
        throw refused();
    }

    @Override
    public void updateBinaryStream(int column, InputStream value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateBlob(int column, InputStream value, long length) throws SQLException {
        throw refused();
    }

    @Override
    public void updateBlob(int column, InputStream value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateBlob(int column, Blob value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateBoolean(int column, boolean value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateByte(int column, byte value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateBytes(int column, byte[] value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateCharacterStream(int column, Reader value, int length) throws SQLException {
        throw refused();
    }

    @Override
    public void updateCharacterStream(int column, Reader value, long length) throws SQLException {
        throw refused();
    }

    @Override
    public void updateCharacterStream(int column, Reader value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateClob(int column, Reader value, long length) throws SQLException {
        throw refused();
    }

    @Override
    public void updateClob(int column, Reader value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateClob(int column, Clob value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateDate(int column, Date value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateDouble(int column, double value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateFloat(int column, float value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateInt(int column, int value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateLong(int column, long value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateNCharacterStream(int column, Reader value, long length) throws SQLException {
        throw refused();
    }

    @Override
    public void updateNCharacterStream(int column, Reader value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateNClob(int column, Reader value, long length) throws SQLException {
        throw refused();
    }

    @Override
    public void updateNClob(int column, Reader value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateNClob(int column, NClob value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateNString(int column, String value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateNull(int column) throws SQLException {
        throw refused();
    }

    @Override
    public void updateObject(int column, Object value, int scaleOrLength) throws SQLException {
        throw refused();
    }

    @Override
    public void updateObject(int column, Object value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateRef(int column, Ref value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateRowId(int column, RowId value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateRow() throws SQLException {
        throw refused();
    }

    @Override
    public void updateSQLXML(int column, SQLXML value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateShort(int column, short value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateString(int column, String value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateTime(int column, Time value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateTimestamp(int column, Timestamp value) throws SQLException {
        throw refused();
    }
}
