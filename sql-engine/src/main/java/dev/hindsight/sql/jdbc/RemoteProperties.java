package dev.hindsight.sql.jdbc;

import dev.hindsight.log.Durability;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;

/**
 * The connection properties a remote client may send, and what the server makes of them. A remote connection runs
 * inside the server, so everything that configures the engine ({@code model}, {@code schemaFactory}, {@code fun},
 * {@code parserFactory}, {@code access}, {@code planCacheSize}, {@code fastPath}, …) is the server's to choose: a
 * client naming any property outside the allow-list is refused with 08001 naming it, before anything is opened.
 */
final class RemoteProperties {

    static final String REFUSED = "08001";
    /**
     * What a client may send: credentials, time travel, its statements' time limit (as PostgreSQL's clients may set
     * {@code statement_timeout}), and the log's durability if it says what the server uses.
     */
    static final Set<String> ALLOWED = Set.of("user", "password", "asOf", "statementTimeout", "durability");

    private RemoteProperties() {
    }

    /**
     * The properties of the embedded connection behind a remote one: the server's own {@code engine} properties, the
     * client's {@code asOf}, {@code statementTimeout} and {@code user} (what {@code CURRENT_USER} answers, free text
     * as the client's {@code getUserName()}), and {@code access} from the identity.
     *
     * @throws AvaticaRuntimeException 08001 naming a property the client may not set, or a durability that is not
     *                                 the server's
     */
    static Properties session(Map<String, String> given, Properties engine, Access access) {
        Properties session = new Properties();
        session.putAll(engine);
        for (Map.Entry<String, String> e : new HashMap<>(given).entrySet()) {
            String name = e.getKey();
            if (!ALLOWED.contains(name)) {
                throw refused("connection property " + name + " cannot be set by a remote client (the server "
                    + "chooses it); allowed: user, password, asOf, statementTimeout, durability, and the driver's "
                    + "own fetch_size and timeZone");
            }
            if (name.equals("durability")) {
                String server = engine.getProperty("durability", "process");
                try {
                    Durability.named(e.getValue().trim());
                } catch (IllegalArgumentException notALevel) {
                    throw refused("connection property durability " + notALevel.getMessage());
                }
                if (!server.equalsIgnoreCase(e.getValue().trim())) {
                    throw refused("connection property durability=" + e.getValue() + " differs from the server's log, "
                        + "opened with durability " + server.toLowerCase(Locale.ROOT) + " (serve --durability)");
                }
            } else if (name.equals("asOf") || name.equals("statementTimeout") || name.equals("user")) {
                session.setProperty(name, e.getValue()); // a client's statementTimeout replaces the server's
            }
        }
        session.setProperty(Access.PROPERTY, access.label());
        return session;
    }

    private static AvaticaRuntimeException refused(String message) {
        return new AvaticaRuntimeException(message, 0, REFUSED, AvaticaSeverity.ERROR);
    }
}
