package dev.hindsight.sql.jdbc;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;

/**
 * An ARRAY or MULTISET value of an embedded result, whose elements are read with {@link #getArray()}. Its
 * {@code getResultSet} forms are refused (0A000): Avatica's gave a result set of one column where JDBC has two (the
 * index, then the element), whose reads failed with no SQLState ("cannot convert to Array"). Everything else is the
 * value's own.
 */
final class ElementsOnlyArray implements Array {

    private final Array array;

    private ElementsOnlyArray(Array array) {
        this.array = array;
    }

    /** {@code value} wrapped if it is an {@link Array}; anything else as it is. */
    static Object of(Object value) {
        return value instanceof Array a && !(a instanceof ElementsOnlyArray) ? new ElementsOnlyArray(a) : value;
    }

    @Override
    public String getBaseTypeName() throws SQLException {
        return array.getBaseTypeName();
    }

    @Override
    public int getBaseType() throws SQLException {
        return array.getBaseType();
    }

    @Override
    public Object getArray() throws SQLException {
        return array.getArray();
    }

    @Override
    public Object getArray(Map<String, Class<?>> map) throws SQLException {
        return array.getArray(map);
    }

    @Override
    public Object getArray(long index, int count) throws SQLException {
        return array.getArray(index, count);
    }

    @Override
    public Object getArray(long index, int count, Map<String, Class<?>> map) throws SQLException {
        return array.getArray(index, count, map);
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        throw refused();
    }

    @Override
    public ResultSet getResultSet(Map<String, Class<?>> map) throws SQLException {
        throw refused();
    }

    @Override
    public ResultSet getResultSet(long index, int count) throws SQLException {
        throw refused();
    }

    @Override
    public ResultSet getResultSet(long index, int count, Map<String, Class<?>> map) throws SQLException {
        throw refused();
    }

    @Override
    public void free() throws SQLException {
        array.free();
    }

    @Override
    public String toString() {
        return array.toString(); // [1, 2], as the value printed before
    }

    private static SQLException refused() {
        return new SQLFeatureNotSupportedException("Array.getResultSet is not supported: read the elements with "
            + "getArray(), or as rows with UNNEST in the query", SqlErrors.FEATURE_NOT_SUPPORTED);
    }
}
