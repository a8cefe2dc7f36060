package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import schemacrawler.schema.Catalog;
import schemacrawler.schema.Column;
import schemacrawler.schema.Table;
import schemacrawler.schemacrawler.LimitOptionsBuilder;
import schemacrawler.schemacrawler.LoadOptionsBuilder;
import schemacrawler.schemacrawler.SchemaCrawlerOptions;
import schemacrawler.schemacrawler.SchemaCrawlerOptionsBuilder;
import schemacrawler.schemacrawler.SchemaInfoLevelBuilder;
import schemacrawler.tools.utility.SchemaCrawlerUtility;
import us.fatehi.utility.datasource.DatabaseConnectionSource;
import us.fatehi.utility.datasource.DatabaseConnectionSources;
import us.fatehi.utility.datasource.MultiUseUserCredentials;

/**
 * A real client library over the embedded driver: SchemaCrawler crawls everything {@code DatabaseMetaData} answers
 * at its maximum info level, and none of it makes SchemaCrawler log a warning (it logs through
 * {@code java.util.logging}).
 */
class SchemaCrawlerTest {

    @TempDir
    Path dir;
    SqlFixture sql;
    final List<LogRecord> logged = new ArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (logged) {
                logged.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    final Logger root = Logger.getLogger("");
    Level rootLevel;

    @BeforeEach
    void seed() throws SQLException {
        sql = SqlFixture.seeded(dir, "a:2");
        rootLevel = root.getLevel();
        root.setLevel(Level.INFO);
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
    }

    @AfterEach
    void close() throws SQLException {
        root.removeHandler(capture);
        root.setLevel(rootLevel);
        sql.close();
    }

    @Test
    void aCrawlAtTheMaximumInfoLevelFindsTheTablesAndLogsNoWarning() throws Exception {
        SchemaCrawlerOptions options = SchemaCrawlerOptionsBuilder.newSchemaCrawlerOptions()
            .withLimitOptions(LimitOptionsBuilder.builder().tableTypes((Collection<String>) null)
                .includeAllRoutines().includeAllSequences().includeAllSynonyms().toOptions())
            .withLoadOptions(LoadOptionsBuilder.builder().withSchemaInfoLevel(SchemaInfoLevelBuilder.maximum())
                .toOptions());
        DatabaseConnectionSource source = DatabaseConnectionSources.newDatabaseConnectionSource(
            "jdbc:hindsight:file:" + dir, Map.of("fastPath", Boolean.toString(SqlFixture.fastPaths())),
            new MultiUseUserCredentials("hindsight", "hindsight"), connection -> { });

        Catalog catalog;
        try {
            catalog = SchemaCrawlerUtility.getCatalog(source, options);
        } finally {
            source.close();
        }

        assertThat(catalog.getTables()).extracting(Table::getFullName)
            .contains("public.events", "public.streams");
        Table events = catalog.getTables().stream().filter(t -> t.getName().equals("events")).findFirst()
            .orElseThrow();
        assertThat(events.getColumns()).extracting(Column::getName).contains("seq", "stream_id", "ts", "data");
        assertThat(events.getPrimaryKey()).isNotNull();
        assertThat(events.getPrimaryKey().getConstrainedColumns()).extracting(Column::getName).containsExactly("seq");
        assertThat(warnings()).isEmpty();
    }

    /** What was logged at WARNING or above, each with its exception and where the driver threw it. */
    private List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        synchronized (logged) {
            for (LogRecord r : logged) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(r.getLoggerName() + ": " + r.getMessage()
                        + (r.getThrown() == null ? "" : " <- " + trace(r.getThrown())));
                }
            }
        }
        return warnings;
    }

    /** The exception and its first frames. */
    private static String trace(Throwable t) {
        StringBuilder sb = new StringBuilder(t.toString());
        StackTraceElement[] frames = t.getStackTrace();
        for (int i = 0; i < Math.min(6, frames.length); i++) {
            sb.append("\n        at ").append(frames[i]);
        }
        return sb.toString();
    }
}
