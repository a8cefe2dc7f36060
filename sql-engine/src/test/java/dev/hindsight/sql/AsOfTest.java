package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.Timestamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The three AS OF forms of SPEC §2, their parameters, and session time travel. */
class AsOfTest {

    // seq 1-3 stream a, 4-5 stream b, 6 stream c; ts 10:00 ... 10:05
    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:3", "b:2", "c:1");

    @Test
    void shortFormAsOfTimestamp() throws Exception {
        assertThat(sql.rows("SELECT seq FROM events AS OF TIMESTAMP '2026-11-01 10:01:00'")).containsExactly("1", "2");
        assertThat(sql.rows("SELECT seq FROM events AS OF TIMESTAMP '2026-11-01 10:01:00' AS e WHERE e.seq > 1"))
            .containsExactly("2");
    }

    @Test
    void aPointFinerThanAMillisecondSeesExactlyTheEventsAtOrBeforeIt() throws Exception {
        // SPEC §2: exactly ts <= t; rounded as a literal is elsewhere, 10:00:59.9995 was 10:01:00 and saw seq 2
        // a shape the plan cache holds first (a millisecond point, lifted), then a finer point of the same shape
        assertThat(sql.rows("SELECT seq FROM events AS OF TIMESTAMP '2026-11-01 10:01:00.001'"))
            .containsExactly("1", "2");
        for (int run = 0; run < 2; run++) {
            assertThat(sql.rows("SELECT seq FROM events AS OF TIMESTAMP '2026-11-01 10:00:59.9995'"))
                .containsExactly("1");
            assertThat(sql.rows("SELECT COUNT(*) FROM events FOR SYSTEM_TIME AS OF TIMESTAMP "
                + "'2026-11-01T10:00:59.9999Z'")).containsExactly("1");
            assertThat(sql.rows("SELECT COUNT(*) FROM streams AS OF TIMESTAMP '2026-11-01 11:00:59.9995+01:00'"))
                .containsExactly("1");
        }
        assertThat(sql.rows("SELECT seq FROM events AS OF TIMESTAMP '2026-11-01 10:01:00.0000'"))
            .containsExactly("1", "2");
        sql.update("SET as_of = '2026-11-01 10:00:59.9995'");
        assertThat(sql.rows("SELECT COUNT(*) FROM events")).containsExactly("1");
    }

    @Test
    void asOfSequenceIsAnExactLogPosition() throws Exception {
        assertThat(sql.rows("SELECT seq FROM events AS OF SEQUENCE 4")).containsExactly("1", "2", "3", "4");
        assertThat(sql.rows("SELECT stream_id, version FROM streams AS OF SEQUENCE 4")).containsExactly("a, 3", "b, 1");
        assertThat(sql.plan("SELECT seq FROM events AS OF SEQUENCE 4")).contains("asOfSeq=[4]");
        assertThat(sql.rows("SELECT COUNT(*) FROM events AS OF SEQUENCE 0")).containsExactly("0");
        assertThat(sql.rows("SELECT COUNT(*) FROM events AS OF SEQUENCE 99")).containsExactly("6");
        // a plus sign was taken for a column SEQUENCE plus 4: 0A000, "not a column"
        assertThat(sql.rows("SELECT COUNT(*) FROM events AS OF SEQUENCE +4")).containsExactly("4");
    }

    @Test
    void everyFormTakesAParameter() throws Exception {
        assertThat(sql.rows("SELECT seq FROM events AS OF SEQUENCE ?", 2)).containsExactly("1", "2");
        assertThat(sql.rows("SELECT stream_id FROM streams FOR SYSTEM_TIME AS OF ?",
            Timestamp.valueOf("2026-11-01 10:03:00"))).containsExactly("a", "b");
        assertThat(sql.rows("SELECT COUNT(*) FROM events AS OF TIMESTAMP ?", Timestamp.valueOf("2026-11-01 10:00:00")))
            .containsExactly("1");
    }

    @Test
    void aParameterInsideThePointsExpressionIsATimestamp() throws Exception {
        // Calcite derived the point's type with the ? untyped: an internal error (XX000), over JDBC and HTTP alike
        String fallback = "SELECT COUNT(*) FROM events FOR SYSTEM_TIME AS OF "
            + "COALESCE(?, TIMESTAMP '2026-11-01 10:01:00')";
        assertThat(sql.rows(fallback, (Object) null)).containsExactly("2");
        assertThat(sql.rows(fallback, Timestamp.valueOf("2026-11-01 10:03:00"))).containsExactly("4");
        assertThat(sql.rows("SELECT COUNT(*) FROM events FOR SYSTEM_TIME AS OF CASE WHEN ? > 0 "
            + "THEN TIMESTAMP '2026-11-01 10:00:00' ELSE TIMESTAMP '2026-11-01 10:05:00' END", 1)).containsExactly("1");
        String nullIf = "SELECT COUNT(*) FROM events FOR SYSTEM_TIME AS OF NULLIF(?, ?)";
        assertThat(sql.rows(nullIf, Timestamp.valueOf("2026-11-01 10:02:00"), Timestamp.valueOf("2026-11-01 10:04:00")))
            .containsExactly("3");
    }

    @Test
    void aTableAliasStillWorksAfterTheAsOfForms() throws Exception {
        assertThat(sql.rows("SELECT e.seq FROM events AS e WHERE e.seq = 6")).containsExactly("6");
        assertThat(sql.rows("SELECT now.c - past.c FROM (SELECT COUNT(*) AS c FROM events) AS now, "
            + "(SELECT COUNT(*) AS c FROM events AS OF SEQUENCE 2) AS past")).containsExactly("4");
    }

    @Test
    void setAsOfMakesTheSessionReadThePastUntilReset() throws Exception {
        sql.update("SET as_of = 'seq:3'");
        assertThat(sql.rows("SELECT COUNT(*) FROM events")).containsExactly("3");
        assertThat(sql.rows("SELECT COUNT(*) FROM events AS OF SEQUENCE 5"))
            .as("a query's own AS OF wins over the session's").containsExactly("5");
        assertThatThrownBy(() -> sql.update(InsertTest.COLUMNS + "VALUES ('z', 't', 'x.y', '{}', NULL, 0)"))
            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25006"))
            .hasMessageContaining("RESET as_of to write");
        sql.update("SET as_of = '2026-11-01T10:04:00Z'");
        assertThat(sql.rows("SELECT COUNT(*) FROM events")).containsExactly("5");
        // a time without a zone is UTC, as ts and the HTTP API's asOf read it (it was 22023)
        sql.update("SET as_of = '2026-11-01 10:03:00'");
        assertThat(sql.rows("SELECT COUNT(*) FROM events")).containsExactly("4");
        sql.update("SET as_of = '2026-11-01T10:04:00'");
        assertThat(sql.rows("SELECT COUNT(*) FROM events")).containsExactly("5");
        sql.update("RESET as_of");
        assertThat(sql.rows("SELECT COUNT(*) FROM events")).containsExactly("6");
        assertThat(sql.update(InsertTest.COLUMNS + "VALUES ('z', 't', 'x.y', '{}', NULL, 0)")).isEqualTo(1);
    }

    @Test
    void aSequenceThatIsNoLogPositionIsRefusedNamingIt() throws SQLException {
        // -1 was taken for a column SEQUENCE minus 1 (42703), 1.5 for 1
        for (String n : new String[] {"-1", "1.5", "99999999999999999999"}) {
            assertThatThrownBy(() -> sql.rows("SELECT COUNT(*) FROM events AS OF SEQUENCE " + n))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22023"))
                .hasMessageContaining("AS OF SEQUENCE takes a log position, a whole number of 0 or more, was " + n);
        }
        assertThat(sql.rows("SELECT COUNT(*) FROM events AS OF SEQUENCE 2.0")).containsExactly("2");
    }

    @Test
    void aNullOrNegativePointAsAParameterIsRefusedNotReadAsThePresent() {
        // a NULL point read as no AS OF at all (every row), a negative one as an empty log
        for (String table : new String[] {"events AS OF SEQUENCE ?", "streams AS OF TIMESTAMP ?",
            "events FOR SYSTEM_TIME AS OF CAST(NULL AS TIMESTAMP)"}) {
            Object[] params = table.contains("?") ? new Object[] {null} : new Object[0];
            assertThatThrownBy(() -> sql.rows("SELECT COUNT(*) FROM " + table, params))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22004"))
                .hasMessageContaining("is NULL");
        }
        assertThatThrownBy(() -> sql.rows("SELECT seq FROM events AS OF SEQUENCE ? WHERE stream_id = 'a'", -1L))
            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22023"))
            .hasMessageContaining("was -1");
    }

    @Test
    void aPointThatIsAColumnOrAQueryIsRefusedSayingWhy() {
        // a column was XX000 (an index of -1) or Calcite's plan as the message; a query XX000 (a SqlNodeList)
        for (String query : new String[] {"SELECT seq FROM events FOR SYSTEM_TIME AS OF ts",
            "SELECT o.seq, (SELECT COUNT(*) FROM events FOR SYSTEM_TIME AS OF o.ts) FROM events o",
            "SELECT seq FROM events AS OF SEQUENCE (SELECT 1)",
            "SELECT seq FROM events AS OF TIMESTAMP (SELECT MAX(ts) FROM events)"}) {
            assertThatThrownBy(() -> sql.rows(query))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("0A000"))
                .hasMessageContaining("AS OF takes one point for the whole statement");
        }
    }

    @Test
    void badSessionSettingsAreRefused() {
        assertThatThrownBy(() -> sql.update("SET as_of = 'last tuesday'"))
            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22023"))
            .hasMessageContaining("seq:41250");
        assertThatThrownBy(() -> sql.update("SET colour = 'red'"))
            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22023"))
            .hasMessageContaining("colour");
    }
}
