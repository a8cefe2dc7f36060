package dev.hindsight.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real client libraries over the thin jar: a HikariCP pool, and JDBI on that pool. */
class RemotePoolTest {

    @TempDir
    Path dir;

    @Test
    void hikariPoolsThinConnectionsAndJdbiAppendsAndQueriesThroughThem() throws Exception {
        try (RemoteServer server = RemoteServer.start(dir)) {
            Properties info = new Properties();
            info.setProperty("user", "app");
            info.setProperty("password", RemoteServer.WRITE_KEY);
            HikariConfig config = new HikariConfig();
            config.setDataSource(new ThinDataSource(server.url(), info));
            config.setMaximumPoolSize(4);
            config.setPoolName("thin");
            try (HikariDataSource pool = new HikariDataSource(config)) {
                try (Connection c = pool.getConnection()) {
                    assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("Hindsight");
                }
                Jdbi jdbi = Jdbi.create(pool);
                int appended = jdbi.withHandle(h -> h.createUpdate(Rows.INSERT
                        + "VALUES (:stream, 'order', 'order.placed', :data, NULL, 0)")
                    .bind("stream", "order-7").bind("data", "{\"total\":7}").execute());
                assertThat(appended).isEqualTo(1);
                List<String> names = jdbi.withHandle(h -> h.createQuery(
                        "SELECT name FROM events WHERE stream_id = :stream")
                    .bind("stream", "order-7").mapTo(String.class).list());
                assertThat(names).containsExactly("order.placed");
                String conflict = jdbi.withHandle(h -> {
                    try {
                        h.createUpdate(Rows.INSERT + "VALUES ('order-7', 'order', 'order.placed', '{}', NULL, 0)")
                            .execute();
                        return "none";
                    } catch (UnableToExecuteStatementException e) {
                        return ((SQLException) e.getCause()).getSQLState();
                    }
                });
                assertThat(conflict).isEqualTo("40001");
            }
        }
    }
}
