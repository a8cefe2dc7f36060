package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prepared one-stream read fast path ({@link ScanFastPath}) and Calcite's path give the same answers: the same
 * rows, values, Java types and column metadata, for a seeded mix of statements and parameters.
 */
class ScanFastPathTest {

    @TempDir
    Path dir;

    private static final String[] QUERIES = {
        "SELECT * FROM events WHERE stream_id = ?",
        "SELECT seq, data, ts FROM events WHERE stream_id = ? ORDER BY seq DESC",
        "SELECT * FROM events WHERE stream_id = ? AND seq >= ? AND seq <= ?",
        "SELECT name, ts, event_id, metadata FROM events WHERE stream_id = ? AND name = ?",
        "SELECT * FROM events AS OF SEQUENCE 20 WHERE stream_id = ? ORDER BY seq",
        "SELECT * FROM events WHERE stream_id = ? AND seq > 5 AND name = 'thing.odd'",
        "SELECT stream_id, version, last_seq FROM streams WHERE stream_id = ?",
        "SELECT data FROM events WHERE stream_id = ?",
        "SELECT seq, version FROM events WHERE stream_id = 's-2'",
    };

    /** Runs the seeded workload over the log; returns every answer as text. */
    private List<String> run(boolean fastPath, long seed, String asOf) throws SQLException {
        Properties props = new Properties();
        props.setProperty("fastPath", Boolean.toString(fastPath));
        if (asOf != null) {
            props.setProperty("asOf", asOf);
        }
        List<String> out = new ArrayList<>();
        Random random = new Random(seed);
        try (Connection c = DriverManager.getConnection("jdbc:hindsight:file:" + dir, props)) {
            List<PreparedStatement> statements = new ArrayList<>();
            for (String sql : QUERIES) {
                statements.add(c.prepareStatement(sql));
            }
            for (int i = 0; i < 200; i++) {
                int q = random.nextInt(QUERIES.length);
                PreparedStatement ps = statements.get(q);
                int count = ps.getParameterMetaData().getParameterCount();
                for (int p = 1; p <= count; p++) {
                    setRandom(ps, p, q, random);
                }
                out.add(i + " " + QUERIES[q]);
                try (ResultSet rs = ps.executeQuery()) {
                    out.addAll(describe(rs));
                }
            }
            out.add("fast reads: " + (c.unwrap(SqlSession.class).fastPathReads() > 0));
            for (PreparedStatement ps : statements) {
                ps.close();
            }
        }
        return out;
    }

    private static void setRandom(PreparedStatement ps, int p, int query, Random random) throws SQLException {
        if (p == 1) {
            int pick = random.nextInt(12);
            if (pick == 0) {
                ps.setNull(1, Types.VARCHAR);
            } else {
                ps.setString(1, pick == 1 ? "no-such-stream" : "s-" + random.nextInt(4));
            }
        } else if (query == 2) {
            long bound = random.nextInt(40);
            if (random.nextInt(5) == 0) {
                ps.setInt(p, (int) bound); // not a Long: Calcite runs it
            } else {
                ps.setLong(p, bound);
            }
        } else {
            ps.setString(p, random.nextBoolean() ? "thing.odd" : "thing.even");
        }
    }

    /** Column labels and types, then each row's values with their Java classes. */
    private static List<String> describe(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<String> out = new ArrayList<>();
        StringBuilder header = new StringBuilder("  columns:");
        for (int c = 1; c <= md.getColumnCount(); c++) {
            header.append(' ').append(md.getColumnLabel(c)).append('/').append(md.getColumnTypeName(c)).append('/')
                .append(md.getColumnType(c)).append('/').append(md.isNullable(c));
        }
        out.add(header.toString());
        while (rs.next()) {
            StringBuilder row = new StringBuilder("  ");
            for (int c = 1; c <= md.getColumnCount(); c++) {
                Object value = rs.getObject(c);
                row.append(value).append(value == null ? "" : " (" + value.getClass().getSimpleName() + ")")
                    .append(" | ").append(rs.getString(c));
                if (md.getColumnType(c) == Types.TIMESTAMP) {
                    row.append(" | ").append(rs.getTimestamp(c).getTime());
                }
                row.append(", ");
            }
            out.add(row.toString());
        }
        return out;
    }

    @Test
    void fastAndCalcitePathsAgreeOnEveryRead() throws SQLException {
        SqlFixture.seeded(dir, "s-0:3", "s-1:5", "s-2:2", "s-3:4", "s-0:3", "s-1:6", "s-3:7").close();
        long seed = Long.getLong("hindsight.fastpath.seed", System.nanoTime());
        for (String asOf : new String[] {null, "seq:17"}) {
            List<String> fast = run(true, seed, asOf);
            List<String> calcite = run(false, seed, asOf);
            assertThat(fast).as("seed=%d", seed).contains("fast reads: true");
            assertThat(calcite).contains("fast reads: false");
            fast.remove("fast reads: true");
            calcite.remove("fast reads: false");
            assertThat(fast).as("seed=%d asOf=%s", seed, asOf).isEqualTo(calcite);
        }
    }

    @Test
    void aNullStreamIdMatchesNoRowOnEitherPath() throws SQLException {
        SqlFixture.seeded(dir, "s-0:3", "s-1:2").close();
        for (boolean fastPath : new boolean[] {true, false}) {
            Properties props = new Properties();
            props.setProperty("fastPath", Boolean.toString(fastPath));
            try (Connection c = DriverManager.getConnection("jdbc:hindsight:file:" + dir, props);
                 PreparedStatement ps = c.prepareStatement("SELECT * FROM events WHERE stream_id = ?")) {
                ps.setNull(1, Types.VARCHAR);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).as("fastPath=%s", fastPath).isFalse();
                }
            }
        }
    }

    @Test
    void aFastReadBehavesLikeAnyResultSetOfItsStatement() throws SQLException {
        SqlFixture.seeded(dir, "s-0:3", "s-1:2").close();
        try (Connection c = DriverManager.getConnection("jdbc:hindsight:file:" + dir);
             PreparedStatement ps = c.prepareStatement("SELECT seq FROM events WHERE stream_id = ? ORDER BY seq")) {
            ps.setString(1, "s-0");
            ResultSet first = ps.executeQuery();
            assertThat(ps.getResultSet()).isSameAs(first);
            assertThat(c.unwrap(SqlSession.class).fastPathReads()).isEqualTo(0); // one column: Calcite's
        }
        try (Connection c = DriverManager.getConnection("jdbc:hindsight:file:" + dir)) {
            PreparedStatement ps = c.prepareStatement("SELECT seq, version FROM events WHERE stream_id = ?");
            ps.setString(1, "s-0");
            ResultSet first = ps.executeQuery();
            assertThat(c.unwrap(SqlSession.class).fastPathReads()).isEqualTo(1);
            assertThat(ps.getResultSet()).isSameAs(first);
            ps.setString(1, "s-1");
            ResultSet second = ps.executeQuery();
            assertThat(first.isClosed()).as("executing again closes the last result set").isTrue();
            assertThat(SqlFixture.text(second)).containsExactly("4, 1", "5, 2");
            ps.close();
            assertThat(second.isClosed()).as("closing the statement closes its result set").isTrue();
        }
    }

    @Test
    void closingTheConnectionOrMovingToMoreResultsClosesAFastResultSet() throws SQLException {
        SqlFixture.seeded(dir, "s-0:3").close();
        Connection c = DriverManager.getConnection("jdbc:hindsight:file:" + dir);
        PreparedStatement ps = c.prepareStatement("SELECT seq, version FROM events WHERE stream_id = ?");
        ps.setFetchSize(100); // not a parameter: the fast path stays
        ps.setString(1, "s-0");
        ResultSet first = ps.executeQuery();
        assertThat(ps.getMoreResults()).isFalse();
        assertThat(first.isClosed()).as("getMoreResults closes the current result set").isTrue();
        ResultSet second = ps.executeQuery();
        assertThat(c.unwrap(SqlSession.class).fastPathReads()).isEqualTo(2);
        c.close();
        assertThat(second.isClosed()).as("closing the connection closes its result sets").isTrue();
    }

    @Test
    void aStatementWithLiteralsAndNoParametersIsFastToo() throws SQLException {
        SqlFixture.seeded(dir, "s-0:3", "s-1:2").close();
        try (Connection c = DriverManager.getConnection("jdbc:hindsight:file:" + dir);
             PreparedStatement ps = c.prepareStatement(
                 "SELECT seq, name FROM events WHERE stream_id = 's-1' ORDER BY seq DESC");
             Statement plain = c.createStatement()) {
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(SqlFixture.text(rs)).containsExactly("5, thing.odd", "4, thing.even");
            }
            assertThat(c.unwrap(SqlSession.class).fastPathReads()).isEqualTo(1);
            try (ResultSet rs = plain.executeQuery("SELECT seq, name FROM events WHERE stream_id = 's-1'")) {
                assertThat(SqlFixture.text(rs)).containsExactly("4, thing.even", "5, thing.odd");
            }
            assertThat(c.unwrap(SqlSession.class).fastPathReads()).as("only prepared statements").isEqualTo(1);
        }
    }

    @Test
    void onlyPlansThatAreOneStreamScanWithPlainValuesTakeTheFastPath() throws SQLException {
        SqlFixture.seeded(dir, "s-0:3", "s-1:2").close();
        assertThat(takesFastPath("SELECT * FROM events WHERE stream_id = ?", "s-0")).isTrue();
        assertThat(takesFastPath("SELECT seq, data FROM events WHERE stream_id = ? AND seq >= ? ORDER BY seq DESC",
            "s-0", 2L)).isTrue();
        assertThat(takesFastPath("SELECT * FROM events AS OF SEQUENCE 3 WHERE name = ? AND stream_id = ?",
            "thing.odd", "s-0")).isTrue();
        assertThat(takesFastPath("SELECT * FROM streams WHERE stream_id = ?", "s-1")).isTrue();
        // not one bare scan, or a value only generated code computes exactly: Calcite's path
        assertThat(takesFastPath("SELECT seq + 1, data FROM events WHERE stream_id = ?", "s-0")).isFalse();
        assertThat(takesFastPath("SELECT * FROM events WHERE stream_id = CAST(? AS VARCHAR) || '0'", "s-")).isFalse();
        assertThat(takesFastPath("SELECT * FROM events WHERE stream_id = ? AND ts > TIMESTAMP '2026-11-01 10:00:00'",
            "s-0")).isFalse();
        assertThat(takesFastPath("SELECT * FROM events WHERE seq >= ?", 1L)).isFalse();
        assertThat(takesFastPath("SELECT stream_id, COUNT(*) FROM events WHERE stream_id = ? GROUP BY stream_id",
            "s-0")).isFalse();
        assertThat(takesFastPath("SELECT * FROM events WHERE stream_id = ? LIMIT 1", "s-0")).isFalse();
    }

    private boolean takesFastPath(String sql, Object... params) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:hindsight:file:" + dir);
             PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(SqlFixture.text(rs)).as(sql).isNotEmpty();
            }
            return c.unwrap(SqlSession.class).fastPathReads() == 1;
        }
    }
}
