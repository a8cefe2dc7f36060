package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A single-row INSERT with its values written in shares one plan, its fast path, with the INSERTs that differ only in
 * those values: it appends as a prepared statement does, without being planned again (about 10 ms each over HTTP).
 */
class PlanCacheInsertTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:2");

    @Test
    void insertsDifferingOnlyInTheirValuesArePlannedOnceAndAppendByTheFastPath() throws SQLException {
        SqlSession session = sql.connection.unwrap(SqlSession.class);
        try (Statement st = sql.connection.createStatement()) {
            for (int i = 0; i < 5; i++) {
                String insert = "INSERT INTO events (stream_id, entity_type, name, data, expected_version) VALUES ('o-"
                    + i % 2 + "', 'order', 'placed', '{\"n\": " + i + "}', " + i / 2 + ")";
                assertThat(st.executeUpdate(insert)).as(insert).isEqualTo(1);
            }
        }
        assertThat(sql.rows("SELECT stream_id, version, name, data FROM events WHERE stream_id LIKE 'o-%' "
            + "ORDER BY seq"))
            .containsExactly("o-0, 1, placed, {\"n\": 0}", "o-1, 1, placed, {\"n\": 1}", "o-0, 2, placed, {\"n\": 2}",
                "o-1, 2, placed, {\"n\": 3}", "o-0, 3, placed, {\"n\": 4}");
        if (SqlFixture.fastPaths()) { // without them an INSERT has no plan to share: each is planned, as before
            assertThat(sql.rowsOfStatement("SELECT shape, parameters, hits FROM sys.statements "
                + "WHERE shape LIKE 'INSERT%'")).containsExactly(
                    "INSERT INTO events (stream_id, entity_type, name, data, expected_version) "
                        + "VALUES (?, ?, ?, ?, ?), 5, 4");
            assertThat(session.fastPathAppends()).isEqualTo(5);
        }
    }

    @Test
    void aConflictOnTheSharedPlanIsTheTextsOwnAndWritesNothing() throws SQLException {
        try (Statement st = sql.connection.createStatement()) {
            String insert = "INSERT INTO events (stream_id, entity_type, name, data, expected_version) VALUES ('a', "
                + "'thing', ";
            st.executeUpdate(insert + "'x', '{}', 2)");
            try {
                st.executeUpdate(insert + "'y', '{}', 2)");
                throw new AssertionError("a stale guard was taken");
            } catch (SQLException e) {
                assertThat(e.getSQLState()).isEqualTo("40001");
                assertThat(e.getMessage()).contains("'a'");
            }
        }
        assertThat(sql.rows("SELECT version, name FROM events WHERE stream_id = 'a' ORDER BY seq"))
            .containsExactly("1, thing.odd", "2, thing.even", "3, x");
    }

    @Test
    void aRefusedInsertOnTheSharedPlanLeavesNoKeysAndAReadOnlyConnectionIsToldSoFirst() throws SQLException {
        String insert = "INSERT INTO events (stream_id, entity_type, name, data, expected_version) VALUES ('k', "
            + "'thing', 'x', '{}', ";
        try (Statement st = sql.connection.createStatement()) {
            assertThat(st.executeUpdate(insert + "-1)")).isEqualTo(1);
            assertThat(sql.rowsOfStatement("SELECT COUNT(*) FROM sys.last_append")).containsExactly("1");
            assertThat(sqlState(st, insert + "-5)")).isEqualTo("22023");
            // the keys of the append before it were left: an INSERT refused leaves none, as Calcite's path
            assertThat(sql.rowsOfStatement("SELECT COUNT(*) FROM sys.last_append")).containsExactly("0");
            sql.connection.setReadOnly(true);
            assertThat(sqlState(st, insert + "-5)")).as("what the connection may do, before the values")
                .isEqualTo("25006");
            sql.connection.setReadOnly(false);
        }
    }

    @Test
    void aNumberOfOtherDigitsThanAsciiIsNotTheNumberOfTheSharedPlan() throws SQLException {
        String insert = "INSERT INTO events (stream_id, entity_type, name, data, schema_version) VALUES ('u', 'thing', "
            + "'x', '{}', ";
        try (Statement st = sql.connection.createStatement()) {
            assertThat(st.executeUpdate(insert + "2)")).isEqualTo(1);
            // Arabic-Indic and fullwidth three: the parser refuses both; read as 3 they ran the shared plan, appended
            assertThat(sqlState(st, insert + "\u0663)")).isEqualTo("42703");
            assertThat(sqlState(st, insert + "\uff13)")).isEqualTo("42601");
            assertThat(sql.rowsOfStatement("SELECT COUNT(*) FROM events WHERE seq = 2")).containsExactly("1");
            assertThat(sqlState(st, "SELECT COUNT(*) FROM events WHERE seq = \u0663")).as("a query alike")
                .isEqualTo("42703");
        }
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE stream_id = 'u'")).containsExactly("1");
    }

    /** The SQLState of running {@code statement}, or "ran" if it ran. */
    private static String sqlState(Statement st, String statement) {
        try {
            st.execute(statement);
            return "ran";
        } catch (SQLException e) {
            return e.getSQLState();
        }
    }

    @Test
    void aBatchOfInsertsWithASharedPlanIsStillAllOrNothing() throws SQLException {
        String insert = "INSERT INTO events (stream_id, entity_type, name, data) VALUES ('b', 'thing', 'x', ";
        try (Statement st = sql.connection.createStatement()) {
            st.executeUpdate(insert + "'{}')");
            st.addBatch(insert + "'{\"n\": 1}')");
            st.addBatch(insert + "'not json')");
            try {
                st.executeBatch();
                throw new AssertionError("a batch with a bad row ran");
            } catch (SQLException e) {
                assertThat(e.getSQLState()).isEqualTo("22023");
            }
            st.clearBatch();
            st.addBatch(insert + "'{\"n\": 2}')");
            st.addBatch(insert + "'{\"n\": 3}')");
            assertThat(st.executeBatch()).containsExactly(1, 1);
        }
        assertThat(sql.rows("SELECT version, data FROM events WHERE stream_id = 'b' ORDER BY seq"))
            .containsExactly("1, {}", "2, {\"n\": 2}", "3, {\"n\": 3}");
        if (SqlFixture.fastPaths()) {
            // a batch's statements do not use the shared plan: counted as its hits, they were planned all the same
            assertThat(sql.rowsOfStatement("SELECT hits FROM sys.statements WHERE shape LIKE 'INSERT%'"))
                .containsExactly("0");
        }
    }

    /** Templates of INSERTs, each filled with random values: plain ones, and what each path must refuse alike. */
    private static final List<Function<Random, String>> CORPUS = List.of(
        r -> "INSERT INTO events (stream_id, entity_type, name, data) VALUES (" + text(r) + ", 't', " + text(r) + ", "
            + data(r) + ")",
        r -> "INSERT INTO events (stream_id, entity_type, name, data, expected_version) VALUES ('s-" + r.nextInt(3)
            + "', 't', 'n', "
            + data(r) + ", " + number(r) + ")",
        r -> "INSERT INTO events (name, data, stream_id, schema_version, entity_type) VALUES ('n', '{}', 's-"
            + r.nextInt(3) + "', "
            + number(r) + ", 't')",
        r -> "INSERT INTO events (stream_id, entity_type, name, data, metadata) VALUES ('s-1', " + text(r) + ", 'n', "
            + data(r) + ", " + data(r) + ")",
        r -> "INSERT INTO events (stream_id, entity_type, name, data) VALUES (" + number(r) + ", 't', 'n', '{}')",
        r -> "INSERT INTO events (stream_id, entity_type, name, data, expected_version) VALUES ('s-2', 't', 'n', '{}', "
            + text(r) + ")",
        r -> "INSERT INTO events (stream_id, entity_type, name) VALUES ('s-" + r.nextInt(3) + "', 't', 'n')",
        r -> "INSERT INTO events (stream_id, entity_type, name, data) VALUES ('s-0', 't', 'n', '{}'), "
            + "('s-1', 't', 'n', " + data(r) + ")",
        r -> "INSERT INTO \"events\" (stream_id, entity_type, name, data) -- it's\nVALUES ('s-" + r.nextInt(3)
            + "', 't', 'n', '{}')",
        r -> "INSERT INTO events (stream_id, entity_type, stream_id, data) VALUES ('s-0', 't', 'n', '{}')",
        r -> "INSERT INTO events (stream_id, entity_type, name, data, seq) VALUES ('s-0', 't', 'n', '{}', " + number(r)
            + ")");

    private static String text(Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> "''";
            case 1 -> "'it''s'";
            case 2 -> "'trailing '";
            case 3 -> "'" + "x".repeat(200 + r.nextInt(400)) + "'";
            case 4 -> "NULL";
            case 5 -> "'é" + r.nextInt(3) + "'";
            default -> "'s-" + r.nextInt(3) + "'";
        };
    }

    private static String data(Random r) {
        return switch (r.nextInt(7)) {
            case 0 -> "'not json'";
            case 1 -> "'[1]'";
            case 2 -> "NULL";
            case 3 -> "''";
            default -> "'{\"k\": " + r.nextInt(9) + "}'";
        };
    }

    private static String number(Random r) {
        return switch (r.nextInt(10)) {
            case 0 -> "-1";
            case 8 -> "-5";
            case 1 -> "1.5";
            case 2 -> "3000000000";
            case 3 -> "NULL";
            case 4 -> "'2'";
            default -> String.valueOf(r.nextInt(4));
        };
    }

    @Test
    void sharedAndUnsharedPlansAppendAndRefuseAlikeOverASeededCorpus(@TempDir Path dir) throws Exception {
        long seed = Long.getLong("seed", System.nanoTime());
        Random random = new Random(seed);
        List<String> statements = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            statements.add(CORPUS.get(random.nextInt(CORPUS.size())).apply(random));
        }
        // an append, a conflict and a refused value whatever the seed drew (a run drew no conflict: a clean clone's)
        String insert = "INSERT INTO events (stream_id, entity_type, name, data, expected_version) VALUES ('seed', "
            + "'thing', 'n', ";
        statements.addAll(List.of(insert + "'{}', 1)", insert + "'{}', 1)", insert + "'not json', -1)"));
        Properties off = new Properties();
        off.setProperty("planCacheSize", "0");
        List<String> uncached = outcomes(Files.createDirectory(dir.resolve("uncached")), off, statements);
        List<String> cached = outcomes(Files.createDirectory(dir.resolve("cached")), new Properties(), statements);
        assertThat(cached).as("seed=%d (rerun with -Dseed=%d)", seed, seed).isEqualTo(uncached);
        assertThat(cached).as("the corpus appends and refuses, seed=%d", seed).anyMatch(o -> o.endsWith("-> 1"))
            .anyMatch(o -> o.contains("-> 40001")).anyMatch(o -> o.contains("-> 22023"));
    }

    /** Each statement's outcome on a new log in {@code dir}, then the log's events. */
    private static List<String> outcomes(Path dir, Properties properties, List<String> statements)
            throws SQLException {
        List<String> out = new ArrayList<>();
        try (SqlFixture log = SqlFixture.seeded(dir, "seed:1");
             Connection c = SqlFixture.connect(log.url(), properties);
             Statement st = c.createStatement()) {
            for (String statement : statements) {
                try {
                    out.add(statement + " -> " + st.executeUpdate(statement));
                } catch (SQLException e) {
                    out.add(statement + " -> " + e.getSQLState() + " " + e.getMessage());
                }
            }
            if (properties.isEmpty() && SqlFixture.fastPaths()) {
                assertThat(c.unwrap(SqlSession.class).fastPathAppends()).as("appends by the shared plan").isPositive();
            }
            out.addAll(log.rows("SELECT stream_id, entity_type, version, name, data, metadata, schema_version "
                + "FROM events ORDER BY seq"));
        }
        return out;
    }
}
