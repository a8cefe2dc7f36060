package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A SQL projection's life: restart, replacement while queried, drop, metadata, read-your-writes, read-only. */
class ProjectionLifecycleTest {

    @TempDir
    Path dir;

    private static void append(SqlFixture sql, String stream, String name, int n) throws SQLException {
        sql.update("INSERT INTO events (stream_id, entity_type, name, data) VALUES ('" + stream + "', 'thing', '"
            + name + "', '{\"n\":" + n + "}')");
    }

    private static final String COUNTS = "CREATE PROJECTION counts AS SELECT stream_id, COUNT(*) AS events, "
        + "SUM(CAST(JSON_VALUE(data, '$.n') AS INTEGER)) AS total FROM events GROUP BY stream_id";

    @Test
    void aDefinitionComesBackOnRestartWithItsStateAndItsHistory() throws SQLException {
        try (SqlFixture sql = SqlFixture.open(dir)) {
            for (int i = 1; i <= 30; i++) {
                append(sql, "s" + i % 3, "x.happened", i);
            }
            sql.update(COUNTS);
            assertThat(sql.rows("SELECT * FROM counts ORDER BY stream_id"))
                .containsExactly("s0, 10, 165", "s1, 10, 145", "s2, 10, 155");
        }
        assertThat(dir.resolve("projections/counts.sql")).exists();
        try (SqlFixture sql = SqlFixture.open(dir)) {
            append(sql, "s0", "x.happened", 100);
            assertThat(sql.rows("SELECT * FROM counts ORDER BY stream_id"))
                .containsExactly("s0, 11, 265", "s1, 10, 145", "s2, 10, 155");
            // older than the snapshot: answered after its history is rebuilt
            assertThat(sql.rows("SELECT * FROM counts AS OF SEQUENCE 3 ORDER BY stream_id"))
                .containsExactly("s0, 1, 3", "s1, 1, 1", "s2, 1, 2");
            sql.update("DROP PROJECTION counts");
            assertThat(sql.rows("SELECT name FROM sys.projections")).isEmpty();
        }
        assertThat(dir.resolve("projections/counts.sql")).doesNotExist();
        try (SqlFixture sql = SqlFixture.open(dir)) {
            SQLException e = catchThrowableOfType(SQLException.class, () -> sql.rows("SELECT * FROM counts"));
            assertThat(e.getMessage()).contains("counts");
            SQLException drop = catchThrowableOfType(SQLException.class, () -> sql.update("DROP PROJECTION counts"));
            assertThat(drop.getSQLState()).isEqualTo("42P01");
            sql.update("DROP PROJECTION IF EXISTS counts");
        }
    }

    @Test
    void aNameNoProjectionCanHaveIsInvalidNameAndDroppingALogTableIsWrongObjectType() throws SQLException {
        try (SqlFixture sql = SqlFixture.open(dir)) {
            append(sql, "s1", "x.happened", 1);
            // given a quoted name with a character no projection name has, when created, then PostgreSQL's
            // invalid_name (a bad value of a parameter it is not), and nothing is created
            SQLException bad = catchThrowableOfType(SQLException.class, () -> sql.update(
                "CREATE PROJECTION \"bad-name\" AS SELECT stream_id, COUNT(*) AS n FROM events GROUP BY stream_id"));
            assertThat(bad.getSQLState()).isEqualTo("42602");
            assertThat(bad.getMessage()).contains("bad-name");
            // when a table of the log is dropped as a projection, then it is there but no projection (even with IF
            // EXISTS), and it stays
            for (String drop : List.of("DROP PROJECTION events", "DROP PROJECTION IF EXISTS streams")) {
                SQLException e = catchThrowableOfType(SQLException.class, () -> sql.update(drop));
                assertThat(e.getSQLState()).as(drop).isEqualTo("42809");
            }
            assertThat(sql.rows("SELECT COUNT(*) FROM events")).containsExactly("1");
            assertThat(sql.rows("SELECT name FROM sys.projections")).isEmpty();
        }
    }

    /** A restore that kept the projections directory: the snapshot's position is in this log, its events are not. */
    @Test
    void givenASnapshotCopiedFromAnotherLog_whenOpened_thenItIsNotUsedAndTheRowsAreThisLogs() throws Exception {
        Path other = Files.createDirectories(dir.resolve("other"));
        Path here = Files.createDirectories(dir.resolve("here"));
        try (SqlFixture sql = SqlFixture.open(other)) {
            append(sql, "zz-1", "x.happened", 7);
            sql.update(COUNTS); // its snapshot at seq 1 is written at the close
        }
        try (SqlFixture sql = SqlFixture.open(here)) {
            for (int i = 1; i <= 3; i++) {
                append(sql, "bb-" + i, "x.happened", i);
            }
        }
        try (var files = Files.list(other.resolve("projections"))) {
            Files.createDirectories(here.resolve("projections"));
            for (Path f : files.toList()) {
                Files.copy(f, here.resolve("projections").resolve(f.getFileName()));
            }
        }
        assertThat(here.resolve("projections/counts.snapshot")).exists();

        try (SqlFixture sql = SqlFixture.open(here)) {
            // it answered "bb-2, 1, 2", "bb-3, 1, 3", "zz-1, 1, 7": the other log's state, this one's events after it
            assertThat(sql.rows("SELECT * FROM counts ORDER BY stream_id"))
                .containsExactly("bb-1, 1, 1", "bb-2, 1, 2", "bb-3, 1, 3");
        }
    }

    /** The file system's refusal (a full disk, a read-only mount) is said with its reason, not withheld as XX000. */
    @Test
    void givenTheDefinitionCannotBeWritten_whenCreated_thenItIs58030NamingTheFileAndNoProjectionIsLeft()
            throws Exception {
        try (SqlFixture sql = SqlFixture.open(dir)) {
            append(sql, "s1", "x.happened", 1);
            Files.createDirectories(dir.resolve("projections/counts.sql.tmp")); // where the definition is written first

            SQLException e = catchThrowableOfType(SQLException.class, () -> sql.update(COUNTS));

            assertThat(e.getSQLState()).isEqualTo("58030");
            assertThat(e.getMessage()).contains("counts.sql", "cannot write").doesNotContain("Exception");
            assertThat(sql.rows("SELECT name FROM sys.projections")).isEmpty();
            Files.deleteIfExists(dir.resolve("projections/counts.sql.tmp")); // the failed write may have removed it
            sql.update(COUNTS);
            assertThat(sql.rows("SELECT * FROM counts")).containsExactly("s1, 1, 1");
        }
    }

    @Test
    void createOrReplaceBuildsBesideTheOldOneAndNoQuerySeesItHalfBuilt() throws Exception {
        try (SqlFixture sql = SqlFixture.open(dir)) {
            try (PreparedStatement ps = sql.connection.prepareStatement("INSERT INTO events (stream_id, entity_type, "
                    + "name, data) VALUES (?, 'thing', 'x.happened', '{\"n\":1}')")) {
                for (int i = 1; i <= 3_000; i++) {
                    ps.setString(1, "s" + i % 5);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            sql.update(COUNTS);
            SQLException again = catchThrowableOfType(SQLException.class, () -> sql.update(COUNTS));
            assertThat(again.getSQLState()).isEqualTo("42P07");
            AtomicBoolean done = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<String> seen = new ArrayList<>();
            Thread reader = new Thread(() -> {
                try (SqlFixture other = SqlFixture.open(dir)) {
                    while (!done.get()) {
                        List<String> rows = other.rows("SELECT SUM(events) FROM counts");
                        synchronized (seen) {
                            seen.addAll(rows);
                        }
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            reader.start();
            sql.update(COUNTS.replace("CREATE PROJECTION", "CREATE OR REPLACE PROJECTION")
                .replace("SUM(CAST", "MAX(CAST"));
            done.set(true);
            reader.join();
            assertThat(failure.get()).isNull();
            assertThat(seen).isNotEmpty().allMatch("3000"::equals);
            assertThat(sql.rows("SELECT * FROM counts WHERE stream_id = 's1'")).containsExactly("s1, 600, 1");
        }
    }

    @Test
    void havingOuterExpressionsAndMetadataBehaveAsATable() throws SQLException {
        try (SqlFixture sql = SqlFixture.open(dir)) {
            for (int i = 1; i <= 10; i++) {
                append(sql, "s" + i % 2, i % 3 == 0 ? "x.big" : "x.small", i);
            }
            sql.update("CREATE PROJECTION busy AS SELECT stream_id AS id, name, COUNT(*) * 10 AS score, "
                + "MAX(seq) - MIN(seq) AS span FROM events GROUP BY stream_id, name HAVING COUNT(*) > 1");
            assertThat(sql.rows("SELECT * FROM busy ORDER BY id, name"))
                .containsExactly("s0, x.small, 40, 8", "s1, x.big, 20, 6", "s1, x.small, 30, 6");
            assertThat(sql.rows("SELECT b.id, s.version FROM busy b JOIN streams s ON s.stream_id = b.id "
                + "WHERE b.name = 'x.big'")).containsExactly("s1, 5");
            DatabaseMetaData md = sql.connection.getMetaData();
            try (ResultSet rs = md.getPrimaryKeys(null, "public", "busy")) {
                assertThat(SqlFixture.text(rs)).extracting(r -> r.split(", ", -1)[3]).containsExactly("id", "name");
            }
            try (ResultSet rs = md.getColumns(null, "public", "busy", null)) {
                assertThat(SqlFixture.text(rs)).extracting(r -> r.split(", ", -1)[3])
                    .containsExactly("id", "name", "score", "span");
            }
            try (ResultSet rs = md.getTables(null, "public", "busy", null)) {
                assertThat(SqlFixture.text(rs)).hasSize(1);
            }
        }
    }

    @Test
    void readYourWritesFromSqlAndNoDdlInAReadOnlySession() throws SQLException {
        try (SqlFixture sql = SqlFixture.open(dir)) {
            sql.update(COUNTS);
            append(sql, "a", "x.happened", 5);
            String id = sql.rows("SELECT event_id FROM events WHERE seq = 1").get(0);
            assertThat(sql.rows("SELECT * FROM TABLE(sys.await_projection('counts', 1, 5000))"))
                .containsExactly("true, 1");
            assertThat(sql.rows("SELECT applied FROM TABLE(sys.await_projection_event('counts', '" + id
                + "', 5000))")).containsExactly("true");
            assertThat(sql.rows("SELECT * FROM TABLE(sys.await_projection('counts', 99, 10))"))
                .containsExactly("false, 1");
            SQLException bad = catchThrowableOfType(SQLException.class,
                () -> sql.rows("SELECT * FROM TABLE(sys.await_projection_event('counts', 'nope', 10))"));
            assertThat(bad.getMessage()).contains("bad event_id 'nope'");
            // a parameter: Calcite calls the function while planning with NULL for it, then with the value
            assertThat(sql.rows("SELECT * FROM TABLE(sys.await_projection('counts', ?, 5000))", 1L))
                .containsExactly("true, 1");
            assertThat(sql.rows("SELECT applied FROM TABLE(sys.await_projection_event(?, ?, ?))", "counts", id,
                5000L)).containsExactly("true");
            for (String nulled : List.of("await_projection('counts', NULL, 10)", "await_projection(NULL, 1, 10)",
                "await_projection('counts', 1, NULL)", "await_projection_event('counts', NULL, 10)")) {
                // the fuzz hunt: a NULL long was an internal error (Calcite could not call the function), a NULL
                // event id a wait for seq 0, applied at once
                SQLException refused = catchThrowableOfType(SQLException.class,
                    () -> sql.rows("SELECT * FROM TABLE(sys." + nulled + ")"));
                assertThat((Throwable) refused).as(nulled).isNotNull();
                assertThat(refused.getSQLState()).as(nulled).isEqualTo("22004");
            }
            sql.connection.setReadOnly(true);
            SQLException ro = catchThrowableOfType(SQLException.class, () -> sql.update("DROP PROJECTION counts"));
            assertThat(ro.getSQLState()).isEqualTo("25006");
        }
    }

    @Test
    void projectionDdlRetiresTheCachedPlansOfTheConnection() throws SQLException {
        try (SqlFixture sql = SqlFixture.open(dir)) {
            append(sql, "a", "x.happened", 5);
            sql.update(COUNTS);
            assertThat(sql.rowsOfStatement("SELECT * FROM counts")).containsExactly("a, 1, 5");
            assertThat(sql.rowsOfStatement("SELECT * FROM counts")).containsExactly("a, 1, 5"); // from the cache
            sql.update("DROP PROJECTION counts");
            sql.update("CREATE PROJECTION counts AS SELECT stream_id, MAX(seq) * 100 AS last FROM events "
                + "GROUP BY stream_id");
            assertThat(sql.rowsOfStatement("SELECT * FROM counts")).containsExactly("a, 100");
        }
    }

    @Test
    void aStoredDefinitionThatNoLongerCompilesIsListedAsFailedUntilReplacedOrDropped() throws Exception {
        try (SqlFixture sql = SqlFixture.open(dir)) {
            append(sql, "a", "x.happened", 5);
            append(sql, "a", "x.happened", 6);
            sql.update(COUNTS);
        }
        // given a stored definition this version does not compile (as after an upgrade that dropped a function)
        Path stored = dir.resolve("projections/counts.sql");
        String broken = "CREATE PROJECTION counts AS SELECT stream_id, RETIRED_FN(data) AS x FROM events "
            + "GROUP BY stream_id";
        Files.writeString(stored, broken);
        Properties pastOnly = new Properties();
        pastOnly.setProperty("asOf", "seq:1");
        try (Connection asOf = SqlFixture.connect("jdbc:hindsight:file:" + dir, pastOnly);
             SqlFixture sql = SqlFixture.open(dir)) {
            assertThat(SqlFixture.text(asOf.createStatement().executeQuery("SELECT COUNT(*) FROM events")))
                .containsExactly("1");
            // when connections open (the as-of one may not create projections: the next one tries, and fails),
            // then it is listed as failed, says why (not that the first connection was read-only), keeps its
            // definition and still holds its name
            List<String> status = sql.rows("SELECT name, status, position, lag, error FROM sys.projections");
            assertThat(status).hasSize(1);
            assertThat(status.get(0)).startsWith("counts, failed, 0, 2, its stored definition no longer compiles")
                .contains("RETIRED_FN");
            assertThat(catchThrowableOfType(SQLException.class, () -> sql.rows("SELECT * FROM counts"))
                .getSQLState()).isEqualTo("42P01");
            assertThat(catchThrowableOfType(SQLException.class,
                () -> sql.rows("SELECT * FROM TABLE(sys.await_projection('counts', 1, 10))")).getSQLState())
                .isEqualTo("55000");
            assertThat(catchThrowableOfType(SQLException.class, () -> sql.update(COUNTS)).getSQLState())
                .isEqualTo("42P07");
            assertThat(stored).hasContent(broken);
        }
        try (SqlFixture sql = SqlFixture.open(dir)) {
            assertThat(sql.rows("SELECT name, status FROM sys.projections")).containsExactly("counts, failed");
            // when it is replaced by a definition that fails on the log, then that is refused and the old one stays
            SQLException failing = catchThrowableOfType(SQLException.class, () -> sql.update(
                "CREATE OR REPLACE PROJECTION counts AS SELECT stream_id, SUM(CAST(name AS INTEGER)) AS x "
                    + "FROM events GROUP BY stream_id"));
            assertThat(failing.getSQLState()).isEqualTo("22018");
            assertThat(failing.getMessage()).contains("projection counts was not created: it failed at seq 1");
            assertThat(sql.rows("SELECT name, status FROM sys.projections")).containsExactly("counts, failed");
            assertThat(stored).hasContent(broken);
            // when it is replaced, then it runs again from the log
            sql.update(COUNTS.replace("CREATE", "CREATE OR REPLACE"));
            assertThat(sql.rows("SELECT name, status, error FROM sys.projections"))
                .containsExactly("counts, active, null");
            assertThat(sql.rows("SELECT * FROM counts")).containsExactly("a, 2, 11");
        }
        Files.writeString(stored, broken);
        try (SqlFixture sql = SqlFixture.open(dir)) {
            // when it is dropped, then it is gone, its file too
            sql.update("DROP PROJECTION counts");
            assertThat(sql.rows("SELECT name FROM sys.projections")).isEmpty();
            assertThat(stored).doesNotExist();
        }
    }

    @Test
    void openingALogWritesNoStoredDefinitionAgain_soAFileThatCannotBeWrittenFailsNothing() throws Exception {
        try (SqlFixture sql = SqlFixture.open(dir)) {
            append(sql, "a", "x.happened", 5);
            sql.update(COUNTS);
        }
        // given a definition file that cannot be written (its temporary name taken by a directory)
        Files.createDirectory(dir.resolve("projections/counts.sql.tmp"));
        try (SqlFixture sql = SqlFixture.open(dir)) {
            // then the stored definition compiles and runs as before, and is not listed as no longer compiling
            assertThat(sql.rows("SELECT name, status, error FROM sys.projections"))
                .containsExactly("counts, active, null");
            assertThat(sql.rows("SELECT * FROM counts")).containsExactly("a, 1, 5");
        }
    }

    @Test
    void filesThatAreNoProjectionsOwnAreNeitherRunNorListed() throws Exception {
        try (SqlFixture sql = SqlFixture.open(dir)) {
            append(sql, "a", "x.happened", 5);
            sql.update(COUNTS);
            sql.update("CREATE /* v2 */ PROJECTION names AS SELECT stream_id, COUNT(*) AS n FROM events "
                + "GROUP BY stream_id"); // a comment in the head: the name check reads it as the engine does
        }
        // an older definition of counts kept under other names (before and after counts.sql in any order), and a
        // broken one under a name no projection can have
        String older = "-- kept\nCREATE /* v1 */ OR REPLACE PROJECTION Counts AS SELECT stream_id, COUNT(*) AS "
            + "events, 0 AS total FROM events GROUP BY stream_id";
        for (String copy : List.of("a_counts", "counts_old", "zz", "backup")) {
            Files.writeString(dir.resolve("projections/" + copy + ".sql"), older);
        }
        Files.writeString(dir.resolve("projections/Counts Copy.sql"), "CREATE PROJECTION x AS SELECT RETIRED_FN(data) "
            + "AS x, COUNT(*) AS n FROM events GROUP BY RETIRED_FN(data)");
        try (SqlFixture sql = SqlFixture.open(dir)) {
            assertThat(sql.rows("SELECT name, status FROM sys.projections"))
                .containsExactly("counts, active", "names, active");
            assertThat(sql.rows("SELECT * FROM counts")).containsExactly("a, 1, 5");
        }
        assertThat(dir.resolve("projections/counts.sql")).hasContent(COUNTS);
        assertThat(ProjectionCatalog.projectionNamed(older)).isEqualTo("counts");
        assertThat(ProjectionCatalog.projectionNamed("/* a */ create projection \"x_1\" as select 1")).isEqualTo("x_1");
        assertThat(ProjectionCatalog.projectionNamed("SELECT 1")).isNull();
        assertThat(ProjectionCatalog.projectionNamed("-- c\r\n/* d */ CREATE PROJECTION \"counts\"AS SELECT 1"))
            .isEqualTo("counts");
        assertThat(ProjectionCatalog.projectionNamed("-- c\n" + " ".repeat(40) + "CREATE/**/PROJECTION counts AS"))
            .isEqualTo("counts");
        assertThat(ProjectionCatalog.projectionNamed("-- c\n" + " ".repeat(100_000) + "CREATE PROJECTION"))
            .as("read once, no backtracking").isNull();
    }

    @Test
    void aProjectionNamedInAnyOfTheEnginesSpellingsIsRestored() throws Exception {
        // given projections named with a Unicode escape, one of them replacing another's definition
        try (SqlFixture sql = SqlFixture.open(dir)) {
            append(sql, "a", "x.happened", 5);
            sql.update("CREATE PROJECTION U&\"escaped\" AS SELECT COUNT(*) AS n FROM events");
            sql.update("CREATE PROJECTION kept AS SELECT COUNT(*) AS n FROM events");
            sql.update("CREATE OR REPLACE PROJECTION U&\"k\\0065pt\" AS SELECT MAX(seq) AS m FROM events");
        }
        // when the log is opened again, then each is there, under its name, with its rows
        try (SqlFixture sql = SqlFixture.open(dir)) {
            assertThat(sql.rows("SELECT name, status FROM sys.projections ORDER BY name"))
                .containsExactly("escaped, active", "kept, active");
            assertThat(sql.rows("SELECT * FROM kept")).containsExactly("1");
            assertThat(sql.rows("SELECT * FROM escaped")).containsExactly("1");
        }
        assertThat(ProjectionCatalog.projectionNamed("CREATE PROJECTION U&\"escaped\" AS SELECT 1")).isNull();
        assertThat(ProjectionCatalog.projectionNamed("CREATE PROJECTION \"a\"\"b\" AS SELECT 1")).isNull();
        assertThat(ProjectionCatalog.projectionNamed("CREATE PROJECTION a$b AS SELECT 1")).isNull();
        assertThat(ProjectionCatalog.projectionNamed("CREATE PROJECTION \"ab\"/**/AS SELECT 1")).isEqualTo("ab");
    }

    @Test
    void connectionsOpenedAtOnceListEveryFailedDefinitionWithItsOwnReason() throws Exception {
        try (SqlFixture sql = SqlFixture.open(dir)) {
            append(sql, "a", "x.happened", 5);
        }
        Files.createDirectories(dir.resolve("projections"));
        int definitions = 20;
        for (int i = 0; i < definitions; i++) {
            Files.writeString(dir.resolve("projections/p" + i + ".sql"), "CREATE PROJECTION p" + i + " AS SELECT "
                + "RETIRED_FN(data) AS x, COUNT(*) AS n FROM events GROUP BY RETIRED_FN(data)");
        }
        int connections = 6;
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        CyclicBarrier together = new CyclicBarrier(connections);
        List<Future<SqlFixture>> opened = new ArrayList<>();
        try {
            for (int c = 0; c < connections; c++) {
                opened.add(pool.submit(() -> {
                    together.await();
                    return SqlFixture.open(dir);
                }));
            }
            List<SqlFixture> all = new ArrayList<>();
            for (Future<SqlFixture> f : opened) {
                all.add(f.get());
            }
            List<String> errors = all.get(0).rows("SELECT error FROM sys.projections");
            assertThat(errors).hasSize(definitions).allSatisfy(e -> assertThat(e).contains("RETIRED_FN"));
            for (SqlFixture sql : all) {
                sql.close();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void givenTwoPlainCreatesOfOneNameRacing_thenOneCreatesItAndTheOtherIs42P07() throws Exception {
        String[] definitions = {
            "CREATE PROJECTION rr AS SELECT name AS nm, COUNT(*) AS na FROM events GROUP BY name",
            "CREATE PROJECTION rr AS SELECT stream_id AS st, COUNT(*) AS nb, MAX(seq) AS m1, MIN(seq) AS m2, "
                + "SUM(CAST(JSON_VALUE(data, '$.n') AS INTEGER)) AS tot FROM events GROUP BY stream_id"};
        String[] firstColumns = {"nm", "st"};
        try (SqlFixture a = SqlFixture.open(dir); SqlFixture b = SqlFixture.open(dir)) {
            for (int i = 0; i < 50; i++) {
                append(a, "s" + i % 5, "x.happened", i);
            }
            SqlFixture[] both = {a, b};
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                for (int round = 0; round < 10; round++) {
                    CyclicBarrier together = new CyclicBarrier(2);
                    List<Future<String>> outcomes = new ArrayList<>();
                    for (int c = 0; c < 2; c++) {
                        SqlFixture sql = both[c];
                        String definition = definitions[c];
                        outcomes.add(pool.submit(() -> {
                            together.await();
                            try {
                                sql.update(definition);
                                return "created";
                            } catch (SQLException e) {
                                return e.getSQLState();
                            }
                        }));
                    }
                    List<String> seen = List.of(outcomes.get(0).get(), outcomes.get(1).get());
                    // as PostgreSQL's CREATE MATERIALIZED VIEW: the second is refused, not taken as a replace
                    assertThat(seen).as("round " + round).containsExactlyInAnyOrder("created", "42P07");
                    int winner = seen.indexOf("created");
                    try (ResultSet rs = a.connection.createStatement().executeQuery("SELECT * FROM rr")) {
                        assertThat(rs.getMetaData().getColumnName(1)).as("round " + round + ": the winner's")
                            .isEqualTo(firstColumns[winner]);
                    }
                    a.update("DROP PROJECTION rr");
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
