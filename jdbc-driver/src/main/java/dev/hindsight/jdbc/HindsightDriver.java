package dev.hindsight.jdbc;

import dev.hindsight.jdbc.spi.EmbeddedEngine;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The {@code jdbc:hindsight:} driver, registered through {@code java.sql.Driver} service loading (no
 * {@code Class.forName} needed).
 *
 * <table>
 *   <caption>URLs</caption>
 *   <tr><td>{@code jdbc:hindsight:file:<dir>}</td><td>embedded: opens (or creates) the log in {@code <dir>}</td></tr>
 *   <tr><td>{@code jdbc:hindsight:mem:}</td><td>embedded: a fresh private log in memory</td></tr>
 *   <tr><td>{@code jdbc:hindsight://<host>:<port>[?name=value&…]}</td><td>remote: a thin client of the server at
 *   that address ({@code user}/{@code password}: the API key; properties may also be given in the URL's query)</td>
 *   </tr>
 * </table>
 *
 * <p>Thread-safe. Connections are not: use one per thread, as JDBC expects.
 */
public final class HindsightDriver implements Driver {

    /** Every URL this driver accepts starts with this. */
    public static final String PREFIX = "jdbc:hindsight:";
    static final int MAJOR = DriverInfo.part(0);
    static final int MINOR = DriverInfo.part(1);

    static {
        try {
            DriverManager.registerDriver(new HindsightDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null; // JDBC: another driver's URL
        }
        String target = url.substring(PREFIX.length());
        String shown = shown(url); // in messages, which tools show and log: never the password
        Properties props = new Properties();
        if (info != null) {
            props.putAll(info);
        }
        if (target.startsWith("file:") || target.startsWith("mem:")) {
            // properties in the query as remotely (jdbc:hindsight:file:./data?asOf=seq:100): the whole text was taken
            // for the directory, and a directory named "data?asOf=seq:100" made
            int query = target.indexOf('?');
            if (query >= 0) {
                urlProperties(shown, target.substring(query + 1), props);
                target = target.substring(0, query);
            }
            return embeddedEngine(shown).connect(target, props);
        }
        if (target.startsWith("//")) {
            String hostAndPort = target.substring(2);
            int query = hostAndPort.indexOf('?');
            if (query >= 0) {
                urlProperties(shown, hostAndPort.substring(query + 1), props);
                hostAndPort = hostAndPort.substring(0, query);
            }
            if (hostAndPort.endsWith("/")) {
                hostAndPort = hostAndPort.substring(0, hostAndPort.length() - 1);
            }
            if (hostAndPort.contains("@")) { // user:key@host: not taken, and never quoted
                throw new SQLException("bad URL '" + shown + "': no user information before the host; give the API "
                    + "key as the password property", "08001");
            }
            if (hostAndPort.isEmpty() || hostAndPort.contains("/") || hostAndPort.contains(";")) {
                throw new SQLException("bad URL '" + shown + "': expected jdbc:hindsight://<host>:<port>", "08001");
            }
            int colon = hostAndPort.lastIndexOf(':');
            String port = colon > hostAndPort.lastIndexOf(']') ? hostAndPort.substring(colon + 1) : null; // [::1]:70
            if (port != null && !(port.matches("[0-9]{1,5}") && Integer.parseInt(port) >= 1
                && Integer.parseInt(port) <= 65535)) {
                throw new SQLException("bad URL '" + shown + "': the port '" + port + "' is not a number from 1 to "
                    + "65535", "08001");
            }
            return Remote.DRIVER.connectRemote(shown, hostAndPort, props);
        }
        throw new SQLException("bad URL '" + shown + "': expected jdbc:hindsight:file:<dir>, jdbc:hindsight:mem: or "
            + "jdbc:hindsight://<host>:<port>", "08001");
    }

    /**
     * The properties of a remote URL's query, {@code ?asOf=seq:5&statementTimeout=30s}, as PostgreSQL's driver takes
     * them: percent-decoded (UTF-8), each over the same property given to {@code connect}. {@code url} is the URL as
     * messages show it ({@link #shown}).
     */
    private static void urlProperties(String url, String query, Properties props) throws SQLException {
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                // not quoted beside a password: it may be the rest of a key that holds an &
                boolean secret = query.toLowerCase(Locale.ROOT).contains("password");
                throw new SQLException("bad URL '" + url + "': " + (secret ? "a part of its query" : "'" + pair + "'")
                    + " is not name=value (e.g. "
                    + "jdbc:hindsight://localhost:7070?asOf=seq:100 or jdbc:hindsight:file:./data?asOf=seq:100)",
                    "08001");
            }
            try {
                props.setProperty(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) { // Java's words quote the text, a password's too
                throw new SQLException("bad URL '" + url + "': a % not followed by two hex digits in its query (write "
                    + "a % itself as %25)", "08001");
            }
        }
    }

    /** A password's value in a URL, after {@code ?}, {@code &} or {@code ;}, up to the next of them. */
    private static final Pattern PASSWORD = Pattern.compile("(?i)([?&;][^=?&;]*password=)[^;]*");
    /** User information before the host, {@code //user:secret@host}. */
    private static final Pattern USER_INFO = Pattern.compile("//([^/?;@]*)@");

    /**
     * {@code url} as messages quote it: the value of a {@code password} (the API key) as {@code ***}, to the end of
     * the query, since a key may hold an {@code &} (the rest would be shown as a pair of its own), and user
     * information before the host too. JDBC tools show and log a driver's messages.
     */
    static String shown(String url) {
        String masked = PASSWORD.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(masked).replaceFirst("//***@");
    }

    /** Holds the remote driver, created on first remote use: embedded use never loads Avatica's client. */
    private static final class Remote {
        static final RemoteDriver DRIVER = new RemoteDriver();
    }

    private static EmbeddedEngine embeddedEngine(String url) throws SQLException {
        Iterator<EmbeddedEngine> engines = ServiceLoader.load(EmbeddedEngine.class,
            HindsightDriver.class.getClassLoader()).iterator();
        if (!engines.hasNext()) {
            throw new SQLException("no embedded Hindsight engine on the class path for " + url
                + " (the thin driver jar is for jdbc:hindsight://host:port; embedded use needs hindsight-sql-engine)",
                "08001");
        }
        return engines.next();
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        DriverPropertyInfo user = property("user", info, "free text, what CURRENT_USER answers");
        DriverPropertyInfo password = new DriverPropertyInfo("password", null); // never echoed
        password.description = "the API key (remote): its role (read, write, admin) limits what the connection may do";
        DriverPropertyInfo asOf = property("asOf", info, "read every table as of an ISO-8601 instant "
            + "(2026-11-01T10:00:00Z) or a log position (seq:41250); such a session is read-only");
        DriverPropertyInfo timeout = property("statementTimeout", info, "stop a statement that runs longer "
            + "(milliseconds, or 30s, 2min; 0: no limit) with SQLState 57014, as PostgreSQL's statement_timeout; "
            + "default: the server's");
        DriverPropertyInfo durability = property("durability", info, "process (the default) or fsync: an INSERT "
            + "returns once its events are on disk; remotely, only the server's own level is accepted");
        durability.choices = new String[] {"process", "fsync"};
        if (url == null || !url.startsWith(PREFIX + "//")) {
            DriverPropertyInfo planCache = property("planCacheSize", info, "how many ad-hoc query shapes the "
                + "connection keeps planned (default 256, 0 for none)");
            return new DriverPropertyInfo[] {user, password, asOf, timeout, durability, planCache};
        }
        // the thin driver's own, read on the client: a tool that builds its form from this list showed neither
        DriverPropertyInfo fetchSize = property("fetch_size", info, "rows per frame, one HTTP request each (0 or "
            + "unset: 5000); Statement.setFetchSize changes it per statement");
        DriverPropertyInfo zone = property("timeZone", info, "the zone getTimestamp/setTimestamp, getDate and getTime "
            + "read and write in (an IANA name; default UTC); java.time values are UTC always");
        return new DriverPropertyInfo[] {user, password, asOf, timeout, durability, fetchSize, zone};
    }

    /** Property {@code name} with its value in {@code info} (if any) and {@code description}. */
    private static DriverPropertyInfo property(String name, Properties info, String description) {
        DriverPropertyInfo p = new DriverPropertyInfo(name, info == null ? null : info.getProperty(name));
        p.description = description;
        return p;
    }

    @Override
    public int getMajorVersion() {
        return MAJOR;
    }

    @Override
    public int getMinorVersion() {
        return MINOR;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("java.util.logging is not used", "0A000");
    }
}
