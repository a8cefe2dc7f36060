package dev.hindsight.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.File;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.JDBCType;
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
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * java.time and UUID over the wire, as embedded (SPEC §4): {@code getObject(i, Class)} answers in JDBC 4.2's classes,
 * {@code setObject} takes java.time values (UTC) and a UUID with or without a target type, and timestamps are UTC
 * whatever the client JVM's zone unless the connection's {@code timeZone} says otherwise.
 */
class RemoteJavaTimeTest {

    private static final Instant AT = Instant.parse("2026-11-01T10:00:00.123Z");
    private static final String LITERAL = "TIMESTAMP '2026-11-01 10:00:00.123'";

    @TempDir
    Path dir;
    RemoteServer server;
    Connection connection;

    @BeforeEach
    void start() throws Exception {
        server = RemoteServer.start(dir);
        connection = server.connect(RemoteServer.WRITE_KEY);
        Rows.update(connection, Rows.INSERT + "VALUES ('s', 't', 'x.y', '{}', NULL, 0)");
    }

    @AfterEach
    void stop() throws Exception {
        connection.close();
        server.close();
    }

    @Test
    void getObjectAnswersInJavaTimeTheBoxedTypesStringAndUuid() throws Exception {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + LITERAL + " AS t, seq, event_id, CAST(NULL AS TIMESTAMP) "
                 + "AS nothing, CAST(1.5 AS DECIMAL(3, 1)) AS d FROM events")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject(1, Instant.class)).isEqualTo(AT);
            assertThat(rs.getObject("t", OffsetDateTime.class)).isEqualTo(AT.atOffset(ZoneOffset.UTC));
            assertThat(rs.getObject(1, ZonedDateTime.class)).isEqualTo(AT.atZone(ZoneOffset.UTC));
            assertThat(rs.getObject(1, LocalDateTime.class)).isEqualTo(LocalDateTime.parse("2026-11-01T10:00:00.123"));
            assertThat(rs.getObject(1, LocalDate.class)).isEqualTo(LocalDate.parse("2026-11-01"));
            assertThat(rs.getObject(1, Timestamp.class).toInstant()).isEqualTo(AT);
            assertThat(rs.getObject(1, String.class)).isEqualTo("2026-11-01 10:00:00.123");
            assertThat(rs.getObject(2, Long.class)).isEqualTo(1L);
            assertThat(rs.getObject("seq", Integer.class)).isEqualTo(1);
            String id = rs.getObject(3, String.class);
            assertThat(rs.getObject("event_id", UUID.class)).isEqualTo(UUID.fromString(id));
            assertThat(rs.getObject(4, Instant.class)).isNull();
            assertThat(rs.getObject(4, String.class)).isNull();
            assertThat(rs.getObject(5, BigDecimal.class)).isEqualByComparingTo("1.5");
            assertThat(Rows.failure(() -> rs.getObject(2, List.class)).getSQLState()).isEqualTo("07006");
        }
    }

    /**
     * A day before 1582-10-15 (java.sql's calendar Julian, java.time's and the engine's Gregorian) is the day written,
     * read and bound, as embedded: Avatica's server wrote java.sql's milliseconds and its client read them as ISO
     * ones, so 1500-03-01 came back as 1500-03-11 from getString and 1500-03-21 as a LocalDateTime.
     */
    @Test
    void aDayBeforeTheGregorianCalendarIsTheDayWritten() throws Exception {
        LocalDateTime old = LocalDateTime.of(1500, 3, 1, 10, 20, 30, 125_000_000);
        try (PreparedStatement ps = connection.prepareStatement("SELECT TIMESTAMP '1500-03-01 10:20:30.125', "
            + "DATE '1500-03-01', CAST(CAST(? AS TIMESTAMP(3)) AS VARCHAR), CAST(? AS DATE), DATE '1582-10-15' "
            + "FROM events")) {
            ps.setObject(1, old);
            ps.setObject(2, LocalDate.of(1000, 1, 1), Types.DATE);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("1500-03-01 10:20:30.125");
                assertThat(rs.getObject(1, LocalDateTime.class)).isEqualTo(old);
                assertThat(rs.getObject(1, Instant.class)).isEqualTo(old.toInstant(ZoneOffset.UTC));
                assertThat(rs.getString(2)).isEqualTo("1500-03-01");
                assertThat(rs.getObject(2, LocalDate.class)).isEqualTo(LocalDate.of(1500, 3, 1));
                assertThat(rs.getString(3)).isEqualTo("1500-03-01 10:20:30.125");
                assertThat(rs.getObject(4, LocalDate.class)).isEqualTo(LocalDate.of(1000, 1, 1));
                assertThat(rs.getString(5)).isEqualTo("1582-10-15");
            }
        }
        try (Statement st = connection.createStatement()) {
            st.setFetchSize(1); // the rows after the first come in fetched frames, which Avatica writes otherwise
            try (ResultSet rs = st.executeQuery("SELECT TIMESTAMP '1500-03-01 10:20:30.125' + x * INTERVAL '1' DAY, "
                + "DATE '1500-03-01' + x FROM (VALUES (0), (1), (2)) t(x) ORDER BY x")) {
                for (int day = 0; day < 3; day++) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getObject(1, LocalDateTime.class)).as("row %d", day).isEqualTo(old.plusDays(day));
                    assertThat(rs.getObject(2, LocalDate.class)).isEqualTo(LocalDate.of(1500, 3, 1 + day));
                }
            }
        }
    }

    @Test
    void setObjectTakesJavaTimeAndUuidWithAndWithoutATargetType() throws Exception {
        Instant ts;
        UUID id;
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT ts, event_id FROM events")) {
            assertThat(rs.next()).isTrue();
            ts = rs.getObject(1, Instant.class);
            id = rs.getObject(2, UUID.class);
        }
        List<Object> sameInstant = List.of(ts, ts.atOffset(ZoneOffset.ofHours(2)), ts.atZone(ZoneId.of("Asia/Tokyo")),
            LocalDateTime.ofInstant(ts, ZoneOffset.UTC));
        try (PreparedStatement ps = connection.prepareStatement(
            "SELECT COUNT(*) FROM events WHERE ts = ? AND event_id = ?")) {
            for (Object time : sameInstant) {
                ps.setObject(1, time);
                ps.setObject(2, id);
                assertThat(count(ps)).as("%s", time).isEqualTo(1);
                ps.setObject(1, time, Types.TIMESTAMP);
                ps.setObject(2, id, Types.OTHER);
                assertThat(count(ps)).as("%s as TIMESTAMP", time).isEqualTo(1);
                ps.setObject(1, time, JDBCType.TIMESTAMP);
                ps.setObject(2, id, Types.VARCHAR, 36);
                assertThat(count(ps)).as("%s as JDBCType.TIMESTAMP", time).isEqualTo(1);
            }
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT COUNT(*) FROM events WHERE ts >= ?")) {
            LocalDate day = ts.atOffset(ZoneOffset.UTC).toLocalDate();
            ps.setObject(1, day);
            assertThat(count(ps)).as("from that day's midnight").isEqualTo(1);
            ps.setObject(1, day.plusDays(1), Types.TIMESTAMP);
            assertThat(count(ps)).as("from the next day's").isZero();
        }
    }

    @Test
    void aUuidParameterTakesAUuidOrItsTextAndAUuidColumnReadsBack() throws Exception {
        // the parameter stayed text, unequal to every UUID (no row found); a UUID column was XX000 over the wire
        String id;
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT event_id, CAST(event_id AS UUID) FROM events")) {
            assertThat(rs.next()).isTrue();
            id = rs.getString(1);
            assertThat(rs.getObject(2, UUID.class)).isEqualTo(UUID.fromString(id));
            assertThat(rs.getString(2)).isEqualTo(id);
            // as embedded: the text it travels as was what getObject answered, and its class named Object
            assertThat(rs.getObject(2)).isEqualTo(UUID.fromString(id));
            assertThat(rs.getMetaData().getColumnClassName(2)).isEqualTo("java.util.UUID");
        }
        try (PreparedStatement ps = connection.prepareStatement(
            "SELECT COUNT(*) FROM events WHERE CAST(event_id AS UUID) = ?")) {
            String braced = "{" + id.replace("-", "").toUpperCase(Locale.ROOT) + "}";
            for (Object value : List.of(UUID.fromString(id), id, braced)) {
                ps.setObject(1, value);
                assertThat(count(ps)).as("%s", value).isEqualTo(1);
            }
            ps.setString(1, "zz");
            assertThat(catchThrowableOfType(SQLException.class, () -> count(ps)).getSQLState()).isEqualTo("22018");
        }
    }

    @Test
    void aLocalDateIsADateAndALocalTimeATimeBothWaysAndTextOrATimestampBindsToEither() throws Exception {
        try (PreparedStatement ps = connection.prepareStatement(
            "SELECT CAST(? AS DATE), CAST(? AS TIME(3)), CAST(? AS DATE), CAST(? AS TIME(3)) FROM events")) {
            ps.setObject(1, LocalDate.of(2026, 11, 1));
            ps.setObject(2, LocalTime.of(10, 0, 0, 123_000_000), Types.TIME);
            ps.setString(3, "2026-11-01T23:30:00Z");
            ps.setTimestamp(4, Timestamp.from(AT), Calendar.getInstance(TimeZone.getTimeZone(ZoneOffset.UTC)));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getObject(1, LocalDate.class)).isEqualTo(LocalDate.of(2026, 11, 1));
                assertThat(rs.getObject(2, LocalTime.class)).isEqualTo(LocalTime.of(10, 0, 0, 123_000_000));
                assertThat(rs.getString(3)).isEqualTo("2026-11-01");
                assertThat(rs.getObject(4, LocalTime.class)).as("the timestamp's UTC time")
                    .isEqualTo(LocalTime.of(10, 0, 0, 123_000_000));
            }
            ps.setString(1, "2026-02-30");
            assertThat(Rows.failure(ps::executeQuery).getSQLState()).isEqualTo("22008");
            ps.setLong(1, 5);
            assertThat(Rows.failure(ps::executeQuery).getSQLState()).isEqualTo("42804");
        }
    }

    /** As embedded and PostgreSQL's driver: a date. Bound as its midnight, its text was 2024-02-29 00:00:00. */
    @Test
    void aLocalDateBoundToTextIsItsDaysTextAndToATimestampItsMidnight() throws Exception {
        try (PreparedStatement ps = connection.prepareStatement(
            "SELECT CAST(? AS VARCHAR), CAST(? AS TIMESTAMP), CAST(? AS DATE) FROM (VALUES 1)")) {
            for (int i = 1; i <= 3; i++) {
                ps.setObject(i, LocalDate.of(2024, 2, 29));
            }
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("2024-02-29");
                assertThat(rs.getObject(2, LocalDateTime.class)).isEqualTo(LocalDateTime.of(2024, 2, 29, 0, 0));
                assertThat(rs.getObject(3, LocalDate.class)).isEqualTo(LocalDate.of(2024, 2, 29));
            }
        }
    }

    @Test
    void aValueThatCannotBeSentIsRefusedWhenSetWithItsSqlState() throws Exception {
        try (PreparedStatement ps = connection.prepareStatement("SELECT COUNT(*) FROM events WHERE stream_id = ?")) {
            assertThat(Rows.failure(() -> ps.setObject(1, Optional.of("s"))).getSQLState()).isEqualTo("0A000");
            assertThat(Rows.failure(() -> ps.setObject(1, Optional.of("s"), Types.OTHER)).getSQLState())
                .isEqualTo("0A000");
            assertThat(Rows.failure(() -> ps.setObject(1, Optional.of("s"), Types.TIMESTAMP)).getSQLState())
                .isEqualTo("0A000");
            ps.setObject(1, "s", Types.TIMESTAMP);
            assertThat(count(ps)).as("text set as a timestamp is read as the same text set without a type")
                .isEqualTo(1);
            ps.setObject(1, "s", Types.OTHER);
            assertThat(count(ps)).isEqualTo(1);
        }
    }

    /**
     * Tokyo has no daylight saving; New York skips 02:00–03:00 on 2024-03-10 and São Paulo skipped the midnight of
     * 2018-11-04: Avatica read such a time through the JVM's zone, an hour late (03:30, and 01:00 for the day, with
     * {@code getDate} and {@code getObject} too, where the connection's zone is UTC).
     */
    @ParameterizedTest
    @ValueSource(strings = {"Asia/Tokyo", "America/New_York", "America/Sao_Paulo"})
    void timestampsAreUtcWhateverTheClientJvmsZone(String zone) throws Exception {
        Instant ts;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT ts FROM events")) {
            assertThat(rs.next()).isTrue();
            ts = rs.getObject(1, Instant.class);
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path classes = Path.of(ZonedClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Process client = new ProcessBuilder(java.toString(), "-Duser.timezone=" + zone, "-cp",
            ThinDriver.jar() + File.pathSeparator + classes, ZonedClient.class.getName(), server.url(),
            RemoteServer.READ_KEY, ts.toString()).redirectErrorStream(true).start();
        String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(client.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output.lines().toList()).as(output).containsExactly("zone " + zone,
            "matches 1", // setTimestamp arrives as the UTC time
            "ts " + ts, "literal " + AT, "text 2026-11-01 10:00:00.123",
            "spring forward 2024-03-10T02:30 2024-03-10T02:30:00Z 2024-03-10T02:30:00Z 2024-03-10 02:30:00",
            "midnight skipped 2018-11-04T00:00 2018-11-04 2018-11-04T00:00:00Z 2018-11-04T00:00:00Z");
    }

    /** Text with no offset is read in the connection's zone too, as a TIMESTAMP of its fields is. */
    @Test
    void theTimeZonePropertyIsTheZoneTimestampsAreReadIn() throws Exception {
        Properties tokyo = new Properties();
        tokyo.setProperty("password", RemoteServer.READ_KEY);
        tokyo.setProperty("timeZone", "Asia/Tokyo");
        try (Connection local = server.connect(tokyo); Statement st = local.createStatement();
             ResultSet rs = st.executeQuery("VALUES (" + LITERAL + ", '2026-11-01 10:00:00.123')")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getTimestamp(1).toInstant()).as("10:00 in Tokyo").isEqualTo(AT.minusSeconds(9 * 3600));
            assertThat(rs.getObject(1, Instant.class)).as("java.time: UTC always").isEqualTo(AT);
            assertThat(rs.getTimestamp(2)).as("text, in the connection's zone").isEqualTo(rs.getTimestamp(1));
        }
    }

    private static long count(PreparedStatement ps) throws Exception {
        try (ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }
}
