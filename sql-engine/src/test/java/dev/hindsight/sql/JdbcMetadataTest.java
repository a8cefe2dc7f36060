package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * JDBC conformance, metadata: {@code ResultSetMetaData} and {@code DatabaseMetaData} answer as PostgreSQL's driver
 * would, and agree with each other (a type {@code getTables} returns is one {@code getTableTypes} lists).
 */
class JdbcMetadataTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:1");
    DatabaseMetaData md;

    @BeforeEach
    void seed() throws SQLException {
        md = sql.connection.getMetaData();
    }

    @Test
    void givenTheEmptyLiteral_whenSelected_thenItIsACharOfNoLengthAndReadsAsEmptyText() throws SQLException {
        // its size was reported unbounded, and Avatica padded its text to 2^31 - 1 spaces: OutOfMemoryError
        try (Statement st = sql.connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT '', UPPER(''), CAST('x' AS CHAR(3))")) {
            assertThat(List.of(rs.getMetaData().getPrecision(1), rs.getMetaData().getPrecision(3)))
                .containsExactly(0, 3);
            assertThat(rs.next()).isTrue();
            assertThat(List.of(rs.getString(1), rs.getString(2), rs.getString(3))).containsExactly("", "", "x  ");
        }
    }

    @Test
    void resultColumnsHaveJdbcSizes() throws SQLException {
        try (Statement st = sql.connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT data, ts, seq, CAST('x' AS VARCHAR(7)), stream_id, event_id, "
                 + "source, UPPER(stream_id) FROM events")) {
            ResultSetMetaData m = rs.getMetaData();
            assertThat(List.of(m.getPrecision(1), m.getColumnDisplaySize(1))).as("unbounded VARCHAR")
                .containsExactly(Integer.MAX_VALUE, Integer.MAX_VALUE);
            assertThat(List.of(m.getPrecision(2), m.getColumnDisplaySize(2))).as("TIMESTAMP(3): digits of the "
                + "fraction (Avatica formats with as many), the text's length").containsExactly(3, 23);
            assertThat(m.getScale(2)).as("TIMESTAMP(3)'s scale: its fraction digits, as DECIMAL_DIGITS").isEqualTo(3);
            assertThat(List.of(m.getPrecision(3), m.getColumnDisplaySize(3))).as("BIGINT").containsExactly(19, 20);
            assertThat(List.of(m.getPrecision(4), m.getColumnDisplaySize(4))).as("VARCHAR(7)").containsExactly(7, 7);
            assertThat(List.of(m.getPrecision(5), m.getPrecision(6), m.getPrecision(7))).as("the log's bounds")
                .containsExactly(256, 36, 6);
            assertThat(m.getColumnDisplaySize(5)).isEqualTo(256);
            assertThat(m.getPrecision(8)).as("an expression of a bounded column: text").isEqualTo(Integer.MAX_VALUE);
            // JDBC's "" where a column has no table, schema or catalog, as PostgreSQL's driver answers (was null)
            assertThat(List.of(m.getTableName(8), m.getSchemaName(8), m.getCatalogName(8), m.getCatalogName(1)))
                .containsOnly("");
            assertThat(List.of(m.getTableName(1), m.getSchemaName(1))).containsExactly("events", "public");
            // as PostgreSQL's driver: Calcite's said no column could be in a WHERE, and every one case-sensitive and
            // signed, a TIMESTAMP too
            assertThat(List.of(m.isSearchable(1), m.isSearchable(2), m.isSearchable(3))).containsOnly(true);
            assertThat(List.of(m.isCaseSensitive(1), m.isCaseSensitive(2), m.isCaseSensitive(3)))
                .containsExactly(true, false, false);
            assertThat(List.of(m.isSigned(1), m.isSigned(2), m.isSigned(3))).containsExactly(false, false, true);
        }
    }

    @Test
    void columnsHaveSizesDigitsAndAutoIncrement() throws SQLException {
        List<String> rows = new ArrayList<>();
        for (String table : List.of("events", "streams")) {
            try (ResultSet rs = md.getColumns(null, "public", table, "%")) {
                while (rs.next()) {
                    rows.add(table + "." + rs.getString("COLUMN_NAME") + " " + rs.getString("COLUMN_SIZE") + " "
                        + rs.getString("DECIMAL_DIGITS") + " " + rs.getString("IS_AUTOINCREMENT"));
                    // a text column's size in CHAR_OCTET_LENGTH, as PostgreSQL's driver; none for others (was -1, 3)
                    assertThat(rs.getString("CHAR_OCTET_LENGTH")).as(rs.getString("COLUMN_NAME")).isEqualTo(
                        rs.getInt("DATA_TYPE") == Types.VARCHAR ? rs.getString("COLUMN_SIZE") : null);
                }
            }
        }
        assertThat(rows).contains("events.seq 19 0 YES", "events.stream_id 256 null NO",
            "events.entity_type 256 null NO", "events.name 256 null NO", "events.event_id 36 null NO",
            "events.source 6 null NO", "events.data 2147483647 null NO", "events.ts 23 3 NO", "events.version 19 0 NO",
            "streams.stream_id 256 null NO", "streams.entity_type 256 null NO");
        // and a result's metadata says the same of seq as it is (it said false), not of an expression of it
        try (PreparedStatement ps = sql.connection.prepareStatement("SELECT seq, version, seq + 1 FROM events")) {
            ResultSetMetaData m = ps.getMetaData();
            assertThat(List.of(m.isAutoIncrement(1), m.isAutoIncrement(2), m.isAutoIncrement(3)))
                .containsExactly(true, false, false);
        }
    }

    @Test
    void givenAProjectionOfAnInterval_whenItsColumnsAreListed_thenTheTypeNameIsResultSetMetaDatasWhole()
            throws SQLException {
        // all from the first '(' on was cut: INTERVAL DAY(2) TO SECOND(3) was named INTERVAL DAY
        sql.update("CREATE PROJECTION spans AS SELECT name, MAX(ts) - MIN(ts) AS span, MAX(ts) AS last_ts FROM events "
            + "GROUP BY name");
        List<String> names = new ArrayList<>();
        try (ResultSet rs = md.getColumns(null, "public", "spans", "%")) {
            while (rs.next()) {
                names.add(rs.getString("COLUMN_NAME") + " " + rs.getString("TYPE_NAME"));
            }
        }
        try (PreparedStatement ps = sql.connection.prepareStatement("SELECT span, last_ts FROM spans")) {
            assertThat(names).containsExactly("name VARCHAR", "span " + ps.getMetaData().getColumnTypeName(1),
                "last_ts " + ps.getMetaData().getColumnTypeName(2));
        }
        assertThat(names).contains("span INTERVAL_DAY_TO_SECOND");
    }

    @Test
    void givenAParameterLongerThanABoundedColumn_whenCompared_thenItIsNotCutToTheBound() throws SQLException {
        String id = "s".repeat(256);
        sql.update("INSERT INTO events (stream_id, entity_type, name, data) VALUES ('" + id + "', 'o', 'n', '{}')");
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE stream_id = ?", id + "x")).containsExactly("0");
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE stream_id IN (?, 'z')", id + "x")).containsExactly("0");
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE stream_id = ?", id)).containsExactly("1");
        SQLException longer = catchThrowableOfType(SQLException.class, () -> sql.update("INSERT INTO events "
            + "(stream_id, entity_type, name, data) SELECT CONCAT(stream_id, 'x'), entity_type, name, data "
            + "FROM events WHERE stream_id = '" + id + "'"));
        assertThat((Throwable) longer).as("the log refuses it: not cut to 256").isNotNull();
        assertThat(longer.getMessage()).contains("at most 256 characters, was 257");
    }

    @Test
    void thereAreNoCatalogsAndTheAnswersSaySo() throws SQLException {
        try (ResultSet rs = md.getCatalogs()) {
            assertThat(rs.next()).isFalse();
        }
        assertThat(List.of(md.supportsCatalogsInDataManipulation(), md.supportsCatalogsInTableDefinitions(),
            md.supportsCatalogsInIndexDefinitions(), md.supportsCatalogsInPrivilegeDefinitions(),
            md.supportsCatalogsInProcedureCalls())).containsOnly(false);
    }

    @Test
    void everyTableTypeOfGetTablesIsListedByGetTableTypes() throws SQLException {
        Set<String> listed = new HashSet<>();
        try (ResultSet rs = md.getTableTypes()) {
            while (rs.next()) {
                listed.add(rs.getString("TABLE_TYPE"));
            }
        }
        Set<String> used = new HashSet<>();
        try (ResultSet rs = md.getTables(null, null, "%", null)) {
            while (rs.next()) {
                used.add(rs.getString("TABLE_TYPE"));
            }
        }
        assertThat(used).contains("TABLE");
        assertThat(listed).containsAll(used);
    }

    @Test
    void functionsListNothingInternal() throws SQLException {
        try (ResultSet rs = md.getFunctions(null, null, "%")) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString("FUNCTION_NAME"));
            }
            assertThat(names).noneMatch(n -> n.toUpperCase(Locale.ROOT).startsWith("HINDSIGHT_"));
        }
    }

    @Test
    void identifiersAreAnsweredAsPostgresFoldsThem() throws SQLException {
        assertThat(md.storesLowerCaseIdentifiers()).isTrue();
        assertThat(List.of(md.storesMixedCaseIdentifiers(), md.storesUpperCaseIdentifiers(),
            md.supportsMixedCaseIdentifiers())).containsOnly(false);
        assertThat(md.getIdentifierQuoteString()).isEqualTo("\"");
    }

    @Test
    void theConnectionDescribesItselfAsAToolAsksIt() throws SQLException {
        Connection c = sql.connection;
        assertThat(md.getURL()).startsWith("jdbc:hindsight:file:");
        assertThat(md.getUserName()).isEqualTo("sa"); // no user property: Calcite's
        Properties asBi = new Properties();
        asBi.setProperty("user", "bi");
        try (Connection bi = DriverManager.getConnection(md.getURL(), asBi)) {
            assertThat(bi.getMetaData().getUserName()).isEqualTo("bi");
            try (Statement st = bi.createStatement();
                 ResultSet rs = st.executeQuery("SELECT CURRENT_USER, SESSION_USER, USER")) {
                assertThat(SqlFixture.text(rs)).as("Calcite answered sa whatever the property")
                    .containsExactly("bi, bi, bi");
            }
        }
        assertThat(md.supportsTransactions()).isTrue();
        assertThat(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_READ_COMMITTED)).isTrue();
        assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
        assertThat(List.of(md.dataDefinitionCausesTransactionCommit(), md.dataDefinitionIgnoredInTransactions(),
            md.supportsDataDefinitionAndDataManipulationTransactions(), md.supportsDataManipulationTransactionsOnly()))
            .as("DDL runs at once, outside the transaction").containsExactly(false, false, false, true);
        assertThat(md.isReadOnly()).isFalse();
        assertThat(c.getTypeMap()).isEmpty();
        assertThat(List.of(md.deletesAreDetected(ResultSet.TYPE_FORWARD_ONLY),
            md.insertsAreDetected(ResultSet.TYPE_FORWARD_ONLY), md.updatesAreDetected(ResultSet.TYPE_FORWARD_ONLY),
            md.othersDeletesAreVisible(ResultSet.TYPE_FORWARD_ONLY),
            md.othersInsertsAreVisible(ResultSet.TYPE_FORWARD_ONLY),
            md.othersUpdatesAreVisible(ResultSet.TYPE_FORWARD_ONLY),
            md.ownDeletesAreVisible(ResultSet.TYPE_FORWARD_ONLY), md.ownInsertsAreVisible(ResultSet.TYPE_FORWARD_ONLY),
            md.ownUpdatesAreVisible(ResultSet.TYPE_FORWARD_ONLY))).containsOnly(false);
        assertThat(List.of(md.supportsStoredProcedures(), md.allProceduresAreCallable(),
            md.supportsStoredFunctionsUsingCallSyntax())).as("prepareCall is 0A000: no call syntax is promised")
            .containsOnly(false);
    }
}
