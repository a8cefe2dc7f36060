package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hindsight.testkit.ChildJvm;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * JDBC conformance, java.time (JDBC 4.2): {@code setObject} takes {@code Instant}, {@code OffsetDateTime},
 * {@code LocalDateTime}, {@code LocalDate} for a TIMESTAMP or a DATE, {@code LocalTime} and {@code OffsetTime} for a
 * TIME, and {@code getObject(column, Class)} answers in them and
 * in the usual boxes. {@code ts} is UTC: a {@code LocalDateTime} reads and writes its UTC wall time.
 */
class JdbcJavaTimeTest {

    static final Instant T0 = Instant.ofEpochMilli(SqlFixture.T0); // 2026-11-01T10:00:00Z, event 1

    // events one minute apart from T0
    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:3", "b:2");

    @Test
    void setObjectTakesJavaTimeForATimestamp() throws SQLException {
        Instant twoMinutesIn = T0.plusSeconds(120);
        assertThat(countUpTo(twoMinutesIn)).isEqualTo(3);
        assertThat(countUpTo(twoMinutesIn.atOffset(ZoneOffset.ofHours(2)))).as("another offset, same instant")
            .isEqualTo(3);
        assertThat(countUpTo(LocalDateTime.of(2026, 11, 1, 10, 1))).isEqualTo(2);
        assertThat(countUpTo(LocalDate.of(2026, 11, 1))).as("midnight").isZero();
        try (PreparedStatement ps = sql.connection.prepareStatement(
            "SELECT COUNT(*) FROM events AS OF TIMESTAMP ?")) {
            ps.setObject(1, T0.plusSeconds(60));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(2);
            }
        }
    }

    /**
     * Avatica parsed typed text in the JVM's zone and sent that instant (21:34:05 the day before). In a JVM of its own
     * ({@link ZonedReader}): Calcite keeps the zone it saw first, and a test that changed this JVM's zone before the
     * engine first ran made the tests after it read every time five and a half hours off.
     */
    @Test
    void givenAJvmEastOfUtc_whenTextIsSetAsADateTime_thenItIsTheTimeWritten() throws Exception {
        assertThat(readIn("Asia/Kolkata", "typed ")).containsExactly("typed 2024-01-02 03:04:05, 2024-01-02, 10:00:00");
    }

    /**
     * São Paulo's clocks skipped the midnight of 2018-11-04: Avatica read that DATE through the JVM's zone, so
     * {@code getDate} and {@code getObject} gave 01:00 UTC where the connection's zone is UTC. In a JVM of its own
     * ({@link ZonedReader}): Calcite keeps the zone it saw first, so this JVM's cannot be changed for one test.
     */
    @Test
    void givenAJvmWhoseZoneSkippedAMidnight_whenThatDayIsRead_thenItIsItsUtcMidnight() throws Exception {
        assertThat(readIn("America/Sao_Paulo", "read ")).containsExactly(
            "read 2018-11-04 2018-11-04T00:00:00Z 2018-11-04T00:00:00Z 2018-11-04",
            "read 2024-02-29 2024-02-29T00:00:00Z 2024-02-29T00:00:00Z 2024-02-29");
    }

    /** What {@link ZonedReader} prints in a JVM whose zone is {@code zone}: its lines that start with {@code what}. */
    private static List<String> readIn(String zone, String what) throws Exception {
        Process reader = new ProcessBuilder(ChildJvm.command(ZonedReader.class,
            List.of("-Xmx256m", "-Duser.timezone=" + zone))).redirectErrorStream(true).start();
        String output = new String(reader.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(reader.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> lines = output.lines().filter(l -> l.startsWith(what)).toList();
        assertThat(lines).as(output).isNotEmpty();
        return lines;
    }

    /**
     * Reads and binds times embedded in the JVM's zone (set by its command line) and prints how they came out: two
     * DATEs read ({@code read …}), and text bound as a TIMESTAMP, a DATE and a TIME ({@code typed …}).
     */
    static final class ZonedReader {

        private ZonedReader() {
        }

        @SuppressWarnings("JavaUtilDate") // what getObject answers for a DATE
        public static void main(String[] args) throws Exception {
            try (Connection c = DriverManager.getConnection("jdbc:hindsight:mem:zoned")) {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                        "SELECT DATE '2018-11-04', DATE '2024-02-29' FROM (VALUES (1))")) {
                    rs.next();
                    for (int i = 1; i <= 2; i++) {
                        System.out.println("read " + rs.getObject(i, LocalDate.class) + " "
                            + Instant.ofEpochMilli(rs.getDate(i).getTime()) + " "
                            + Instant.ofEpochMilli(((Date) rs.getObject(i)).getTime()) + " " + rs.getString(i));
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT CAST(CAST(? AS TIMESTAMP) AS VARCHAR), "
                    + "CAST(CAST(? AS DATE) AS VARCHAR), CAST(CAST(? AS TIME) AS VARCHAR)")) {
                    ps.setObject(1, "2024-01-02 03:04:05", Types.TIMESTAMP);
                    ps.setObject(2, "2024-01-02", Types.DATE);
                    ps.setObject(3, "10:00:00", Types.TIME);
                    try (ResultSet rs = ps.executeQuery()) {
                        System.out.println("typed " + String.join("\n", SqlFixture.text(rs)));
                    }
                }
            }
        }
    }

    @Test
    @SuppressWarnings("JavaUtilDate") // what a caller may still bind
    void aJavaUtilDateSetWithoutATypeIsItsInstantWhateverTheParameter() throws SQLException {
        // it went as its milliseconds where no timestamp was asked for: a name of 1704164645678
        Date date = new Date(Instant.parse("2024-01-02T03:04:05.678Z").toEpochMilli());
        assertThat(sql.rows("SELECT CAST(? AS VARCHAR), CAST(? AS TIMESTAMP) = TIMESTAMP '2024-01-02 03:04:05.678'",
            date, date)).containsExactly("2024-01-02 03:04:05.678, true");
    }

    @Test
    void getObjectAnswersInTheClassAskedFor() throws SQLException {
        try (PreparedStatement ps = sql.connection.prepareStatement(
                 "SELECT ts, seq, version, event_id, CAST(1.50 AS DECIMAL(5, 2)), CAST(NULL AS TIMESTAMP) "
                     + "FROM events WHERE seq = 2");
             ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            Instant ts = T0.plusSeconds(60);
            assertThat(rs.getObject(1, Instant.class)).isEqualTo(ts);
            assertThat(rs.getObject("ts", OffsetDateTime.class)).isEqualTo(ts.atOffset(ZoneOffset.UTC));
            assertThat(rs.getObject(1, LocalDateTime.class)).isEqualTo(LocalDateTime.of(2026, 11, 1, 10, 1));
            assertThat(rs.getObject(1, LocalDate.class)).isEqualTo(LocalDate.of(2026, 11, 1));
            assertThat(rs.getObject(1, Timestamp.class)).isEqualTo(rs.getTimestamp(1));
            assertThat(rs.getObject(2, Long.class)).isEqualTo(2L);
            assertThat(rs.getObject(3, Integer.class)).isEqualTo(2);
            assertThat(rs.getObject(3, String.class)).isEqualTo("2");
            assertThat(rs.getObject(4, UUID.class)).isEqualTo(UUID.fromString(rs.getString(4)));
            assertThat(rs.getObject(5, BigDecimal.class)).isEqualByComparingTo("1.50");
            assertThat(rs.getObject(6, Instant.class)).isNull();
            assertThat(rs.getObject(6, LocalDateTime.class)).isNull();
        }
    }

    @Test
    void aUuidParameterTakesAUuidOrItsTextAsPostgresReadsIt() throws SQLException {
        // text bound stayed text, unequal to every UUID: CAST(event_id AS UUID) = ? found nothing
        String id = sql.rows("SELECT event_id FROM events WHERE seq = 2").get(0);
        String braced = "{" + id.replace("-", "") + "}";
        for (Object value : List.of(UUID.fromString(id), id, id.toUpperCase(Locale.ROOT), braced)) {
            assertThat(sql.rows("SELECT seq FROM events WHERE CAST(event_id AS UUID) = ?", value)).as("%s", value)
                .containsExactly("2");
        }
        for (String bad : new String[] {"zz", id + "0", id.substring(1), "-" + id.replace("-", ""), id + "-",
            " " + id, "1-2-3-4-5"}) {
            assertThat(sql.refusal("SELECT CAST(? AS UUID)", bad).getSQLState()).as(bad).isEqualTo("22018");
            // the same text cast: Java's UUID.fromString took '1-2-3-4-5' for a UUID, a blank for an internal error
            assertThat(sql.refusal("SELECT CAST('" + bad + "' AS UUID)").getSQLState()).as(bad).isEqualTo("22018");
            assertThat(sql.refusal("SELECT CAST(CAST(? AS VARCHAR) AS UUID)", bad).getSQLState()).as(bad)
                .isEqualTo("22018");
        }
        assertThat(sql.rows("SELECT CAST('" + braced + "' AS UUID) = CAST(? AS UUID)", id)).containsExactly("true");
        assertThat(sql.refusal("SELECT CAST(? AS UUID)", 5).getSQLState()).isEqualTo("42804");
        assertThat(sql.refusal("SELECT CAST('zz' AS UUID)").getSQLState()).as("text cast, XX000 before")
            .isEqualTo("22018");
        assertThat(sql.rows("SELECT CAST(CAST(? AS UUID) AS VARCHAR), CAST(CAST(event_id AS UUID) AS VARCHAR(8)) "
            + "FROM events WHERE seq = 2", id)).as("its text; the parameter's did not compile, XX000")
            .containsExactly(id + ", " + id.substring(0, 8));
    }

    /** As PostgreSQL's driver binds it: a date. Bound as its midnight, its text was 2024-02-29 00:00:00. */
    @Test
    void aLocalDateBoundToTextIsItsDaysTextAndToATimestampItsMidnight() throws SQLException {
        try (PreparedStatement ps = sql.connection.prepareStatement(
            "SELECT CAST(? AS VARCHAR), '{\"at\":\"' || ? || '\"}', CAST(? AS TIMESTAMP) FROM (VALUES 1)")) {
            for (int i = 1; i <= 3; i++) {
                ps.setObject(i, LocalDate.of(2024, 2, 29));
            }
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("2024-02-29");
                assertThat(rs.getString(2)).isEqualTo("{\"at\":\"2024-02-29\"}");
                assertThat(rs.getObject(3, LocalDateTime.class)).isEqualTo(LocalDateTime.of(2024, 2, 29, 0, 0));
            }
        }
        assertThat(countUpTo(LocalDate.of(2026, 11, 1))).as("midnight, in a WHERE").isZero();
        assertThat(countUpTo(LocalDate.of(2026, 11, 2))).isPositive()
            .isEqualTo(countUpTo(LocalDateTime.of(2026, 11, 2, 0, 0)));
    }

    @Test
    void aLocalDateIsADateAndALocalTimeATimeBothWays() throws SQLException {
        try (PreparedStatement ps = sql.connection.prepareStatement(
            "SELECT CAST(? AS DATE), CAST(? AS TIME(3)), CAST(? AS TIME), CAST(? AS DATE), CAST('24:00' AS TIME)")) {
            ps.setObject(1, LocalDate.of(2026, 11, 1));
            ps.setObject(2, LocalTime.of(10, 0, 0, 500_000_000));
            ps.setObject(3, OffsetTime.of(23, 59, 59, 0, ZoneOffset.ofHours(5)), Types.TIME);
            ps.setObject(4, LocalDateTime.of(2026, 11, 1, 23, 30), Types.DATE);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("2026-11-01");
                assertThat(rs.getObject(1, LocalDate.class)).isEqualTo(LocalDate.of(2026, 11, 1));
                assertThat(rs.getObject(2, LocalTime.class)).isEqualTo(LocalTime.of(10, 0, 0, 500_000_000));
                assertThat(rs.getObject(3, LocalTime.class)).as("the time it reads, as PostgreSQL's time")
                    .isEqualTo(LocalTime.of(23, 59, 59));
                assertThat(rs.getObject(4, LocalDate.class)).isEqualTo(LocalDate.of(2026, 11, 1));
                assertThat(rs.getObject(5, LocalTime.class)).as("24:00, which no LocalTime is")
                    .isEqualTo(LocalTime.MAX);
                assertThat(catchThrowableOfType(SQLException.class, () -> rs.getObject(1, LocalTime.class))
                    .getSQLState()).as("a DATE has no time of day").isEqualTo("07006");
            }
        }
    }

    /**
     * A day before 1582-10-15, where java.sql's calendar is Julian and java.time's Gregorian, is the day written,
     * both ways: read through the Timestamp's milliseconds, 1500-03-01 was 1500-03-11 as a LocalDateTime (and in
     * the HTTP API's JSON, which reads an Instant), and a LocalDateTime bound was ten days off.
     */
    @Test
    void aDayBeforeTheGregorianCalendarIsTheDayWrittenBothWays() throws SQLException {
        try (PreparedStatement ps = sql.connection.prepareStatement("SELECT TIMESTAMP '1500-03-01 10:20:30.125', "
            + "DATE '1500-03-01', CAST(CAST(? AS TIMESTAMP(3)) AS VARCHAR), CAST(CAST(? AS DATE) AS VARCHAR), "
            + "TIMESTAMP '1582-10-15 00:00:00', CAST(? AS TIMESTAMP)")) {
            LocalDateTime old = LocalDateTime.of(1500, 3, 1, 10, 20, 30, 125_000_000);
            ps.setObject(1, old);
            ps.setObject(2, LocalDate.of(1500, 3, 1));
            ps.setObject(3, Instant.parse("0001-01-01T00:00:00Z"));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getObject(1, LocalDateTime.class)).isEqualTo(old);
                assertThat(rs.getObject(1, Instant.class)).isEqualTo(old.toInstant(ZoneOffset.UTC));
                assertThat(rs.getObject(2, LocalDate.class)).isEqualTo(LocalDate.of(1500, 3, 1));
                assertThat(rs.getString(3)).isEqualTo("1500-03-01 10:20:30.125");
                assertThat(rs.getString(4)).isEqualTo("1500-03-01");
                assertThat(rs.getObject(5, LocalDate.class)).isEqualTo(LocalDate.of(1582, 10, 15));
                assertThat(rs.getObject(6, Instant.class)).isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
                assertThat(rs.getString(6)).isEqualTo("0001-01-01 00:00:00.000");
            }
            // days no java.sql.Timestamp shows or no TIMESTAMP holds: refused, not stored as another (10-10 was 10-20,
            // year 0 was 1, 10000 was 0) nor thrown unchecked (Instant.MAX)
            for (Object unsendable : List.of(LocalDate.of(1582, 10, 10), LocalDateTime.of(0, 6, 1, 0, 0),
                LocalDateTime.of(10_000, 1, 1, 0, 0), Instant.MAX)) {
                assertThat(catchThrowableOfType(SQLException.class, () -> ps.setObject(1, unsendable)).getSQLState())
                    .as("%s", unsendable).isEqualTo("22008");
            }
        }
    }

    private long countUpTo(Object point) throws SQLException {
        try (PreparedStatement ps = sql.connection.prepareStatement("SELECT COUNT(*) FROM events WHERE ts <= ?")) {
            ps.setObject(1, point);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

}
