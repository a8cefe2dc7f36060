package dev.hindsight.sql;

import java.util.Properties;

/**
 * The Calcite connection properties every Hindsight SQL session uses, in one place.
 *
 * <p>Identifiers behave as PostgreSQL users expect: unquoted names are case-insensitive, and lower-case tables and
 * columns are reachable as written ({@code SELECT * FROM events}); quoting is with double quotes. Calcite's default
 * (upper-casing unquoted names, matching case-sensitively) would make {@code events} unreachable without quotes.
 * Times are UTC: TIMESTAMP values are zone-less, and JDBC conversions use the connection time zone.
 */
final class ConnectionSettings {

    private ConnectionSettings() {
    }

    static Properties calciteProperties() {
        Properties p = new Properties();
        p.setProperty("caseSensitive", "false");
        p.setProperty("unquotedCasing", "UNCHANGED");
        p.setProperty("quotedCasing", "UNCHANGED");
        p.setProperty("quoting", "DOUBLE_QUOTE");
        p.setProperty("timeZone", "UTC");
        p.setProperty("fun", "standard");
        p.setProperty("parserFactory", HindsightParserFactory.class.getName() + "#INSTANCE");
        p.setProperty("metaColumnFactory", PlainTypeNameColumnFactory.class.getName() + "#INSTANCE");
        return p;
    }
}
