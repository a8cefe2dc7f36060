package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PostgreSQL's spellings of the session settings: {@code SET name TO value}, {@code SET name = DEFAULT},
 * {@code RESET ALL}, {@code SHOW name} and {@code SHOW ALL} (42601 before), and {@code sys.settings} they read.
 */
class SessionSettingsTest {

    // seq 1-3 stream a, 4-5 stream b
    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:3", "b:2");

    @Test
    void givenSetToAPoint_whenTheSessionReads_thenItReadsThatPointAndShowSaysWhich() throws Exception {
        assertThat(sql.rows("SHOW as_of")).as("the present").containsExactly("");
        sql.update("SET as_of TO 'seq:2'");
        assertThat(sql.rows("SELECT COUNT(*) FROM events")).containsExactly("2");
        assertThat(sql.rows("SHOW as_of")).containsExactly("seq:2");
        sql.update("SET as_of TO '2026-11-01 10:03:00'");
        assertThat(sql.rows("SELECT COUNT(*) FROM events")).containsExactly("4");
        assertThat(sql.rows("SHOW AS_OF;")).as("the instant, as SET takes it back")
            .containsExactly("2026-11-01T10:03:00Z");
    }

    @Test
    void givenAPoint_whenSetToDefault_thenTheSessionReadsThePresentAgain() throws Exception {
        for (String reset : new String[] {"SET as_of = DEFAULT", "SET as_of TO DEFAULT", "RESET ALL"}) {
            sql.update("SET as_of = 'seq:1'");
            assertThat(sql.rows("SELECT COUNT(*) FROM events")).containsExactly("1");
            sql.update(reset);
            assertThat(sql.rows("SELECT COUNT(*) FROM events")).as(reset).containsExactly("5");
            assertThat(sql.rows("SHOW as_of")).as(reset).containsExactly("");
        }
    }

    @Test
    void showAllListsEverySettingAsSetTakesItBack() throws Exception {
        sql.update("SET statement_timeout TO '2min'");
        sql.update("SET query_timeout = 1500");
        sql.update("SET as_of = 'seq:4'");
        assertThat(sql.rows("SHOW ALL")).hasSize(3).satisfiesExactly(
            row -> assertThat(row).startsWith("as_of, seq:4, "),
            row -> assertThat(row).startsWith("query_timeout, 1500ms, "),
            row -> assertThat(row).startsWith("statement_timeout, 2min, "));
        assertThat(sql.rows("SELECT setting FROM sys.settings WHERE name = 'statement_timeout'"))
            .containsExactly("2min");
        sql.update("RESET ALL");
        // but the thin driver's query_timeout, which it sends only when setQueryTimeout changes
        assertThat(sql.rows("SELECT name, setting FROM sys.settings ORDER BY name"))
            .containsExactly("as_of, ", "query_timeout, 1500ms", "statement_timeout, 0");
    }

    @Test
    void showNamesItsColumnAfterTheSetting() throws Exception {
        sql.update("SET statement_timeout TO 3600000");
        try (var st = sql.connection.createStatement();
             var rs = st.executeQuery("/* a comment first */ SHOW /* and */ statement_timeout -- after")) {
            assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("statement_timeout");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("1h");
        }
    }

    @Test
    void anUnknownSettingIs22023NamingItWhetherShownSetOrReset() {
        for (String statement : new String[] {"SHOW colour", "SET colour TO 'red'", "RESET colour"}) {
            assertThatThrownBy(() -> sql.update(statement)).as(statement)
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22023"))
                .hasMessageContaining("'colour'").hasMessageContaining("as_of, query_timeout, statement_timeout");
        }
        assertThatThrownBy(() -> sql.rows("SHOW -- nothing")).isInstanceOfSatisfying(SQLException.class,
            e -> assertThat(e.getSQLState()).isEqualTo("42601"));
    }
}
