package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prepared single-row INSERT fast path and Calcite's path give the same results: the same events, the same update
 * counts, the same SQLStates, for the same seeded mix of good rows, stale guards, bad JSON and NULLs.
 */
class FastPathTest {

    @TempDir
    Path dir;

    /** Runs the seeded workload on a fresh log; returns what each execution answered and the events stored. */
    private List<String> run(Path logDir, boolean fastPath, long seed) throws SQLException {
        Properties props = new Properties();
        props.setProperty("fastPath", Boolean.toString(fastPath));
        List<String> out = new ArrayList<>();
        Random random = new Random(seed);
        try (Connection c = DriverManager.getConnection("jdbc:hindsight:file:" + logDir, props);
             PreparedStatement withGuard = c.prepareStatement("INSERT INTO events (stream_id, entity_type, name, "
                 + "data, metadata, expected_version) VALUES (?, 'thing', ?, ?, ?, ?)");
             PreparedStatement literals = c.prepareStatement("INSERT INTO events (name, data, stream_id, entity_type,"
                 + " schema_version) VALUES ('lit.happened', '{\"lit\":true}', ?, 'thing', 2)")) {
            for (int i = 0; i < 300; i++) {
                String stream = "s-" + random.nextInt(5);
                try {
                    int n;
                    if (random.nextInt(4) == 0) {
                        literals.setString(1, stream);
                        n = literals.executeUpdate();
                    } else {
                        withGuard.setString(1, stream);
                        withGuard.setString(2, random.nextInt(10) == 0 ? null : "x.y");
                        withGuard.setString(3, random.nextInt(10) == 0 ? "{bad" : "{\"i\":" + i + "}");
                        if (random.nextBoolean()) {
                            withGuard.setNull(4, Types.VARCHAR);
                        } else {
                            withGuard.setString(4, "{\"m\":" + i + "}");
                        }
                        withGuard.setLong(5, random.nextInt(3) == 0 ? -1 : random.nextInt(20));
                        n = withGuard.executeUpdate();
                    }
                    out.add(i + " ok " + n);
                } catch (SQLException e) {
                    out.add(i + " " + e.getSQLState());
                }
            }
            out.add("fast path taken: " + (c.unwrap(SqlSession.class).fastPathAppends() > 0));
            try (ResultSet rs = c.createStatement().executeQuery("SELECT seq, stream_id, entity_type, version, name, "
                + "schema_version, source, data, metadata FROM events")) {
                out.addAll(SqlFixture.text(rs));
            }
        }
        return out;
    }

    @Test
    void fastAndCalcitePathsAgreeOnEveryOutcome() throws SQLException {
        long seed = Long.getLong("hindsight.fastpath.seed", System.nanoTime());
        List<String> fast = run(dir.resolve("fast"), true, seed);
        List<String> calcite = run(dir.resolve("calcite"), false, seed);
        assertThat(fast).as("seed=%d", seed).contains("fast path taken: true");
        assertThat(calcite).contains("fast path taken: false");
        fast.remove("fast path taken: true");
        calcite.remove("fast path taken: false");
        assertThat(fast).as("seed=%d", seed).isEqualTo(calcite);
        assertThat(fast).as("the workload hits conflicts, bad input and successes")
            .anyMatch(l -> l.endsWith(" 40001")).anyMatch(l -> l.endsWith(" 22023")).anyMatch(l -> l.contains(" ok "));
    }

    @Test
    void recognisesOnlyPlainSingleRowInserts() {
        assertThat(recognise("INSERT INTO events (stream_id, entity_type, name, data) "
            + "VALUES (?, ?, ?, ?)")).isNotNull();
        assertThat(recognise("insert into EVENTS (stream_id, entity_type, name, data, expected_version)"
            + " values ('a', 't', 'n', '{}', 0)")).isNotNull();
        assertThat(recognise("INSERT INTO events (stream_id, entity_type, name, data) "
            + "VALUES (?, ?, ?, ?), (?, ?, ?, ?)")).isNull();
        assertThat(recognise("INSERT INTO events (stream_id, entity_type, name, data) "
            + "VALUES (? || 'x', ?, ?, ?)")).isNull();
        assertThat(recognise("INSERT INTO events (seq, stream_id, entity_type, name, data) "
            + "VALUES (1, ?, ?, ?, ?)")).isNull();
        assertThat(recognise("INSERT INTO events (stream_id, entity_type, name, data) "
            + "SELECT stream_id, entity_type, name, data FROM events")).isNull();
        assertThat(recognise("SELECT * FROM events")).isNull();
    }

    /** The fast path of {@code sql} as a connection's parser reads it. */
    private static InsertFastPath recognise(String sql) {
        try {
            return InsertFastPath.recognise(
                SqlParser.create(sql, ConnectionSettings.PARSER).parseStmt());
        } catch (SqlParseException e) {
            throw new AssertionError(e);
        }
    }
}
