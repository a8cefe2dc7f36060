package dev.hindsight.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code DatabaseMetaData} over the wire answers as BI tools ask: tables, columns, schemas, types, product, and primary
 * keys (which Avatica's protocol has no request for: the driver reads the server's {@code sys.primary_keys}), the same
 * answers as embedded.
 */
class RemoteMetadataTest {

    @TempDir
    Path dir;
    RemoteServer server;
    Connection connection;

    @BeforeEach
    void start() throws Exception {
        server = RemoteServer.start(dir);
        connection = server.connect(RemoteServer.READ_KEY);
    }

    @AfterEach
    void stop() throws Exception {
        connection.close();
        server.close();
    }

    @Test
    void aCatalogSetIsIgnoredAsEmbedded() throws Exception {
        String before = connection.getCatalog();
        connection.setCatalog("x");
        assertThat(connection.getCatalog()).isEqualTo(before).isNotEqualTo("x");
    }

    @Test
    void tablesColumnsAndPrimaryKeysAreListed() throws Exception {
        DatabaseMetaData md = connection.getMetaData();
        assertThat(md.getDatabaseProductName()).isEqualTo("Hindsight");
        assertThat(names(md.getTables(null, null, "%", null), "TABLE_NAME")).contains("events", "streams");
        assertThat(names(md.getColumns(null, null, "events", "%"), "COLUMN_NAME"))
            .startsWith("seq", "stream_id", "entity_type", "version", "name");
        assertThat(names(md.getSchemas(), "TABLE_SCHEM")).isNotEmpty();
        assertThat(names(md.getTypeInfo(), "TYPE_NAME")).contains("VARCHAR", "BIGINT", "TIMESTAMP");
    }

    @Test
    void theFunctionListsNameWhatRunsAsEmbedded() throws Exception {
        DatabaseMetaData md = connection.getMetaData();
        // CONVERT_TIMEZONE was listed and 42883; DAYNAME was listed and 42883 too (JdbcEscapesTest, embedded)
        assertThat(md.getTimeDateFunctions()).contains("DAYNAME").doesNotContain("CONVERT_TIMEZONE");
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT {fn DAYNAME({d '2024-02-29'})}, {fn SPACE(2)}")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("Thursday");
            assertThat(rs.getString(2)).isEqualTo("  ");
        }
    }

    @Test
    void transactionsUrlUserAndTypeMapAnswerAsEmbedded() throws Exception {
        DatabaseMetaData md = connection.getMetaData();
        assertThat(md.supportsTransactions()).isTrue();
        assertThat(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_READ_COMMITTED)).isTrue();
        assertThat(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_SERIALIZABLE)).isFalse();
        assertThat(md.getDefaultTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
        assertThat(List.of(md.dataDefinitionCausesTransactionCommit(), md.dataDefinitionIgnoredInTransactions(),
            md.supportsDataDefinitionAndDataManipulationTransactions(), md.supportsDataManipulationTransactionsOnly()))
            .as("DDL runs at once, outside the transaction").containsExactly(false, false, false, true);
        assertThat(connection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
        assertThat(md.getURL()).isEqualTo(server.url());
        assertThat(md.getUserName()).isEqualTo("test");
        assertThat(Rows.of(connection, "SELECT CURRENT_USER, SESSION_USER, USER, SYSTEM_USER"))
            .as("Calcite's answer was sa, and the server's OS user for SYSTEM_USER")
            .containsExactly("test, test, test, test");
        assertThat(connection.getTypeMap()).isEmpty();
        assertThat(md.insertsAreDetected(ResultSet.TYPE_FORWARD_ONLY)).isFalse();
        assertThat(md.updatesAreDetected(ResultSet.TYPE_FORWARD_ONLY)).isFalse();
        assertThat(md.deletesAreDetected(ResultSet.TYPE_FORWARD_ONLY)).isFalse();
        assertThat(md.othersInsertsAreVisible(ResultSet.TYPE_FORWARD_ONLY)).isFalse();
        assertThat(md.ownInsertsAreVisible(ResultSet.TYPE_FORWARD_ONLY)).isFalse();

        Properties keyOnly = new Properties();
        keyOnly.setProperty("password", RemoteServer.READ_KEY);
        try (Connection anonymous = server.connect(keyOnly)) {
            assertThat(anonymous.getMetaData().getUserName()).as("as CURRENT_USER answers")
                .isEqualTo(Rows.of(anonymous, "SELECT CURRENT_USER").get(0)).isNotNull();
        }
        keyOnly.setProperty("user", ""); // was "", where CURRENT_USER and the embedded driver say sa
        try (Connection empty = server.connect(keyOnly)) {
            assertThat(empty.getMetaData().getUserName()).isEqualTo(Rows.of(empty, "SELECT CURRENT_USER").get(0))
                .isNotEmpty();
        }
    }

    /**
     * Every trait a tool reads to adapt to the database (how names are stored, what is supported, limits, term, lists
     * of functions), asked of an embedded connection and of the remote one: the same answers. Avatica's client
     * answered from its own defaults, e.g. that unquoted names are stored in upper case, so a tool folded
     * {@code events} to {@code EVENTS} before asking for its columns, and found none.
     */
    @Test
    void givenEachTraitOfDatabaseMetaData_whenAskedRemotelyAndEmbedded_thenTheAnswersAreTheSame() throws Exception {
        // each driver's own: where it connects, as whom, and its build (the thin jar's version is the build's,
        // 0.1.0-SNAPSHOT; the embedded engine names its release, 0.1.0, for the product too)
        Set<String> ownAnswers = Set.of("getURL", "getUserName", "getConnection", "getDriverName",
            "getDriverVersion", "getDriverMajorVersion", "getDriverMinorVersion", "getDatabaseProductVersion",
            "isReadOnly");
        int[] arguments = {Connection.TRANSACTION_NONE, Connection.TRANSACTION_READ_UNCOMMITTED,
            Connection.TRANSACTION_READ_COMMITTED, Connection.TRANSACTION_REPEATABLE_READ,
            Connection.TRANSACTION_SERIALIZABLE, ResultSet.TYPE_FORWARD_ONLY, ResultSet.TYPE_SCROLL_INSENSITIVE,
            ResultSet.TYPE_SCROLL_SENSITIVE, ResultSet.CONCUR_READ_ONLY, ResultSet.CONCUR_UPDATABLE,
            ResultSet.HOLD_CURSORS_OVER_COMMIT, ResultSet.CLOSE_CURSORS_AT_COMMIT};
        List<String> remote = new ArrayList<>();
        List<String> embedded = new ArrayList<>();
        try (Connection local = DriverManager.getConnection("jdbc:hindsight:mem:")) {
            for (Method m : DatabaseMetaData.class.getMethods()) {
                Class<?> r = m.getReturnType();
                if (ownAnswers.contains(m.getName()) || !(r == boolean.class || r == int.class || r == String.class)) {
                    continue;
                }
                if (m.getParameterCount() == 0) {
                    remote.add(answer(m, connection.getMetaData()));
                    embedded.add(answer(m, local.getMetaData()));
                } else if (m.getParameterCount() == 1 && m.getParameterTypes()[0] == int.class) {
                    for (int a : arguments) {
                        remote.add(answer(m, connection.getMetaData(), a));
                        embedded.add(answer(m, local.getMetaData(), a));
                    }
                }
            }
        }
        assertThat(remote).hasSizeGreaterThan(150).containsExactlyElementsOf(embedded);
    }

    @Test
    void givenForeignKeysOrCatalogColumns_whenDescribedRemotely_thenTheirNamesAndNullabilityAreJdbcsAsEmbedded()
            throws Exception {
        DatabaseMetaData md = connection.getMetaData();
        try (ResultSet keys = md.getImportedKeys(null, null, "events")) {
            assertThat(keys.findColumn("DEFERRABILITY")).isEqualTo(14); // Avatica's client named it DEFERABILITY
            assertThat(keys.next()).isFalse();
        }
        try (ResultSet tables = md.getTables(null, null, "events", null)) {
            ResultSetMetaData meta = tables.getMetaData();
            assertThat(tables.next()).isTrue();
            assertThat(tables.getString("TABLE_CAT")).isNull();
            assertThat(meta.isNullable(tables.findColumn("TABLE_CAT"))).isEqualTo(ResultSetMetaData.columnNullable);
            assertThat(meta.isNullable(tables.findColumn("TABLE_NAME"))).isEqualTo(ResultSetMetaData.columnNoNulls);
        }
    }

    private static String answer(Method m, DatabaseMetaData md, Object... args) {
        try {
            return m.getName() + Arrays.toString(args) + " = " + m.invoke(md, args);
        } catch (ReflectiveOperationException e) {
            return m.getName() + Arrays.toString(args) + " fails: " + e.getCause();
        }
    }

    @Test
    void readOnlyIsTheConnectionsAsEmbedded_falseForANewConnectionTrueAfterSetReadOnly() throws Exception {
        assertThat(connection.isReadOnly()).isFalse();
        assertThat(connection.getMetaData().isReadOnly()).isFalse();

        connection.setReadOnly(true);

        assertThat(connection.isReadOnly()).isTrue();
        assertThat(connection.getMetaData().isReadOnly()).isTrue();
    }

    @Test
    void givenAnUnnamedAggregate_whenItsLabelIsRead_thenItIsPostgresName() throws Exception {
        try (PreparedStatement ps = connection.prepareStatement("SELECT COUNT(*), SUM(version) FROM events");
             ResultSet rs = ps.executeQuery()) {
            assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("count");
            assertThat(rs.getMetaData().getColumnLabel(2)).isEqualTo("sum");
        }
    }

    @Test
    void givenTheLogsTables_whenPrimaryKeysAreAsked_thenEachKeyColumnIsARowWithJdbcsColumns() throws Exception {
        try (ResultSet rs = connection.getMetaData().getPrimaryKeys(null, "public", "events")) {
            ResultSetMetaData m = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int c = 1; c <= m.getColumnCount(); c++) {
                // named as JDBC names them by either call, and of no table (the name was table_schema, of primary_keys)
                columns.add(m.getColumnLabel(c) + " " + m.getColumnName(c) + " " + m.getColumnType(c)
                    + " " + m.getTableName(c));
            }
            assertThat(columns).containsExactly("TABLE_CAT TABLE_CAT 12 null", "TABLE_SCHEM TABLE_SCHEM 12 null",
                "TABLE_NAME TABLE_NAME 12 null", "COLUMN_NAME COLUMN_NAME 12 null", "KEY_SEQ KEY_SEQ 5 null",
                "PK_NAME PK_NAME 12 null");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("TABLE_CAT")).isNull();
            assertThat(rs.getString("TABLE_SCHEM")).isEqualTo("public");
            assertThat(rs.getString("TABLE_NAME")).isEqualTo("events");
            assertThat(rs.getString("COLUMN_NAME")).isEqualTo("seq");
            assertThat(rs.getShort("KEY_SEQ")).isEqualTo((short) 1);
            assertThat(rs.getString("PK_NAME")).isEqualTo("events_pkey");
            assertThat(rs.next()).isFalse();
        }
        assertThat(keys(null, "public", "streams")).containsExactly("public.streams.stream_id");
    }

    @Test
    void givenANullOrEmptySchemaOrTable_whenPrimaryKeysAreAsked_thenAnyMatchesAsEmbedded() throws Exception {
        assertThat(keys(null, null, null)).containsExactly("public.events.seq", "public.streams.stream_id",
            "sys.projections.name", "sys.settings.name", "sys.statements.shape");
        assertThat(keys("", "", "projections")).containsExactly("sys.projections.name");
        assertThat(keys(null, "public", null)).containsExactly("public.events.seq", "public.streams.stream_id");
    }

    @Test
    void givenANameOtherThanGetTablesSpellsIt_whenPrimaryKeysAreAsked_thenNothingMatches() throws Exception {
        assertThat(keys(null, "public", "EVENTS")).isEmpty();
        assertThat(keys(null, "public", "ev%")).as("a name, not a pattern").isEmpty();
        assertThat(keys(null, "sys", "events")).isEmpty();
        assertThat(keys(null, "public", "x' OR 'a' = 'a")).as("a value, never SQL").isEmpty();
    }

    @Test
    void givenAProjection_whenItsPrimaryKeyIsAsked_thenItIsItsGroupKeyInKeyOrder() throws Exception {
        try (Connection admin = server.connect(RemoteServer.ADMIN_KEY)) {
            Rows.update(admin, "CREATE PROJECTION per_name AS SELECT stream_id, name AS event_name, COUNT(*) AS n "
                + "FROM events GROUP BY stream_id, name");
        }
        try (ResultSet rs = connection.getMetaData().getPrimaryKeys(null, "public", "per_name")) {
            assertThat(Rows.text(rs)).containsExactly("null, public, per_name, event_name, 2, per_name_pkey",
                "null, public, per_name, stream_id, 1, per_name_pkey");
        }
    }

    @Test
    void givenNamesAnUnderscoreApart_whenListedByPatternsOrACatalog_thenTheAnswersAreJdbcsAsEmbedded()
            throws Exception {
        try (Connection admin = server.connect(RemoteServer.ADMIN_KEY)) {
            for (String name : List.of("order_totals", "orderxtotals")) {
                Rows.update(admin, "CREATE PROJECTION " + name + " AS SELECT stream_id, COUNT(*) AS n FROM events "
                    + "GROUP BY stream_id");
            }
        }
        DatabaseMetaData md = connection.getMetaData();
        assertThat(names(md.getTables(null, "public", "order_totals", null), "TABLE_NAME"))
            .containsExactly("order_totals", "orderxtotals");
        assertThat(names(md.getTables(null, "public", "order\\_totals", null), "TABLE_NAME"))
            .containsExactly("order_totals");
        assertThat(names(md.getColumns(null, "p_blic", "order\\_totals", "_"), "COLUMN_NAME")).containsExactly("n");
        assertThat(names(md.getSchemas(null, "s_s"), "TABLE_SCHEM")).containsExactly("sys");
        // the catalog ignored, as PostgreSQL's driver does; TABLE_CAT NULL as everywhere else; "" narrows nothing
        assertThat(names(md.getTables("x", "", "events", null), "TABLE_CAT")).containsExactly((String) null);
        assertThat(names(md.getColumns("", "", "streams", ""), "TABLE_CAT")).containsOnlyNulls().isNotEmpty();
        assertThat(names(md.getSchemas("x", null), "TABLE_CATALOG")).containsExactly(null, null);
        assertThat(names(md.getTableTypes(), "TABLE_TYPE")).containsExactly("TABLE");
    }

    @Test
    void givenPrimaryKeysRead_whenTheirResultSetCloses_thenTheStatementThatReadThemClosesToo() throws Exception {
        ResultSet rs = connection.getMetaData().getPrimaryKeys(null, null, null);
        Statement reading = rs.getStatement();
        rs.close();
        assertThat(reading.isClosed()).isTrue();
    }

    @Test
    void givenPrimaryKeysAskedForOneTable_whenAskedForAnother_thenTheServerPlansTheQueryOnce() throws Exception {
        assertThat(keys(null, "public", "events")).containsExactly("public.events.seq");
        assertThat(keys(null, "public", "streams")).containsExactly("public.streams.stream_id");
        // one shape, new literals: the second a hit of the plan cache (a prepared statement was planned anew each
        // time, some 20 ms, and is not listed)
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT hits FROM sys.statements WHERE shape LIKE '%sys.primary_keys%'")) {
            assertThat(Rows.text(rs)).containsExactly("1");
        }
    }

    /** The keys {@code getPrimaryKeys} answers, as {@code schema.table.column}. */
    private List<String> keys(String catalog, String schema, String table) throws Exception {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = connection.getMetaData().getPrimaryKeys(catalog, schema, table)) {
            while (rs.next()) {
                out.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME") + "."
                    + rs.getString("COLUMN_NAME"));
            }
        }
        return out;
    }

    private static List<String> names(ResultSet rs, String column) throws Exception {
        List<String> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                out.add(rs.getString(column));
            }
        }
        return out;
    }
}
