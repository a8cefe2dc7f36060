package dev.hindsight.sql;

import dev.hindsight.sql.parser.HindsightParserFactory;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserImplFactory;

/**
 * Internal: the Calcite connection properties every Hindsight SQL session uses, in one place. Public for the embedded
 * engine ({@code dev.hindsight.sql.jdbc}), which opens each connection with them.
 *
 * <p>Identifiers behave as PostgreSQL users expect: unquoted names are case-insensitive, and lower-case tables and
 * columns are reachable as written ({@code SELECT * FROM events}); quoting is with double quotes. Calcite's default
 * (upper-casing unquoted names, matching case-sensitively) would make {@code events} unreachable without quotes.
 * Times are UTC: TIMESTAMP values are zone-less, and JDBC conversions use the connection time zone.
 */
public final class ConnectionSettings {

    /**
     * How Calcite parses a connection's statements ({@code CalcitePrepareImpl.prepare2_}), read from the same
     * {@link #calciteProperties}, for parsing them as it does (the plan cache's {@link LiftedStatement}).
     */
    static final SqlParser.Config PARSER = parserConfig(new CalciteConnectionConfigImpl(calciteProperties()));

    private static SqlParser.Config parserConfig(CalciteConnectionConfig config) {
        return SqlParser.config()
            .withQuoting(config.quoting())
            .withUnquotedCasing(config.unquotedCasing())
            .withQuotedCasing(config.quotedCasing())
            .withCaseSensitive(config.caseSensitive())
            .withConformance(config.conformance())
            .withParserFactory(config.parserFactory(SqlParserImplFactory.class, null));
    }

    private ConnectionSettings() {
    }

    /** The properties, a fresh set for each connection. */
    public static Properties calciteProperties() {
        Properties p = new NamesOnce();
        // named as the enum constants: Avatica upper-cases each name on every parse, and an upper-case name comes
        // back as the same string, hash code already computed (see NamesOnce)
        p.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.name(), "false");
        p.setProperty(CalciteConnectionProperty.UNQUOTED_CASING.name(), "UNCHANGED");
        p.setProperty(CalciteConnectionProperty.QUOTED_CASING.name(), "UNCHANGED");
        p.setProperty(CalciteConnectionProperty.QUOTING.name(), "DOUBLE_QUOTE");
        p.setProperty(CalciteConnectionProperty.TIME_ZONE.name(), "UTC");
        // the dialect (docs/sql.md): PostgreSQL's functions beside the standard's, and a conformance that takes what
        // PostgreSQL takes (% for MOD, GROUP BY an alias or ordinal, NOW()-style parentheses on niladic functions)
        p.setProperty(CalciteConnectionProperty.FUN.name(), "standard,postgresql");
        p.setProperty(CalciteConnectionProperty.CONFORMANCE.name(), "LENIENT");
        p.setProperty(CalciteConnectionProperty.TYPE_SYSTEM.name(), HindsightTypeSystem.class.getName() + "#INSTANCE");
        p.setProperty(CalciteConnectionProperty.PARSER_FACTORY.name(),
            HindsightParserFactory.class.getName() + "#INSTANCE");
        return p;
    }

    /**
     * Properties that list their names once. Avatica reads a connection's time zone on every execution by parsing all
     * of its properties ({@code AvaticaConnection.getTimeZone} → {@code ConnectionConfigImpl.parse}, which starts with
     * {@code stringPropertyNames()}, a fresh copy each time): a quarter of a prepared INSERT's time, measured with
     * JFR. The copy Avatica keeps is a {@code clone()} of these, so of this class; any change forgets the list.
     */
    private static final class NamesOnce extends Properties {
        private static final long serialVersionUID = 1L;
        private transient volatile Set<String> names;

        @Override
        public Set<String> stringPropertyNames() {
            Set<String> n = names;
            if (n == null) {
                n = super.stringPropertyNames();
                names = n;
            }
            return n;
        }

        @Override
        public synchronized Object put(Object key, Object value) {
            names = null;
            return super.put(key, value);
        }

        @Override
        public synchronized void putAll(Map<?, ?> t) {
            names = null;
            super.putAll(t);
        }

        @Override
        public synchronized Object remove(Object key) {
            names = null;
            return super.remove(key);
        }

        @Override
        public synchronized void clear() {
            names = null;
            super.clear();
        }

        @Override
        public synchronized boolean equals(Object o) {
            return super.equals(o);
        }

        @Override
        public synchronized int hashCode() {
            return super.hashCode();
        }
    }
}
