package dev.hindsight.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.remote.Driver;

/**
 * The remote half of {@code jdbc:hindsight://host:port}: Avatica's remote driver, speaking protobuf to the server's
 * {@code /jdbc} endpoint, under Hindsight's name and version (which {@code DatabaseMetaData} reports), with every
 * failure to connect an {@link SQLException} carrying a SQLState: the server's (28000 for a bad API key, 08001 for a
 * refused property, …), or 08001 when the server cannot be reached. Frames default to 5 000 rows
 * ({@code Statement.setFetchSize} changes it per statement, the {@code fetch_size} property per connection).
 * Messages travel over one keep-alive connection per JDBC connection ({@link RemoteHttpClient}), translated by
 * {@link RemoteServiceFactory}'s service.
 */
final class RemoteDriver extends Driver {

    static final String DEFAULT_FETCH_SIZE = "5000";

    RemoteDriver() {
    }

    /** Avatica's extension point for its JDBC objects: ours report every failure as an SQLException. */
    @Override
    protected AvaticaFactory createFactory() {
        return new RemoteFactory(super.createFactory());
    }

    @Override
    protected DriverVersion createDriverVersion() {
        return new DriverVersion(DriverInfo.DRIVER_NAME, DriverInfo.VERSION, DriverInfo.PRODUCT, DriverInfo.VERSION,
            false, DriverInfo.part(0), DriverInfo.part(1), DriverInfo.part(0), DriverInfo.part(1));
    }

    /**
     * 22023 for a client-side property the driver cannot use, as the server refuses a bad {@code statementTimeout}:
     * Avatica read {@code fetch_size=-5} as it was and {@code fetch_size=abc} as a failure to connect (08001, in
     * {@code BigDecimal}'s words), and took a {@code timeZone} no zone has for GMT without a word.
     */
    private static void checkClientProperties(Properties props) throws SQLException {
        String fetchSize = props.getProperty("fetch_size").trim();
        if (!fetchSize.matches("0*[0-9]{1,9}")) {
            throw new SQLException("property fetch_size must be a whole number of rows from 0 to 999999999, was '"
                + fetchSize + "'", "22023");
        }
        props.setProperty("fetch_size", fetchSize); // Avatica reads it untrimmed: " 10" failed to connect, 08001
        String zone = props.getProperty("timeZone");
        if (zone != null && TimeZone.getTimeZone(zone).getID().equals("GMT") && !zone.equals("GMT")) {
            throw new SQLException("property timeZone names no time zone: '" + zone + "' (an IANA name such as "
                + "Europe/Berlin, UTC, or GMT+02:00)", "22023");
        }
    }

    /**
     * Connects to the server at {@code hostAndPort}.
     *
     * @param url         the URL as given, for messages
     * @param hostAndPort {@code host:port}
     * @param info        the connection properties: {@code user}, {@code password} (the API key), {@code asOf}, …
     */
    Connection connectRemote(String url, String hostAndPort, Properties info) throws SQLException {
        Properties props = new Properties();
        props.putAll(info);
        if (props.getProperty("fetch_size", "0").trim().equals("0")) {
            props.setProperty("fetch_size", DEFAULT_FETCH_SIZE); // 0, as JDBC's fetch size: the driver decides
        }
        checkClientProperties(props);
        props.put("factory", RemoteServiceFactory.class.getName());
        String avatica = "jdbc:avatica:remote:url=http://" + hostAndPort + "/jdbc;serialization=protobuf";
        try {
            Connection connection = super.connect(avatica, props);
            if (connection == null) {
                throw new SQLException("cannot connect to " + url, "08001");
            }
            if (connection instanceof RemoteConnection remote) {
                remote.loggedIn(); // the login timeout bounded the opening only
            }
            return connection;
        } catch (BrokenLinkException e) {
            // no connection has failed: none was made (08001), whereas the same failure later is 08006
            throw cannotConnect(url, hostAndPort, e);
        } catch (AvaticaClientRuntimeException e) {
            throw RemoteFailures.of(e); // the server's refusal (28000, a property refused) without Avatica's wording
        } catch (RuntimeException e) {
            throw cannotConnect(url, hostAndPort, e);
        }
    }

    private static SQLException cannotConnect(String url, String hostAndPort, RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        // 403: the server takes only loopback clients when it has no API keys
        String state = message.contains("HTTP/401") || message.contains("HTTP/403") ? "28000" : "08001";
        return new SQLException("cannot connect to the Hindsight server at " + hostAndPort + " (" + url + "): "
            + rootMessage(e), state, e);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.toLowerCase(Locale.ROOT).contains("refused") ? "connection refused (is it running?)" : message;
    }
}
