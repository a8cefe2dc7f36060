package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code INSERT} as a guarded append, and the SQLStates of SPEC §2, seen by a JDBC client end to end. */
class InsertTest {

    static final String COLUMNS =
        "INSERT INTO events (stream_id, entity_type, name, data, metadata, expected_version) ";

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:2");

    private void assertSqlState(String statement, String sqlState, String... messageParts) {
        assertThatThrownBy(() -> sql.update(statement))
            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(sqlState))
            .hasMessageContainingAll(messageParts);
    }

    @Test
    void insertAppendsWithTheGuardAndTheServerAssignsTheRest() throws Exception {
        int n = sql.update(COLUMNS + "VALUES ('order-1', 'order', 'order.placed', '{\"total\":100}', NULL, 0)");

        assertThat(n).isEqualTo(1);
        assertThat(sql.rows("SELECT seq, stream_id, entity_type, version, name, schema_version, source, data, "
            + "metadata, expected_version FROM events WHERE stream_id = 'order-1'"))
            .containsExactly("3, order-1, order, 1, order.placed, 1, sql, {\"total\":100}, null, null");
    }

    @Test
    void aNumberWithAFractionIntoAnIntegerColumnIsRoundedAsInPostgreSqlNotTruncated() throws Exception {
        sql.update("INSERT INTO events (stream_id, entity_type, name, data, schema_version) VALUES "
            + "('r', 't', 'x.y', '{}', 1.5), ('r', 't', 'x.y', '{}', 2.49), "
            + "('r', 't', 'x.y', '{}', CAST(2.5 AS DOUBLE))");

        assertThat(sql.rows("SELECT schema_version FROM events WHERE stream_id = 'r' ORDER BY seq"))
            .containsExactly("2", "2", "2");
    }

    @Test
    void multiRowInsertIsOneAtomicAppendWithGuardsSeeingEarlierRows() throws Exception {
        int n = sql.update(COLUMNS + "VALUES ('b', 't', 'x.y', '{}', NULL, 0), ('a', 'thing', 'x.y', '{}', NULL, 2), "
            + "('b', 't', 'x.z', '{}', '{\"k\":1}', 1)");

        assertThat(n).isEqualTo(3);
        assertThat(sql.rows("SELECT seq, stream_id, version FROM events WHERE seq > 2"))
            .containsExactly("3, b, 1", "4, a, 3", "5, b, 2");
    }

    @Test
    void aStaleGuardInAnyRowFailsTheWholeStatementWith40001() throws Exception {
        assertSqlState(COLUMNS + "VALUES ('b', 't', 'x.y', '{}', NULL, 0), ('a', 'thing', 'x.y', '{}', NULL, 1)",
            "40001", "version conflict", "'a'", "expected version 1", "actual version 2");
        assertThat(sql.rows("SELECT COUNT(*) FROM events")).containsExactly("2");
    }

    @Test
    void aGuardWithAFractionIs42804NotRoundedIntoAnotherGuard() throws Exception {
        // rounded, -0.6 was -1, no guard at all, and 0.4 was 0, "no stream": a typo changed what the append required
        for (String guard : List.of("-0.6", "0.4", "1.5", "CAST(2 AS DOUBLE)", "CAST(2.4 AS DECIMAL(3, 1))")) {
            assertSqlState(COLUMNS + "VALUES ('a', 't', 'x.y', '{}', NULL, " + guard + ")", "42804",
                "column expected_version takes a whole number");
        }
        assertSqlState(COLUMNS + "VALUES ('a', 't', 'x.y', '{}', NULL, 2), ('a', 't', 'x.y', '{}', NULL, 3.5)",
            "42804", "expected_version");
        assertThat(sql.rows("SELECT COUNT(*) FROM events")).as("nothing written").containsExactly("2");
        sql.update(COLUMNS + "VALUES ('a', 'thing', 'x.y', '{}', NULL, CAST(2.4 AS BIGINT))");
        assertThat(sql.rows("SELECT MAX(version) FROM events WHERE stream_id = 'a'")).as("a cast rounds, as asked")
            .containsExactly("3");
    }

    @Test
    void badJsonIs22023AndWritesNothing() throws Exception {
        assertSqlState(COLUMNS + "VALUES ('b', 't', 'x.y', '{\"a\":}', NULL, -1)", "22023", "data", "JSON object");
        assertSqlState(COLUMNS + "VALUES ('b', 't', 'x.y', '{}', '[1]', -1)", "22023", "metadata");
        // a key given twice, as the HTTP API and import refuse it: an export of the log must import again
        // in the words the HTTP API and import use (they said Jackson's "Duplicate field 'a'")
        assertSqlState(COLUMNS + "VALUES ('b', 't', 'x.y', '{\"a\":1,\"a\":2}', NULL, -1)", "22023",
            "field data.a is given twice (event #0) at line 1, column", "each key may appear once in an object");
        assertSqlState(COLUMNS + "VALUES ('b', 't', 'x.y', '{}', '{\"m\":{\"k\":1,\"\\u006b\":2}}', -1)", "22023",
            "field metadata.m.k is given twice");
        // no feature of the JSON parser named, which no client can turn on
        assertThatThrownBy(() -> sql.update(COLUMNS + "VALUES ('b', 't', 'x.y', '{\"a\":NaN}', NULL, -1)"))
            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22023"))
            .hasMessageContaining("Non-standard token 'NaN' at line 1").hasMessageNotContaining("Feature");
        assertThat(sql.rows("SELECT COUNT(*) FROM events")).containsExactly("2");
    }

    @Test
    void aNullStreamNameOrDataIs23502AsInPostgresAndWritesNothing() throws Exception {
        assertSqlState(COLUMNS + "VALUES (NULL, 't', 'x.y', '{}', NULL, -1)", "23502", "stream_id");
        assertSqlState(COLUMNS + "VALUES ('b', 't', 'x.y', NULL, NULL, -1)", "23502",
            "null value in column \"data\" of relation \"events\" violates not-null constraint");
        try (PreparedStatement insert = sql.connection.prepareStatement(
                COLUMNS + "VALUES ('b', 't', ?, '{}', NULL, -1)")) {
            insert.setString(1, null);
            assertThatThrownBy(insert::executeUpdate).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("23502")).hasMessageContaining("column \"name\"");
        }
        assertThat(sql.rows("SELECT COUNT(*) FROM events")).containsExactly("2");
    }

    /**
     * A schema_version beyond an INTEGER is 22003 on every path (the prepared statement's fast path wrapped it round:
     * 4294967298 was stored as 2), and an explicit NULL there 23502 in every spelling (CAST(NULL AS INTEGER) and a
     * NULL parameter were stored as 1, the NULL literal refused); left out or DEFAULT, it is 1.
     */
    @Test
    void aSchemaVersionBeyondAnIntegerIs22003AndANullOne23502OnEveryPath() throws Exception {
        String insert = "INSERT INTO events (stream_id, entity_type, name, data, schema_version) VALUES ";
        for (String version : List.of("4294967298", "-4294967295", "3000000000")) {
            try (PreparedStatement ps = sql.connection.prepareStatement(insert + "(?, 't', 'n', '{}', " + version
                + ")")) {
                ps.setString(1, "v");
                assertThatThrownBy(ps::executeUpdate).as(version).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("22003"));
            }
            assertSqlState(insert + "('v', 't', 'n', '{}', " + version + ")", "22003", version);
        }
        assertSqlState(insert + "('v', 't', 'n', '{}', CAST(NULL AS INTEGER))", "23502", "schema_version");
        // the NULL literal in PostgreSQL's words too: Calcite's said the column "has no default value"
        assertSqlState(insert + "('v', 't', 'n', '{}', NULL)", "23502",
            "null value in column \"schema_version\" of relation \"events\" violates not-null constraint (leave");
        try (PreparedStatement ps = sql.connection.prepareStatement(insert + "('v', 't', 'n', '{}', ?)")) {
            ps.setNull(1, Types.INTEGER);
            assertThatThrownBy(ps::executeUpdate).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("23502")).hasMessageContaining("schema_version");
        }
        assertThat(sql.rows("SELECT COUNT(*) FROM events")).as("nothing written").containsExactly("2");
        try (PreparedStatement ps = sql.connection.prepareStatement(
            "INSERT INTO events (stream_id, entity_type, name, data) VALUES (?, 't', 'n', '{}')")) {
            ps.setString(1, "left-out");
            ps.executeUpdate();
        }
        sql.update(insert + "('default', 't', 'n', '{}', DEFAULT)");
        sql.update(insert + "('text', 't', 'n', '{}', '5')"); // text is cast, as PostgreSQL's unknown literal
        assertThat(sql.rows("SELECT stream_id, schema_version FROM events WHERE seq > 2 ORDER BY seq"))
            .containsExactly("left-out, 1", "default, 1", "text, 5");
        assertSqlState(insert + "('v', 't', 'n', '{}', TRUE)", "42804", "schema_version");
    }

    @Test
    void badJsonInTheSecondRowNamesTheSecondRow() throws Exception {
        assertSqlState(COLUMNS + "VALUES ('b', 't', 'x.y', '{}', NULL, -1), ('c', 't', 'x.y', '{\"a\":tru}', NULL, -1)",
            "22023", "event #1");
        assertSqlState(COLUMNS + "VALUES ('b', 't', 'x.y', '{}', NULL, -1), ('b', 't', 'x.z', '{\"a\":tru}', NULL, -1)",
            "22023", "event #1");
        assertThat(sql.rows("SELECT COUNT(*) FROM events")).containsExactly("2");
    }

    @Test
    void anUpsertIsRefusedWith0A000AndWritesNothing() throws Exception {
        // Calcite's grammar takes it, and it appended as an INSERT: a second event where a replaced one was meant
        assertSqlState("UPSERT INTO events (stream_id, entity_type, name, data) VALUES ('a', 't', 'x.y', '{}')",
            "0A000", "UPSERT", "append-only");
        assertThat(sql.rows("SELECT COUNT(*) FROM events")).containsExactly("2");
    }

    @Test
    void updateAndDeleteAreRefusedWith42501() throws Exception {
        assertSqlState("UPDATE events SET name = 'x' WHERE seq = 1", "42501", "append-only");
        assertSqlState("DELETE FROM events WHERE seq = 1", "42501", "append-only");
        assertThat(sql.rows("SELECT name FROM events WHERE seq = 1")).containsExactly("thing.odd");
        // a table that is not there is PostgreSQL's 42P01, as a query of it (a probe by a write read "append-only")
        assertSqlState("UPDATE nope SET a = 1", "42P01", "relation \"nope\" does not exist");
        assertSqlState("DELETE FROM sys.nope", "42P01", "sys.nope");
    }

    @Test
    void serverAssignedColumnsAreRefused() throws Exception {
        assertSqlState("INSERT INTO events (seq, stream_id, entity_type, name, data) VALUES (9, 'b', 't', 'x.y', '{}')",
            "428C9", "seq is assigned by the server");
        assertSqlState("INSERT INTO events VALUES (9, 'b', 't', 1, 'x.y', 1, 'id', TIMESTAMP '2026-01-01 00:00:00', "
            + "'sql', '{}', NULL, NULL)", "428C9", "must name its columns");
    }

    @Test
    void unknownColumnsAndMissingOnesAre42xxxAsTheSpecSays() throws Exception {
        assertThatThrownBy(() -> sql.update("INSERT INTO events (stream_id, entity_type, name, data, colour) "
            + "VALUES ('b', 't', 'x.y', '{}', 'red')"))
            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).startsWith("42"))
            .hasMessageContaining("colour");
        // a required column left out: SPEC §2's 42xxx (a NULL written for one stays PostgreSQL's 23502)
        assertThatThrownBy(() -> sql.update("INSERT INTO events (stream_id, entity_type, name) VALUES ('b', 't', 'x')"))
            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42601"))
            .hasMessageContaining("missing the required column data");
        // fewer values than columns: PostgreSQL's syntax_error (it was 42000)
        assertSqlState("INSERT INTO events (stream_id, entity_type, name, data) VALUES ('b', 't', 'x')", "42601",
            "does not equal number of source items");
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE stream_id = 'b'")).containsExactly("0");
        assertThatThrownBy(() -> sql.rows("SELEC 1"))
            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42601"));
    }

    @Test
    void preparedInsertTakesParameters() throws Exception {
        try (PreparedStatement ps = sql.connection.prepareStatement(COLUMNS + "VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < 3; i++) {
                ps.setString(1, "p");
                ps.setString(2, "thing");
                ps.setString(3, "p.happened");
                ps.setString(4, "{\"i\":" + i + "}");
                ps.setString(5, null);
                ps.setLong(6, i);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            ps.setLong(6, 1);
            assertThatThrownBy(ps::executeUpdate).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("40001"));
        }
        assertThat(sql.rows("SELECT version, data FROM events WHERE stream_id = ?", "p"))
            .containsExactly("1, {\"i\":0}", "2, {\"i\":1}", "3, {\"i\":2}");
    }

    @Test
    void insertSelectCopiesAtomically() throws Exception {
        int n = sql.update("INSERT INTO events (stream_id, entity_type, name, data, metadata) "
            + "SELECT 'copy-' || stream_id, entity_type, name, data, metadata FROM events WHERE stream_id = 'a'");
        assertThat(n).isEqualTo(2);
        assertThat(sql.rows("SELECT version, name FROM events WHERE stream_id = 'copy-a'"))
            .containsExactly("1, thing.odd", "2, thing.even");
    }

    @Test
    void givenBytes_whenInsertedIntoATextColumn_thenRefusedWith42804AndNothingWritten() throws Exception {
        // their hex digits were written: stream "41" for X'41', text the client never wrote (PostgreSQL: 42804)
        for (String values : List.of("(X'41', 'order', 'n', '{}')", "('b', 'order', 'n', X'7B7D')")) {
            assertThatThrownBy(() -> sql.update("INSERT INTO events (stream_id, entity_type, name, data) VALUES "
                + values)).as(values).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("42804")).hasMessageContaining("not bytes");
        }
        try (PreparedStatement insert = sql.connection.prepareStatement(
                "INSERT INTO events (stream_id, entity_type, name, data) VALUES ('b', 'order', 'n', ?)")) {
            insert.setBytes(1, "{\"b\":1}".getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(insert::executeUpdate).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("42804")).hasMessageContaining("parameter 1", "byte[]");
        }
        assertThat(sql.rows("SELECT COUNT(*) FROM events")).containsExactly("2");
    }

    @Test
    void aPreparedQueryReExecutedSeesWritesMadeInBetween() throws Exception {
        try (PreparedStatement count = sql.connection.prepareStatement("SELECT COUNT(*) FROM events")) {
            try (var rs = count.executeQuery()) {
                assertThat(SqlFixture.text(rs)).containsExactly("2");
            }
            sql.update(COLUMNS + "VALUES ('w', 't', 'x.y', '{}', NULL, 0)");
            try (var rs = count.executeQuery()) {
                assertThat(SqlFixture.text(rs)).containsExactly("3");
            }
        }
    }

    @Test
    void writesAreVisibleToTheNextStatementOnAnotherConnection() throws Exception {
        try (Connection other = SqlFixture.connect(sql.url(), new Properties())) {
            sql.update(COLUMNS + "VALUES ('v', 't', 'x.y', '{}', NULL, 0)");
            try (var rs = other.createStatement().executeQuery("SELECT COUNT(*) FROM events WHERE stream_id = 'v'")) {
                assertThat(SqlFixture.text(rs)).containsExactly("1");
            }
        }
    }

    @Test
    void anAsOfSessionReadsThePastAndRefusesWritesWith25006() throws Exception {
        Properties props = new Properties();
        props.setProperty("asOf", "seq:1");
        try (Connection past = SqlFixture.connect(sql.url(), props)) {
            try (var rs = past.createStatement().executeQuery("SELECT seq FROM events")) {
                assertThat(SqlFixture.text(rs)).containsExactly("1");
            }
            try (var rs = past.createStatement().executeQuery("SELECT stream_id, version FROM streams")) {
                assertThat(SqlFixture.text(rs)).containsExactly("a, 1");
            }
            assertThatThrownBy(() -> past.createStatement().executeUpdate(COLUMNS
                + "VALUES ('v', 't', 'x.y', '{}', NULL, 0)"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25006"));
            // RESET returns to the connection's own point, as PostgreSQL's returns to a connection's starting value
            past.createStatement().execute("SET as_of = 'seq:2'");
            past.createStatement().execute("RESET as_of");
            try (var rs = past.createStatement().executeQuery("SELECT COUNT(*) FROM events")) {
                assertThat(SqlFixture.text(rs)).containsExactly("1");
            }
            assertThatThrownBy(() -> past.createStatement().executeUpdate(COLUMNS
                + "VALUES ('v', 't', 'x.y', '{}', NULL, 0)"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25006"))
                .as("RESET as_of, which it advised, did not help").hasMessageContaining("without asOf");
        }
        props.setProperty("asOf", "2026-11-01T10:00:30Z");
        try (Connection past = SqlFixture.connect(sql.url(), props);
             var rs = past.createStatement().executeQuery("SELECT COUNT(*) FROM events")) {
            assertThat(SqlFixture.text(rs)).containsExactly("1");
        }
        props.setProperty("asOf", "yesterday");
        assertThatThrownBy(() -> SqlFixture.connect(sql.url(), props))
            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22023"))
            .hasMessageContaining("seq:41250");
    }
}
