package dev.hindsight.jdbc.spi;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * A result's {@link ResultSetMetaData} whose getters refuse a column index out of range with 22023, as a read of the
 * row does ({@link ClientRefusals#columnOutOfRange}): Avatica's threw an {@code IndexOutOfBoundsException} from
 * every one of them, an unchecked exception SPEC §4 rules out. For both drivers.
 */
public final class CheckedResultSetMetaData implements ResultSetMetaData {

    private final ResultSetMetaData delegate;

    private CheckedResultSetMetaData(ResultSetMetaData delegate) {
        this.delegate = delegate;
    }

    /** {@code metaData} checked so, or itself if it is already; {@code null} stays {@code null}. */
    public static ResultSetMetaData of(ResultSetMetaData metaData) {
        return metaData == null || metaData instanceof CheckedResultSetMetaData ? metaData
            : new CheckedResultSetMetaData(metaData);
    }

    private int checked(int column) throws SQLException {
        int count = delegate.getColumnCount();
        if (column < 1 || column > count) {
            throw ClientRefusals.columnOutOfRange(column, count);
        }
        return column;
    }

    @Override
    public int getColumnCount() throws SQLException {
        return delegate.getColumnCount();
    }

    @Override
    public boolean isAutoIncrement(int column) throws SQLException {
        return delegate.isAutoIncrement(checked(column));
    }

    @Override
    public boolean isCaseSensitive(int column) throws SQLException {
        return delegate.isCaseSensitive(checked(column));
    }

    @Override
    public boolean isSearchable(int column) throws SQLException {
        return delegate.isSearchable(checked(column));
    }

    @Override
    public boolean isCurrency(int column) throws SQLException {
        return delegate.isCurrency(checked(column));
    }

    @Override
    public int isNullable(int column) throws SQLException {
        return delegate.isNullable(checked(column));
    }

    @Override
    public boolean isSigned(int column) throws SQLException {
        return delegate.isSigned(checked(column));
    }

    @Override
    public int getColumnDisplaySize(int column) throws SQLException {
        return delegate.getColumnDisplaySize(checked(column));
    }

    @Override
    public String getColumnLabel(int column) throws SQLException {
        return delegate.getColumnLabel(checked(column));
    }

    @Override
    public String getColumnName(int column) throws SQLException {
        return delegate.getColumnName(checked(column));
    }

    @Override
    public String getSchemaName(int column) throws SQLException {
        return delegate.getSchemaName(checked(column));
    }

    @Override
    public int getPrecision(int column) throws SQLException {
        return delegate.getPrecision(checked(column));
    }

    @Override
    public int getScale(int column) throws SQLException {
        return delegate.getScale(checked(column));
    }

    @Override
    public String getTableName(int column) throws SQLException {
        return delegate.getTableName(checked(column));
    }

    @Override
    public String getCatalogName(int column) throws SQLException {
        return delegate.getCatalogName(checked(column));
    }

    @Override
    public int getColumnType(int column) throws SQLException {
        return delegate.getColumnType(checked(column));
    }

    @Override
    public String getColumnTypeName(int column) throws SQLException {
        return delegate.getColumnTypeName(checked(column));
    }

    @Override
    public boolean isReadOnly(int column) throws SQLException {
        return delegate.isReadOnly(checked(column));
    }

    @Override
    public boolean isWritable(int column) throws SQLException {
        return delegate.isWritable(checked(column));
    }

    @Override
    public boolean isDefinitelyWritable(int column) throws SQLException {
        return delegate.isDefinitelyWritable(checked(column));
    }

    @Override
    public String getColumnClassName(int column) throws SQLException {
        return delegate.getColumnClassName(checked(column));
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : delegate.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || delegate.isWrapperFor(type);
    }
}
