package dev.hindsight.remote;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.Properties;
import java.util.TimeZone;

/**
 * A client JVM of its own for {@link RemoteJavaTimeTest}, started with {@code -Duser.timezone=…} and nothing but the
 * thin jar and this class on its class path: the JVM's zone cannot be changed for the client alone inside the test's
 * JVM (the server there reads it too, and Avatica keeps the zone it saw first). Reads, too, times the JVM's zone
 * skips ({@link #SKIPPED}). Prints what it reads, one
 * {@code name value} a line.
 *
 * <p>Arguments: the server's URL, an API key, the {@code ts} of the log's one event (an ISO instant).
 */
final class ZonedClient {

    /**
     * 02:30 on the day New York's clocks went from 02:00 to 03:00, and the day São Paulo's went from midnight to 01:00:
     * times a JVM in those zones has no local time for.
     */
    static final String SKIPPED = "TIMESTAMP '2024-03-10 02:30:00', DATE '2018-11-04'";

    private ZonedClient() {
    }

    @SuppressWarnings("JavaUtilDate") // what getObject answers for a DATE
    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        p.setProperty("password", args[1]);
        Instant ts = Instant.parse(args[2]);
        try (Connection c = DriverManager.getConnection(args[0], p)) {
            System.out.println("zone " + TimeZone.getDefault().getID());
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM events WHERE ts = ?")) {
                ps.setTimestamp(1, Timestamp.from(ts));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    System.out.println("matches " + rs.getLong(1));
                }
            }
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT ts, TIMESTAMP '2026-11-01 10:00:00.123', " + SKIPPED
                     + " FROM events")) {
                rs.next();
                System.out.println("ts " + rs.getTimestamp(1).toInstant());
                System.out.println("literal " + rs.getTimestamp(2).toInstant());
                System.out.println("text " + rs.getString(2));
                System.out.println("spring forward " + rs.getObject(3, LocalDateTime.class) + " "
                    + rs.getObject(3, Instant.class) + " " + rs.getTimestamp(3).toInstant() + " " + rs.getString(3));
                System.out.println("midnight skipped " + rs.getObject(4, LocalDateTime.class) + " "
                    + rs.getObject(4, LocalDate.class) + " " + Instant.ofEpochMilli(rs.getDate(4).getTime()) + " "
                    + Instant.ofEpochMilli(((Date) rs.getObject(4)).getTime()));
            }
        }
    }
}
