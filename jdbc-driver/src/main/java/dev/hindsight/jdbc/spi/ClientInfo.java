package dev.hindsight.jdbc.spi;

import java.sql.ClientInfoStatus;
import java.sql.Connection;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A connection's client info ({@code Connection.setClientInfo}), kept by the driver, for both drivers alike: tools
 * and pools set {@code ApplicationName} and the like, and Avatica's connection refused every name, even an empty set
 * of them, with an exception that had no SQLState and no message. The values stay in the client (the server has no
 * use for them yet); a closed connection refuses with 08003. Thread-safe.
 */
public final class ClientInfo {

    private static final String CONNECTION_DOES_NOT_EXIST = "08003";
    private static final String INVALID_PARAMETER_VALUE = "22023";

    private final Properties values = new Properties();

    /** Sets {@code name} to {@code value}, or removes it for {@code null}; {@code owner} is the connection's. */
    public synchronized void set(String name, String value, Connection owner) throws SQLClientInfoException {
        if (closed(owner)) {
            throw refused("the connection is closed", CONNECTION_DOES_NOT_EXIST, name);
        }
        if (name == null) {
            throw refused("a client info property needs a name", INVALID_PARAMETER_VALUE, null);
        }
        if (value == null) {
            values.remove(name);
        } else {
            values.setProperty(name, value);
        }
    }

    /** Replaces all with {@code properties}, as JDBC says: a name not among them is removed. */
    public synchronized void setAll(Properties properties, Connection owner) throws SQLClientInfoException {
        if (closed(owner)) {
            throw refused("the connection is closed", CONNECTION_DOES_NOT_EXIST, null);
        }
        values.clear();
        if (properties != null) {
            properties.stringPropertyNames().forEach(name -> values.setProperty(name, properties.getProperty(name)));
        }
    }

    /** A copy of the values set. */
    public synchronized Properties all() {
        Properties copy = new Properties();
        copy.putAll(values);
        return copy;
    }

    /** The value of {@code name}, or {@code null}. */
    public synchronized String get(String name) {
        return name == null ? null : values.getProperty(name);
    }

    /** Whether {@code owner} is closed; one that cannot say is taken as closed. */
    private static boolean closed(Connection owner) {
        try {
            return owner.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    private static SQLClientInfoException refused(String message, String sqlState, String name) {
        Map<String, ClientInfoStatus> failed = new HashMap<>();
        if (name != null) {
            failed.put(name, ClientInfoStatus.REASON_UNKNOWN);
        }
        return new SQLClientInfoException(message, sqlState, failed);
    }
}
