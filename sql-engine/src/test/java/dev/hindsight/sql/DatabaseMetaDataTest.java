package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.jdbc.spi.ProductVersion;
import dev.hindsight.sql.jdbc.HindsightCalciteDriver;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code DatabaseMetaData} as BI tools call it (SPEC §4). DBeaver and Metabase list the schemas and tables, ask each
 * table for its columns and its primary key with the names {@code getTables} gave them, and map {@code TYPE_NAME}s
 * through {@code getTypeInfo}.
 */
class DatabaseMetaDataTest {

    Connection connection;
    DatabaseMetaData md;

    @BeforeEach
    void open() throws Exception {
        connection = SqlFixture.connect("jdbc:hindsight:mem:", new Properties());
        md = connection.getMetaData();
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
    }

    @Test
    void everyTableAToolListsAnswersItsPrimaryKey() throws Exception {
        List<String> keys = new ArrayList<>();
        try (ResultSet tables = md.getTables(null, null, "%", new String[] {"TABLE"})) {
            while (tables.next()) {
                keys.addAll(primaryKeys(tables.getString("TABLE_CAT"), tables.getString("TABLE_SCHEM"),
                    tables.getString("TABLE_NAME")));
            }
        }
        // in JDBC's order: schema by schema, each schema's tables by name
        assertThat(keys).containsExactly("public.events.seq", "public.streams.stream_id", "sys.projections.name",
            "sys.settings.name", "sys.statements.shape");
    }

    @Test
    void primaryKeyRowsHaveTheJdbcColumnsWithPostgresStyleKeyNames() throws Exception {
        try (ResultSet rs = md.getPrimaryKeys(null, "public", "events")) {
            ResultSetMetaData m = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int c = 1; c <= m.getColumnCount(); c++) {
                columns.add(m.getColumnName(c) + " " + m.getColumnTypeName(c));
            }
            assertThat(columns).containsExactly("TABLE_CAT VARCHAR", "TABLE_SCHEM VARCHAR", "TABLE_NAME VARCHAR",
                "COLUMN_NAME VARCHAR", "KEY_SEQ SMALLINT", "PK_NAME VARCHAR");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("TABLE_CAT")).isNull();
            assertThat(rs.getString("TABLE_SCHEM")).isEqualTo("public");
            assertThat(rs.getString("TABLE_NAME")).isEqualTo("events");
            assertThat(rs.getString("COLUMN_NAME")).isEqualTo("seq");
            assertThat(rs.getShort("KEY_SEQ")).isEqualTo((short) 1);
            assertThat(rs.getString("PK_NAME")).isEqualTo("events_pkey");
            assertThat(rs.next()).isFalse();
        }
        assertThat(text(md.getPrimaryKeys(null, "public", "streams")))
            .containsExactly("null, public, streams, stream_id, 1, streams_pkey");
        assertThat(text(md.getPrimaryKeys(null, "sys", "projections")))
            .containsExactly("null, sys, projections, name, 1, projections_pkey");
    }

    @Test
    void aNullOrEmptySchemaOrTableSelectsAnyAsPostgresDriverDoes() throws Exception {
        assertThat(primaryKeys(null, null, "projections")).containsExactly("sys.projections.name");
        assertThat(primaryKeys(null, "", "streams")).containsExactly("public.streams.stream_id");
        assertThat(primaryKeys(null, "public", null)).containsExactly("public.events.seq", "public.streams.stream_id");
        assertThat(primaryKeys("", null, "")).containsExactly("public.events.seq", "public.streams.stream_id",
            "sys.projections.name", "sys.settings.name", "sys.statements.shape");
    }

    @Test
    void namesMatchExactlyAsGetTablesSpellsThemAndAreNotPatterns() throws Exception {
        assertThat(primaryKeys(null, "public", "EVENTS")).isEmpty();
        assertThat(primaryKeys(null, "PUBLIC", "events")).isEmpty();
        assertThat(primaryKeys(null, "public", "ev%")).isEmpty();
        assertThat(primaryKeys(null, "sys", "events")).isEmpty();
        assertThat(primaryKeys(null, "public", "no_such_table")).isEmpty();
    }

    @Test
    void everyKeyColumnIsAColumnOfItsTable() throws Exception {
        try (ResultSet keys = md.getPrimaryKeys(null, null, null)) {
            int checked = 0;
            while (keys.next()) {
                try (ResultSet column = md.getColumns(null, keys.getString("TABLE_SCHEM"),
                    keys.getString("TABLE_NAME"), keys.getString("COLUMN_NAME"))) {
                    assertThat(column.next()).as(keys.getString("TABLE_NAME")).isTrue();
                    assertThat(column.getString("IS_NULLABLE")).isEqualTo("NO");
                }
                checked++;
            }
            assertThat(checked).isEqualTo(5);
        }
    }

    @Test
    void typeInfoListsPlainSqlTypesOrderedByDataType() throws Exception {
        // TYPE_NAME, DATA_TYPE, PRECISION, LITERAL_PREFIX, LITERAL_SUFFIX, CREATE_PARAMS, NULLABLE, CASE_SENSITIVE,
        // SEARCHABLE, UNSIGNED_ATTRIBUTE, FIXED_PREC_SCALE, AUTO_INCREMENT, LOCAL_TYPE_NAME, MINIMUM_SCALE,
        // MAXIMUM_SCALE, SQL_DATA_TYPE, SQL_DATETIME_SUB, NUM_PREC_RADIX
        assertThat(text(md.getTypeInfo())).containsExactly(
            "TINYINT, -6, 3, null, null, null, 1, false, 2, false, false, false, TINYINT, 0, 0, null, null, 10",
            "BIGINT, -5, 19, null, null, null, 1, false, 2, false, false, false, BIGINT, 0, 0, null, null, 10",
            "VARBINARY, -3, 10485760, X', ', length, 1, false, 2, false, false, false, VARBINARY, null, null, null, "
                + "null, null",
            "BINARY, -2, 10485760, X', ', length, 1, false, 2, false, false, false, BINARY, null, null, null, null, "
                + "null",
            "CHAR, 1, 10485760, ', ', length, 1, true, 3, false, false, false, CHAR, null, null, null, null, null",
            "DECIMAL, 3, 38, null, null, precision,scale, 1, false, 2, false, false, false, DECIMAL, 0, 38, null, "
                + "null, 10",
            "INTEGER, 4, 10, null, null, null, 1, false, 2, false, false, false, INTEGER, 0, 0, null, null, 10",
            "SMALLINT, 5, 5, null, null, null, 1, false, 2, false, false, false, SMALLINT, 0, 0, null, null, 10",
            "FLOAT, 6, 17, null, null, null, 1, false, 2, false, false, false, FLOAT, 0, 0, null, null, 10",
            "REAL, 7, 8, null, null, null, 1, false, 2, false, false, false, REAL, 0, 0, null, null, 10",
            "DOUBLE, 8, 17, null, null, null, 1, false, 2, false, false, false, DOUBLE, 0, 0, null, null, 10",
            "VARCHAR, 12, 10485760, ', ', length, 1, true, 3, false, false, false, VARCHAR, null, null, null, null, "
                + "null",
            "BOOLEAN, 16, 1, null, null, null, 1, false, 2, false, false, false, BOOLEAN, null, null, null, null, null",
            "DATE, 91, 10, DATE ', ', null, 1, false, 2, false, false, false, DATE, null, null, null, null, null",
            "TIME, 92, 12, TIME ', ', precision, 1, false, 2, false, false, false, TIME, 0, 3, null, null, null",
            "TIMESTAMP, 93, 23, TIMESTAMP ', ', precision, 1, false, 2, false, false, false, TIMESTAMP, 0, 3, null, "
                + "null, null");
    }

    @Test
    void everyTypeNameIsACastTargetOfItsDataType() throws Exception {
        Map<String, Integer> types = typeInfo();
        assertThat(types).isNotEmpty();
        for (Map.Entry<String, Integer> type : types.entrySet()) {
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery("SELECT CAST(NULL AS " + type.getKey() + ") FROM (VALUES (1))")) {
                assertThat(rs.getMetaData().getColumnType(1)).as(type.getKey()).isEqualTo(type.getValue());
            }
        }
    }

    /**
     * A type's PRECISION in {@code getTypeInfo} is the precision a column of it reports, for every type that takes
     * no size: a tool sizing a DOUBLE by the one got 15 digits and by the other 17 (PostgreSQL's driver: 17 both).
     */
    @Test
    void everyPlainTypesPrecisionIsWhatAColumnOfItReports() throws Exception {
        int checked = 0;
        try (ResultSet rs = md.getTypeInfo()) {
            while (rs.next()) {
                String type = rs.getString("TYPE_NAME");
                if (rs.getString("CREATE_PARAMS") == null && rs.getString("LITERAL_PREFIX") == null) {
                    try (Statement st = connection.createStatement();
                         ResultSet value = st.executeQuery("SELECT CAST(NULL AS " + type + ") FROM (VALUES (1))")) {
                        assertThat(rs.getInt("PRECISION")).as(type).isEqualTo(value.getMetaData().getPrecision(1));
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).as("BOOLEAN, the integers, FLOAT, REAL, DOUBLE").isEqualTo(8);
    }

    @Test
    void everyLiteralPrefixAndSuffixMakeALiteral() throws Exception {
        Map<Integer, String> samples = Map.of(Types.CHAR, "abc", Types.VARCHAR, "abc", Types.BINARY, "00ff",
            Types.VARBINARY, "00ff", Types.DATE, "2026-11-01", Types.TIME, "10:00:00.123",
            Types.TIMESTAMP, "2026-11-01 10:00:00.123");
        int checked = 0;
        try (ResultSet rs = md.getTypeInfo()) {
            while (rs.next()) {
                String prefix = rs.getString("LITERAL_PREFIX");
                if (prefix != null) {
                    String literal = prefix + samples.get(rs.getInt("DATA_TYPE")) + rs.getString("LITERAL_SUFFIX");
                    try (Statement st = connection.createStatement();
                         ResultSet value = st.executeQuery("SELECT " + literal + " FROM (VALUES (1))")) {
                        assertThat(value.next()).isTrue();
                        assertThat(value.getString(1)).as(literal).isNotNull();
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(samples.size());
    }

    @Test
    void everyColumnTypeNameIsListedByTypeInfoWithTheSameDataType() throws Exception {
        Map<String, Integer> types = typeInfo();
        for (String schema : List.of("public", "sys")) {
            try (ResultSet rs = md.getColumns(null, schema, "%", "%")) {
                while (rs.next()) {
                    String column = rs.getString("TABLE_NAME") + "." + rs.getString("COLUMN_NAME");
                    assertThat(types).as(column).containsEntry(rs.getString("TYPE_NAME"), rs.getInt("DATA_TYPE"));
                }
            }
        }
    }

    @Test
    void givenTwoNamesAnUnderscoreApart_whenTheOneIsAPattern_thenUnderscoreMatchesAnyOneCharacterUnlessEscaped()
            throws Exception {
        try (Statement s = connection.createStatement()) {
            for (String name : List.of("order_totals", "orderxtotals")) {
                s.execute("CREATE PROJECTION " + name + " AS SELECT stream_id, COUNT(*) AS n FROM events "
                    + "GROUP BY stream_id");
            }
        }
        // JDBC's and PostgreSQL's driver's patterns: _ is any one character, \_ the underscore itself
        assertThat(tables(null, "public", "order_totals"))
            .containsExactly("public.order_totals", "public.orderxtotals");
        assertThat(tables(null, "public", "order\\_totals")).containsExactly("public.order_totals");
        assertThat(tables(null, "p_bli_", "order\\_t_tal%")).containsExactly("public.order_totals");
        assertThat(columns(null, "public", "order\\_totals", "_")).containsExactly("public.order_totals.n");
        assertThat(columns(null, "public", "order_totals", "n_")).isEmpty();
        assertThat(text(md.getSchemas(null, "s_s"))).containsExactly("sys, null");
        assertThat(text(md.getSchemas(null, "s\\_s"))).isEmpty();
        // an escaped escape, [ or ]: Calcite made those a broken regular expression (an unchecked exception)
        assertThat(tables(null, "public", "order\\\\_totals")).isEmpty();
        assertThat(tables(null, "\\[public\\]", "%")).isEmpty();
    }

    @Test
    void givenTablesListedOnce_whenAProjectionIsCreatedAndDropped_thenTheListsFollowAtOnce() throws Exception {
        // a BI tool keeps its connection: Calcite's schema snapshot, taken at the first listing, froze the catalogue
        assertThat(tables(null, "public", "%")).doesNotContain("public.late");
        assertThat(columns(null, "public", "late", "%")).isEmpty();
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE PROJECTION late AS SELECT stream_id, COUNT(*) AS n FROM events GROUP BY stream_id");
            assertThat(tables(null, "public", "%")).contains("public.late");
            assertThat(columns(null, "public", "late", "%")).containsExactly("public.late.stream_id", "public.late.n");
            s.execute("DROP PROJECTION late");
            assertThat(tables(null, "public", "%")).doesNotContain("public.late");
            assertThat(columns(null, "public", "late", "%")).isEmpty();
        }
    }

    @Test
    void givenACatalogOrAnEmptyPattern_whenTablesAreListed_thenTheCatalogIsIgnoredAndEmptyNarrowsNothing()
            throws Exception {
        // as PostgreSQL's driver: there are no catalogs to narrow by, and TABLE_CAT stays NULL (Calcite echoed it)
        assertThat(tables("x", "public", "events")).containsExactly("public.events");
        assertThat(text(md.getSchemas("x", "sys"))).containsExactly("sys, null");
        assertThat(columns("", "", "streams", "")).startsWith("public.streams.stream_id");
        assertThat(tables("", "", "")).contains("public.events", "sys.projections").isEqualTo(tables(null, null, null));
        assertThat(text(md.getTableTypes())).containsExactly("TABLE");
    }

    @Test
    void schemasAreThoseOfTheSpecAlone() throws Exception {
        // Calcite's own "metadata" schema (COLUMNS and TABLES) is not there for a BI tool to list
        assertThat(text(md.getSchemas())).containsExactly("public, null", "sys, null");
        try (ResultSet rs = md.getTables(null, null, "%", null)) {
            while (rs.next()) {
                assertThat(rs.getString("TABLE_SCHEM")).isIn("public", "sys");
            }
        }
    }

    @Test
    void productAndDriverAreHindsightWithTheirVersion() throws Exception {
        assertThat(md.getDatabaseProductName()).isEqualTo("Hindsight");
        assertThat(md.getDatabaseProductVersion()).isEqualTo(HindsightCalciteDriver.VERSION);
        assertThat(md.getDriverName()).isEqualTo("Hindsight JDBC Driver");
        assertThat(md.getDriverVersion()).isEqualTo(HindsightCalciteDriver.VERSION);
        assertThat(HindsightCalciteDriver.VERSION).as("the build's, as the thin driver's (it said 0.1.0, written in)")
            .isEqualTo(ProductVersion.VALUE).startsWith(md.getDatabaseMajorVersion() + "."
                + md.getDatabaseMinorVersion() + ".").isNotEqualTo("0.0.0");
        try (Statement st = md.getConnection().createStatement(); ResultSet rs = st.executeQuery("SELECT version()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("Hindsight " + ProductVersion.VALUE + " (");
        }
    }

    /** Calcite described every column of them as never NULL, TABLE_CAT and REMARKS too (NULL on every row). */
    @Test
    void givenTheCatalogAnswers_whenAColumnIsDescribedAsNeverNull_thenNoRowHoldsNullThere() throws Exception {
        List<ResultSet> answers = List.of(md.getTables(null, null, "%", null), md.getColumns(null, null, "%", "%"),
            md.getSchemas(), md.getSchemas(null, "p%"), md.getTables(null, "public", "event_", null),
            md.getPrimaryKeys(null, null, null), md.getTypeInfo(), md.getImportedKeys(null, null, "events"));
        Map<String, Integer> nullability = new HashMap<>();
        for (ResultSet rs : answers) {
            try (rs) {
                ResultSetMetaData meta = rs.getMetaData();
                int rows = 0;
                while (rs.next()) {
                    rows++;
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        if (rs.getObject(i) == null) {
                            assertThat(meta.isNullable(i)).as(meta.getColumnLabel(i)).isNotEqualTo(
                                ResultSetMetaData.columnNoNulls);
                        }
                    }
                }
                for (int i = 1; i <= meta.getColumnCount() && rows > 0; i++) {
                    nullability.putIfAbsent(meta.getColumnLabel(i), meta.isNullable(i));
                }
            }
        }
        assertThat(nullability).containsEntry("TABLE_CAT", ResultSetMetaData.columnNullable)
            .containsEntry("REMARKS", ResultSetMetaData.columnNullable)
            .containsEntry("DECIMAL_DIGITS", ResultSetMetaData.columnNullable)
            .containsEntry("TABLE_NAME", ResultSetMetaData.columnNoNulls)
            .containsEntry("COLUMN_NAME", ResultSetMetaData.columnNoNulls);
    }

    @Test
    void foreignKeyAnswersHaveJdbcsColumnsAndNoRows() throws Exception {
        List<String> expected = List.of("PKTABLE_CAT", "PKTABLE_SCHEM", "PKTABLE_NAME", "PKCOLUMN_NAME", "FKTABLE_CAT",
            "FKTABLE_SCHEM", "FKTABLE_NAME", "FKCOLUMN_NAME", "KEY_SEQ", "UPDATE_RULE", "DELETE_RULE", "FK_NAME",
            "PK_NAME", "DEFERRABILITY"); // Avatica's said DEFERABILITY
        for (ResultSet rs : List.of(md.getImportedKeys(null, null, "events"), md.getExportedKeys(null, null, "events"),
                md.getCrossReference(null, null, "events", null, null, "streams"))) {
            try (rs) {
                List<String> labels = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    labels.add(rs.getMetaData().getColumnLabel(i));
                }
                assertThat(labels).containsExactlyElementsOf(expected);
                assertThat(rs.getMetaData().getColumnType(rs.findColumn("DEFERRABILITY"))).isEqualTo(Types.SMALLINT);
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void featuresAToolAsksAboutAnswerAsTheEngineBehaves() throws Exception {
        assertThat(md.supportsSubqueriesInQuantifieds()).isTrue();
        assertThat(md.supportsDifferentTableCorrelationNames()).as("FROM events events works").isFalse();
        assertThat(md.supportsMultipleTransactions()).isTrue();
        assertThat(md.getJDBCMajorVersion() + "." + md.getJDBCMinorVersion()).isEqualTo("4.2");
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) "
            + "FROM events events WHERE events.seq > ALL (SELECT seq FROM events) AND 1 = ANY (SELECT 1)")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    /** {@code getPrimaryKeys} as {@code schema.table.column} rows, in the order returned. */
    private List<String> primaryKeys(String catalog, String schema, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = md.getPrimaryKeys(catalog, schema, table)) {
            while (rs.next()) {
                out.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME") + "."
                    + rs.getString("COLUMN_NAME"));
            }
        }
        return out;
    }

    /** The tables {@code getTables} answers, as {@code schema.table}. */
    private List<String> tables(String catalog, String schema, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = md.getTables(catalog, schema, table, null)) {
            while (rs.next()) {
                assertThat(rs.getString("TABLE_CAT")).isNull();
                out.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME"));
            }
        }
        return out;
    }

    /** The columns {@code getColumns} answers, as {@code schema.table.column}. */
    private List<String> columns(String catalog, String schema, String table, String column) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = md.getColumns(catalog, schema, table, column)) {
            while (rs.next()) {
                assertThat(rs.getString("TABLE_CAT")).isNull();
                out.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME") + "."
                    + rs.getString("COLUMN_NAME"));
            }
        }
        return out;
    }

    /** The rows of {@code rs} as {@link SqlFixture#text} prints them; closes {@code rs}. */
    private static List<String> text(ResultSet rs) throws SQLException {
        try (rs) {
            return SqlFixture.text(rs);
        }
    }

    /** {@code getTypeInfo} as TYPE_NAME to DATA_TYPE. */
    private Map<String, Integer> typeInfo() throws SQLException {
        Map<String, Integer> types = new HashMap<>();
        try (ResultSet rs = md.getTypeInfo()) {
            while (rs.next()) {
                types.put(rs.getString("TYPE_NAME"), rs.getInt("DATA_TYPE"));
            }
        }
        return types;
    }
}
