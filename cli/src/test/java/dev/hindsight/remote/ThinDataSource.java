package dev.hindsight.remote;

import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@code DataSource} over the thin jar's driver, for pools and libraries that take one: they then use nothing but the
 * jar, which {@code DriverManager} could not guarantee (it refuses drivers its caller's loader cannot see).
 */
final class ThinDataSource implements DataSource {

    private final String url;
    private final Properties info;

    ThinDataSource(String url, Properties info) {
        this.url = url;
        this.info = info;
    }

    @Override
    public Connection getConnection() throws SQLException {
        try {
            return ThinDriver.connect(url, info);
        } catch (IOException e) {
            throw new SQLException("cannot load the thin driver jar", "08001", e);
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("credentials are given to the constructor");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // nothing is logged
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // the driver's own HTTP timeouts apply
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("java.util.logging is not used");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
