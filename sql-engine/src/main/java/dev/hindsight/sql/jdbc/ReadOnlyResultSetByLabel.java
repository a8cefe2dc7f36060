package dev.hindsight.sql.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;

/**
 * {@link ReadOnlyResultSet}'s refusals for the {@code updateXxx} forms that name their column by label: refused
 * whatever the label, as Avatica refuses them, without looking it up.
 */
abstract class ReadOnlyResultSetByLabel extends ReadOnlyResultSet {

    @Override
    public void updateArray(String label, Array value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateAsciiStream(String label, InputStream value, int length) throws SQLException {
        throw refused();
    }

    @Override
    public void updateAsciiStream(String label, InputStream value, long length) throws SQLException {
        throw refused();
    }

    @Override
    public void updateAsciiStream(String label, InputStream value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateBigDecimal(String label, BigDecimal value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateBinaryStream(String label, InputStream value, int length) throws SQLException {
        throw refused();
    }

    @Override
    public void updateBinaryStream(String label, InputStream value, long length) throws SQLException {
        throw refused();
    }

    @Override
    public void updateBinaryStream(String label, InputStream value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateBlob(String label, InputStream value, long length) throws SQLException {
        throw refused();
    }

    @Override
    public void updateBlob(String label, InputStream value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateBlob(String label, Blob value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateBoolean(String label, boolean value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateByte(String label, byte value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateBytes(String label, byte[] value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateCharacterStream(String label, Reader value, int length) throws SQLException {
        throw refused();
    }

    @Override
    public void updateCharacterStream(String label, Reader value, long length) throws SQLException {
        throw refused();
    }

    @Override
    public void updateCharacterStream(String label, Reader value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateClob(String label, Reader value, long length) throws SQLException {
        throw refused();
    }

    @Override
    public void updateClob(String label, Reader value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateClob(String label, Clob value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateDate(String label, Date value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateDouble(String label, double value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateFloat(String label, float value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateInt(String label, int value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateLong(String label, long value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateNCharacterStream(String label, Reader value, long length) throws SQLException {
        throw refused();
    }

    @Override
    public void updateNCharacterStream(String label, Reader value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateNClob(String label, Reader value, long length) throws SQLException {
        throw refused();
    }

    @Override
    public void updateNClob(String label, Reader value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateNClob(String label, NClob value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateNString(String label, String value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateNull(String label) throws SQLException {
        throw refused();
    }

    @Override
    public void updateObject(String label, Object value, int scaleOrLength) throws SQLException {
        throw refused();
    }

    @Override
    public void updateObject(String label, Object value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateRef(String label, Ref value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateRowId(String label, RowId value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateSQLXML(String label, SQLXML value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateShort(String label, short value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateString(String label, String value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateTime(String label, Time value) throws SQLException {
        throw refused();
    }

    @Override
    public void updateTimestamp(String label, Timestamp value) throws SQLException {
        throw refused();
    }
}
