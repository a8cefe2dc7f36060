package dev.hindsight.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queries through the real thin jar against a real server: plain statements, prepared {@code ?} parameters in a
 * WHERE (a long {@code IN} list too), in {@code AS OF} and in an INSERT, and the product the driver reports.
 */
class RemoteQueryTest {

    @TempDir
    Path dir;
    RemoteServer server;
    Connection connection;

    @BeforeEach
    void start() throws Exception {
        server = RemoteServer.start(dir);
        connection = server.connect(RemoteServer.WRITE_KEY);
        Rows.update(connection,
            Rows.INSERT + "VALUES ('order-1', 'order', 'order.placed', '{\"total\":100}', NULL, 0)");
        Rows.update(connection, Rows.INSERT + "VALUES ('order-1', 'order', 'order.paid', '{}', NULL, 1)");
    }

    @AfterEach
    void stop() throws Exception {
        connection.close();
        server.close();
    }

    @Test
    void aQueryReturnsTheLogsRows() throws Exception {
        assertThat(Rows.of(connection, "SELECT seq, stream_id, version, name FROM events ORDER BY seq"))
            .containsExactly("1, order-1, 1, order.placed", "2, order-1, 2, order.paid");
        assertThat(Rows.of(connection, "SELECT stream_id, version FROM streams")).containsExactly("order-1, 2");
    }

    /** {@code TABLE t} is {@code SELECT * FROM t}; an empty statement is a syntax error (protobuf sent it as null). */
    @Test
    void anExplicitTableAnswersAndAnEmptyStatementIsASyntaxError() throws Exception {
        assertThat(Rows.of(connection, "TABLE streams")).hasSize(1).first().asString().startsWith("order-1, order, 2");
        for (String empty : new String[] {"", " "}) {
            try (Statement st = connection.createStatement()) {
                assertThatThrownBy(() -> st.execute(empty)).as("'%s'", empty).isInstanceOfSatisfying(
                    SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42601"));
            }
            assertThatThrownBy(() -> connection.prepareStatement(empty)).as("'%s' prepared", empty)
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42601"));
        }
    }

    @Test
    void theTimeZonePropertyShiftsTimestampsAsInAvaticasDriver() throws Exception {
        Instant inUtc = recordedAt("UTC");
        Instant inGmtPlus5 = recordedAt("GMT+05:00");

        // the driver reads a TIMESTAMP's wall-clock time in the connection's zone: 5 hours east, 5 hours earlier
        assertThat(Duration.between(inGmtPlus5, inUtc)).isEqualTo(Duration.ofHours(5));
    }

    private Instant recordedAt(String timeZone) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("user", "test");
        properties.setProperty("password", RemoteServer.WRITE_KEY);
        properties.setProperty("timeZone", timeZone);
        try (Connection c = server.connect(properties);
             PreparedStatement ps = c.prepareStatement("SELECT ts FROM events WHERE seq = ?")) {
            ps.setLong(1, 1);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getTimestamp(1).toInstant();
            }
        }
    }

    @Test
    void preparedParametersWorkInWhereAsOfAndInsert() throws Exception {
        try (PreparedStatement ps = connection.prepareStatement("SELECT name FROM events WHERE stream_id = ? "
            + "AND version = ?")) {
            ps.setString(1, "order-1");
            ps.setLong(2, 2);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(Rows.text(rs)).containsExactly("order.paid");
            }
        }
        try (PreparedStatement ps = connection.prepareStatement(
            "SELECT COUNT(*) FROM events AS OF SEQUENCE ?")) {
            ps.setLong(1, 1);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(Rows.text(rs)).containsExactly("1");
            }
        }
        try (PreparedStatement ps = connection.prepareStatement(
            "SELECT COUNT(*) FROM events FOR SYSTEM_TIME AS OF ?")) {
            ps.setTimestamp(1, Timestamp.from(Instant.parse("2000-01-01T00:00:00Z")));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(Rows.text(rs)).as("before the first event").containsExactly("0");
            }
        }
        try (PreparedStatement ps = connection.prepareStatement(
            Rows.INSERT + "VALUES (?, 'order', 'order.shipped', ?, NULL, ?)")) {
            ps.setString(1, "order-1");
            ps.setString(2, "{\"carrier\":\"ups\"}");
            ps.setLong(3, 2);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        assertThat(Rows.of(connection, "SELECT version, JSON_VALUE(data, '$.carrier') FROM events WHERE seq = 3"))
            .containsExactly("3, ups");
    }

    @Test
    void aPreparedInListOfThousandsOfParametersAnswers() throws Exception {
        // what an ORM sends for "find these ids": planned as a union of one-row queries, 2,000 failed (ValueLists)
        int count = 5000;
        try (PreparedStatement ps = connection.prepareStatement("SELECT seq FROM events WHERE stream_id IN ("
            + String.join(", ", Collections.nCopies(count, "?")) + ") ORDER BY seq")) {
            for (int i = 1; i <= count; i++) {
                ps.setString(i, i == 4321 ? "order-1" : "order-x" + i);
            }
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(Rows.text(rs)).containsExactly("1", "2");
            }
        }
    }

    /**
     * ARRAY, MULTISET, MAP and ROW values cannot cross the remote protocol: refused with 0A000 naming the column,
     * whether run or prepared, and the connection goes on (they were XX000, or 08006 for a ROW: the client took its
     * connection for broken). Their elements as rows come through.
     */
    @Test
    void aCollectionOrRowColumnIsRefusedNamingItAndTheConnectionGoesOn() throws Exception {
        String[][] cases = {
            {"SELECT ARRAY_AGG(name) AS names FROM events", "column names is VARCHAR ARRAY"},
            {"SELECT 1 AS one, ARRAY[1, 2] AS a", "column a is INTEGER ARRAY"},
            {"SELECT ROW(1, 'a') AS r", "column r is STRUCT"},
            {"SELECT MAP['k', seq] AS m FROM events", "column m is (CHAR(1), BIGINT) MAP"},
            {"SELECT MULTISET[1] AS ms", "column ms is INTEGER MULTISET"}};
        for (String[] c : cases) {
            try (Statement st = connection.createStatement()) {
                assertThatThrownBy(() -> st.executeQuery(c[0])).as(c[0]).isInstanceOfSatisfying(SQLException.class,
                    e -> {
                        assertThat(e.getMessage()).contains(c[1]).contains("UNNEST");
                        assertThat(e.getSQLState()).isEqualTo("0A000");
                    });
            }
            assertThatThrownBy(() -> connection.prepareStatement(c[0])).as("prepared %s", c[0])
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("0A000"));
        }
        assertThat(Rows.of(connection, "SELECT x FROM UNNEST(ARRAY[3, 4]) AS t(x) ORDER BY x"))
            .containsExactly("3", "4");
        assertThat(connection.isValid(5)).isTrue();
    }

    /** An array bound with setArray reached the server's statement as an object it could not read: XX000. */
    @Test
    void anArrayBoundWithSetArrayIsAnArrayParameterAsEmbedded() throws Exception {
        try (PreparedStatement ps = connection.prepareStatement("SELECT CARDINALITY(?)")) {
            ps.setArray(1, connection.createArrayOf("BIGINT", new Object[] {1L, 2L, 3L}));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(3);
            }
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT CAST(? AS VARCHAR)")) {
            ps.setArray(1, connection.createArrayOf("BIGINT", new Object[] {1L}));
            assertThatThrownBy(ps::executeQuery).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("42804")); // its text was bound, as PostgreSQL refuses
        }
    }

    /** The check for such columns met a statement whose last run had no result (an INSERT, a SET): XX000. */
    @Test
    void aStatementThatRanAnUpdateFailsItsNextQueryWithThatQuerysSqlState() throws Exception {
        for (String first : new String[] {Rows.INSERT + "VALUES ('order-9', 'order', 'a', '{}', NULL, -1)",
            "SET statement_timeout = 0", "SELECT 1"}) {
            try (Statement st = connection.createStatement()) {
                st.execute(first);
                assertThatThrownBy(() -> st.executeQuery("SELECT nosuch FROM events")).as(first)
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42703"));
            }
        }
    }

    @Test
    void theDriverReportsHindsightAndItsVersion() throws Exception {
        assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("Hindsight");
        assertThat(connection.getMetaData().getDatabaseProductVersion()).isNotBlank();
        assertThat(connection.getMetaData().getDriverName()).contains("Hindsight");
        assertThat(ThinDriver.get().acceptsURL("jdbc:hindsight://localhost:7070")).isTrue();
    }
}
