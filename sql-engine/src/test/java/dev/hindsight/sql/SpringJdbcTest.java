package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.SimpleJdbcInsert;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A real client library over the embedded driver: Spring's {@code JdbcTemplate}, {@code SimpleJdbcInsert} and
 * {@code TransactionTemplate} (over a {@code DataSourceTransactionManager} over a HikariCP pool) do what an
 * application asks of them: keys come back, a transaction commits or rolls back as one.
 */
class SpringJdbcTest {

    static final String INSERT = InsertTest.COLUMNS + "VALUES (?, 't', 'x.y', '{}', NULL, NULL)";

    @TempDir
    Path dir;
    SqlFixture sql;
    HikariDataSource pool;

    @BeforeEach
    void seed() throws SQLException {
        sql = SqlFixture.seeded(dir, "a:2");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:hindsight:file:" + dir);
        config.addDataSourceProperty("fastPath", Boolean.toString(SqlFixture.fastPaths()));
        config.setMaximumPoolSize(2);
        pool = new HikariDataSource(config);
    }

    @AfterEach
    void close() throws SQLException {
        pool.close();
        sql.close();
    }

    @Test
    void aKeyHolderGetsTheSeqOfAnInsertAskedForKeyColumnSeq() {
        JdbcTemplate jdbc = new JdbcTemplate(pool);
        KeyHolder keys = new GeneratedKeyHolder();

        int n = jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement(INSERT, new String[] {"seq"});
            ps.setString(1, "b");
            return ps;
        }, keys);

        assertThat(n).isEqualTo(1);
        assertThat(keys.getKey()).isEqualTo(3L);
    }

    @Test
    void simpleJdbcInsertReadsTheTableAndReturnsTheSeqAsKey() throws SQLException {
        SimpleJdbcInsert insert = new SimpleJdbcInsert(pool)
            .withTableName("events")
            .usingColumns("stream_id", "entity_type", "name", "data", "expected_version")
            .usingGeneratedKeyColumns("seq");
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("stream_id", "b");
        event.put("entity_type", "t");
        event.put("name", "x.y");
        event.put("data", "{\"k\":1}");
        event.put("expected_version", 0);

        Number seq = insert.executeAndReturnKey(event);

        assertThat(seq).isEqualTo(3L);
        assertThat(sql.rows("SELECT stream_id, version, data FROM events WHERE seq = 3"))
            .containsExactly("b, 1, {\"k\":1}");
    }

    @Test
    void aTransactionTemplateAppendsItsInsertsAtCommit() throws SQLException {
        JdbcTemplate jdbc = new JdbcTemplate(pool);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(pool));

        tx.executeWithoutResult(status -> {
            jdbc.update(INSERT, "b");
            jdbc.update(INSERT, "c");
        });

        assertThat(sql.rows("SELECT stream_id FROM events WHERE seq > 2 ORDER BY seq")).containsExactly("b", "c");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM events", Long.class)).isEqualTo(4L);
    }

    @Test
    void aTransactionTemplateWhoseCallbackThrowsRollsBackAndAppendsNothing() throws SQLException {
        JdbcTemplate jdbc = new JdbcTemplate(pool);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(pool));

        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            jdbc.update(INSERT, "b");
            throw new IllegalStateException("changed my mind");
        })).isInstanceOf(IllegalStateException.class).hasMessage("changed my mind");

        assertThat(sql.rows("SELECT COUNT(*) FROM events")).containsExactly("2");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM events", Long.class))
            .as("the pooled connection is back in auto-commit, nothing held").isEqualTo(2L);
        jdbc.update(INSERT, "c");
        assertThat(sql.rows("SELECT stream_id FROM events WHERE seq > 2")).containsExactly("c");
    }
}
